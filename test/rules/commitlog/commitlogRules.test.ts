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
import { config, fixed, lineRange, rangeOf, replace, run } from '../harness';

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

test('COMMIT_MESSAGE: a title with only a sign-off has no description', () => {
  const bare = replace(
    PATCH,
    PATCH.slice(PATCH.indexOf('The reclaim counter'), PATCH.indexOf('Signed-off-by')),
    '',
  );
  const f = run(commitMessage, bare);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, 'Missing commit description - Add an appropriate one');
  assert.deepEqual(f[0]!.range, rangeOf(bare, 'mm: fix the reclaim counter on memcg offline'));
  // One line of description is enough for checkpatch (the `---` line counts).
  const oneLine = replace(bare, 'Signed-off-by', 'Decrement it on offline.\n\nSigned-off-by');
  assert.deepEqual(run(commitMessage, oneLine), []);
  // A bare commit message without a body.
  const msg = 'mm: fix the reclaim counter\n\nSigned-off-by: Jane Doe <jane@example.org>\n';
  const g = run(commitMessage, msg, config(), true);
  assert.equal(g.length, 1);
  assert.deepEqual(g[0]!.range, rangeOf(msg, 'mm: fix the reclaim counter'));
});

test('COMMIT_LOG_LONG_LINE: once per patch, from the limit to the end of the line', () => {
  const long = 'This paragraph has one line that is clearly longer than seventy-five characters.';
  const more = 'And another line, also much longer than the seventy-five characters allowed.....';
  const text = withParagraph(`${long}\n${more}`);
  const f = run(commitLogLongLine, text);
  assert.equal(f.length, 1);
  const r = rangeOf(text, long);
  assert.deepEqual(f[0]!.range, { start: { line: r.start.line, character: 75 }, end: r.end });
  assert.match(f[0]!.message, /^Prefer a maximum 75 chars per line \(possible unwrapped commit description\?\)/);
  // QEMU's limit is 76: a 76-character line passes there.
  const l76 = 'x'.repeat(70) + ' yyyyy';
  assert.equal(run(commitLogLongLine, withParagraph(l76)).length, 1);
  assert.deepEqual(run(commitLogLongLine, withParagraph(l76), config('qemu', { maxLineLength: 76 })), []);
});

test('COMMIT_LOG_LONG_LINE: URLs, tags, file paths, diffstat lines, stack dumps and lines after the sign-off are exempt', () => {
  const url = 'https://lore.kernel.org/all/20240101000000.1234-1-someone-with-a-long-name@example.org/';
  const path1 = 'drivers/gpu/drm/amd/display/dc/core/dc_link_dp_training_and_more_stuff.c: In function foo:';
  const stat = ' drivers/gpu/drm/amd/display/dc/core/dc_link_dp_training_and_more.c | 12 ++++++------';
  const dump = [
    'BUG: KASAN: slab-use-after-free in reclaim+0x10/0x20 mm/vmscan.c:10 some more words here',
    ' reclaim+0x10/0x20 mm/vmscan.c:10 this line too is longer than seventy-five characters',
  ].join('\n');
  for (const extra of [url, path1, stat, dump]) {
    assert.deepEqual(run(commitLogLongLine, withParagraph(extra)), [], extra.slice(0, 20));
  }
  const longTag = 'Link: https://lore.kernel.org/r/20240101000000.1234-1-a-very-long-message-id@example.org';
  assert.deepEqual(run(commitLogLongLine, replace(PATCH, 'Fixes:', `${longTag}\nFixes:`)), []);
  const afterSob = replace(PATCH, 'Signed-off-by: Jane Doe <jane@example.org>\n', 'Signed-off-by: Jane Doe <jane@example.org>\n[jane: this handler note is also quite a bit longer than the limit of 75]\n');
  assert.deepEqual(run(commitLogLongLine, afterSob), []);
});

test('GIT_COMMIT_ID: short, unquoted, uppercase and bare references; fixes when only the format is wrong', () => {
  const short = replace(PATCH, 'commit 0123456789ab (', 'commit 0123456 (');
  let f = run(gitCommitId, short);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(f[0]!.range, rangeOf(short, 'commit 0123456 ("mm: rework the reclaim counter")'));
  assert.match(f[0]!.message, /^Please use git commit description style 'commit <12\+ chars of sha1> \("<title line>"\)' - ie: 'commit 0123456789ab \("mm: rework the reclaim counter"\)'/);
  assert.equal(f[0]!.fix, undefined, 'a short sha cannot be completed without the repository');

  const unquoted = replace(PATCH, '("mm: rework the reclaim counter").', '(mm: rework the reclaim counter).');
  f = run(gitCommitId, unquoted);
  assert.equal(f.length, 1);
  assert.equal(fixed(unquoted, f[0]), PATCH);

  const upper = replace(PATCH, 'commit 0123456789ab (', 'commit  0123456789AB (');
  f = run(gitCommitId, upper);
  assert.equal(f.length, 1);
  assert.equal(fixed(upper, f[0]), PATCH);

  const bare = replace(PATCH, 'with commit 0123456789ab (', 'with 0123456789ab (');
  f = run(gitCommitId, bare);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(bare, '0123456789ab ("mm: rework the reclaim counter")'));
  assert.equal(fixed(bare, f[0]), PATCH);
});

