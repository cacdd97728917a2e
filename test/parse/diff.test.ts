import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDiffStart, parseDiff, unquoteCPath } from '../../server/src/parse/diff';
import { findSignature } from '../../server/src/parse/signature';
import { parseDiffstat } from '../../server/src/parse/diffstat';
import { parseNotes } from '../../server/src/parse/notes';
import { parseCover } from '../../server/src/parse/cover';
import type { DiffFile, DiffLine } from '../../server/src/model/types';
import { ArrayLines } from '../../server/src/model/lines';

/** A hunk line's fields as a plain object (the parser's lines are HunkLine objects). */
const plain = (l: DiffLine | undefined): DiffLine | undefined => (l ? { kind: l.kind, line: l.line, text: l.text } : l);

const repoRoot = path.resolve(__dirname, '../../..');

function fixture(name: string): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'test/fixtures/diff', name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** findDiffStart .. signature, as the top-level parser does. */
function diffOf(lines: string[]) {
  const sig = findSignature(new ArrayLines(lines), 0, lines.length);
  const end = sig ? sig.line : lines.length;
  const start = findDiffStart(new ArrayLines(lines), 0, end);
  assert.ok(start >= 0, 'diff start found');
  return parseDiff(new ArrayLines(lines), start, end);
}

function byName(files: readonly DiffFile[], name: string): DiffFile {
  const f = files.find((x) => x.to === name || (x.to === '/dev/null' && x.from === name));
  assert.ok(f, `file ${name} parsed`);
  return f;
}

test('kitchen sink: modify, binary literal, new, deleted, rename without hunks, no newline, mode change', () => {
  const lines = fixture('kitchen-sink.patch');
  assert.equal(findDiffStart(new ArrayLines(lines), 0, lines.length), 24);
  const { diff, problems } = diffOf(lines);
  assert.deepEqual(problems, []);
  assert.equal(diff.startLine, 24);
  assert.equal(diff.endLine, 82);
  assert.deepEqual(
    diff.files.map((f) => [f.from, f.to, f.added, f.deleted]),
    [
      ['a.txt', 'a.txt', 2, 1],
      ['/dev/null', 'blob.bin', 0, 0],
      ['/dev/null', 'created.c', 2, 0],
      [
        'drivers/very/long/directory/name/that/goes/on/and/on/forever/and/ever/file.c',
        'drivers/very/long/directory/name/that/goes/on/and/on/forever/and/ever/file.c',
        1,
        0,
      ],
      ['gone.txt', '/dev/null', 0, 1],
      ['old_name.c', 'new_name.c', 0, 0],
      ['nonl.txt', 'nonl.txt', 1, 1],
      ['run.sh', 'run.sh', 0, 0],
    ],
  );

  const a = byName(diff.files, 'a.txt');
  assert.equal(a.startLine, 24);
  assert.equal(a.endLine, 35);
  assert.equal(a.index, 'b3c5a95..33a6a6a');
  assert.deepEqual(a.headerRange, { start: { line: 24, character: 0 }, end: { line: 27, character: 11 } });
  assert.equal(a.prefixed, true);
  const h = a.hunks[0];
  assert.ok(h);
  assert.deepEqual(
    [h.headerLine, h.oldStart, h.oldLines, h.newStart, h.newLines, h.actualOldLines, h.actualNewLines, h.endLine],
    [28, 1, 5, 1, 6, 5, 6, 35],
  );
  assert.deepEqual(h.headerRange, { start: { line: 28, character: 0 }, end: { line: 28, character: 15 } });
  assert.deepEqual(plain(h.lines.get(1)), { kind: 'del', line: 30, text: 'line2' });
  assert.deepEqual(plain(h.lines.get(2)), { kind: 'add', line: 31, text: 'line2 changed' });

  const blob = byName(diff.files, 'blob.bin');
  assert.equal(blob.binary, true);
  assert.equal(blob.isNew, true);
  assert.equal(blob.newMode, '100644');
  assert.deepEqual(blob.hunks, []);
  assert.equal(blob.startLine, 36);
  assert.equal(blob.endLine, 44, 'the base85 lines belong to the file');

  const created = byName(diff.files, 'created.c');
  assert.equal(created.isNew, true);
  assert.equal(created.hunks[0]?.oldLines, 0);

  const gone = byName(diff.files, 'gone.txt');
  assert.equal(gone.isDeleted, true);
  assert.equal(gone.oldMode, '100644');
  assert.equal(gone.hunks[0]?.newLines, 0);
  assert.equal(gone.hunks[0]?.oldLines, 1, 'a missing count means 1');

  const rename = byName(diff.files, 'new_name.c');
  assert.equal(rename.isRename, true);
  assert.equal(rename.isCopy, false);
  assert.deepEqual(rename.hunks, []);
  assert.deepEqual([rename.startLine, rename.endLine], [68, 71]);

  const nonl = byName(diff.files, 'nonl.txt');
  assert.deepEqual(
    [...(nonl.hunks[0]?.lines ?? [])].map((l) => [l.kind, l.line]),
    [
      ['del', 77],
      ['add', 78],
      ['nonewline', 79],
    ],
  );
  assert.equal(nonl.hunks[0]?.actualOldLines, 1);
  assert.equal(nonl.hunks[0]?.actualNewLines, 1);
  assert.equal(nonl.endLine, 79);

  const run = byName(diff.files, 'run.sh');
  assert.deepEqual([run.oldMode, run.newMode, run.hunks.length, run.startLine, run.endLine], ['100644', '100755', 0, 80, 82]);
});

