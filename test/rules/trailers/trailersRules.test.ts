/**
 * Trailer and sign-off rules (RULES.md C) on variations of a clean patch mail and a clean bare
 * commit message (test/fixtures/rules/trailers/): each fires on the bad form with the exact
 * range, is quiet on the good form, and its fix (when any) produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trailersRules } from '../../../server/src/rules/trailers';
import { badSignOff } from '../../../server/src/rules/trailers/badSignOff';
import { badStableAddressStyle } from '../../../server/src/rules/trailers/badStableAddressStyle';
import { badReportedByLink } from '../../../server/src/rules/trailers/badReportedByLink';
import { badFixesTag } from '../../../server/src/rules/trailers/badFixesTag';
import { missingSignOff } from '../../../server/src/rules/trailers/missingSignOff';
import { noAuthorSignOff } from '../../../server/src/rules/trailers/noAuthorSignOff';
import { fromSignOffMismatch } from '../../../server/src/rules/trailers/fromSignOffMismatch';
import { trailerContinuation } from '../../../server/src/rules/trailers/trailerContinuation';
import { trailerOrder } from '../../../server/src/rules/trailers/trailerOrder';
import { mangledAuthorAddress } from '../../../server/src/rules/trailers/mangledAuthorAddress';
import { config, fixed, rangeOf, replace, run } from '../harness';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules/trailers');
const PATCH = fs.readFileSync(path.join(fixtures, 'patch.patch'), 'utf8');
const COMMIT_MSG = fs.readFileSync(path.join(fixtures, 'commit-message.txt'), 'utf8');
const SOB = 'Signed-off-by: Jane Doe <jane@example.org>';
const REPORTED = 'Reported-by: John Roe <john@example.org>';
const FIXES = 'Fixes: 0123456789ab ("mm: rework the reclaim counter")';

/** The patch with the sign-off line replaced by `lines`. */
const withSob = (lines: string): string => replace(PATCH, `${SOB}\n`, `${lines}\n`);
const messages = (text: string, cfg = config()) => run(badSignOff, text, cfg).map((f) => f.message);

test('a clean patch and a clean commit message pass every trailer rule', () => {
  for (const rule of trailersRules) {
    for (const profile of ['kernel', 'qemu', 'git'] as const) {
      if (!rule.profiles.includes(profile)) continue;
      const cfg = config(profile, { trailerOrder: ['fixes*', 'reported*', 'closes*', '*'] });
      assert.deepEqual(run(rule, PATCH, cfg), [], `${rule.id} (${profile})`);
      assert.deepEqual(run(rule, COMMIT_MSG, cfg, true), [], `${rule.id} (${profile}, commit message)`);
    }
  }
});

