/**
 * Commit-message rules (RULES.md B) on variations of a clean patch mail and a clean bare commit
 * message (test/fixtures/rules/commitlog/): each fires on the bad form with the exact range, is
 * quiet on the good form, and its fix (when any) produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitlogRules } from '../../../server/src/rules/commitlog';
import { commitMessage } from '../../../server/src/rules/commitlog/commitMessage';
import { commitLogLongLine } from '../../../server/src/rules/commitlog/commitLogLongLine';
import { gitCommitId } from '../../../server/src/rules/commitlog/gitCommitId';
import { diffInCommitMsg } from '../../../server/src/rules/commitlog/diffInCommitMsg';
import { commitCommentSymbol } from '../../../server/src/rules/commitlog/commitCommentSymbol';
import { commitLogVersioning } from '../../../server/src/rules/commitlog/commitLogVersioning';
import { commitLogUseLink } from '../../../server/src/rules/commitlog/commitLogUseLink';
import { commitLogWrongLink } from '../../../server/src/rules/commitlog/commitLogWrongLink';
import { preferLoreArchive } from '../../../server/src/rules/commitlog/preferLoreArchive';
import { missingFixesTag } from '../../../server/src/rules/commitlog/missingFixesTag';
import { gerritChangeId } from '../../../server/src/rules/commitlog/gerritChangeId';
import { changelogAboveSeparator } from '../../../server/src/rules/commitlog/changelogAboveSeparator';
import { typoSpelling } from '../../../server/src/rules/commitlog/typoSpelling';
import { repeatedWord } from '../../../server/src/rules/commitlog/repeatedWord';
import { config, lineRange, rangeOf, replace, ruleTester, run } from '../harness';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules/commitlog');
const PATCH = fs.readFileSync(path.join(fixtures, 'patch.patch'), 'utf8');
const COMMIT_MSG = fs.readFileSync(path.join(fixtures, 'commit-message.txt'), 'utf8');
const BODY = 'the next reclaim pass sees a stale value and skips the group.\n';
/** The patch with `extra` added as a paragraph after the first one of the body. */
const withParagraph = (extra: string): string => replace(PATCH, BODY, `${BODY}\n${extra}\n`);

test('a clean patch and a clean commit message pass every commit-message rule', () => {
  for (const rule of commitlogRules) {
    for (const profile of ['kernel', 'qemu', 'git'] as const) {
      if (!rule.profiles.includes(profile)) continue;
      assert.deepEqual(run(rule, PATCH, config(profile)), [], `${rule.id} (${profile})`);
      assert.deepEqual(run(rule, COMMIT_MSG, config(profile), true), [], `${rule.id} (${profile}, commit message)`);
    }
  }
});

// COMMIT_MESSAGE: a title with only a sign-off has no description.
const NO_BODY = replace(PATCH, PATCH.slice(PATCH.indexOf('The reclaim counter'), PATCH.indexOf('Signed-off-by')), '');
const BARE_MSG = 'mm: fix the reclaim counter\n\nSigned-off-by: Jane Doe <jane@example.org>\n';
ruleTester(commitMessage, {
  valid: [
    { name: 'the clean patch', text: PATCH },
    { name: 'one line of description is enough for checkpatch', text: replace(NO_BODY, 'Signed-off-by', 'Decrement it on offline.\n\nSigned-off-by') },
  ],
  invalid: [
    {
      name: 'a patch without a body',
      text: NO_BODY,
      errors: [{ message: 'Missing commit description - Add an appropriate one', range: rangeOf(NO_BODY, 'mm: fix the reclaim counter on memcg offline'), output: null }],
    },
    { name: 'a bare commit message without a body', text: BARE_MSG, commitMessage: true, errors: [{ range: rangeOf(BARE_MSG, 'mm: fix the reclaim counter') }] },
  ],
});

