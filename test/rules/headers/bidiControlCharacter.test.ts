/**
 * BIDI_CONTROL_CHARACTER (Trojan Source): every bidirectional control character in the mail or an
 * added line is one finding on exactly that character (UTF-16 columns), naming it; an error in
 * an added line, a warning elsewhere; marks only in added lines; context and removed lines,
 * and right-to-left text without controls, are quiet. No fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { config, range, rangeOf, replace, ruleTester, run } from '../harness';
import { bidiControlCharacter } from '../../../server/src/rules/headers/bidiControlCharacter';
import { bidiCharacter, hasBidi } from '../../../server/src/model/bidi';

const repoRoot = path.resolve(__dirname, '../../../..');
const PATCH = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/headers/patch.patch'), 'utf8');

const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const RLM = '\u200f';

// The Trojan Source paper's "commenting out": displayed as code after a comment, it is all comment.
const TROJAN = `+int b; /*${RLO} } ${LRI}if (isAdmin)${PDI} ${LRI} begin admins only */`;
const trojan = replace(PATCH, '+int b;', TROJAN);
const trojanLine = 24;

ruleTester(bidiControlCharacter, {
  valid: [
    { name: 'a clean patch', text: PATCH },
    { name: 'right-to-left text without controls in the log', text: replace(PATCH, 'for the report.', 'for the report (שלום).') },
    { name: 'a right-to-left mark in a name of the log', text: replace(PATCH, 'thanks to Zoë', `thanks to ${RLM}דנה${RLM}`) },
    { name: 'an override on a context line (already in the tree)', text: replace(PATCH, ' int a;', ` int a; /* ${RLO} */`) },
    { name: 'an override on a removed line (the patch removes it)', text: replace(replace(PATCH, ' int a;', `-int a; /* ${RLO} */`), '@@ -1 +1,2 @@', '@@ -1 +1 @@') },
    { name: 'a bare commit message without controls', text: 'fix the bar\n\nSigned-off-by: Jane Doe <jane@example.org>\n', commitMessage: true },
  ],
  invalid: [
    {
      name: 'the Trojan Source comment in an added line: one error per character',
      text: trojan,
      errors: [
        { message: /^Bidirectional control character U\+202E RIGHT-TO-LEFT OVERRIDE in an added line/, range: range(trojanLine, 10, 11), severity: 'error', output: null },
        { message: /U\+2066 LEFT-TO-RIGHT ISOLATE/, range: range(trojanLine, 14, 15), severity: 'error', output: null },
        { message: /U\+2069 POP DIRECTIONAL ISOLATE/, range: range(trojanLine, 27, 28), severity: 'error' },
        { message: /U\+2066 LEFT-TO-RIGHT ISOLATE/, range: range(trojanLine, 29, 30), severity: 'error' },
      ],
    },
    {
      name: 'an override in the subject: a warning on the character',
      text: replace(PATCH, 'fix the bar', `fix the ${RLO}rab`),
      errors: [{ message: /U\+202E RIGHT-TO-LEFT OVERRIDE in the Subject header/, range: range(3, 44, 45), severity: 'warning', output: null }],
    },
    {
      name: 'an embedding in a trailer, after an astral character (UTF-16 columns)',
      text: replace(PATCH, 'Signed-off-by: Jane Doe', `Signed-off-by: Jane 😀\u202bDoe`),
      errors: [{ message: /U\+202B RIGHT-TO-LEFT EMBEDDING in a trailer/, range: range(10, 22, 23), severity: 'warning' }],
    },
    {
      name: 'in the commit message, the notes and a diff header',
      text: replace(replace(replace(PATCH, 'The bar was', `The ${LRI}bar was`), '- reworded', `- re${PDI}worded`), '+++ b/drivers/net/foo.c', `+++ b/drivers/net/foo.c${RLO}`),
      errors: [
        { message: /U\+2066 LEFT-TO-RIGHT ISOLATE in the commit message/, range: range(8, 4, 5), severity: 'warning' },
        { message: /U\+2069 POP DIRECTIONAL ISOLATE in the notes/, range: range(13, 4, 5), severity: 'warning' },
        { message: /U\+202E RIGHT-TO-LEFT OVERRIDE in the diff/, range: range(21, 23, 24), severity: 'warning' },
      ],
    },
    {
      name: 'an RFC 2047 encoded subject: reported on the encoded word',
      text: replace(PATCH, 'fix the bar', 'fix the =?UTF-8?q?=E2=80=AErab?='),
      errors: [{ message: /U\+202E RIGHT-TO-LEFT OVERRIDE in the Subject header \(RFC 2047 encoded\)/, range: range(3, 44, 68), severity: 'warning' }],
    },
    {
      name: 'a right-to-left mark in an added line: a warning',
      text: replace(PATCH, '+int b;', `+int b${RLM};`),
      errors: [{ message: 'Bidirectional mark U+200F RIGHT-TO-LEFT MARK in an added line: it changes the displayed order of the characters around it', range: range(24, 6, 7), severity: 'warning' }],
    },
    {
      name: 'a bare commit message (COMMIT_EDITMSG)',
      text: `fix the ${RLO}bar\n\nSigned-off-by: Jane Doe <jane@example.org>\n`,
      commitMessage: true,
      errors: [{ range: range(0, 8, 9), severity: 'warning' }],
    },
    {
      name: 'a line with a CR ending (the CR is not part of the range)',
      text: replace(PATCH, '+int b;\n', `+int b; ${RLO}\r\n`),
      errors: [{ range: range(24, 8, 9) }],
    },
  ],
});

test('BIDI_CONTROL_CHARACTER: the severity of an added line can be configured like any rule', () => {
  const found = run(bidiControlCharacter, trojan, config('kernel', { severity: { BIDI_CONTROL_CHARACTER: 'warning' } }));
  assert.equal(found.length, 4);
  assert.ok(found.every((f) => f.severity === 'warning'));
  assert.deepEqual(found[0]!.range, rangeOf(trojan, RLO));
});

test('the table names all nine controls and the three marks, and nothing else', () => {
  const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
  const marks = [0x200e, 0x200f, 0x061c];
  let n = 0;
  for (let cp = 0; cp <= 0xffff; cp++) {
    const c = bidiCharacter(cp);
    // The one-scan test of a whole text agrees with the table, character by character.
    assert.equal(hasBidi(`x${String.fromCharCode(cp)}y`), c !== undefined, `hasBidi U+${cp.toString(16)}`);
    if (!c) continue;
    n++;
    assert.equal(c.kind, controls.includes(cp) ? 'control' : marks.includes(cp) ? 'mark' : 'none', c.code);
    assert.equal(c.code, `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  assert.equal(n, 12);
});