test('BAD_SIGN_OFF: a misspelt tag gets the nearest standard one', () => {
  const text = withSob(`Reviewd-by: John Roe <john@example.org>\n${SOB}`);
  const f = run(badSignOff, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Non-standard signature: 'Reviewd-by:' - perhaps 'Reviewed-by:'?");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Reviewd-by'));
  assert.equal(fixed(text, f[0]), withSob(`Reviewed-by: John Roe <john@example.org>\n${SOB}`));

  const coauthor = withSob(`Co-authored-by: John Roe <john@example.org>\n${SOB}`);
  const g = run(badSignOff, coauthor);
  assert.equal(g.length, 1);
  assert.match(g[0]!.message, /^Non-standard signature: Co-authored-by: - the kernel uses Co-developed-by:/);
  assert.equal(g[0]!.fix, undefined);
});

test('BAD_SIGN_OFF: spelling, spaces around the tag', () => {
  const cases: [string, string, string, string][] = [
    ['Signed-Off-By: Jane Doe <jane@example.org>', "'Signed-off-by:' is the preferred signature form", 'Signed-Off-By', SOB],
    ['Signed-off-by:Jane Doe <jane@example.org>', 'Use a single space after Signed-off-by:', ':', SOB],
    ['Signed-off-by:  Jane Doe <jane@example.org>', 'Use a single space after Signed-off-by:', '  ', SOB],
    ['Signed-off-by : Jane Doe <jane@example.org>', 'Do not use whitespace before the colon of Signed-off-by:', ' ', SOB],
  ];
  for (const [bad, message, token, good] of cases) {
    const text = withSob(bad);
    const f = run(badSignOff, text);
    assert.equal(f.length, 1, bad);
    assert.equal(f[0]!.message, message);
    assert.deepEqual(f[0]!.range, rangeOf(text, token, bad), bad);
    assert.equal(fixed(text, f[0]), withSob(good), bad);
  }
  const indented = withSob(`${SOB}\n  Acked-by: John Roe <john@example.org>`);
  const f = run(badSignOff, indented);
  assert.deepEqual(f.map((x) => x.message), ['Do not use whitespace before Acked-by:']);
  assert.deepEqual(f[0]!.range, rangeOf(indented, '  ', '  Acked-by'));
  assert.equal(fixed(indented, f[0]), withSob(`${SOB}\nAcked-by: John Roe <john@example.org>`));
});

test('BAD_SIGN_OFF: email addresses', () => {
  let text = withSob('Signed-off-by: Jane Doe jane@example.org');
  let f = run(badSignOff, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.match(f[0]!.message, /^Unrecognized email address: 'Jane Doe jane@example.org'/);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Jane Doe jane@example.org'));

  text = withSob('Signed-off-by: Jane Doe <jane@example.org>.');
  f = run(badSignOff, text);
  assert.deepEqual(f.map((x) => x.message), [
    "Unexpected content after email: 'Jane Doe <jane@example.org>.', should be: 'Jane Doe <jane@example.org>'",
  ]);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Jane Doe <jane@example.org>.'));
  assert.equal(fixed(text, f[0]), PATCH);

  text = withSob(`Acked-by: john@example.org.\n${SOB}`);
  f = run(badSignOff, text);
  assert.deepEqual(f.map((x) => x.message), ["email address 'john@example.org.' might be better as 'john@example.org'"]);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'john@example.org.'));
  assert.equal(fixed(text, f[0]), withSob(`Acked-by: john@example.org\n${SOB}`));

  text = replace(PATCH, REPORTED, 'Reported-by: John Roe <john@example.org> v1');
  f = run(badSignOff, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Unexpected content after email: 'John Roe <john@example.org> v1', should be: 'John Roe <john@example.org> (v1)'");
  assert.equal(fixed(text, f[0]), replace(PATCH, REPORTED, 'Reported-by: John Roe <john@example.org> (v1)'));

  for (const ok of ['Reviewed-by: John Roe <john@example.org> # v1', 'Acked-by: john@example.org', 'Cc: <john@example.org>', 'Tested-by: "Roe, John" <john@example.org>']) {
    assert.deepEqual(messages(withSob(`${ok}\n${SOB}`)), [], ok);
  }
});

test('BAD_SIGN_OFF: duplicates and Co-developed-by pairing', () => {
  const dup = withSob(`${SOB}\n${SOB.replace('Jane Doe', 'Jane  Doe')}`);
  const f = run(badSignOff, dup);
  assert.deepEqual(f.map((x) => x.message), ['Duplicate signature']);
  assert.deepEqual(f[0]!.range, rangeOf(dup, 'Signed-off-by: Jane  Doe <jane@example.org>'));

  const CODEV = 'Co-developed-by: John Roe <john@example.org>';
  const alone = withSob(`${SOB}\n${CODEV}`);
  const g = run(badSignOff, alone);
  assert.deepEqual(g.map((x) => x.message), ['Co-developed-by: must be immediately followed by Signed-off-by:']);
  assert.deepEqual(g[0]!.range, rangeOf(alone, 'Co-developed-by'));
  assert.equal(fixed(alone, g[0]), withSob(`${SOB}\n${CODEV}\nSigned-off-by: John Roe <john@example.org>`));
  assert.deepEqual(messages(withSob(`${CODEV}\n${SOB}`)), ['Co-developed-by and Signed-off-by: name/email do not match']);

  const other = withSob(`${CODEV}\nSigned-off-by: John Roe <john.roe@example.org>\n${SOB}`);
  assert.deepEqual(messages(other), ['Co-developed-by and Signed-off-by: name/email do not match']);
  assert.deepEqual(messages(withSob(`${CODEV}\nSigned-off-by: John Roe <john@example.org>\n${SOB}`)), []);
  assert.deepEqual(messages(withSob(`Co-developed-by: Jane Doe <jane@example.org>\n${SOB}`)), [
    "Co-developed-by: should not be used to attribute nominal patch author 'Jane Doe <jane@example.org>'",
  ]);
});

test('BAD_SIGN_OFF: Assisted-by takes AGENT_NAME:MODEL_VERSION, not an email', () => {
  assert.deepEqual(messages(withSob(`Assisted-by: Claude:claude-opus-4 coccinelle\n${SOB}`)), []);
  const text = withSob(`Assisted-by: Claude <claude@example.org>\n${SOB}`);
  const f = run(badSignOff, text);
  assert.deepEqual(f.map((x) => x.message), ["Assisted-by expects 'AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]' format"]);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Claude <claude@example.org>'));
});

test('BAD_SIGN_OFF: QEMU errors for Signed-off-by, git checks only Signed-off-by, prose "to:" is not a tag', () => {
  const qemu = config('qemu');
  let f = run(badSignOff, withSob('Signed-Off-by: Jane Doe <jane@example.org>'), qemu);
  assert.deepEqual(f.map((x) => [x.severity, x.message]), [['error', 'The correct form is "Signed-off-by"']]);
  f = run(badSignOff, withSob('Signed-off-by:Jane Doe <jane@example.org>'), qemu);
  assert.deepEqual(f.map((x) => [x.severity, x.message]), [['error', 'space required after Signed-off-by:']]);

  const git = config('git');
  assert.deepEqual(messages(withSob(`Co-authored-by: John Roe <john@example.org>\n${SOB}`), git), []);
  assert.deepEqual(messages(withSob('signed-off-by: Jane Doe <jane@example.org>'), git), ["'Signed-off-by:' is the preferred signature form"]);

  const prose = replace(PATCH, 'the next reclaim pass', 'the output changes from:\n\n  old\n\nto:\n\n  new\n\nthe next reclaim pass');
  assert.deepEqual(messages(prose), []);
});

test('BAD_STABLE_ADDRESS_STYLE: no display name, notes as # comments', () => {
  const text = withSob(`Cc: Stable <stable@vger.kernel.org> [6.1+]\n${SOB}`);
  const f = run(badStableAddressStyle, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Invalid email format for stable: 'Stable <stable@vger.kernel.org> [6.1+]', prefer 'stable@vger.kernel.org # 6.1+'");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Stable <stable@vger.kernel.org> [6.1+]'));
  assert.equal(fixed(text, f[0]), withSob(`Cc: stable@vger.kernel.org # 6.1+\n${SOB}`));
  assert.deepEqual(run(badStableAddressStyle, withSob(`Cc: stable@vger.kernel.org # 6.1+\n${SOB}`)), []);
});

test('BAD_REPORTED_BY_LINK: Reported-by: needs Closes: (or Link:) right after it', () => {
  const text = replace(PATCH, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org\n', '');
  const f = run(badReportedByLink, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, 'Reported-by: should be immediately followed by Closes: with a URL to the report');
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Reported-by'));
  assert.deepEqual(run(badReportedByLink, replace(PATCH, 'Closes: https', 'Link: https')), []);
});

test('BAD_FIXES_TAG: the format, fixed when the sha is long enough and a title is there', () => {
  let text = replace(PATCH, FIXES, 'Fixes: 01234567 ("mm: rework the reclaim counter")');
  let f = run(badFixesTag, text);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^Please use correct Fixes: style 'Fixes: <12\+ chars of sha1> \("<title line>"\)' - ie: 'Fixes: 0123456789ab \("mm: rework the reclaim counter"\)': the sha has 8 hex digits, use at least 12$/);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Fixes: 01234567 ("mm: rework the reclaim counter")'));
  assert.equal(f[0]!.fix, undefined);

  text = replace(PATCH, FIXES, 'fixes:  0123456789AB (mm: rework the reclaim counter)');
  f = run(badFixesTag, text);
  assert.equal(f.length, 1);
  assert.equal(fixed(text, f[0]), PATCH);

  text = replace(PATCH, FIXES, 'Fixes: 0123456789ab');
  f = run(badFixesTag, text);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /the title \("\.\.\."\) is missing$/);
  assert.equal(f[0]!.fix, undefined);

  assert.deepEqual(run(badFixesTag, replace(PATCH, 'the next reclaim pass', 'Fixes decade-old behaviour: the next reclaim pass')), []);
});

test('MISSING_SIGN_OFF: added at the end of the trailers, or as a new paragraph', () => {
  const noSob = replace(PATCH, `\n${SOB}`, '');
  let f = run(missingSignOff, noSob);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.equal(f[0]!.message, 'Missing Signed-off-by: line(s)');
  assert.deepEqual(f[0]!.range, rangeOf(noSob, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org'));
  assert.equal(fixed(noSob, f[0]), PATCH);

  const noTrailers = PATCH.slice(0, PATCH.indexOf('\nFixes:')) + PATCH.slice(PATCH.indexOf('---\n'));
  f = run(missingSignOff, noTrailers);
  assert.equal(f.length, 1);
  assert.equal(fixed(noTrailers, f[0]), replace(noTrailers, 'counter").\n---', `counter").\n\n${SOB}\n---`));
});

test('NO_AUTHOR_SIGN_OFF: the From: author did not sign off; the fix adds the sign-off', () => {
  const text = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: John Roe <john@example.org>');
  const f = run(noAuthorSignOff, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Missing Signed-off-by: line by nominal patch author 'John Roe <john@example.org>'");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'John Roe <john@example.org>'));
  assert.equal(fixed(text, f[0]), replace(text, `${SOB}\n`, `${SOB}\nSigned-off-by: John Roe <john@example.org>\n`));
  // An in-body From: wins over the mail header.
  const inBody = replace(PATCH, '\nThe reclaim counter', '\nFrom: John Roe <john@example.org>\n\nThe reclaim counter');
  assert.equal(run(noAuthorSignOff, inBody).length, 1);
});

test('FROM_SIGN_OFF_MISMATCH: address, name, subaddress and comment differences', () => {
  const cases: [string, string, string][] = [
    ['Jane Doe <jane@work.example.com>', 'address', 'warning'],
    ['Jane Q. Doe <jane@example.org>', 'name', 'warning'],
    ['Jane Doe <jane+lkml@example.org>', 'subaddress', 'warning'],
    ['Jane Doe <jane@example.org> (maintainer)', 'comments', 'information'],
  ];
  for (const [sob, kind, severity] of cases) {
    const text = withSob(`Signed-off-by: ${sob}`);
    const f = run(fromSignOffMismatch, text);
    assert.equal(f.length, 1, sob);
    assert.equal(f[0]!.severity, severity);
    assert.match(f[0]!.message, new RegExp(`^From:/Signed-off-by: email ${kind} mismatch: 'From: `));
    assert.deepEqual(f[0]!.range, rangeOf(text, sob, `Signed-off-by: ${sob}`));
  }
});

test('TRAILER_CONTINUATION: a wrapped tag is joined', () => {
  const text = replace(PATCH, REPORTED, 'Reported-by: John Roe\n   <john@example.org>');
  const f = run(trailerContinuation, text);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(text, '<john@example.org>', '   <john@example.org>'));
  assert.equal(fixed(text, f[0]), PATCH);
  assert.deepEqual(run(trailerContinuation, text, config('git')), [], 'git profile: folding is legal');
});

test('TRAILER_ORDER: only with trailerOrder, b4 semantics, fix reorders', () => {
  const order = config('kernel', { trailerOrder: ['fixes*', 'reported*', 'closes*', '*'] });
  const CLOSES = 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org';
  const text = replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n`, `${REPORTED}\n${CLOSES}\n${FIXES}\n`);
  assert.deepEqual(run(trailerOrder, text), [], 'no order configured');
  const f = run(trailerOrder, text, order);
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /'Fixes:' should come before 'Reported-by:'/);
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Reported-by'));
  assert.equal(fixed(text, f[0]), PATCH);
  // Your sign-off goes last.
  const sobFirst = replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n${SOB}\n`, `${SOB}\n${FIXES}\n${REPORTED}\n${CLOSES}\n`);
  assert.equal(fixed(sobFirst, run(trailerOrder, sobFirst, order)[0]), PATCH);
  // Trailers above the previous sign-off belong to someone else.
  const handled = replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n${SOB}\n`, `${REPORTED}\n${FIXES}\nSigned-off-by: John Roe <john@example.org>\n${CLOSES}\n${SOB}\n`);
  assert.deepEqual(run(trailerOrder, handled, order), []);
});

test('MANGLED_AUTHOR_ADDRESS: QEMU only', () => {
  const text = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: Jane Doe via Qemu-devel <qemu-devel@nongnu.org>');
  const f = run(mangledAuthorAddress, text, config('qemu'));
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Jane Doe via Qemu-devel <qemu-devel@nongnu.org>'));
  assert.deepEqual(run(mangledAuthorAddress, text, config('kernel')), []);
});

test('the trailer rules have ids, docs and profiles', () => {
  for (const rule of trailersRules) {
    assert.match(rule.id, /^[A-Z0-9_]+$/);
    assert.ok(rule.description.length > 10 && !rule.description.includes('\n'), rule.id);
    assert.ok(rule.doc.includes('Source:'), `${rule.id} doc names its source`);
  }
});
