/**
 * Mail header and subject rules on variations of a clean patch mail
 * (test/fixtures/rules/headers/patch.patch): each fires on the bad form with the exact range,
 * is quiet on the good form, and its fix (when any) produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { config, range, ruleTester, run } from '../harness';
import { headersRules } from '../../../server/src/rules/headers';
import { emailSubject } from '../../../server/src/rules/headers/emailSubject';
import { subjectPrefix } from '../../../server/src/rules/headers/subjectPrefix';
import { subjectCounterPadding } from '../../../server/src/rules/headers/subjectCounterPadding';
import { subjectSummaryLong } from '../../../server/src/rules/headers/subjectSummaryLong';
import { subjectTrailingPeriod } from '../../../server/src/rules/headers/subjectTrailingPeriod';
import { subjectNoSubsystem } from '../../../server/src/rules/headers/subjectNoSubsystem';
import { utf8BeforePatch } from '../../../server/src/rules/headers/utf8BeforePatch';
import { invalidUtf8 } from '../../../server/src/rules/headers/invalidUtf8';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules/headers');
const PATCH = fs.readFileSync(path.join(fixtures, 'patch.patch'), 'utf8');
const COMMIT_MSG = fs.readFileSync(path.join(fixtures, 'commit-message.txt'), 'utf8');
const SUBJECT = 'Subject: [PATCH v2 03/12] net: foo: fix the bar';



const withSubject = (subject: string): string => PATCH.replace(SUBJECT, subject);


test('a clean mail and a clean commit message pass every header rule', () => {
  for (const rule of headersRules) {
    assert.deepEqual(run(rule, PATCH), [], rule.id);
    assert.deepEqual(run(rule, COMMIT_MSG, config(), true), [], `${rule.id} (commit message)`);
  }
});

// EMAIL_SUBJECT: the tool named instead of the change; `checkpatch:` as a prefix is fine.
ruleTester(emailSubject, {
  valid: [
    { name: 'the clean mail', text: PATCH },
    { name: 'checkpatch: as the subsystem', text: withSubject('Subject: [PATCH] checkpatch: allow Assisted-by') },
  ],
  invalid: [
    {
      name: 'sparse',
      text: withSubject('Subject: [PATCH] net: fix sparse warnings'),
      errors: [{ range: range(3, 26, 32), message: /^A patch subject line should describe the change not the tool that found it/, output: null }],
    },
    { name: 'scripts/checkpatch.pl', text: withSubject('Subject: [PATCH] scripts/checkpatch.pl: fix X'), errors: [{}] },
    {
      name: 'the word on the continuation line of a folded subject',
      text: withSubject('Subject: [PATCH] net: foo: a long subject that gets folded to silence\n smatch warnings'),
      errors: [{ range: range(4, 1, 7) }],
    },
  ],
});

// SUBJECT_PREFIX: no PATCH tag; the fix inserts it; replies and pull requests are left alone.
ruleTester(subjectPrefix, {
  valid: [
    { name: 'a reply', text: withSubject('Subject: Re: [RFC] net: foo: fix the bar') },
    { name: 'a pull request', text: withSubject('Subject: [PULL 03/12] net: foo: fix the bar') },
    { name: 'PATCHv2', text: withSubject('Subject: [PATCHv2] net: foo: fix the bar') },
  ],
  invalid: [
    {
      name: 'RFC without PATCH',
      text: withSubject('Subject: [RFC v2 03/12] net: foo: fix the bar'),
      errors: [
        {
          range: range(3, 9, 23),
          message: 'Subject prefix [RFC v2 03/12] has no PATCH tag: write [RFC PATCH v2 03/12]',
          output: withSubject('Subject: [RFC PATCH v2 03/12] net: foo: fix the bar'),
        },
      ],
    },
    {
      name: 'no prefix at all',
      text: withSubject('Subject: net: foo: fix the bar'),
      errors: [{ range: range(3, 9, 13), output: withSubject('Subject: [PATCH] net: foo: fix the bar') }],
    },
    {
      name: 'a tree name without PATCH',
      text: withSubject('Subject: [net-next 1/2] net: foo: fix the bar'),
      errors: [{ output: withSubject('Subject: [PATCH net-next 1/2] net: foo: fix the bar') }],
    },
  ],
});

// SUBJECT_COUNTER_PADDING: 3/12 is padded to 03/12 by the fix; 3/9 is fine.
ruleTester(subjectCounterPadding, {
  valid: [withSubject('Subject: [PATCH 3/9] net: foo: fix the bar'), withSubject('Subject: [PATCH 00/12] net: foo: fix the bar')],
  invalid: [
    {
      name: '3/12',
      text: withSubject('Subject: [PATCH v2 3/12] net: foo: fix the bar'),
      errors: [{ range: range(3, 19, 23), message: 'Patch number 3/12 should be zero-padded to the width of the total: 03/12', output: PATCH }],
    },
    {
      name: '003/12',
      text: withSubject('Subject: [PATCH 003/12] net: foo: fix the bar'),
      errors: [{ output: withSubject('Subject: [PATCH 03/12] net: foo: fix the bar') }],
    },
  ],
});

// SUBJECT_SUMMARY_LONG: the part beyond the limit is underlined, across a fold.
const SUMMARY80 = 'net: foo: ' + 'x'.repeat(70);
const SUMMARY76 = withSubject(`Subject: [PATCH] net: foo: ${'x'.repeat(66)}`);
ruleTester(subjectSummaryLong, {
  valid: [
    { name: '76 characters in the qemu profile (its limit)', text: SUMMARY76, profile: 'qemu' },
    { name: "a revert keeps git's wording", text: withSubject(`Subject: [PATCH] Revert "${SUMMARY80}"`) },
  ],
  invalid: [
    {
      name: '80 characters',
      text: withSubject(`Subject: [PATCH] ${SUMMARY80}`),
      errors: [{ range: range(3, 17 + 75, 17 + 80), message: /80 characters long: keep the commit title within 75/, output: null }],
    },
    { name: '76 characters in the kernel profile', text: SUMMARY76, errors: [{}] },
    {
      name: 'folded by git: the range continues on the next line',
      text: withSubject(`Subject: [PATCH] net: foo: this subject is long enough that git folds\n it onto a second line here`),
      errors: [{ range: { start: { line: 4, character: 23 }, end: { line: 4, character: 27 } } }],
    },
  ],
});

// SUBJECT_TRAILING_PERIOD: the full stop is underlined and removed; an ellipsis is fine.
ruleTester(subjectTrailingPeriod, {
  valid: [
    { name: 'an ellipsis', text: withSubject('Subject: [PATCH] net: foo: fix the bar...') },
    { name: 'etc.', text: withSubject('Subject: [PATCH] net: foo: fix a, b, etc.') },
    { name: 'a clean commit message', text: COMMIT_MSG, commitMessage: true },
  ],
  invalid: [
    {
      name: 'a full stop',
      text: withSubject('Subject: [PATCH v2 03/12] net: foo: fix the bar.'),
      errors: [{ range: range(3, 47, 48), severity: 'warning', output: PATCH, safety: 'safe' }],
    },
    {
      name: 'a full stop in a commit message (COMMIT_EDITMSG)',
      text: COMMIT_MSG.replace('net: foo: fix the bar', 'net: foo: fix the bar.'),
      commitMessage: true,
      errors: [{ range: range(0, 21, 22), output: COMMIT_MSG }],
    },
  ],
});

// SUBJECT_NO_SUBSYSTEM: CHECK level, kernel profile only, lenient.
const NO_SUBSYSTEM = withSubject('Subject: [PATCH] Fix the bar in foo');
ruleTester(subjectNoSubsystem, {
  valid: [
    { name: 'CHECK level needs --strict', text: NO_SUBSYSTEM, config: { strict: false } },
    { name: 'not in the qemu profile', text: NO_SUBSYSTEM, profile: 'qemu' },
    ...['ASoC: SOF: ipc4: fix X', 'x86/mm: fix X', 'Revert "foo: bar"', 'dt-bindings: fix X', 'KVM: x86: fix X'].map((ok) => ({
      name: ok,
      text: withSubject(`Subject: [PATCH] ${ok}`),
    })),
  ],
  invalid: [{ name: 'no subsystem', text: NO_SUBSYSTEM, errors: [{ severity: 'information', range: range(3, 17, 20), output: null }] }],
});

// UTF8_BEFORE_PATCH: 8-bit UTF-8 in the log while the mail declares another charset.
ruleTester(utf8BeforePatch, {
  valid: [
    { name: 'UTF-8 declared', text: PATCH },
    { name: 'no declared charset: nothing to contradict', text: PATCH.replace('Content-Type: text/plain; charset=UTF-8\n', '') },
  ],
  invalid: [
    {
      name: 'us-ascii declared',
      text: PATCH.replace('charset=UTF-8', 'charset="us-ascii"'),
      errors: [{ range: range(8, 31, 32), message: /^8-bit UTF-8 used in possible commit log/, output: null }], // the ë of Zoë
    },
  ],
});

// INVALID_UTF8: replacement characters in the log or in added lines (CHECK level).
ruleTester(invalidUtf8, {
  valid: [{ name: 'context lines of the diff are not the patch\'s doing', text: PATCH.replace(' int a;', ' int a; /* \ufffd */') }],
  invalid: [
    {
      name: 'in the log and in an added line',
      text: PATCH.replace('Zoë', 'Zo\ufffd').replace('+int b;', '+int b; /* \ufffd\ufffd */'),
      errors: [
        { range: range(8, 31, 32), severity: 'information', output: null },
        { range: range(24, 11, 13), output: null },
      ],
    },
  ],
});
