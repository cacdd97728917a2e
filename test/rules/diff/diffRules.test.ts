/**
 * Diff-sanity rules on hand-made variations of a clean `git format-patch` mail
 * (test/fixtures/rules/diff/): each rule fires on the bad form with the exact range, stays quiet
 * on the clean form, and its fix produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lineNo, range, replaceLine, ruleTester, run } from '../harness';
import { diffRules } from '../../../server/src/rules/diff';
import { notUnifiedDiff } from '../../../server/src/rules/diff/notUnifiedDiff';
import { corruptedPatch } from '../../../server/src/rules/diff/corruptedPatch';
import { hunkHeaderMismatch } from '../../../server/src/rules/diff/hunkHeaderMismatch';
import { diffstatMismatch } from '../../../server/src/rules/diff/diffstatMismatch';
import { patchPrefix } from '../../../server/src/rules/diff/patchPrefix';
import { executePermissions } from '../../../server/src/rules/diff/executePermissions';
import { filePathChanges } from '../../../server/src/rules/diff/filePathChanges';
import { missingEofNewline } from '../../../server/src/rules/diff/missingEofNewline';
import { trailingWhitespace } from '../../../server/src/rules/diff/trailingWhitespace';
import { dosLineEndings } from '../../../server/src/rules/diff/dosLineEndings';
import { trailingBlankStart } from '../../../server/src/rules/diff/util';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/rules/diff');
const load = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');
const MODIFY = load('modify.patch');
const NEWFILE = load('newfile.patch');


test('a clean git format-patch mail passes every diff rule', () => {
  for (const rule of diffRules) assert.deepEqual(run(rule, MODIFY), [], rule.id);
  // The new-file patch only asks about MAINTAINERS.
  for (const rule of diffRules) {
    if (rule.id !== 'FILE_PATH_CHANGES') assert.deepEqual(run(rule, NEWFILE), [], rule.id);
  }
});

// NOT_UNIFIED_DIFF: a patch mail without a diff; covers and *cover-letter.patch are exempt.
const NO_DIFF = MODIFY.slice(0, MODIFY.indexOf('diff --git')) + '-- \n2.39.5\n';
ruleTester(notUnifiedDiff, {
  valid: [
    { name: 'a diff', text: MODIFY },
    { name: '*cover-letter.patch', text: NO_DIFF, config: { fileName: '0000-cover-letter.patch' } },
    { name: 'a cover letter (0/2)', text: NO_DIFF.replace('[PATCH]', '[PATCH 0/2]') },
  ],
  invalid: [
    { name: 'no diff', text: NO_DIFF, errors: [{ message: 'Does not appear to be a unified-diff format patch', range: range(3, 17, 45), output: null }] }, // the subject summary
  ],
});

// HUNK_HEADER_MISMATCH: stale counts after a line was added by hand; the (unsafe) fix recounts;
// no count is derived from a damaged hunk.
const ADDED = replaceLine(MODIFY, '+int f;', '+int f;\n+int g;');
const ADDED_ONE = replaceLine(NEWFILE, '+int g;', '+int g;\n+int h;');
// A removed line leaves the hunk short: the parser finds it damaged (the old fix wrote -1,4 +1,5
// and hid the lost line).
const REMOVED = replaceLine(MODIFY, ' int d;', '');
const CUT = REMOVED.split('\n').filter((l, i) => !(l === '' && i === lineNo(REMOVED, ' int c;') + 1)).join('\n');
// A line wrapped twice cuts the hunk short: corrupt, and the header is not "fixed" around it.
const WRAPPED_TWICE = replaceLine(MODIFY, '+int b2;', '+int b2; /* the second\nvariable, renamed\nbecause */');
ruleTester(hunkHeaderMismatch, {
  valid: [
    { name: 'a modification', text: MODIFY },
    { name: 'a new file', text: NEWFILE },
  ],
  invalid: [
    {
      name: 'a line added by hand',
      text: ADDED,
      errors: [
        {
          range: range(lineNo(ADDED, '@@ -1,5 +1,6 @@'), 3, 12),
          message: /declares 5 old and 6 new lines but the hunk has 5 and 7/,
          output: replaceLine(ADDED, '@@ -1,5 +1,6 @@', '@@ -1,5 +1,7 @@'),
          // git apply ignores the added line today: counting it in is a guess at intent.
          safety: 'unsafe',
        },
      ],
    },
    { name: 'an omitted count (1) is written out', text: ADDED_ONE, errors: [{ output: replaceLine(ADDED_ONE, '@@ -0,0 +1 @@', '@@ -0,0 +1,2 @@') }] },
    { name: 'a removed line: damaged, no fix', text: CUT, errors: [{ output: null }] },
    { name: 'a line wrapped twice: damaged, no fix', text: WRAPPED_TWICE, errors: [{ output: null }] },
  ],
});

