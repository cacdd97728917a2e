/**
 * checkpatch's reports as findings: the line `#NN:` names, the token the caret points at (bytes
 * of UTF-8 turned into UTF-16 columns), the added line's text otherwise; fixes from the --fix copy;
 * the merge with native findings. Reports are written here in checkpatch's format by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckpatchOutput } from '../../server/src/checkpatch/parseOutput';
import { byteToColumn, reportsToFindings } from '../../server/src/checkpatch/toFindings';
import { fixedChanges, withCheckpatchFixes } from '../../server/src/checkpatch/fixes';
import { mergeFindings } from '../../server/src/checkpatch/merge';
import { defaultConfig } from '../../server/src/config/defaults';
import { applyFixes } from '../../server/src/rules/fixes';
import type { Finding } from '../../server/src/rules/types';

const PATCH = [
  'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
  'From: A U Thor <a@example.org>',
  'Subject: [PATCH] foo: add bar',
  '',
  'Add bar.',
  '',
  'Signed-off-by: A U Thor <a@example.org>',
  '---',
  ' foo.c | 2 ++',
  ' 1 file changed, 2 insertions(+)',
  '',
  'diff --git a/foo.c b/foo.c',
  '--- a/foo.c',
  '+++ b/foo.c',
  '@@ -1,1 +1,3 @@',
  ' int x;',
  '+int café = f(a,b);',
  '+int y;  ',
  '',
].join('\n');

const at = (line: number, s: number, e: number) => ({ start: { line, character: s }, end: { line, character: e } });

test('a caret narrows the finding to the token it points at, counted in bytes of UTF-8', () => {
  // checkpatch's caret column counts bytes: 'é' is two, so the ',' at UTF-16 column 15 is byte 16.
  const caretBytes = Buffer.byteLength('+int café = f(a', 'utf8');
  const out = [
    "ERROR:SPACING: space required after that ',' (ctx:VxV)",
    '#17: FILE: foo.c:2:',
    '+int café = f(a,b);',
    `${' '.repeat(caretBytes)}^`,
    '',
    'ERROR:TRAILING_WHITESPACE: trailing whitespace',
    '#18: FILE: foo.c:3:',
    '+int y;  $',
    '',
    'total: 2 errors, 0 warnings, 3 lines checked',
  ].join('\n');
  const f = reportsToFindings(parseCheckpatchOutput(out).reports, PATCH);
  assert.equal(f.length, 2);
  assert.deepEqual(f[0]!.range, at(16, 15, 16));
  assert.equal(f[0]!.rule, 'SPACING');
  assert.equal(f[0]!.severity, 'error');
  // No caret: the added line's text without the '+'.
  assert.deepEqual(f[1]!.range, at(17, 1, 9));
  assert.equal(byteToColumn('café,', 5), 4);
});

test('several carets cover the misspelt word; a word caret covers the whole word; no line: the Subject', () => {
  const out = [
    "WARNING:TYPO_SPELLING: 'bar' may be misspelled - perhaps 'baz'?",
    '#5: ',
    'Add bar.',
    '    ^^^',
    '',
    'CHECK:CAMELCASE: Avoid CamelCase: <café>',
    '#17: FILE: foo.c:2:',
    '+int café = f(a,b);',
    '       ^',
    '',
    'ERROR:MISSING_SIGN_OFF: Missing Signed-off-by: line(s)',
    '',
    'total: 1 errors, 1 warnings, 1 checks, 3 lines checked',
  ].join('\n');
  const f = reportsToFindings(parseCheckpatchOutput(out).reports, PATCH);
  assert.deepEqual(f[0]!.range, at(4, 4, 7));
  assert.equal(f[1]!.severity, 'information');
  // 'caf' is a word; the caret at its start covers it up to the non-ASCII letter.
  assert.deepEqual(f[1]!.range, at(16, 5, 8));
  assert.deepEqual(f[2]!.range, at(2, 0, 29));
  assert.equal(f[2]!.located, false);
});

test("checkpatch's --fix copy becomes an unsafe fix of the findings on the lines it changes", () => {
  const fixed = PATCH.replace('+int café = f(a,b);', '+int café = f(a, b);').replace('+int y;  ', '+int y;');
  const changes = fixedChanges(PATCH, fixed)!;
  assert.equal(changes.length, 1);
  const out = [
    "ERROR:SPACING: space required after that ',' (ctx:VxV)",
    '#17: FILE: foo.c:2:',
    '+int café = f(a,b);',
    '                ^',
    '',
    'total: 1 errors, 0 warnings, 3 lines checked',
  ].join('\n');
  const f = withCheckpatchFixes(reportsToFindings(parseCheckpatchOutput(out).reports, PATCH), PATCH, fixed);
  const fix = f[0]!.fix!;
  assert.equal(fix.safety, 'unsafe');
  assert.match(fix.title, /^checkpatch\.pl --fix: /);
  assert.equal(applyFixes(PATCH, [fix]).text, fixed);
  // A copy unrelated to the input gives no fix rather than a wrong one.
  assert.equal(fixedChanges(PATCH, 'x\n'.repeat(2000)), null);
});

test('merge: a native finding of the same TYPE on the line wins; other reports of either source stay; the configuration applies', () => {
  const config = defaultConfig('kernel');
  const native: Finding[] = [{ rule: 'TRAILING_WHITESPACE', severity: 'error', message: 'native', range: at(17, 7, 9) }];
  const cp = [
    { rule: 'TRAILING_WHITESPACE', severity: 'error' as const, message: 'cp', range: at(17, 1, 9), source: 'checkpatch.pl', located: true },
    { rule: 'TRAILING_WHITESPACE', severity: 'error' as const, message: 'cp elsewhere', range: at(16, 1, 9), source: 'checkpatch.pl', located: true },
    { rule: 'LONG_LINE', severity: 'warning' as const, message: 'long', range: at(16, 1, 9), source: 'checkpatch.pl', located: true },
    { rule: 'CAMELCASE', severity: 'information' as const, message: 'check', range: at(16, 1, 9), source: 'checkpatch.pl', located: true },
  ];
  const merged = mergeFindings(native, cp, config);
  assert.deepEqual(
    merged.map((f) => f.message),
    ['native', 'cp elsewhere', 'long'],
  );
  assert.equal('located' in merged[1]!, false);
  const strict = { ...config, strict: true, ignore: new Set(['LONG_LINE']), severity: { TRAILING_WHITESPACE: 'hint' as const } };
  assert.deepEqual(
    mergeFindings(native, cp, strict).map((f) => `${f.message}:${f.severity}`),
    ['native:error', 'cp elsewhere:hint', 'check:information'],
  );
});
