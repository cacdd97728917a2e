/**
 * Cover-letter rules on git's and b4's cover templates (test/fixtures/rules/cover/) and on the
 * edited cover and patches of a small v2 series (test/fixtures/rules/series/v2/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lineNo, range, run } from '../harness';
import { coverRules } from '../../../server/src/rules/cover';
import { coverLetterTemplate } from '../../../server/src/rules/cover/coverLetterTemplate';
import { missingChangelog } from '../../../server/src/rules/cover/missingChangelog';
import { baseCommitPlacement } from '../../../server/src/rules/cover/baseCommitPlacement';

const repoRoot = path.resolve(__dirname, '../../../..');
const fx = (p: string): string => fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules', p), 'utf8');
const GIT_TEMPLATE = fx('cover/git-template-cover.patch');
const B4_TEMPLATE = fx('cover/b4-template-cover.patch');
const COVER = fx('series/v2/v2-0000-cover-letter.patch');
const PATCH1 = fx('series/v2/v2-0001-net-foo-add-b.patch');
const PATCH3 = fx('series/v2/v2-0003-net-foo-rename-b-to-b2.patch');





/** A single patch (no counter) made from patch 1. */
const single = (version: string, notes: string): string =>
  PATCH1.replace('[PATCH v2 1/3]', `[PATCH${version}]`).replace('---\n drivers/net/foo.c', `---\n${notes}\n drivers/net/foo.c`);

test('an edited cover letter and its patches pass every cover rule', () => {
  for (const rule of coverRules) {
    for (const text of [COVER, PATCH1, PATCH3]) assert.deepEqual(run(rule, text), [], rule.id);
  }
});

test("COVER_LETTER_TEMPLATE: git's *** SUBJECT HERE *** and *** BLURB HERE ***", () => {
  const found = run(coverLetterTemplate, GIT_TEMPLATE);
  assert.equal(found.length, 2);
  assert.equal(found[0]!.severity, 'error');
  assert.deepEqual(found[0]!.range, range(lineNo(GIT_TEMPLATE, 'Subject: [PATCH v2 0/3] *** SUBJECT HERE ***'), 24, 44));
  assert.match(found[0]!.message, /^Cover letter template text left: replace "\*\*\* SUBJECT HERE \*\*\*"/);
  assert.deepEqual(found[1]!.range, range(lineNo(GIT_TEMPLATE, '*** BLURB HERE ***'), 0, 18));
});

test("COVER_LETTER_TEMPLATE: b4's EDITME in the subject and the body, and under a single patch's ---", () => {
  const found = run(coverLetterTemplate, B4_TEMPLATE);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]!.range, range(2, 24, 58));
  assert.equal(found[1]!.range.start.line, 5);
  assert.equal(found[1]!.range.start.character, 0);
  const patch = single(' v3', 'EDITME: describe the purpose of this series.');
  const fp = run(coverLetterTemplate, patch);
  assert.equal(fp.length, 1);
  assert.deepEqual(fp[0]!.range, range(lineNo(patch, 'EDITME: describe the purpose of this series.'), 0, 44));
});

test('MISSING_CHANGELOG: a v2 cover or single patch that does not say what changed', () => {
  const bare = COVER.replace(/\nChanges in v2:[\s\S]*?example\.org\n/, '\n');
  assert.notEqual(bare, COVER);
  const found = run(missingChangelog, bare);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(lineNo(bare, 'Subject: [PATCH v2 0/3] net: add the bar driver'), 16, 18));
  assert.match(found[0]!.message, /^v2 has no changelog: say what changed since v1 in the cover letter/);

  // A single v3 patch: the changelog goes below ---.
  const noNotes = single(' v3', '');
  assert.equal(run(missingChangelog, noNotes).length, 1);
  for (const notes of ['v2 -> v3:\n- reworded', 'Changes since v2:\n- reworded', 'Link to v2: https://lore.kernel.org/r/x@y']) {
    assert.deepEqual(run(missingChangelog, single(' v3', notes)), [], notes);
  }
  // v1, patches of a series (their cover has it) and RESENDs are not checked.
  assert.deepEqual(run(missingChangelog, single('', '')), []);
  assert.deepEqual(run(missingChangelog, PATCH3), []);
  assert.deepEqual(run(missingChangelog, single(' RESEND v3', '')), []);
});

test('BASE_COMMIT_PLACEMENT: base-commit in patch 2+ or above the --- line', () => {
  const base = 'base-commit: d0ecd5d778ec3267de0d68601c1765465e323a42';
  const late = PATCH3.replace('-- \n2.39.5', `\n${base}\n-- \n2.39.5`);
  const found = run(baseCommitPlacement, late);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(lineNo(late, base), 0, 11));
  assert.equal(found[0]!.message, 'base-commit: belongs in the cover letter or patch 1, not in patch 3');
  // Patch 1, at the bottom (git format-patch --base without a cover) is right.
  assert.deepEqual(run(baseCommitPlacement, PATCH1.replace('-- \n2.39.5', `\n${base}\n-- \n2.39.5`)), []);
  // Above --- it would be committed.
  const above = PATCH1.replace('\nSigned-off-by: Jane Doe <jane@example.org>\n---', `\n${base}\nSigned-off-by: Jane Doe <jane@example.org>\n---`);
  const fa = run(baseCommitPlacement, above);
  assert.equal(fa.length, 1);
  assert.match(fa[0]!.message, /would be committed/);
});
