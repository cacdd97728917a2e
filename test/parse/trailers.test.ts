import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTrailerSeparator, formatTrailerForGit, parseTrailerBlock } from '../../server/src/parse/trailers';
import { range, span } from '../../server/src/model/range';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');
const fixture = (name: string) => {
  const lines = fs.readFileSync(path.join(repoRoot, 'test/fixtures/trailers', name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

test('fixture: block, keys, values and the bracketed note', () => {
  const lines = fixture('folded-and-notes.msg');
  const block = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true });
  assert.ok(block);
  assert.equal(block.startLine, 5);
  assert.equal(block.endLine, 13);
  assert.deepEqual(block.range, range(5, 0, 13, lines[13]!.length));
  assert.deepEqual(block.trailers.map(formatTrailerForGit), [
    'Fixes: 0123456789ab ("KVM: x86: Add the frobnicator for nested guests")',
    'Reported-by: Some Reporter <reporter@example.org>',
    'Closes: https://lore.kernel.org/r/20240101000000.1234-1-reporter@example.org',
    'Cc: stable@vger.kernel.org # 6.1.x',
    'Signed-off-by: A U Thor <author@example.org>',
    'Acked-by: "Doe, Jane" <jane@example.org>',
    'Signed-off-by: M Aintainer <maint@example.org>',
  ]);
  assert.deepEqual(block.nonTrailerLines, [11]);

  const fixes = block.trailers[0]!;
  assert.equal(fixes.line, 5);
  assert.deepEqual(fixes.continuationLines, [6]);
  assert.deepEqual(fixes.range, range(5, 0, 6, 17));
  assert.deepEqual(fixes.valueRange, span(5, 7, lines[5]!.length));
  assert.equal(fixes.person, null);

  const sob = block.trailers[4]!;
  assert.equal(sob.noteLine, 11);
  assert.equal(block.trailers[3]!.noteLine, null);
});

test('fixture: key, separator and spacing ranges; `Key : v`', () => {
  const lines = fixture('folded-and-notes.msg');
  const acked = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true })?.trailers[5];
  assert.ok(acked);
  assert.equal(acked.key, 'Acked-by');
  assert.deepEqual(acked.keyRange, span(12, 0, 8));
  assert.equal(acked.spaceBeforeSeparator, ' ');
  assert.deepEqual(acked.separatorRange, span(12, 9, 10));
  assert.equal(acked.spaceAfterSeparator, ' ');
  assert.deepEqual(acked.valueRange, span(12, 11, 41));
});

test('fixture: people in trailers, with notes and exact ranges', () => {
  const lines = fixture('folded-and-notes.msg');
  const t = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true })?.trailers ?? [];
  const reported = t[1]!.person;
  assert.deepEqual(reported && [reported.name, reported.email], ['Some Reporter', 'reporter@example.org']);
  assert.deepEqual(reported?.nameRange, span(6 + 1, 13, 26));
  assert.deepEqual(reported?.emailRange, span(7, 28, 48));
  const cc = t[3]!.person;
  assert.deepEqual(cc && [cc.name, cc.email, cc.comment], ['', 'stable@vger.kernel.org', '# 6.1.x']);
  assert.deepEqual(cc?.commentRange, span(9, 27, 34));
  assert.equal(t[5]!.person?.name, 'Doe, Jane');
  // A URL holding an @ is a link, not a person.
  assert.equal(t[2]!.person, null);
});

test('mail body region: trailers end before the --- cut given by the caller', () => {
  const lines = [
    'Subject: [PATCH] a: b',
    '',
    'Body.',
    '',
    'Signed-off-by: A <a@x.org>\r',
    '---',
    ' file | 1 +',
  ];
  const block = parseTrailerBlock(new ArrayLines(lines), 2, 5, { titleInRegion: false });
  assert.ok(block);
  assert.deepEqual(block.trailers.map((t) => [t.key, t.value]), [['Signed-off-by', 'A <a@x.org>']]);
  // The CR is not part of any range.
  assert.deepEqual(block.trailers[0]!.range, span(4, 0, 26));
  assert.deepEqual(block.trailers[0]!.person?.emailRange, span(4, 18, 25));
});

test('no trailer block: returns null', () => {
  assert.equal(parseTrailerBlock(new ArrayLines(['title', '', 'Just text.']), 0, 3, { titleInRegion: true }), null);
  assert.equal(parseTrailerBlock(new ArrayLines([]), 0, 0, { titleInRegion: true }), null);
  assert.equal(parseTrailerBlock(new ArrayLines(['Signed-off-by: a@x.org']), 0, 1, { titleInRegion: true }), null);
});

test('25% rule: non-trailer lines are listed', () => {
  const lines = ['t', '', 'Signed-off-by: A <a@x.org>', 'free text', '(cherry picked from commit abc)'];
  const block = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true });
  assert.ok(block);
  assert.deepEqual(block.trailers.map((t) => t.key), ['Signed-off-by']);
  assert.deepEqual(block.nonTrailerLines, [3, 4]);
});

test('folded person trailer points every person range at the whole value', () => {
  const lines = ['t', '', 'Reviewed-by: A Very Long Name', '  <a@x.org>'];
  const t = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true })?.trailers[0];
  assert.equal(t?.value, 'A Very Long Name <a@x.org>');
  assert.equal(t?.person?.email, 'a@x.org');
  assert.deepEqual(t?.person?.emailRange, range(2, 13, 3, 11));
});

test("findTrailerSeparator follows git's find_separator", () => {
  assert.equal(findTrailerSeparator('Key: v'), 3);
  assert.equal(findTrailerSeparator('Key \t: v'), 5);
  assert.equal(findTrailerSeparator('Key word: v'), -1);
  assert.equal(findTrailerSeparator(' Key: v'), -1);
  assert.equal(findTrailerSeparator(': v'), 0);
  assert.equal(findTrailerSeparator('https://x'), 5);
  assert.equal(findTrailerSeparator('Clé: v'), -1);
  assert.equal(findTrailerSeparator('no separator'), -1);
});
