/**
 * Every `Lines` (one text's table, an array, a moved view, runs joined) answers lengthOf, codeAt
 * and join as the plain model `text.split('\n')` does: the hot loops of the parser and the diff
 * rules read lines through them instead of cutting strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ArrayLines, JoinedLines, LineTable, ShiftedLines, type Lines } from '../../server/src/model/lines';

const text = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\r', '\n', '\u202e', 'é', '😀'), maxLength: 60 });

/** Compares `lines` with `model` at every line, column and range (and just outside them). */
function agree(lines: Lines, model: string[]): void {
  assert.equal(lines.length, model.length);
  for (let i = -1; i <= model.length; i++) {
    const m = model[i];
    assert.equal(lines.lengthOf(i), m === undefined ? -1 : m.length, `lengthOf(${i})`);
    for (let col = -1; col <= (m?.length ?? 0); col++) {
      const want = m !== undefined && col >= 0 && col < m.length ? m.charCodeAt(col) : -1;
      assert.equal(lines.codeAt(i, col), want, `codeAt(${i}, ${col})`);
    }
  }
  for (let s = -1; s <= model.length + 1; s++) {
    for (let e = s - 1; e <= model.length + 1; e++) {
      const want = model.slice(Math.max(0, s), Math.max(Math.max(0, s), Math.min(model.length, e))).join('\n');
      assert.equal(lines.join(s, e), want, `join(${s}, ${e})`);
    }
  }
}

test('LineTable and ArrayLines read lines as text.split("\\n")', () => {
  fc.assert(
    fc.property(text, (t) => {
      agree(new LineTable(t), t.split('\n'));
      agree(new ArrayLines(t.split('\n')), t.split('\n'));
    }),
  );
});

test('a moved view reads its source further down', () => {
  fc.assert(
    fc.property(text, fc.nat(4), (t, delta) => {
      const model = t.split('\n');
      // Line i of the view is source line i - delta: the first `delta` lines are no lines' (empty).
      const view = new ShiftedLines(new LineTable(t), delta);
      assert.equal(view.length, model.length + delta);
      for (let i = 0; i < delta; i++) assert.equal(view.lengthOf(i), -1);
      for (let i = 0; i < model.length; i++) {
        assert.equal(view.lengthOf(i + delta), model[i]!.length);
        assert.equal(view.codeAt(i + delta, 0), model[i]!.length ? model[i]!.charCodeAt(0) : -1);
      }
      assert.equal(view.join(0, view.length), model.join('\n'));
      assert.equal(view.join(delta + 1, view.length), model.slice(1).join('\n'));
    }),
  );
});

test('runs joined read as the lines one after the other, empty runs included', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(text, fc.constant(null)), { maxLength: 5 }), (parts) => {
      // null: a run of no lines.
      const runs: Lines[] = parts.map((p) => (p === null ? new ArrayLines([]) : new LineTable(p)));
      const model = parts.flatMap((p) => (p === null ? [] : p.split('\n')));
      agree(new JoinedLines(runs), model);
    }),
  );
});