// CORRUPTED_PATCH: a wrapped line inside a hunk, reported once.
const WRAPPED = replaceLine(MODIFY, '+int b2;', '+int b2; /* the second variable, renamed\nbecause its name was wrong */');
ruleTester(corruptedPatch, {
  valid: [{ name: 'an intact diff', text: MODIFY }],
  invalid: [
    {
      name: 'a wrapped line',
      text: WRAPPED,
      errors: [
        {
          message: 'patch seems to be corrupt (line wrapped?)',
          range: range(lineNo(WRAPPED, 'because its name was wrong */'), 0, 'because its name was wrong */'.length),
        },
      ],
    },
    { name: 'two wrapped lines: still once', text: replaceLine(WRAPPED, ' int d;', ' int d; /* wrapped\ntoo */'), errors: [{}] },
    { name: 'a line wrapped twice', text: WRAPPED_TWICE, errors: [{ range: range(lineNo(WRAPPED_TWICE, 'variable, renamed'), 0, 17) }] },
  ],
});

// TRAILING_WHITESPACE: per added line, the whitespace underlined; the fix removes it.
const BLANKS = replaceLine(replaceLine(MODIFY, '+int f;', '+int f; \t'), '+int b2;', '+   ');
ruleTester(trailingWhitespace, {
  valid: [
    { name: 'context lines are not the patch\'s doing', text: replaceLine(MODIFY, ' int c;', ' int c;  ') },
    { name: 'whitespace before a CR is DOS_LINE_ENDINGS\'s', text: replaceLine(MODIFY, '+int f;', '+int f; \r') },
  ],
  invalid: [
    {
      name: 'two added lines',
      text: BLANKS,
      errors: [
        { range: range(lineNo(BLANKS, '+   '), 1, 4), output: replaceLine(BLANKS, '+   ', '+') },
        { range: range(lineNo(BLANKS, '+int f; \t'), 7, 9), message: 'trailing whitespace', output: replaceLine(BLANKS, '+int f; \t', '+int f;') },
      ],
    },
  ],
});

// DOS_LINE_ENDINGS: an added line ending in CR; the fix removes the CR only (and whitespace
// before it, not reported as TRAILING_WHITESPACE, as in checkpatch, so the fix uncovers no error).
const CR = replaceLine(MODIFY, '+int f;', '+int f;\r');
const CR_LINE = lineNo(CR, '+int f;\r');
const CRLF = CR.replace(/\r?\n/g, '\r\n');
const withoutCr = (text: string, n: number): string => text.split('\n').map((l, i) => (i === n ? l.replace(/\r$/, '') : l)).join('\n');
ruleTester(dosLineEndings, {
  valid: [{ name: 'LF endings', text: MODIFY }],
  invalid: [
    {
      name: 'one CR',
      text: CR,
      // The range stops at the end of the line's text (LSP counts CR LF as the line break): it
      // runs from the CR to the start of the next line, and so does the fix.
      errors: [{ range: { start: { line: CR_LINE, character: 7 }, end: { line: CR_LINE + 1, character: 0 } }, output: MODIFY }],
    },
    {
      name: "a file CR LF throughout: the fix removes that line's CR",
      text: CRLF,
      errors: [
        { range: { start: { line: lineNo(CRLF, '+int b2;\r'), character: 8 }, end: { line: lineNo(CRLF, '+int b2;\r') + 1, character: 0 } }, output: withoutCr(CRLF, lineNo(CRLF, '+int b2;\r')) },
        { range: { start: { line: CR_LINE, character: 7 }, end: { line: CR_LINE + 1, character: 0 } }, output: withoutCr(CRLF, CR_LINE) },
      ],
    },
    {
      name: 'whitespace before the CR goes too',
      text: replaceLine(MODIFY, '+int f;', '+int f; \t\r'),
      errors: [{ fixTitle: 'Remove the carriage return and the trailing whitespace', output: MODIFY }],
    },
  ],
});

// MISSING_EOF_NEWLINE: an added last line without newline; the fix drops the marker.
const NO_EOL = replaceLine(MODIFY, '+int f;', '+int f;\n\\ No newline at end of file');
ruleTester(missingEofNewline, {
  valid: [{ name: "the old file lacking the newline is not this patch's fault", text: replaceLine(MODIFY, ' int e;', '-int e;\n\\ No newline at end of file\n+int e;') }],
  invalid: [
    {
      name: 'the added last line',
      text: NO_EOL,
      errors: [{ message: 'adding a line without newline at end of file', range: range(lineNo(NO_EOL, '\\ No newline at end of file'), 0, 27), output: MODIFY }],
    },
  ],
});

// EXECUTE_PERMISSIONS: an executable source file; scripts are exempt.
const EXEC = NEWFILE.replace('new file mode 100644', 'new file mode 100755').replace(' create mode 100644', ' create mode 100755');
ruleTester(executePermissions, {
  valid: [
    { name: '100644', text: NEWFILE },
    { name: 'under scripts/', text: EXEC.replaceAll('drivers/net/bar.c', 'scripts/bar.c') },
    { name: 'a shell script', text: EXEC.replaceAll('drivers/net/bar.c', 'tools/bar.sh') },
  ],
  invalid: [
    {
      name: 'a new executable C file',
      text: EXEC,
      errors: [{ range: range(lineNo(EXEC, 'new file mode 100755'), 14, 20), message: /^do not set execute permissions for source files/, output: null }],
    },
    {
      name: 'a mode change adding execute bits',
      text: MODIFY.replace('index ef47fd1..fa1e7b3 100644', 'old mode 100644\nnew mode 100755\nindex ef47fd1..fa1e7b3'),
      errors: [{}],
    },
  ],
});

