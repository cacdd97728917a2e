import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCover } from '../../server/src/parse/cover';
import { parseDiffstat } from '../../server/src/parse/diffstat';
import { scanNotesMetadata } from '../../server/src/parse/notes';
import { findSignature } from '../../server/src/parse/signature';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

function read(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function fixture(name: string): string[] {
  return read(path.join(repoRoot, 'test/fixtures/diff', name));
}

/** Body = after the first blank line (the end of the headers), up to the signature. */
function coverOf(lines: string[]) {
  const bodyStart = lines.indexOf('') + 1;
  const sig = findSignature(new ArrayLines(lines), bodyStart, lines.length);
  const bodyEnd = sig ? sig.line : lines.length;
  return { bodyStart, bodyEnd, cover: parseCover(new ArrayLines(lines), bodyStart, bodyEnd, '') };
}

test("git's cover template: blurb marker, wrapped shortlog titles, diffstat", () => {
  const lines = fixture('cover-git.patch');
  const { cover, bodyStart, bodyEnd } = coverOf(lines);
  assert.deepEqual(cover.templateMarkers, [
    { text: '*** BLURB HERE ***', line: 5, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 18 } } },
  ]);
  assert.deepEqual([cover.blurbStartLine, cover.blurbEndLine], [5, 5]);
  assert.deepEqual(
    cover.shortlog.map((g) => [g.author, g.count, g.line, g.entries.map((e) => e.title)]),
    [
      ['Ada Lovelace', 1, 7, ['zeta: add a file with a deliberately long title that git must wrap in the shortlog']],
      ['Grace Hopper', 1, 11, ['zeta: an empty commit by someone else']],
    ],
  );
  const wrapped = cover.shortlog[0]?.entries[0];
  assert.deepEqual(wrapped?.range, { start: { line: 8, character: 2 }, end: { line: 9, character: 16 } });
  assert.deepEqual(cover.shortlog[0]?.countRange, { start: { line: 7, character: 14 }, end: { line: 7, character: 15 } });
  assert.deepEqual(cover.shortlogRange, { start: { line: 7, character: 0 }, end: { line: 12, character: 39 } });
  assert.deepEqual(cover.changelogLines, []);
  const ds = parseDiffstat(new ArrayLines(lines), bodyStart, bodyEnd);
  assert.deepEqual([ds?.startLine, ds?.files[0]?.path, ds?.modes[0]?.kind], [14, 'z.c', 'create']);
});

test("b4's cover: EDITME markers, changelog section, 6-space shortlog, metadata", () => {
  const lines = fixture('cover-b4.patch');
  const { cover, bodyStart, bodyEnd } = coverOf(lines);
  assert.deepEqual(
    cover.templateMarkers.map((m) => [m.text, m.line, m.range.start.character]),
    [
      ['EDITME: describe the testing you did.', 8, 0],
      ['EDITME: use bulletpoints and terse descriptions.', 14, 2],
    ],
  );
  assert.deepEqual([cover.blurbStartLine, cover.blurbEndLine], [5, 10]);
  assert.deepEqual(cover.changelogLines, [12]);
  assert.deepEqual(
    cover.shortlog.map((g) => [g.author, g.count, g.entries.map((e) => [e.title, e.line, e.range.start.character])]),
    [
      ['Ada Lovelace', 1, [['zeta: switch to interrupts', 19, 6]]],
      ['Grace Hopper', 1, [['zeta: a title that is long enough to have been wrapped by git but b4 never wraps it', 22, 6]]],
    ],
  );
  const ds = parseDiffstat(new ArrayLines(lines), bodyStart, bodyEnd);
  assert.deepEqual([ds?.insertions, ds?.deletions, ds?.files.map((f) => f.path)], [48, 4, ['drivers/zeta/core.c', 'drivers/zeta/irq.c']]);
  const meta = scanNotesMetadata(new ArrayLines(lines), bodyStart, bodyEnd);
  assert.equal(meta.baseCommit?.sha, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(meta.changeId?.value, '20240115-zeta-fast-0123456789ab');
  assert.deepEqual(
    meta.prerequisites.map((p) => p.key),
    ['prerequisite-change-id'],
  );
});

test('EDITME in a # comment line is not a leftover (b4 strips those lines)', () => {
  const lines = ['Real text.', '# EDITME: this comment is removed by b4', '', 'A (1):', '  x: y'];
  const cover = parseCover(new ArrayLines(lines), 0, lines.length, 'title');
  assert.deepEqual(cover.templateMarkers, []);
  assert.deepEqual([cover.blurbStartLine, cover.blurbEndLine], [0, 1]);
  assert.equal(cover.shortlog.length, 1);
});

test('a cover without blurb or shortlog', () => {
  const cover = parseCover(new ArrayLines(['', '', 'base-commit: 0123']), 0, 3, '');
  assert.deepEqual([cover.blurbStartLine, cover.blurbEndLine, cover.shortlog.length, cover.shortlogRange], [0, -1, 0, null]);
});

test('corpus covers: shortlog counts match entries and the series size', (t) => {
  const series = path.join(corpus, 'kvm-unit-tests/series');
  if (!fs.existsSync(series)) {
    t.skip(`corpus not found at ${series}`);
    return;
  }
  let checked = 0;
  for (const dir of fs.readdirSync(series)) {
    const withCover = path.join(series, dir, 'with-cover');
    const coverFile = path.join(withCover, '0000-cover-letter.patch');
    if (!fs.existsSync(coverFile)) continue;
    const patches = fs.readdirSync(withCover).filter((f) => f.endsWith('.patch') && !f.startsWith('0000-'));
    const { cover } = coverOf(read(coverFile));
    const entries = cover.shortlog.flatMap((g) => g.entries);
    for (const g of cover.shortlog) assert.equal(g.entries.length, g.count, `${dir}: ${g.author}`);
    assert.equal(entries.length, patches.length, dir);
    assert.deepEqual(cover.templateMarkers, [], dir);
    for (const e of entries) assert.ok(!/\s{2}/.test(e.title) && e.title === e.title.trim(), `${dir}: ${e.title}`);
    checked++;
  }
  assert.ok(checked > 0);
});
