/**
 * Diff-sanity rules on hand-made variations of a clean `git format-patch` mail
 * (test/fixtures/rules/diff/): each rule fires on the bad form with the exact range, stays quiet
 * on the clean form, and its fix produces exactly the expected text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { config, fixed, lineNo, range, replaceLine, run } from '../harness';
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

test('NOT_UNIFIED_DIFF: a patch mail without a diff; covers and *cover-letter.patch are exempt', () => {
  const noDiff = MODIFY.slice(0, MODIFY.indexOf('diff --git')) + '-- \n2.39.5\n';
  const found = run(notUnifiedDiff, noDiff);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, 'Does not appear to be a unified-diff format patch');
  assert.deepEqual(found[0]!.range, range(3, 17, 45)); // the subject summary
  assert.deepEqual(run(notUnifiedDiff, noDiff, config('kernel', { fileName: '0000-cover-letter.patch' })), []);
  const cover = noDiff.replace('[PATCH]', '[PATCH 0/2]');
  assert.deepEqual(run(notUnifiedDiff, cover), []);
  assert.deepEqual(run(notUnifiedDiff, MODIFY), []);
});

test('HUNK_HEADER_MISMATCH: stale counts after a line was added by hand; the (unsafe) fix recounts', () => {
  const bad = replaceLine(MODIFY, '+int f;', '+int f;\n+int g;');
  const found = run(hunkHeaderMismatch, bad);
  assert.equal(found.length, 1);
  const header = lineNo(bad, '@@ -1,5 +1,6 @@');
  assert.deepEqual(found[0]!.range, range(header, 3, 12));
  assert.match(found[0]!.message, /declares 5 old and 6 new lines but the hunk has 5 and 7/);
  assert.equal(fixed(bad, found[0]!), replaceLine(bad, '@@ -1,5 +1,6 @@', '@@ -1,5 +1,7 @@'));
  // git apply ignores the added line today: counting it in is a guess at intent.
  assert.equal(found[0]!.fix?.safety, 'unsafe');

  // A count that was omitted (meaning 1) gets written out.
  const one = replaceLine(NEWFILE, '+int g;', '+int g;\n+int h;');
  const f1 = run(hunkHeaderMismatch, one);
  assert.equal(f1.length, 1);
  assert.equal(fixed(one, f1[0]!), replaceLine(one, '@@ -0,0 +1 @@', '@@ -0,0 +1,2 @@'));

  // A removed line leaves the hunk short: the parser finds it damaged, and no count is derived
  // from a damaged hunk (the old fix wrote -1,4 +1,5 and hid the lost line).
  const removed = replaceLine(MODIFY, ' int d;', '');
  const cut = removed.split('\n').filter((l, i) => !(l === '' && i === lineNo(removed, ' int c;') + 1)).join('\n');
  const f2 = run(hunkHeaderMismatch, cut);
  assert.equal(f2.length, 1);
  assert.equal(f2[0]!.fix, undefined);
});

test('CORRUPTED_PATCH: a wrapped line inside a hunk, reported once', () => {
  const bad = replaceLine(MODIFY, '+int b2;', '+int b2; /* the second variable, renamed\nbecause its name was wrong */');
  const wrapped = lineNo(bad, 'because its name was wrong */');
  const found = run(corruptedPatch, bad);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, 'patch seems to be corrupt (line wrapped?)');
  assert.deepEqual(found[0]!.range, range(wrapped, 0, 'because its name was wrong */'.length));
  // Two wrapped lines: still once.
  const twice = replaceLine(bad, ' int d;', ' int d; /* wrapped\ntoo */');
  assert.equal(run(corruptedPatch, twice).length, 1);

  // A line wrapped twice cuts the hunk short: corrupt, and the header is not "fixed" around it.
  const last = replaceLine(MODIFY, '+int b2;', '+int b2; /* the second\nvariable, renamed\nbecause */');
  assert.deepEqual(run(corruptedPatch, last)[0]?.range, range(lineNo(last, 'variable, renamed'), 0, 17));
  const hh = run(hunkHeaderMismatch, last);
  assert.equal(hh.length, 1);
  assert.equal(hh[0]!.fix, undefined);
});