// FILE_PATH_CHANGES: a new file without MAINTAINERS, once; qemu lists the files.
ruleTester(filePathChanges, {
  valid: [
    { name: 'MAINTAINERS changed too', text: NEWFILE.replace(' drivers/net/bar.c | 1 +', ' MAINTAINERS       | 1 +\n drivers/net/bar.c | 1 +') },
    { name: 'no file added', text: MODIFY },
  ],
  invalid: [
    {
      name: 'a new file',
      text: NEWFILE,
      errors: [{ message: 'added, moved or deleted file(s), does MAINTAINERS need updating?', range: range(lineNo(NEWFILE, 'new file mode 100644'), 0, 20), output: null }],
    },
    { name: 'qemu lists the files', text: NEWFILE, profile: 'qemu', errors: [{ message: 'added, moved or deleted file(s), does MAINTAINERS need updating? drivers/net/bar.c' }] },
  ],
});

// PATCH_PREFIX: a git diff --no-prefix patch.
const P0 = load('no-prefix.patch');
ruleTester(patchPrefix, {
  valid: [
    { name: 'a/ b/', text: MODIFY },
    {
      // A traditional diff between two trees (`foo.orig/` `foo/`) is -p1: fine.
      name: 'two trees',
      text: MODIFY.replace('diff --git a/drivers/net/foo.c b/drivers/net/foo.c\nindex ef47fd1..fa1e7b3 100644\n', '')
        .replace('--- a/drivers/net/foo.c', '--- linux.orig/drivers/net/foo.c')
        .replace('+++ b/drivers/net/foo.c', '+++ linux/drivers/net/foo.c'),
    },
  ],
  invalid: [{ name: '--no-prefix', text: P0, errors: [{ range: range(lineNo(P0, '--- drivers/net/foo.c'), 4, 21), output: null }] }],
});

// DIFFSTAT_MISMATCH: stale counts, files and summary; the fix regenerates git's diffstat.
// A line added by hand (with the hunk header fixed) leaves the diffstat stale.
const STALE = replaceLine(ADDED, '@@ -1,5 +1,6 @@', '@@ -1,5 +1,7 @@');
const STALE_FIXED = STALE.replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/foo.c | 4 +++-').replace(
  ' 1 file changed, 2 insertions(+), 1 deletion(-)',
  ' 1 file changed, 3 insertions(+), 1 deletion(-)',
);
const RENAMED = MODIFY.replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/fo.c | 3 ++-');
ruleTester(diffstatMismatch, {
  valid: [
    { name: 'a modification', text: MODIFY },
    { name: 'a new file', text: NEWFILE },
  ],
  invalid: [
    {
      name: 'stale counts',
      text: STALE,
      errors: [
        {
          message: 'Diffstat says 3 changed lines for drivers/net/foo.c; the diff has 4 (3 added, 1 deleted)',
          range: range(lineNo(STALE, ' drivers/net/foo.c | 3 ++-'), 21, 26),
          output: STALE_FIXED,
        },
        { message: 'Diffstat summary says 2 insertions; the diff has 3', range: range(lineNo(STALE, ' 1 file changed, 2 insertions(+), 1 deletion(-)'), 17, 18), output: STALE_FIXED },
      ],
    },
    {
      name: 'a bar that disagrees with its (right) count',
      text: MODIFY.replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/foo.c | 3 +--'),
      errors: [{ message: /bar for drivers\/net\/foo\.c shows 1 added and 2 deleted/, output: MODIFY }],
    },
    {
      name: 'a file listed that the diff does not change, and one missing',
      text: RENAMED,
      errors: [
        { message: 'Diffstat lists drivers/net/fo.c, which the diff does not change', range: range(lineNo(RENAMED, ' drivers/net/fo.c | 3 ++-'), 1, 17), output: MODIFY },
        { message: 'Diffstat does not list drivers/net/foo.c, which the diff changes', output: MODIFY },
      ],
    },
    {
      name: 'the mode summary lines stay as they are',
      text: NEWFILE.replace(' 2 files changed, 3 insertions(+), 1 deletion(-)', ' 2 files changed, 4 insertions(+), 1 deletion(-)'),
      errors: [{ output: NEWFILE }],
    },
  ],
});

test('trailingBlankStart finds the trailing blanks of any line, also a very long one', () => {
  assert.equal(trailingBlankStart('+int a;  \t'), 7);
  assert.equal(trailingBlankStart('+int a;'), 7);
  assert.equal(trailingBlankStart('+\f\v '), 1);
  assert.equal(trailingBlankStart('+x \r', 3), 2, 'before a given end (the CR of CRLF)');
  // A long run of blanks followed by text has no trailing whitespace (the regex took 0.4 s here).
  const long = `+${' '.repeat(30000)}x`;
  assert.equal(trailingBlankStart(long), long.length);
  assert.equal(trailingBlankStart(`${long}  `), long.length);
});
