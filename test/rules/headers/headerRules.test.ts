/**
 * Mail header and subject rules on variations of a clean patch mail
 * (test/fixtures/rules/headers/patch.patch): each fires on the bad form with the exact range,
 * is quiet on the good form, and its fix (when any) produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { config, fixed, range, ruleTester, run } from '../harness';
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

test('EMAIL_SUBJECT: the tool named instead of the change; `checkpatch:` as a prefix is fine', () => {
  const bad = withSubject('Subject: [PATCH] net: fix sparse warnings');
  const found = run(emailSubject, bad);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(3, 26, 32));
  assert.match(found[0]!.message, /^A patch subject line should describe the change not the tool that found it/);
  assert.deepEqual(run(emailSubject, withSubject('Subject: [PATCH] checkpatch: allow Assisted-by')), []);
  assert.equal(run(emailSubject, withSubject('Subject: [PATCH] scripts/checkpatch.pl: fix X')).length, 1);
  // Folded subject: the word on the continuation line.
  const folded = withSubject('Subject: [PATCH] net: foo: a long subject that gets folded to silence\n smatch warnings');
  assert.deepEqual(run(emailSubject, folded)[0]?.range, range(4, 1, 7));
});

test('SUBJECT_PREFIX: no PATCH tag; the fix inserts it; replies and pull requests are left alone', () => {
  const rfc = withSubject('Subject: [RFC v2 03/12] net: foo: fix the bar');
  const found = run(subjectPrefix, rfc);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(3, 9, 23));
  assert.equal(found[0]!.message, 'Subject prefix [RFC v2 03/12] has no PATCH tag: write [RFC PATCH v2 03/12]');
  assert.equal(fixed(rfc, found[0]!), withSubject('Subject: [RFC PATCH v2 03/12] net: foo: fix the bar'));

  const bare = withSubject('Subject: net: foo: fix the bar');
  const fb = run(subjectPrefix, bare);
  assert.deepEqual(fb[0]?.range, range(3, 9, 13));
  assert.equal(fixed(bare, fb[0]!), withSubject('Subject: [PATCH] net: foo: fix the bar'));

  const tree = withSubject('Subject: [net-next 1/2] net: foo: fix the bar');
  assert.equal(fixed(tree, run(subjectPrefix, tree)[0]!), withSubject('Subject: [PATCH net-next 1/2] net: foo: fix the bar'));

  assert.deepEqual(run(subjectPrefix, withSubject('Subject: Re: [RFC] net: foo: fix the bar')), []);
  assert.deepEqual(run(subjectPrefix, withSubject('Subject: [PULL 03/12] net: foo: fix the bar')), []);
  assert.deepEqual(run(subjectPrefix, withSubject('Subject: [PATCHv2] net: foo: fix the bar')), []);
});

test('SUBJECT_COUNTER_PADDING: 3/12 is padded to 03/12 by the fix; 3/9 is fine', () => {
  const bad = withSubject('Subject: [PATCH v2 3/12] net: foo: fix the bar');
  const found = run(subjectCounterPadding, bad);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(3, 19, 23));
  assert.equal(found[0]!.message, 'Patch number 3/12 should be zero-padded to the width of the total: 03/12');
  assert.equal(fixed(bad, found[0]!), PATCH);
  const over = withSubject('Subject: [PATCH 003/12] net: foo: fix the bar');
  assert.equal(fixed(over, run(subjectCounterPadding, over)[0]!), withSubject('Subject: [PATCH 03/12] net: foo: fix the bar'));
  assert.deepEqual(run(subjectCounterPadding, withSubject('Subject: [PATCH 3/9] net: foo: fix the bar')), []);
  assert.deepEqual(run(subjectCounterPadding, withSubject('Subject: [PATCH 00/12] net: foo: fix the bar')), []);
});

test('SUBJECT_SUMMARY_LONG: the part beyond the limit is underlined, across a fold', () => {
  const summary = 'net: foo: ' + 'x'.repeat(70); // 80 characters
  const bad = withSubject(`Subject: [PATCH] ${summary}`);
  const found = run(subjectSummaryLong, bad);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(3, 17 + 75, 17 + 80));
  assert.match(found[0]!.message, /80 characters long: keep the commit title within 75/);
  // QEMU's limit is 76.
  const q = withSubject(`Subject: [PATCH] net: foo: ${'x'.repeat(66)}`); // 76
  assert.deepEqual(run(subjectSummaryLong, q, config('qemu')), []);
  assert.equal(run(subjectSummaryLong, q).length, 1);
  // git folds long subjects: the range continues on the next line.
  const folded = withSubject(`Subject: [PATCH] net: foo: this subject is long enough that git folds\n it onto a second line here`);
  const ff = run(subjectSummaryLong, folded);
  assert.equal(ff.length, 1);
  assert.deepEqual(ff[0]!.range.end, { line: 4, character: 27 });
  assert.deepEqual(ff[0]!.range.start, { line: 4, character: 23 });
  // Reverts keep git's wording.
  assert.deepEqual(run(subjectSummaryLong, withSubject(`Subject: [PATCH] Revert "${summary}"`)), []);
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

test('SUBJECT_NO_SUBSYSTEM: CHECK level, kernel profile only, lenient', () => {
  const bad = withSubject('Subject: [PATCH] Fix the bar in foo');
  const found = run(subjectNoSubsystem, bad);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'information');
  assert.deepEqual(found[0]!.range, range(3, 17, 20));
  assert.deepEqual(run(subjectNoSubsystem, bad, config('kernel', { strict: false })), [], 'CHECK level needs --strict');
  assert.deepEqual(run(subjectNoSubsystem, bad, config('qemu')), []);
  for (const ok of ['ASoC: SOF: ipc4: fix X', 'x86/mm: fix X', 'Revert "foo: bar"', 'dt-bindings: fix X', 'KVM: x86: fix X']) {
    assert.deepEqual(run(subjectNoSubsystem, withSubject(`Subject: [PATCH] ${ok}`)), [], ok);
  }
});

test('UTF8_BEFORE_PATCH: 8-bit UTF-8 in the log while the mail declares another charset', () => {
  const bad = PATCH.replace('charset=UTF-8', 'charset="us-ascii"');
  const found = run(utf8BeforePatch, bad);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(8, 31, 32)); // the ë of Zoë
  assert.match(found[0]!.message, /^8-bit UTF-8 used in possible commit log/);
  // Without a declared charset there is nothing to contradict.
  assert.deepEqual(run(utf8BeforePatch, PATCH.replace('Content-Type: text/plain; charset=UTF-8\n', '')), []);
});

test('INVALID_UTF8: replacement characters in the log or in added lines (CHECK level)', () => {
  const bad = PATCH.replace('Zoë', 'Zo\ufffd').replace('+int b;', '+int b; /* \ufffd\ufffd */');
  const found = run(invalidUtf8, bad);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]!.range, range(8, 31, 32));
  assert.deepEqual(found[1]!.range.start, { line: 24, character: 11 });
  assert.deepEqual(found[1]!.range.end, { line: 24, character: 13 });
  assert.equal(found[0]!.severity, 'information');
  // Context lines of the diff are not the patch's doing.
  assert.deepEqual(run(invalidUtf8, PATCH.replace(' int a;', ' int a; /* \ufffd */')), []);
});
