import { test } from 'node:test';
import assert from 'node:assert/strict';
import { range, span } from '../../server/src/model/range';
import { applyEdits, applyFixes } from '../../server/src/rules/fixes';
import type { Fix } from '../../server/src/rules/types';

const text = 'Subject: x\nSigned-Off-By: A <a@b>\n\nbody  \n';

test('edits apply at model positions', () => {
  assert.equal(applyEdits(text, [{ range: span(1, 0, 13), newText: 'Signed-off-by' }, { range: span(3, 4, 6), newText: '' }]), 'Subject: x\nSigned-off-by: A <a@b>\n\nbody\n');
});

test('overlapping edits are refused', () => {
  assert.equal(applyEdits(text, [{ range: span(1, 0, 5), newText: 'a' }, { range: span(1, 3, 8), newText: 'b' }]), null);
});

test('the first of two overlapping fixes wins; no-op fixes do not count', () => {
  const fixes: Fix[] = [
    { title: 'case', edits: [{ range: span(1, 0, 13), newText: 'Signed-off-by' }], safety: 'safe' },
    { title: 'overlaps', edits: [{ range: span(1, 7, 10), newText: 'XXX' }], safety: 'safe' },
    { title: 'trailing', edits: [{ range: span(3, 4, 6), newText: '' }], safety: 'safe' },
    { title: 'nothing', edits: [{ range: span(0, 0, 7), newText: 'Subject' }], safety: 'safe' },
  ];
  const r = applyFixes(text, fixes);
  assert.equal(r.text, 'Subject: x\nSigned-off-by: A <a@b>\n\nbody\n');
  assert.deepEqual(r.applied.map((f) => f.title), ['case', 'trailing']);
  assert.deepEqual(r.skipped.map((f) => f.title), ['overlaps', 'nothing']);
});

test('CRLF files keep CRLF in inserted lines; LF files stay LF', () => {
  const crlf = 'a\r\nb\r\n';
  assert.equal(applyEdits(crlf, [{ range: span(1, 1, 1), newText: '\nc' }]), 'a\r\nb\r\nc\r\n');
  assert.equal(applyEdits('a\nb\n', [{ range: span(1, 1, 1), newText: '\nc' }]), 'a\nb\nc\n');
});

test('positions past the end of a line or the text clamp', () => {
  assert.equal(applyEdits('ab\ncd', [{ range: range(0, 99, 1, 0), newText: '' }]), 'abcd');
  assert.equal(applyEdits('ab\ncd', [{ range: range(5, 0, 5, 0), newText: '!' }]), 'ab\ncd!');
  // On a CR LF line the text ends before the CR (as LSP clients clamp): never between CR and LF.
  assert.equal(applyEdits('ab\r\ncd\r\n', [{ range: span(0, 99, 99), newText: '!' }]), 'ab!\r\ncd\r\n');
  assert.equal(applyEdits('ab\r\ncd\r\n', [{ range: span(1, 0, 99), newText: 'x' }]), 'ab\r\nx\r\n');
});