// COMMIT_LOG_LONG_LINE: once per patch, from the limit to the end of the line; URLs, tags, file
// paths, diffstat lines, stack dumps and lines after the sign-off are exempt.
const LONG = 'This paragraph has one line that is clearly longer than seventy-five characters.';
const MORE = 'And another line, also much longer than the seventy-five characters allowed.....';
const TWO_LONG = withParagraph(`${LONG}\n${MORE}`);
const L76 = withParagraph('x'.repeat(70) + ' yyyyy');
ruleTester(commitLogLongLine, {
  valid: [
    { name: 'a 76-character line in the qemu profile (its limit)', text: L76, profile: 'qemu', config: { maxLineLength: 76 } },
    ...[
      'https://lore.kernel.org/all/20240101000000.1234-1-someone-with-a-long-name@example.org/',
      'drivers/gpu/drm/amd/display/dc/core/dc_link_dp_training_and_more_stuff.c: In function foo:',
      ' drivers/gpu/drm/amd/display/dc/core/dc_link_dp_training_and_more.c | 12 ++++++------',
      [
        'BUG: KASAN: slab-use-after-free in reclaim+0x10/0x20 mm/vmscan.c:10 some more words here',
        ' reclaim+0x10/0x20 mm/vmscan.c:10 this line too is longer than seventy-five characters',
      ].join('\n'),
    ].map((extra) => ({ name: extra.slice(0, 20), text: withParagraph(extra) })),
    { name: 'a long tag', text: replace(PATCH, 'Fixes:', 'Link: https://lore.kernel.org/r/20240101000000.1234-1-a-very-long-message-id@example.org\nFixes:') },
    {
      name: 'a line after the sign-off',
      text: replace(PATCH, 'Signed-off-by: Jane Doe <jane@example.org>\n', 'Signed-off-by: Jane Doe <jane@example.org>\n[jane: this handler note is also quite a bit longer than the limit of 75]\n'),
    },
  ],
  invalid: [
    {
      name: 'two long lines: once',
      text: TWO_LONG,
      errors: [
        {
          range: { start: { line: rangeOf(TWO_LONG, LONG).start.line, character: 75 }, end: rangeOf(TWO_LONG, LONG).end },
          message: /^Prefer a maximum 75 chars per line \(possible unwrapped commit description\?\)/,
          output: null,
        },
      ],
    },
    { name: 'a 76-character line in the kernel profile', text: L76, errors: [{}] },
  ],
});

// GIT_COMMIT_ID: short, unquoted, uppercase and bare references, a reference over several lines;
// fixed when only the format is wrong; and the exemptions.
const REF_LINE = 'This regressed with commit 0123456789ab ("mm: rework the reclaim counter").';
const SHORT = replace(PATCH, 'commit 0123456789ab (', 'commit 0123456 (');
const BARE_REF = replace(PATCH, 'with commit 0123456789ab (', 'with 0123456789ab (');
const SPLIT = replace(PATCH, REF_LINE, 'This regressed with commit 01234567 ("mm: rework the reclaim\ncounter").');
const NEXT = replace(PATCH, REF_LINE, 'This regressed with commit\n0123456789abcdef0123.');
ruleTester(gitCommitId, {
  valid: [
    { name: 'the clean patch', text: PATCH },
    ...[
      'This reverts commit 0123456789abcdef.',
      'Link: https://example.org/commit/0123456789abcdef0123',
      'See the log <0123456789abcdef> and [0123456789abcdef].',
      'The counter reached 123456789012345 before it wrapped.',
    ].map((line) => ({ name: line, text: withParagraph(line) })),
  ],
  invalid: [
    {
      name: 'a short sha cannot be completed without the repository',
      text: SHORT,
      errors: [
        {
          severity: 'error',
          range: rangeOf(SHORT, 'commit 0123456 ("mm: rework the reclaim counter")'),
          message: /^Please use git commit description style 'commit <12\+ chars of sha1> \("<title line>"\)' - ie: 'commit 0123456789ab \("mm: rework the reclaim counter"\)'/,
          output: null,
        },
      ],
    },
    { name: 'an unquoted title', text: replace(PATCH, '("mm: rework the reclaim counter").', '(mm: rework the reclaim counter).'), errors: [{ output: PATCH }] },
    { name: 'an uppercase sha after two spaces', text: replace(PATCH, 'commit 0123456789ab (', 'commit  0123456789AB ('), errors: [{ output: PATCH }] },
    { name: 'a bare sha', text: BARE_REF, errors: [{ range: rangeOf(BARE_REF, '0123456789ab ("mm: rework the reclaim counter")'), output: PATCH }] },
    {
      name: 'a reference over two lines',
      text: SPLIT,
      errors: [{ range: { start: rangeOf(SPLIT, 'commit 01234567').start, end: rangeOf(SPLIT, 'counter")').end }, output: null }],
    },
    {
      name: '`commit` at the end of a line, the sha on the next: once',
      text: NEXT,
      errors: [{ range: { start: rangeOf(NEXT, 'commit\n').start, end: rangeOf(NEXT, '0123456789abcdef0123', '0123456789abcdef0123.').end } }],
    },
  ],
});

// DIFF_IN_COMMIT_MSG: diff lines in the description, reported once.
const DIFF_LINES = withParagraph('For example:\n  --- a/mm/vmscan.c\n  +++ b/mm/vmscan.c');
ruleTester(diffInCommitMsg, {
  valid: [{ name: '"diff --git" in prose', text: withParagraph('The diff --git header is fine in prose.') }],
  invalid: [{ name: 'a quoted diff header', text: DIFF_LINES, errors: [{ severity: 'error', range: rangeOf(DIFF_LINES, '--- a/mm/vmscan.c', '  --- a/'), output: null }] }],
});

