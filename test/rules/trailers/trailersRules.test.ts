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
import { config, rangeOf, replace, ruleTester, run } from '../harness';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules/trailers');
const PATCH = fs.readFileSync(path.join(fixtures, 'patch.patch'), 'utf8');
const COMMIT_MSG = fs.readFileSync(path.join(fixtures, 'commit-message.txt'), 'utf8');
const SOB = 'Signed-off-by: Jane Doe <jane@example.org>';
const REPORTED = 'Reported-by: John Roe <john@example.org>';
const FIXES = 'Fixes: 0123456789ab ("mm: rework the reclaim counter")';

/** The patch with the sign-off line replaced by `lines`. */
const withSob = (lines: string): string => replace(PATCH, `${SOB}\n`, `${lines}\n`);

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

// BAD_SIGN_OFF: misspelt tags, spelling and spaces around the tag, email addresses, duplicates,
// Co-developed-by pairing, Assisted-by, and the qemu and git profiles.
const withSobBefore = (line: string): string => withSob(`${line}\n${SOB}`);
const CODEV = 'Co-developed-by: John Roe <john@example.org>';
const REVIEWD = withSobBefore('Reviewd-by: John Roe <john@example.org>');
const NO_BRACKETS = withSob('Signed-off-by: Jane Doe jane@example.org');
const AFTER_EMAIL = withSob('Signed-off-by: Jane Doe <jane@example.org>.');
const DOT_ADDRESS = withSobBefore('Acked-by: john@example.org.');
const INDENTED = withSob(`${SOB}\n  Acked-by: John Roe <john@example.org>`);
const DUP = withSob(`${SOB}\n${SOB.replace('Jane Doe', 'Jane  Doe')}`);
const CODEV_ALONE = withSob(`${SOB}\n${CODEV}`);
const ASSISTED = withSobBefore('Assisted-by: Claude <claude@example.org>');
/** Spelling and spacing around the tag: [line, message, underlined token]; the fix gives SOB. */
const TAG_FORMS: [string, string, string][] = [
  ['Signed-Off-By: Jane Doe <jane@example.org>', "'Signed-off-by:' is the preferred signature form", 'Signed-Off-By'],
  ['Signed-off-by:Jane Doe <jane@example.org>', 'Use a single space after Signed-off-by:', ':'],
  ['Signed-off-by:  Jane Doe <jane@example.org>', 'Use a single space after Signed-off-by:', '  '],
  ['Signed-off-by : Jane Doe <jane@example.org>', 'Do not use whitespace before the colon of Signed-off-by:', ' '],
];
const CODEV_MISMATCH = 'Co-developed-by and Signed-off-by: name/email do not match';
ruleTester(badSignOff, {
  valid: [
    ...['Reviewed-by: John Roe <john@example.org> # v1', 'Acked-by: john@example.org', 'Cc: <john@example.org>', 'Tested-by: "Roe, John" <john@example.org>'].map((ok) => ({
      name: ok,
      text: withSobBefore(ok),
    })),
    { name: 'Co-developed-by with its Signed-off-by', text: withSob(`${CODEV}\nSigned-off-by: John Roe <john@example.org>\n${SOB}`) },
    { name: 'Assisted-by: AGENT_NAME:MODEL_VERSION TOOL', text: withSobBefore('Assisted-by: Claude:claude-opus-4 coccinelle') },
    { name: 'git profile: Co-authored-by', text: withSobBefore('Co-authored-by: John Roe <john@example.org>'), profile: 'git' },
    { name: 'prose "to:" is not a tag', text: replace(PATCH, 'the next reclaim pass', 'the output changes from:\n\n  old\n\nto:\n\n  new\n\nthe next reclaim pass') },
  ],
  invalid: [
    {
      name: 'a misspelt tag gets the nearest standard one',
      text: REVIEWD,
      errors: [
        {
          message: "Non-standard signature: 'Reviewd-by:' - perhaps 'Reviewed-by:'?",
          range: rangeOf(REVIEWD, 'Reviewd-by'),
          output: withSobBefore('Reviewed-by: John Roe <john@example.org>'),
        },
      ],
    },
    {
      name: 'Co-authored-by',
      text: withSobBefore('Co-authored-by: John Roe <john@example.org>'),
      errors: [{ message: /^Non-standard signature: Co-authored-by: - the kernel uses Co-developed-by:/, output: null }],
    },
    ...TAG_FORMS.map(([bad, message, token]) => {
      const text = withSob(bad);
      return { name: bad, text, errors: [{ message, range: rangeOf(text, token, bad), output: withSob(SOB) }] };
    }),
    {
      name: 'an indented tag',
      text: INDENTED,
      errors: [
        {
          message: 'Do not use whitespace before Acked-by:',
          range: rangeOf(INDENTED, '  ', '  Acked-by'),
          output: withSob(`${SOB}\nAcked-by: John Roe <john@example.org>`),
        },
      ],
    },
    {
      name: 'an address without brackets',
      text: NO_BRACKETS,
      errors: [{ severity: 'error', message: /^Unrecognized email address: 'Jane Doe jane@example.org'/, range: rangeOf(NO_BRACKETS, 'Jane Doe jane@example.org') }],
    },
    {
      name: 'a full stop after the address',
      text: AFTER_EMAIL,
      errors: [
        {
          message: "Unexpected content after email: 'Jane Doe <jane@example.org>.', should be: 'Jane Doe <jane@example.org>'",
          range: rangeOf(AFTER_EMAIL, 'Jane Doe <jane@example.org>.'),
          output: PATCH,
        },
      ],
    },
    {
      name: 'a full stop in a bare address',
      text: DOT_ADDRESS,
      errors: [
        {
          message: "email address 'john@example.org.' might be better as 'john@example.org'",
          range: rangeOf(DOT_ADDRESS, 'john@example.org.'),
          output: withSobBefore('Acked-by: john@example.org'),
        },
      ],
    },
    {
      name: 'a note after the address',
      text: replace(PATCH, REPORTED, 'Reported-by: John Roe <john@example.org> v1'),
      errors: [
        {
          message: "Unexpected content after email: 'John Roe <john@example.org> v1', should be: 'John Roe <john@example.org> (v1)'",
          output: replace(PATCH, REPORTED, 'Reported-by: John Roe <john@example.org> (v1)'),
        },
      ],
    },
    { name: 'a duplicate signature', text: DUP, errors: [{ message: 'Duplicate signature', range: rangeOf(DUP, 'Signed-off-by: Jane  Doe <jane@example.org>') }] },
    {
      name: 'Co-developed-by without its Signed-off-by',
      text: CODEV_ALONE,
      errors: [
        {
          message: 'Co-developed-by: must be immediately followed by Signed-off-by:',
          range: rangeOf(CODEV_ALONE, 'Co-developed-by'),
          output: withSob(`${SOB}\n${CODEV}\nSigned-off-by: John Roe <john@example.org>`),
        },
      ],
    },
    { name: "Co-developed-by followed by another's sign-off", text: withSob(`${CODEV}\n${SOB}`), errors: [{ message: CODEV_MISMATCH }] },
    { name: 'Co-developed-by and Signed-off-by addresses differ', text: withSob(`${CODEV}\nSigned-off-by: John Roe <john.roe@example.org>\n${SOB}`), errors: [{ message: CODEV_MISMATCH }] },
    {
      name: 'Co-developed-by for the author',
      text: withSobBefore('Co-developed-by: Jane Doe <jane@example.org>'),
      errors: [{ message: "Co-developed-by: should not be used to attribute nominal patch author 'Jane Doe <jane@example.org>'" }],
    },
    {
      name: 'Assisted-by with an email',
      text: ASSISTED,
      errors: [{ message: "Assisted-by expects 'AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]' format", range: rangeOf(ASSISTED, 'Claude <claude@example.org>') }],
    },
    {
      name: 'qemu: Signed-Off-by is an error',
      text: withSob('Signed-Off-by: Jane Doe <jane@example.org>'),
      profile: 'qemu',
      errors: [{ severity: 'error', message: 'The correct form is "Signed-off-by"', output: PATCH }],
    },
    {
      name: 'qemu: no space after the colon is an error',
      text: withSob('Signed-off-by:Jane Doe <jane@example.org>'),
      profile: 'qemu',
      errors: [{ severity: 'error', message: 'space required after Signed-off-by:', output: PATCH }],
    },
    {
      name: 'git: Signed-off-by is checked',
      text: withSob('signed-off-by: Jane Doe <jane@example.org>'),
      profile: 'git',
      errors: [{ message: "'Signed-off-by:' is the preferred signature form", output: PATCH }],
    },
  ],
});