test('CRLF line endings parse the same', () => {
  const lines = fixture('kitchen-sink.patch').map((l) => `${l}\r`);
  const { diff, problems } = diffOf(lines);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    diff.files.map((f) => [f.to, f.added, f.deleted]),
    diffOf(fixture('kitchen-sink.patch')).diff.files.map((f) => [f.to, f.added, f.deleted]),
  );
  assert.equal(diff.files[0]?.hunks[0]?.header, '@@ -1,5 +1,6 @@');
});

test('quoted names, names with spaces, rename with a hunk', () => {
  const { diff, problems } = diffOf(fixture('quoted-rename-scaled.patch'));
  assert.deepEqual(problems, []);
  assert.deepEqual(
    diff.files.map((f) => [f.from, f.to, f.added, f.deleted, f.isRename]),
    [
      ['/dev/null', 'café.txt', 1, 0, false],
      ['lib/sub/moved.c', 'lib/other/moved.c', 3, 0, true],
      ['lib/sub/big.c', 'lib/sub/big.c', 40, 40, false],
      ['with space.txt', 'with space.txt', 1, 1, false],
    ],
  );
});

test('copy', () => {
  const { diff, problems } = diffOf(fixture('copy.patch'));
  assert.deepEqual(problems, []);
  const f = diff.files[0];
  assert.ok(f);
  assert.deepEqual([f.from, f.to, f.isCopy, f.isRename, f.added, f.deleted], ['created.c', 'copied.c', true, false, 1, 0]);
});

test('"Binary files ... differ"', () => {
  const { diff, problems } = diffOf(fixture('binary-no-binary.patch'));
  assert.deepEqual(problems, []);
  const f = diff.files[0];
  assert.ok(f);
  assert.deepEqual([f.from, f.to, f.binary, f.isNew, f.added, f.deleted], ['/dev/null', 'blob2.bin', true, true, 0, 0]);
});

test('-p0 (--no-prefix) git diff keeps its paths and says so', () => {
  const { diff, problems } = diffOf(fixture('no-prefix.patch'));
  assert.deepEqual(problems, []);
  const f = diff.files[0];
  assert.ok(f);
  assert.deepEqual([f.from, f.to, f.prefixed, f.added, f.deleted], ['src/main.c', 'src/main.c', false, 1, 1]);
});

test('quilt Index:, diff -Naur and bare ---/+++ diffs', () => {
  const lines = fixture('quilt.patch');
  assert.equal(findDiffStart(new ArrayLines(lines), 0, lines.length), 12);
  const { diff, problems } = diffOf(lines);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    diff.files.map((f) => [f.from, f.to, f.prefixed, f.added, f.deleted, f.startLine, f.endLine]),
    [
      ['lib/one.c', 'lib/one.c', true, 1, 1, 12, 20],
      ['lib/two.c', 'lib/two.c', true, 1, 0, 21, 27],
      ['lib/three.c', 'lib/three.c', true, 0, 1, 28, 32],
    ],
  );
});