// COMMIT_COMMENT_SYMBOL: a '#' line in the description; the fix indents it.
const HASH = withParagraph('#include <linux/mm.h> is needed.');
ruleTester(commitCommentSymbol, {
  valid: [{ name: "a commit message's own comments", text: COMMIT_MSG, commitMessage: true }],
  invalid: [{ name: "a '#' line", text: HASH, errors: [{ range: rangeOf(HASH, '#', '#include'), output: withParagraph(' #include <linux/mm.h> is needed.') }] }],
});

// COMMIT_LOG_VERSIONING and COMMIT_LOG_USE_LINK: tags before URLs.
const VERSION_URL = withParagraph('v1: https://lore.kernel.org/r/20231201000000.1-1-jane@example.org');
ruleTester(commitLogVersioning, {
  valid: [{ name: 'the clean patch', text: PATCH }],
  invalid: [{ name: 'v1: URL', text: VERSION_URL, errors: [{ range: rangeOf(VERSION_URL, 'v1', 'v1:'), output: null }] }],
});
const BUGLINK = replace(PATCH, 'Closes: https', 'BugLink: https');
ruleTester(commitLogUseLink, {
  valid: [{ name: 'v1: URL is a versioning line', text: VERSION_URL }],
  invalid: [
    {
      name: "BugLink: (Link: or Closes: is the author's choice)",
      text: BUGLINK,
      errors: [{ message: "Unknown link reference 'BugLink:', use 'Link:' or 'Closes:' instead", range: rangeOf(BUGLINK, 'BugLink'), output: null }],
    },
    { name: 'closes: in lower case', text: replace(PATCH, 'Closes: https', 'closes: https'), errors: [{ output: PATCH }] },
  ],
});

// COMMIT_LOG_WRONG_LINK: Link:/Closes: without an http(s) URL.
const CLOSES = 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org';
const ISSUE = replace(PATCH, CLOSES, 'Closes: #1267');
ruleTester(commitLogWrongLink, {
  valid: [{ name: 'the clean patch', text: PATCH }],
  invalid: [
    { name: 'an issue number', text: ISSUE, errors: [{ message: "'Closes:' should be followed by a public http(s) link", range: rangeOf(ISSUE, '#1267'), output: null }] },
    { name: 'a message id', text: replace(PATCH, CLOSES, 'Closes: <20240101000000.1234-1-john@example.org>'), errors: [{ output: PATCH }] },
  ],
});

// PREFER_LORE_ARCHIVE: other archives, in the message and below ---.
const LKML = replace(PATCH, CLOSES, 'Closes: https://lkml.org/lkml/2024/1/1/100');
const MARC = replace(PATCH, '- decrement in the offline path', '- v1: https://marc.info/?l=linux-mm&m=1\n- decrement in the offline path');
ruleTester(preferLoreArchive, {
  valid: [{ name: 'lore links', text: PATCH }],
  invalid: [
    { name: 'lkml.org in a tag', text: LKML, errors: [{ range: rangeOf(LKML, 'https://lkml.org/lkml/2024/1/1/100'), output: null }] },
    { name: 'marc.info below ---', text: MARC, errors: [{ range: rangeOf(MARC, 'https://marc.info/?l=linux-mm&m=1') }] },
  ],
});

// MISSING_FIXES_TAG: a bug report quoted without a Fixes: tag.
const NO_FIXES = replace(PATCH, 'Fixes: 0123456789ab ("mm: rework the reclaim counter")\n', '');
const TRACE = replace(NO_FIXES, BODY, `${BODY}\nCall Trace:\n  reclaim+0x10/0x20\n`);
ruleTester(missingFixesTag, {
  valid: [
    { name: 'no Fixes: and no report', text: NO_FIXES },
    { name: 'a trace with Fixes:', text: replace(PATCH, BODY, `${BODY}\nCall Trace:\n  reclaim+0x10/0x20\n`) },
    { name: 'a revert', text: replace(TRACE, BODY, `${BODY}\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n`) },
  ],
  invalid: [
    {
      name: 'Call Trace:',
      text: TRACE,
      errors: [{ message: "The commit message has 'Call Trace:', perhaps it also needs a 'Fixes:' tag?", range: rangeOf(TRACE, 'Call Trace:'), output: null }],
    },
    { name: 'Cc: stable', text: replace(NO_FIXES, 'Signed-off-by: Jane', 'Cc: stable@vger.kernel.org\nSigned-off-by: Jane'), errors: [{}] },
  ],
});