// BAD_STABLE_ADDRESS_STYLE: no display name, notes as # comments.
const STABLE = withSobBefore('Cc: Stable <stable@vger.kernel.org> [6.1+]');
ruleTester(badStableAddressStyle, {
  valid: [{ name: 'the preferred form', text: withSobBefore('Cc: stable@vger.kernel.org # 6.1+') }],
  invalid: [
    {
      name: 'a display name and a bracketed note',
      text: STABLE,
      errors: [
        {
          message: "Invalid email format for stable: 'Stable <stable@vger.kernel.org> [6.1+]', prefer 'stable@vger.kernel.org # 6.1+'",
          range: rangeOf(STABLE, 'Stable <stable@vger.kernel.org> [6.1+]'),
          output: withSobBefore('Cc: stable@vger.kernel.org # 6.1+'),
        },
      ],
    },
  ],
});

// BAD_REPORTED_BY_LINK: Reported-by: needs Closes: (or Link:) right after it.
const NO_CLOSES = replace(PATCH, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org\n', '');
ruleTester(badReportedByLink, {
  valid: [
    { name: 'Closes:', text: PATCH },
    { name: 'Link:', text: replace(PATCH, 'Closes: https', 'Link: https') },
  ],
  invalid: [
    {
      name: 'Reported-by: alone',
      text: NO_CLOSES,
      errors: [{ message: 'Reported-by: should be immediately followed by Closes: with a URL to the report', range: rangeOf(NO_CLOSES, 'Reported-by') }],
    },
  ],
});

// BAD_FIXES_TAG: the format, fixed when the sha is long enough and a title is there.
const FIXES8 = replace(PATCH, FIXES, 'Fixes: 01234567 ("mm: rework the reclaim counter")');
ruleTester(badFixesTag, {
  valid: [
    { name: 'the right form', text: PATCH },
    { name: '"Fixes" in prose', text: replace(PATCH, 'the next reclaim pass', 'Fixes decade-old behaviour: the next reclaim pass') },
  ],
  invalid: [
    {
      name: 'a short sha',
      text: FIXES8,
      errors: [
        {
          message: /^Please use correct Fixes: style 'Fixes: <12\+ chars of sha1> \("<title line>"\)' - ie: 'Fixes: 0123456789ab \("mm: rework the reclaim counter"\)': the sha has 8 hex digits, use at least 12$/,
          range: rangeOf(FIXES8, 'Fixes: 01234567 ("mm: rework the reclaim counter")'),
          output: null,
        },
      ],
    },
    { name: 'case, spaces and quotes', text: replace(PATCH, FIXES, 'fixes:  0123456789AB (mm: rework the reclaim counter)'), errors: [{ output: PATCH }] },
    { name: 'no title', text: replace(PATCH, FIXES, 'Fixes: 0123456789ab'), errors: [{ message: /the title \("\.\.\."\) is missing$/, output: null }] },
  ],
});

// MISSING_SIGN_OFF: added at the end of the trailers, or as a new paragraph.
const NO_SOB = replace(PATCH, `\n${SOB}`, '');
const NO_TRAILERS = PATCH.slice(0, PATCH.indexOf('\nFixes:')) + PATCH.slice(PATCH.indexOf('---\n'));
ruleTester(missingSignOff, {
  valid: [{ name: 'signed off', text: PATCH }],
  invalid: [
    {
      name: 'after the other trailers',
      text: NO_SOB,
      errors: [
        {
          severity: 'error',
          message: 'Missing Signed-off-by: line(s)',
          range: rangeOf(NO_SOB, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org'),
          output: PATCH,
        },
      ],
    },
    { name: 'no trailers: a new paragraph', text: NO_TRAILERS, errors: [{ output: replace(NO_TRAILERS, 'counter").\n---', `counter").\n\n${SOB}\n---`) }] },
  ],
});

// NO_AUTHOR_SIGN_OFF: the From: author did not sign off; the fix adds the sign-off.
const JOHN = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: John Roe <john@example.org>');
ruleTester(noAuthorSignOff, {
  valid: [{ name: 'the author signed off', text: PATCH }],
  invalid: [
    {
      name: 'another author',
      text: JOHN,
      errors: [
        {
          message: "Missing Signed-off-by: line by nominal patch author 'John Roe <john@example.org>'",
          range: rangeOf(JOHN, 'John Roe <john@example.org>'),
          output: replace(JOHN, `${SOB}\n`, `${SOB}\nSigned-off-by: John Roe <john@example.org>\n`),
        },
      ],
    },
    {
      name: 'an in-body From: wins over the mail header',
      text: replace(PATCH, '\nThe reclaim counter', '\nFrom: John Roe <john@example.org>\n\nThe reclaim counter'),
      errors: [{ output: replace(PATCH, `\nThe reclaim counter`, '\nFrom: John Roe <john@example.org>\n\nThe reclaim counter').replace(`${SOB}\n`, `${SOB}\nSigned-off-by: John Roe <john@example.org>\n`) }],
    },
  ],
});

// FROM_SIGN_OFF_MISMATCH: address, name, subaddress and comment differences.
ruleTester(fromSignOffMismatch, {
  valid: [{ name: 'the same identity', text: PATCH }],
  invalid: (
    [
      ['Jane Doe <jane@work.example.com>', 'address', 'warning'],
      ['Jane Q. Doe <jane@example.org>', 'name', 'warning'],
      ['Jane Doe <jane+lkml@example.org>', 'subaddress', 'warning'],
      ['Jane Doe <jane@example.org> (maintainer)', 'comments', 'information'],
    ] as const
  ).map(([sob, kind, severity]) => {
    const text = withSob(`Signed-off-by: ${sob}`);
    return {
      name: kind,
      text,
      errors: [{ severity, message: new RegExp(`^From:/Signed-off-by: email ${kind} mismatch: 'From: `), range: rangeOf(text, sob, `Signed-off-by: ${sob}`) }],
    };
  }),
});

// TRAILER_CONTINUATION: a wrapped tag is joined; folding is legal in the git profile.
const WRAPPED = replace(PATCH, REPORTED, 'Reported-by: John Roe\n   <john@example.org>');
ruleTester(trailerContinuation, {
  valid: [
    { name: 'one line each', text: PATCH },
    { name: 'git profile: folding is legal', text: WRAPPED, profile: 'git' },
  ],
  invalid: [{ name: 'a wrapped tag', text: WRAPPED, errors: [{ range: rangeOf(WRAPPED, '<john@example.org>', '   <john@example.org>'), output: PATCH }] }],
});

// TRAILER_ORDER: only with trailerOrder, b4 semantics, the fix reorders.
const ORDER = { trailerOrder: ['fixes*', 'reported*', 'closes*', '*'] };
const CLOSES = 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org';
const FIXES_LAST = replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n`, `${REPORTED}\n${CLOSES}\n${FIXES}\n`);
ruleTester(trailerOrder, {
  valid: [
    { name: 'no order configured', text: FIXES_LAST },
    { name: 'in order', text: PATCH, config: ORDER },
    {
      name: 'trailers above the previous sign-off belong to someone else',
      text: replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n${SOB}\n`, `${REPORTED}\n${FIXES}\nSigned-off-by: John Roe <john@example.org>\n${CLOSES}\n${SOB}\n`),
      config: ORDER,
    },
  ],
  invalid: [
    {
      name: 'Fixes: after Reported-by:',
      text: FIXES_LAST,
      config: ORDER,
      errors: [{ message: /'Fixes:' should come before 'Reported-by:'/, range: rangeOf(FIXES_LAST, 'Reported-by'), output: PATCH }],
    },
    {
      name: 'your sign-off goes last',
      text: replace(PATCH, `${FIXES}\n${REPORTED}\n${CLOSES}\n${SOB}\n`, `${SOB}\n${FIXES}\n${REPORTED}\n${CLOSES}\n`),
      config: ORDER,
      errors: [{ output: PATCH }],
    },
  ],
});

// MANGLED_AUTHOR_ADDRESS: QEMU only.
const VIA = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: Jane Doe via Qemu-devel <qemu-devel@nongnu.org>');
ruleTester(mangledAuthorAddress, {
  valid: [
    { name: 'the real address', text: PATCH, profile: 'qemu' },
    { name: 'the kernel profile', text: VIA },
  ],
  invalid: [{ name: 'via Qemu-devel', text: VIA, profile: 'qemu', errors: [{ severity: 'error', range: rangeOf(VIA, 'Jane Doe via Qemu-devel <qemu-devel@nongnu.org>') }] }],
});

test('the trailer rules have ids, docs and profiles', () => {
  for (const rule of trailersRules) {
    assert.match(rule.id, /^[A-Z0-9_]+$/);
    assert.ok(rule.description.length > 10 && !rule.description.includes('\n'), rule.id);
    assert.ok(rule.doc.includes('Source:'), `${rule.id} doc names its source`);
  }
});
