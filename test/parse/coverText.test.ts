/**
 * A series' cover letter text (the branch description, a `*.cover` file): the model, and the
 * whole check pipeline on it: the template `series start` writes gives exactly the template
 * findings, a filled cover none, and the mail rules (headers, diff, checkpatch) never fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { parseForCheck, textFindings } from '../../server/src/check/checkDocument';
import { defaultConfig } from '../../server/src/config/defaults';
import { coverParts, coverTemplate } from '../../server/src/lifecycle/cover';
import type { Finding } from '../../server/src/rules/types';

const FILLED = [
  'net: phy: fix link detection on foo boards',
  '',
  '# a note to myself: ask Joe about the foo-2000',
  'This series fixes link detection on the foo boards, whose PHY reports',
  'the link before autonegotiation completes. Tested on a foo-3000.',
  '',
  'To: Net Maintainer <netdev-maint@example.org>',
  'Cc: Joe Reviewer <joe@example.org>',
  '',
  'Signed-off-by: Jane Doe <jane@example.org>',
  '',
  '---',
  'Changes in v2:',
  '- reworded the commit messages (Joe)',
  '- Link to v1: https://lore.kernel.org/r/20240101-foo-v1-0-1234@example.org',
  '',
].join('\n');

function findings(text: string, fileName = 'feature.cover', strict = true): Finding[] {
  const config = { ...defaultConfig('kernel'), strict };
  return textFindings(parseForCheck(text, fileName), { ...config, fileName });
}

const brief = (fs: readonly Finding[]): string[] =>
  fs.map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

test('the cover text is one cover message: subject paragraph, blurb, changelog, comments; no headers, diff or signature', () => {
  const doc = parsePatch(FILLED, { coverText: true });
  assert.equal(doc.messages.length, 1);
  assert.deepEqual(doc.problems, []);
  const msg = doc.messages[0]!;
  assert.equal(msg.kind, 'cover');
  assert.deepEqual([msg.headers, msg.headerEndLine, msg.diff, msg.signature, msg.notes], [[], null, null, null, null]);
  assert.equal(msg.subject?.summary, 'net: phy: fix link detection on foo boards');
  assert.equal(msg.message.title, 'net: phy: fix link detection on foo boards');
  assert.deepEqual(msg.message.titleRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 42 } });
  assert.deepEqual(msg.message.commentLines, [2]);
  // The body: no comment and no To:/Cc: line (they never reach the mail: coverParts).
  assert.ok(!msg.message.bodyLines.some((l) => l === 2 || l === 6 || l === 7));
  assert.equal(msg.message.bodyLines[0], 1);
  assert.equal(msg.message.endLine, 14);
  assert.deepEqual(msg.cover?.changelogLines, [12]);
  assert.deepEqual(msg.cover?.templateMarkers, []);
  assert.deepEqual([msg.cover?.blurbStartLine, msg.cover?.blurbEndLine], [3, 9]);
  assert.deepEqual(msg.message.trailerBlock?.trailers.map((t) => t.key), ['Signed-off-by']);
  // The same subject and recipients the lifecycle sends.
  assert.equal(coverParts(FILLED).text.split('\n')[0], msg.message.title);
});

test('the subject is the first paragraph, as format-patch --cover-from-description=subject joins it', () => {
  const doc = parsePatch('# note\nnet: a subject\nwrapped on two lines\n\nThe blurb.\n', { coverText: true });
  const m = doc.messages[0]!.message;
  assert.equal(m.title, 'net: a subject wrapped on two lines');
  assert.deepEqual([m.titleRange?.start.line, m.titleRange?.end.line], [1, 2]);
  assert.deepEqual(m.bodyLines, [3, 4]);
});

test("the template 'series start' writes gives exactly the template findings, on the EDITME text", () => {
  const text = coverTemplate('feature', 'Jane Doe <jane@example.org>');
  const lines = text.split('\n');
  const blurb = lines.findIndex((l) => l.startsWith('EDITME: describe'));
  assert.deepEqual(brief(findings(text)), [
    `COVER_LETTER_TEMPLATE 0:0-0:${'EDITME: cover title for feature'.length}`,
    `COVER_LETTER_TEMPLATE ${blurb}:0-${blurb}:${lines[blurb]!.length}`,
  ]);
  // Without a sign-off too (b4 leaves it out when the user has no identity).
  assert.deepEqual(
    findings(coverTemplate('feature', null)).map((f) => f.rule),
    ['COVER_LETTER_TEMPLATE', 'COVER_LETTER_TEMPLATE'],
  );
});

test("git's cover template: *** SUBJECT HERE *** and *** BLURB HERE ***, each underlined", () => {
  const text = '*** SUBJECT HERE ***\n\n*** BLURB HERE ***\n';
  assert.deepEqual(brief(findings(text)), ['COVER_LETTER_TEMPLATE 0:0-0:20', 'COVER_LETTER_TEMPLATE 2:0-2:18']);
});

test('a filled cover gives no finding, under --strict and every profile', () => {
  for (const profile of ['kernel', 'qemu', 'git'] as const) {
    const config = { ...defaultConfig(profile), strict: true, fileName: 'feature.cover' };
    assert.deepEqual(brief(textFindings(parseForCheck(FILLED, 'feature.cover'), config)), [], profile);
  }
});

test('the commit-log text rules run on the blurb: a misspelling is underlined, the To:/Cc: and # lines are left alone', () => {
  const text = FILLED.replace('fixes link', 'fixes teh link').replace('# a note', '# teh note').replace('Joe Reviewer', 'Teh Reviewer');
  assert.deepEqual(brief(findings(text)), ['TYPO_SPELLING 3:18-3:21']);
  // An EDITME left in a changelog (series reroll writes one) is template text too.
  const rerolled = FILLED.replace('- reworded', '- EDITME: describe what is new in this series revision.\n- reworded');
  assert.deepEqual(findings(rerolled).map((f) => f.rule), ['COVER_LETTER_TEMPLATE']);
});

test('*.cover files are cover texts by name; other names only with coverText', () => {
  assert.equal(parseForCheck(FILLED, '/tmp/x/feature.cover').messages[0]!.kind, 'cover');
  assert.notEqual(parseForCheck(FILLED, 'feature.cover.patch').messages[0]?.kind, 'cover');
  assert.equal(parseForCheck(FILLED, '-', { coverText: true }).messages[0]!.kind, 'cover');
  assert.equal(parseForCheck('', 'empty.cover').messages[0]!.kind, 'cover');
  assert.deepEqual(findings('', 'empty.cover'), []);
});