test('TRAILING_WHITESPACE: per added line, the whitespace underlined; the fix removes it', () => {
  const bad = replaceLine(replaceLine(MODIFY, '+int f;', '+int f; \t'), '+int b2;', '+   ');
  const found = run(trailingWhitespace, bad);
  assert.equal(found.length, 2);
  assert.deepEqual(found[0]!.range, range(lineNo(bad, '+   '), 1, 4));
  assert.deepEqual(found[1]!.range, range(lineNo(bad, '+int f; \t'), 7, 9));
  assert.equal(found[1]!.message, 'trailing whitespace');
  assert.equal(fixed(bad, found[1]!), replaceLine(bad, '+int f; \t', '+int f;'));
  // Context and removed lines are not the patch's doing.
  assert.deepEqual(run(trailingWhitespace, replaceLine(MODIFY, ' int c;', ' int c;  ')), []);
});

test('DOS_LINE_ENDINGS: an added line ending in CR; the fix removes the CR only', () => {
  const bad = replaceLine(MODIFY, '+int f;', '+int f;\r');
  const found = run(dosLineEndings, bad);
  assert.equal(found.length, 1);
  // The range stops at the end of the line's text (LSP counts CR LF as the line break): it runs
  // from the CR to the start of the next line, and so does the fix.
  const l = lineNo(bad, '+int f;\r');
  assert.deepEqual(found[0]!.range, { start: { line: l, character: 7 }, end: { line: l + 1, character: 0 } });
  assert.equal(fixed(bad, found[0]!), MODIFY);
  // In a file that is CR LF throughout, the fix still removes that line's CR.
  const crlf = bad.replace(/\r?\n/g, '\r\n');
  const crlfFound = run(dosLineEndings, crlf);
  assert.ok(crlfFound.length >= 1);
  const fixedCrlf = fixed(crlf, crlfFound.find((f) => f.range.start.line === l)!);
  assert.equal(fixedCrlf.split('\n')[l], '+int f;');
  assert.equal(fixedCrlf.split('\n')[l + 1]!.endsWith('\r'), true);
  // Whitespace before the CR (not reported as TRAILING_WHITESPACE, as in checkpatch) goes too, so
  // the fix does not uncover a new error.
  const spaced = replaceLine(MODIFY, '+int f;', '+int f; \t\r');
  const spacedFound = run(dosLineEndings, spaced);
  assert.equal(spacedFound[0]!.fix!.title, 'Remove the carriage return and the trailing whitespace');
  assert.equal(fixed(spaced, spacedFound[0]!), MODIFY);
  // Not reported twice as trailing whitespace.
  assert.deepEqual(run(trailingWhitespace, replaceLine(MODIFY, '+int f;', '+int f; \r')), []);
});

test('MISSING_EOF_NEWLINE: an added last line without newline; the fix drops the marker', () => {
  const bad = replaceLine(MODIFY, '+int f;', '+int f;\n\\ No newline at end of file');
  const found = run(missingEofNewline, bad);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, 'adding a line without newline at end of file');
  assert.deepEqual(found[0]!.range, range(lineNo(bad, '\\ No newline at end of file'), 0, 27));
  assert.equal(fixed(bad, found[0]!), MODIFY);
  // The old file lacking the newline is not this patch's fault.
  const old = replaceLine(MODIFY, ' int e;', '-int e;\n\\ No newline at end of file\n+int e;');
  assert.deepEqual(run(missingEofNewline, old), []);
});

test('EXECUTE_PERMISSIONS: an executable source file; scripts are exempt', () => {
  const bad = NEWFILE.replace('new file mode 100644', 'new file mode 100755').replace(' create mode 100644', ' create mode 100755');
  const found = run(executePermissions, bad);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(lineNo(bad, 'new file mode 100755'), 14, 20));
  assert.match(found[0]!.message, /^do not set execute permissions for source files/);
  const script = bad.replaceAll('drivers/net/bar.c', 'scripts/bar.c');
  assert.deepEqual(run(executePermissions, script), []);
  const shell = bad.replaceAll('drivers/net/bar.c', 'tools/bar.sh');
  assert.deepEqual(run(executePermissions, shell), []);
  // A mode change adding execute bits counts too; 100644 never does.
  const chmod = MODIFY.replace('index ef47fd1..fa1e7b3 100644', 'old mode 100644\nnew mode 100755\nindex ef47fd1..fa1e7b3');
  assert.equal(run(executePermissions, chmod).length, 1);
});

