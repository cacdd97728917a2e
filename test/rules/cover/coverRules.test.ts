/**
 * Cover-letter rules on git's and b4's cover templates (test/fixtures/rules/cover/) and on the
 * edited cover and patches of a small v2 series (test/fixtures/rules/series/v2/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lineNo, lineRange, range, ruleTester, run } from '../harness';
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

// COVER_LETTER_TEMPLATE: git's *** SUBJECT HERE *** and *** BLURB HERE ***, b4's EDITME in the
// subject and the body, and under a single patch's ---.
const EDITME_PATCH = single(' v3', 'EDITME: describe the purpose of this series.');
ruleTester(coverLetterTemplate, {
  valid: [
    { name: 'an edited cover letter', text: COVER },
    { name: 'a patch', text: PATCH1 },
  ],
  invalid: [
    {
      name: "git's template",
      text: GIT_TEMPLATE,
      errors: [
        {
          severity: 'error',
          range: range(lineNo(GIT_TEMPLATE, 'Subject: [PATCH v2 0/3] *** SUBJECT HERE ***'), 24, 44),
          message: /^Cover letter template text left: replace "\*\*\* SUBJECT HERE \*\*\*"/,
          output: null,
        },
        { range: range(lineNo(GIT_TEMPLATE, '*** BLURB HERE ***'), 0, 18), output: null },
      ],
    },
    {
      name: "b4's template",
      text: B4_TEMPLATE,
      errors: [{ range: range(2, 24, 58) }, { range: lineRange(B4_TEMPLATE, 5) }],
    },
    { name: "EDITME under a single patch's ---", text: EDITME_PATCH, errors: [{ range: range(lineNo(EDITME_PATCH, 'EDITME: describe the purpose of this series.'), 0, 44) }] },
  ],
});

// MISSING_CHANGELOG: a v2 cover or single patch that does not say what changed.
const BARE_COVER = COVER.replace(/\nChanges in v2:[\s\S]*?example\.org\n/, '\n');
test('the MISSING_CHANGELOG fixture lost its changelog', () => assert.notEqual(BARE_COVER, COVER));
ruleTester(missingChangelog, {
  valid: [
    ...['v2 -> v3:\n- reworded', 'Changes since v2:\n- reworded', 'Link to v2: https://lore.kernel.org/r/x@y'].map((notes) => ({ name: notes, text: single(' v3', notes) })),
    // v1, patches of a series (their cover has it) and RESENDs are not checked.
    { name: 'v1', text: single('', '') },
    { name: 'a patch of a series', text: PATCH3 },
    { name: 'a RESEND', text: single(' RESEND v3', '') },
  ],
  invalid: [
    {
      name: 'a v2 cover letter',
      text: BARE_COVER,
      errors: [
        {
          range: range(lineNo(BARE_COVER, 'Subject: [PATCH v2 0/3] net: add the bar driver'), 16, 18),
          message: /^v2 has no changelog: say what changed since v1 in the cover letter/,
          output: null,
        },
      ],
    },
    { name: 'a single v3 patch: the changelog goes below ---', text: single(' v3', ''), errors: [{}] },
  ],
});

// BASE_COMMIT_PLACEMENT: base-commit in patch 2+ or above the --- line.
const BASE = 'base-commit: d0ecd5d778ec3267de0d68601c1765465e323a42';
const LATE = PATCH3.replace('-- \n2.39.5', `\n${BASE}\n-- \n2.39.5`);
ruleTester(baseCommitPlacement, {
  // Patch 1, at the bottom (git format-patch --base without a cover) is right.
  valid: [{ name: 'patch 1, at the bottom', text: PATCH1.replace('-- \n2.39.5', `\n${BASE}\n-- \n2.39.5`) }],
  invalid: [
    {
      name: 'in patch 3',
      text: LATE,
      errors: [{ range: range(lineNo(LATE, BASE), 0, 11), message: 'base-commit: belongs in the cover letter or patch 1, not in patch 3', output: null }],
    },
    {
      name: 'above --- it would be committed',
      text: PATCH1.replace('\nSigned-off-by: Jane Doe <jane@example.org>\n---', `\n${BASE}\nSigned-off-by: Jane Doe <jane@example.org>\n---`),
      errors: [{ message: /would be committed/ }],
    },
  ],
});