// GERRIT_CHANGE_ID: removed by the fix; b4 change-id below --- is fine.
const CHANGE_ID = replace(PATCH, 'Signed-off-by: Jane', 'Change-Id: I0123456789abcdef0123456789abcdef01234567\nSigned-off-by: Jane');
ruleTester(gerritChangeId, {
  valid: [{ name: "b4's change-id below ---", text: replace(PATCH, '\n mm/vmscan.c |', '\nchange-id: 20240101-reclaim-0123456789ab\n\n mm/vmscan.c |') }],
  invalid: [
    {
      name: 'a Change-Id: tag',
      text: CHANGE_ID,
      errors: [{ severity: 'error', range: rangeOf(CHANGE_ID, 'Change-Id: I0123456789abcdef0123456789abcdef01234567'), output: PATCH }],
    },
  ],
});

// CHANGELOG_ABOVE_SEPARATOR: moved below ---, creating the --- line when there is none; a bare
// commit message keeps it below ---; prose after the section: reported, but not moved.
const NOTES = '---\nChanges in v2:\n- decrement in the offline path, not in the free path\n\n';
const ABOVE = replace(replace(PATCH, NOTES, '---\n'), 'Fixes:', 'Changes in v2:\n- decrement in the offline path, not in the free path\n\nFixes:');
const NO_SEP = PATCH.slice(0, PATCH.indexOf('---\n')) + PATCH.slice(PATCH.indexOf('diff --git'));
ruleTester(changelogAboveSeparator, {
  valid: [
    { name: 'the changelog below ---', text: PATCH },
    { name: 'no version named', text: withParagraph('Changes:\n- the counter is now decremented') },
  ],
  invalid: [
    { name: 'above ---', text: ABOVE, errors: [{ range: rangeOf(ABOVE, 'Changes in v2:'), output: PATCH }] },
    {
      name: 'no --- line',
      text: replace(NO_SEP, 'Signed-off-by: Jane Doe <jane@example.org>\n', 'Signed-off-by: Jane Doe <jane@example.org>\n\nv1 -> v2:\n- rebased\n'),
      errors: [{ output: replace(NO_SEP, 'diff --git', '---\nv1 -> v2:\n- rebased\n\ndiff --git') }],
    },
    {
      name: 'a bare commit message',
      text: replace(COMMIT_MSG, 'Signed-off-by', 'Changes since v1:\n- rebased\n\nSigned-off-by'),
      commitMessage: true,
      errors: [{ output: replace(COMMIT_MSG, 'jane@example.org>\n', 'jane@example.org>\n---\nChanges since v1:\n- rebased\n') }],
    },
    { name: 'prose after the section', text: withParagraph('Changes in v2:\n- rebased\n\nThe rest of the description goes on here.'), errors: [{ output: null }] },
  ],
});

// TYPO_SPELLING: in the log and the subject, case kept by the fix; accented names are words.
const OCCURED = replace(PATCH, 'sees a stale', 'sees an occured stale');
ruleTester(typoSpelling, {
  valid: [{ name: 'an accented name', text: replace(PATCH, 'Reported-by: John Roe', 'Reported-by: Clément Roe') }],
  invalid: [
    {
      name: 'in the log',
      text: OCCURED,
      errors: [{ message: "'occured' may be misspelled - perhaps 'occurred'?", range: rangeOf(OCCURED, 'occured'), output: replace(PATCH, 'sees a stale', 'sees an occurred stale') }],
    },
    {
      name: 'in the subject, capitalised',
      text: replace(PATCH, 'mm: fix the reclaim', 'mm: Seperate the reclaim'),
      errors: [{ output: replace(PATCH, 'mm: fix the reclaim', 'mm: Separate the reclaim') }],
    },
  ],
});

// REPEATED_WORD: 'the the' is fixed; 'long long' and hex words are left alone.
const THE_THE = replace(PATCH, 'skips the group', 'skips the the group');
ruleTester(repeatedWord, {
  valid: ['A long long value is used.', 'The bytes dead dead are a marker.', 'It is -rw-r--r-- 1 root root here.'].map((line) => ({ name: line, text: withParagraph(line) })),
  invalid: [{ name: 'the the', text: THE_THE, errors: [{ message: "Possible repeated word: 'the'", range: rangeOf(THE_THE, 'the the'), output: PATCH }] }],
});

test('the commit-message rules have ids, docs and profiles', () => {
  for (const rule of commitlogRules) {
    assert.match(rule.id, /^[A-Z0-9_]+$/);
    assert.ok(rule.description.length > 10 && !rule.description.includes('\n'), rule.id);
    assert.ok(rule.doc.includes('Source:'), `${rule.id} doc names its source`);
    assert.ok(rule.profiles.length > 0);
  }
  assert.deepEqual(lineRange('a\nbc\n', 1), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
});