test('FILE_PATH_CHANGES: a new file without MAINTAINERS, once; qemu lists the files', () => {
  const found = run(filePathChanges, NEWFILE);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, 'added, moved or deleted file(s), does MAINTAINERS need updating?');
  assert.deepEqual(found[0]!.range, range(lineNo(NEWFILE, 'new file mode 100644'), 0, 20));
  assert.deepEqual(run(filePathChanges, NEWFILE, config('qemu')).map((f) => f.message), ['added, moved or deleted file(s), does MAINTAINERS need updating? drivers/net/bar.c']);
  const withMaintainers = NEWFILE.replace(' drivers/net/bar.c | 1 +', ' MAINTAINERS       | 1 +\n drivers/net/bar.c | 1 +');
  assert.deepEqual(run(filePathChanges, withMaintainers), []);
  assert.deepEqual(run(filePathChanges, MODIFY), []);
});

test('PATCH_PREFIX: a git diff --no-prefix patch', () => {
  const p0 = load('no-prefix.patch');
  const found = run(patchPrefix, p0);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.range, range(lineNo(p0, '--- drivers/net/foo.c'), 4, 21));
  assert.deepEqual(run(patchPrefix, MODIFY), []);
  // A traditional diff between two trees (`foo.orig/` `foo/`) is -p1: fine.
  const trees = MODIFY.replace('diff --git a/drivers/net/foo.c b/drivers/net/foo.c\nindex ef47fd1..fa1e7b3 100644\n', '')
    .replace('--- a/drivers/net/foo.c', '--- linux.orig/drivers/net/foo.c')
    .replace('+++ b/drivers/net/foo.c', '+++ linux/drivers/net/foo.c');
  assert.deepEqual(run(patchPrefix, trees), []);
});

test('DIFFSTAT_MISMATCH: stale counts, files and summary; the fix regenerates git\'s diffstat', () => {
  // A line added by hand (with the hunk header fixed) leaves the diffstat stale.
  const bad = replaceLine(replaceLine(MODIFY, '+int f;', '+int f;\n+int g;'), '@@ -1,5 +1,6 @@', '@@ -1,5 +1,7 @@');
  const found = run(diffstatMismatch, bad);
  const statLine = lineNo(bad, ' drivers/net/foo.c | 3 ++-');
  const summary = lineNo(bad, ' 1 file changed, 2 insertions(+), 1 deletion(-)');
  assert.deepEqual(
    found.map((f) => [f.message, f.range]),
    [
      ['Diffstat says 3 changed lines for drivers/net/foo.c; the diff has 4 (3 added, 1 deleted)', range(statLine, 21, 26)],
      ['Diffstat summary says 2 insertions; the diff has 3', range(summary, 17, 18)],
    ],
  );
  const expected = bad
    .replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/foo.c | 4 +++-')
    .replace(' 1 file changed, 2 insertions(+), 1 deletion(-)', ' 1 file changed, 3 insertions(+), 1 deletion(-)');
  assert.equal(fixed(bad, found[0]!), expected);

  // A bar that disagrees with its (right) count.
  const bar = MODIFY.replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/foo.c | 3 +--');
  const fb = run(diffstatMismatch, bar);
  assert.equal(fb.length, 1);
  assert.match(fb[0]!.message, /bar for drivers\/net\/foo\.c shows 1 added and 2 deleted/);
  assert.equal(fixed(bar, fb[0]!), MODIFY);

  // A file listed that the diff does not change, and one missing.
  const renamed = MODIFY.replace(' drivers/net/foo.c | 3 ++-', ' drivers/net/fo.c | 3 ++-');
  const fr = run(diffstatMismatch, renamed);
  assert.deepEqual(
    fr.map((f) => f.message),
    ['Diffstat lists drivers/net/fo.c, which the diff does not change', 'Diffstat does not list drivers/net/foo.c, which the diff changes'],
  );
  assert.deepEqual(fr[0]!.range, range(lineNo(renamed, ' drivers/net/fo.c | 3 ++-'), 1, 17));
  assert.equal(fixed(renamed, fr[0]!), MODIFY);

  // The mode summary lines stay as they are when the stat lines are regenerated.
  const created = NEWFILE.replace(' 2 files changed, 3 insertions(+), 1 deletion(-)', ' 2 files changed, 4 insertions(+), 1 deletion(-)');
  const fc = run(diffstatMismatch, created);
  assert.equal(fc.length, 1);
  assert.equal(fixed(created, fc[0]!), NEWFILE);
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