test('a wrapped line inside a hunk is CORRUPTED_PATCH; the hunk still adds up', () => {
  const { diff, problems } = diffOf(fixture('corrupted-wrapped.patch'));
  assert.deepEqual(
    problems.map((p) => [p.code, p.range.start.line, p.range.end.line, p.range.start.character, p.range.end.character]),
    [['CORRUPTED_PATCH', 16, 16, 0, 'wrapped\\n");'.length]],
  );
  const h = diff.files[0]?.hunks[0];
  assert.ok(h);
  assert.deepEqual([h.actualOldLines, h.actualNewLines, h.endLine], [3, 4, 18]);
});

test('hunk count mismatch and lines added by hand after a hunk', () => {
  const { diff, problems } = diffOf(fixture('hunk-count.patch'));
  assert.deepEqual(
    problems.map((p) => [p.code, p.range.start.line]),
    [
      ['HUNK_COUNT', 13],
      ['CORRUPTED_PATCH', 28],
    ],
  );
  assert.match(problems[0]?.message ?? '', /declares 5 old and 7 new lines but the body has 4 and 5/);
  const [a, b] = diff.files;
  assert.ok(a && b);
  assert.deepEqual([a.hunks[0]?.actualOldLines, a.hunks[0]?.actualNewLines, a.endLine], [4, 5, 19]);
  assert.equal(b.hunks.length, 2);
  assert.deepEqual([b.hunks[0]?.newLines, b.hunks[0]?.actualNewLines, b.hunks[0]?.endLine], [2, 3, 28]);
  assert.deepEqual([b.hunks[1]?.oldStart, b.hunks[1]?.oldLines, b.hunks[1]?.newLines], [9, 1, 1]);
  assert.deepEqual([b.added, b.deleted], [3, 2]);
});

test('a body shorter than its header at the end of the diff is HUNK_COUNT, trailing text is not corruption', () => {
  const lines = [
    'diff --git a/x b/x',
    '--- a/x',
    '+++ b/x',
    '@@ -1,4 +1,4 @@',
    ' a',
    '-b',
    '+c',
    '',
    'base-commit: 0123456789abcdef0123456789abcdef01234567',
  ];
  const { problems } = parseDiff(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['HUNK_COUNT'],
  );
});