test('GIT_COMMIT_ID: a reference over several lines, and the exemptions', () => {
  const split = replace(PATCH, 'This regressed with commit 0123456789ab ("mm: rework the reclaim counter").', 'This regressed with commit 01234567 ("mm: rework the reclaim\ncounter").');
  let f = run(gitCommitId, split);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, { start: rangeOf(split, 'commit 01234567').start, end: rangeOf(split, 'counter")').end });
  assert.equal(f[0]!.fix, undefined);

  // `commit` at the end of a line, the sha on the next: reported once, not again for the sha line.
  const next = replace(PATCH, 'This regressed with commit 0123456789ab ("mm: rework the reclaim counter").', 'This regressed with commit\n0123456789abcdef0123.');
  f = run(gitCommitId, next);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, { start: rangeOf(next, 'commit\n').start, end: rangeOf(next, '0123456789abcdef0123', '0123456789abcdef0123.').end });

  for (const line of [
    'This reverts commit 0123456789abcdef.',
    'Link: https://example.org/commit/0123456789abcdef0123',
    'See the log <0123456789abcdef> and [0123456789abcdef].',
    'The counter reached 123456789012345 before it wrapped.',
  ]) {
    assert.deepEqual(run(gitCommitId, withParagraph(line)), [], line);
  }
});

test('DIFF_IN_COMMIT_MSG: diff lines in the description, reported once', () => {
  const text = withParagraph('For example:\n  --- a/mm/vmscan.c\n  +++ b/mm/vmscan.c');
  const f = run(diffInCommitMsg, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(f[0]!.range, rangeOf(text, '--- a/mm/vmscan.c', '  --- a/'));
  assert.deepEqual(run(diffInCommitMsg, withParagraph('The diff --git header is fine in prose.')), []);
});

test("COMMIT_COMMENT_SYMBOL: a '#' line in the description; the fix indents it", () => {
  const text = withParagraph('#include <linux/mm.h> is needed.');
  const f = run(commitCommentSymbol, text);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(text, '#', '#include'));
  assert.equal(fixed(text, f[0]), withParagraph(' #include <linux/mm.h> is needed.'));
  assert.deepEqual(run(commitCommentSymbol, COMMIT_MSG, config(), true), [], "a commit message's own comments");
});

test('COMMIT_LOG_VERSIONING and COMMIT_LOG_USE_LINK: tags before URLs', () => {
  const v = withParagraph('v1: https://lore.kernel.org/r/20231201000000.1-1-jane@example.org');
  let f = run(commitLogVersioning, v);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(v, 'v1', 'v1:'));
  assert.deepEqual(run(commitLogUseLink, v), []);

  const bug = replace(PATCH, 'Closes: https', 'BugLink: https');
  f = run(commitLogUseLink, bug);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Unknown link reference 'BugLink:', use 'Link:' or 'Closes:' instead");
  assert.deepEqual(f[0]!.range, rangeOf(bug, 'BugLink'));
  assert.equal(f[0]!.fix, undefined, 'Link: or Closes: is the author\'s choice');

  const lower = replace(PATCH, 'Closes: https', 'closes: https');
  f = run(commitLogUseLink, lower);
  assert.equal(fixed(lower, f[0]), PATCH);
});

test('COMMIT_LOG_WRONG_LINK: Link:/Closes: without an http(s) URL', () => {
  const issue = replace(PATCH, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org', 'Closes: #1267');
  let f = run(commitLogWrongLink, issue);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "'Closes:' should be followed by a public http(s) link");
  assert.deepEqual(f[0]!.range, rangeOf(issue, '#1267'));
  assert.equal(f[0]!.fix, undefined);

  const msgid = replace(PATCH, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org', 'Closes: <20240101000000.1234-1-john@example.org>');
  f = run(commitLogWrongLink, msgid);
  assert.equal(f.length, 1);
  assert.equal(fixed(msgid, f[0]), PATCH);
});

test('PREFER_LORE_ARCHIVE: other archives, in the message and below ---', () => {
  const url = 'https://lkml.org/lkml/2024/1/1/100';
  const text = replace(PATCH, 'Closes: https://lore.kernel.org/r/20240101000000.1234-1-john@example.org', `Closes: ${url}`);
  let f = run(preferLoreArchive, text);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(text, url));
  const notes = replace(PATCH, '- decrement in the offline path', '- v1: https://marc.info/?l=linux-mm&m=1\n- decrement in the offline path');
  f = run(preferLoreArchive, notes);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(notes, 'https://marc.info/?l=linux-mm&m=1'));
});