test('"\\ No newline" in the middle of a hunk counts in neither side', () => {
  const lines = [
    'diff --git a/x b/x',
    '--- a/x',
    '+++ b/x',
    '@@ -1,2 +1,2 @@',
    ' keep',
    '-old',
    '\\ No newline at end of file',
    '+new',
    '\\ No newline at end of file',
  ];
  const { diff, problems } = parseDiff(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual(problems, []);
  const h = diff.files[0]?.hunks[0];
  assert.ok(h);
  assert.deepEqual(
    [...h.lines].map((l) => l.kind),
    ['normal', 'del', 'nonewline', 'add', 'nonewline'],
  );
  assert.deepEqual([h.actualOldLines, h.actualNewLines, h.endLine], [2, 2, 8]);
  assert.deepEqual([diff.files[0]?.added, diff.files[0]?.deleted], [1, 1]);
});

test('malformed hunk header', () => {
  const lines = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@ -1,2 +1,2 @@', ' a', '-b', '+c', ' ', '@@ -9 +9 @@', '-q', '+r'];
  const { diff, problems } = parseDiff(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual(
    problems.map((p) => [p.code, p.range.start.line]),
    [['CORRUPTED_PATCH', 3]],
  );
  assert.equal(diff.files[0]?.hunks.length, 1);
});

test('text after the last hunk (b4 basement, --base) is not diff', () => {
  const lines = [
    'diff --git a/x b/x',
    '--- a/x',
    '+++ b/x',
    '@@ -1 +1 @@',
    '-a',
    '+b',
    '',
    '---',
    'base-commit: 0123456789abcdef0123456789abcdef01234567',
    'change-id: 20240101-x-0123456789ab',
    '',
    'Best regards,',
  ];
  const { diff, problems } = parseDiff(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual(problems, []);
  assert.equal(diff.endLine, 5);
});

test('findDiffStart ignores prose that merely mentions diffs', () => {
  const lines = ['Run diff -u on it.', 'diff -u was used', 'Index: of things', '--- not a header', 'text'];
  assert.equal(findDiffStart(new ArrayLines(lines), 0, lines.length), -1);
  assert.equal(findDiffStart(new ArrayLines([]), 0, 5), -1);
});

test('parseDiff never throws on odd input', () => {
  const inputs: string[][] = [[], ['diff --git'], ['diff --git a/x b/x', 'GIT binary patch'], ['@@ -1 +1 @@'], ['--- a', '+++ b', '@@ -x @@']];
  for (const lines of inputs) {
    assert.doesNotThrow(() => parseDiff(new ArrayLines(lines), 0, lines.length + 3));
    assert.doesNotThrow(() => parseDiff(new ArrayLines(lines), -2, 1));
  }
});

test('unquoteCPath decodes git quoting', () => {
  assert.equal(unquoteCPath('"a/caf\\303\\251.txt"'), 'a/café.txt');
  assert.equal(unquoteCPath('"tab\\there\\"q\\\\"'), 'tab\there"q\\');
  assert.equal(unquoteCPath('plain'), 'plain');
});

test('findSignature: git version, b4 name, trailing blank lines', () => {
  const ks = fixture('kitchen-sink.patch');
  const sig = findSignature(new ArrayLines(ks), 0, ks.length);
  assert.ok(sig);
  assert.deepEqual([sig.line, sig.endLine, sig.text], [83, 84, '2.39.5']);
  const b4 = fixture('cover-b4.patch');
  const s2 = findSignature(new ArrayLines(b4), 0, b4.length);
  assert.ok(s2);
  assert.equal(s2.text, 'Ada Lovelace <ada@example.org>');
  assert.equal(s2.endLine, b4.length - 2, 'the trailing blank line is not part of it');
  assert.deepEqual(s2.range.end, { line: b4.length - 2, character: 'Ada Lovelace <ada@example.org>'.length });
});

test('findSignature: a "-- " hunk line is a removal, not a signature', () => {
  const endsWithRemoval = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +0,0 @@', '-a', '-- '];
  assert.equal(findSignature(new ArrayLines(endsWithRemoval), 0, endsWithRemoval.length), null);
  const removalInside = ['@@ -1,3 +0,0 @@', '-a', '-- ', '-b'];
  assert.equal(findSignature(new ArrayLines(removalInside), 0, removalInside.length), null);
  const contextAfter = ['@@ -1,3 +1,3 @@', ' a', '-- ', '+x', ' b'];
  assert.equal(findSignature(new ArrayLines(contextAfter), 0, contextAfter.length), null);
  const afterHunk = ['@@ -1 +1 @@', '-a', '+b', '-- ', '2.39.5'];
  assert.equal(findSignature(new ArrayLines(afterHunk), 0, afterHunk.length)?.line, 3);
  const long = ['text', '-- ', ...Array.from({ length: 11 }, (_, i) => `line ${i}`)];
  assert.equal(findSignature(new ArrayLines(long), 0, long.length), null);
  assert.equal(findSignature(new ArrayLines(['--', 'x']), 0, 2), null, 'no space: not a signature');
});

test('part-2 parsers never throw on arbitrary windows of the fixtures', () => {
  const dir = path.join(repoRoot, 'test/fixtures/diff');
  for (const name of fs.readdirSync(dir)) {
    const lines = fixture(name);
    const n = lines.length;
    for (let a = -1; a <= n + 1; a += 3) {
      for (let b = a; b <= n + 2; b += 5) {
        assert.doesNotThrow(() => {
          findSignature(new ArrayLines(lines), a, b);
          findDiffStart(new ArrayLines(lines), a, b);
          parseDiff(new ArrayLines(lines), a, b);
          parseDiffstat(new ArrayLines(lines), a, b);
          parseNotes(new ArrayLines(lines), a, b);
          parseCover(new ArrayLines(lines), a, b, '');
        }, `${name} [${a},${b})`);
      }
    }
  }
});