test('MISSING_FIXES_TAG: a bug report quoted without a Fixes: tag', () => {
  const noFixes = replace(PATCH, 'Fixes: 0123456789ab ("mm: rework the reclaim counter")\n', '');
  assert.deepEqual(run(missingFixesTag, noFixes), []);
  const trace = replace(noFixes, BODY, `${BODY}\nCall Trace:\n  reclaim+0x10/0x20\n`);
  const f = run(missingFixesTag, trace);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "The commit message has 'Call Trace:', perhaps it also needs a 'Fixes:' tag?");
  assert.deepEqual(f[0]!.range, rangeOf(trace, 'Call Trace:'));
  assert.deepEqual(run(missingFixesTag, replace(PATCH, BODY, `${BODY}\nCall Trace:\n  reclaim+0x10/0x20\n`)), [], 'has Fixes:');
  const stable = replace(noFixes, 'Signed-off-by: Jane', 'Cc: stable@vger.kernel.org\nSigned-off-by: Jane');
  assert.equal(run(missingFixesTag, stable).length, 1);
  const revert = replace(trace, BODY, `${BODY}\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n`);
  assert.deepEqual(run(missingFixesTag, revert), []);
});

test('GERRIT_CHANGE_ID: removed by the fix; b4 change-id below --- is fine', () => {
  const text = replace(PATCH, 'Signed-off-by: Jane', 'Change-Id: I0123456789abcdef0123456789abcdef01234567\nSigned-off-by: Jane');
  const f = run(gerritChangeId, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(f[0]!.range, rangeOf(text, 'Change-Id: I0123456789abcdef0123456789abcdef01234567'));
  assert.equal(fixed(text, f[0]), PATCH);
  const b4 = replace(PATCH, '\n mm/vmscan.c |', '\nchange-id: 20240101-reclaim-0123456789ab\n\n mm/vmscan.c |');
  assert.deepEqual(run(gerritChangeId, b4), []);
});

test('CHANGELOG_ABOVE_SEPARATOR: moved below ---', () => {
  const notes = '---\nChanges in v2:\n- decrement in the offline path, not in the free path\n\n';
  const above = replace(
    replace(PATCH, notes, '---\n'),
    'Fixes:',
    'Changes in v2:\n- decrement in the offline path, not in the free path\n\nFixes:',
  );
  const f = run(changelogAboveSeparator, above);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(above, 'Changes in v2:'));
  assert.equal(fixed(above, f[0]), PATCH);
});

test('CHANGELOG_ABOVE_SEPARATOR: creates the --- line when there is none; a bare commit message keeps it below ---', () => {
  const noSep = PATCH.slice(0, PATCH.indexOf('---\n')) + PATCH.slice(PATCH.indexOf('diff --git'));
  const above = replace(noSep, 'Signed-off-by: Jane Doe <jane@example.org>\n', 'Signed-off-by: Jane Doe <jane@example.org>\n\nv1 -> v2:\n- rebased\n');
  const f = run(changelogAboveSeparator, above);
  assert.equal(f.length, 1);
  assert.equal(fixed(above, f[0]), replace(noSep, 'diff --git', '---\nv1 -> v2:\n- rebased\n\ndiff --git'));

  const msg = replace(COMMIT_MSG, 'Signed-off-by', 'Changes since v1:\n- rebased\n\nSigned-off-by');
  const g = run(changelogAboveSeparator, msg, config(), true);
  assert.equal(g.length, 1);
  assert.equal(fixed(msg, g[0]), replace(COMMIT_MSG, 'jane@example.org>\n', 'jane@example.org>\n---\nChanges since v1:\n- rebased\n'));

  // Prose after the section: reported, but not moved.
  const prose = withParagraph('Changes in v2:\n- rebased\n\nThe rest of the description goes on here.');
  const h = run(changelogAboveSeparator, prose);
  assert.equal(h.length, 1);
  assert.equal(h[0]!.fix, undefined);
  assert.deepEqual(run(changelogAboveSeparator, withParagraph('Changes:\n- the counter is now decremented')), [], 'no version named');
});

test('TYPO_SPELLING: in the log and the subject, case kept by the fix; accented names are words', () => {
  const text = replace(PATCH, 'sees a stale', 'sees an occured stale');
  const f = run(typoSpelling, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "'occured' may be misspelled - perhaps 'occurred'?");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'occured'));
  assert.equal(fixed(text, f[0]), replace(PATCH, 'sees a stale', 'sees an occurred stale'));

  const subject = replace(PATCH, 'mm: fix the reclaim', 'mm: Seperate the reclaim');
  const g = run(typoSpelling, subject);
  assert.equal(g.length, 1);
  assert.equal(fixed(subject, g[0]), replace(PATCH, 'mm: fix the reclaim', 'mm: Separate the reclaim'));

  assert.deepEqual(run(typoSpelling, replace(PATCH, 'Reported-by: John Roe', 'Reported-by: Clément Roe')), []);
});

test("REPEATED_WORD: 'the the' is fixed; 'long long' and hex words are left alone", () => {
  const text = replace(PATCH, 'skips the group', 'skips the the group');
  const f = run(repeatedWord, text);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Possible repeated word: 'the'");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'the the'));
  assert.equal(fixed(text, f[0]), PATCH);
  for (const line of ['A long long value is used.', 'The bytes dead dead are a marker.', 'It is -rw-r--r-- 1 root root here.']) {
    assert.deepEqual(run(repeatedWord, withParagraph(line)), [], line);
  }
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
