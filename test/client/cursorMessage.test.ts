import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorLeftMessage, shownMessage } from '../../client/src/cursorMessage';

const A = 'file:///tmp/series.mbox';
const B = 'file:///tmp/other.patch';

test('the status bar asks again only when the cursor leaves the lines of the message it shows', () => {
  const shown = shownMessage(A, { label: 'v2 2/3', problems: 0, seriesKey: 'k', lines: { first: 40, last: 79 } });
  assert.deepEqual(shown, { uri: A, lines: { first: 40, last: 79 } });
  for (const line of [40, 41, 60, 79]) assert.equal(cursorLeftMessage(shown, A, line), false, `line ${line}`);
  for (const line of [0, 39, 80, 500]) assert.equal(cursorLeftMessage(shown, A, line), true, `line ${line}`);
  assert.equal(cursorLeftMessage(shown, B, 50), true, 'another document');
  assert.equal(cursorLeftMessage(null, A, 50), true, 'nothing shown yet (or the document changed)');
});

test('an answer without lines (an older server) is not asked again on cursor moves', () => {
  const old = shownMessage(A, { label: 'v2 1/3', problems: 2, seriesKey: 'k' });
  assert.deepEqual(old, { uri: A, lines: null });
  assert.equal(cursorLeftMessage(old, A, 1000), false);
  assert.equal(cursorLeftMessage(old, B, 0), true);
  // Nonsense lines count as none.
  assert.equal(shownMessage(A, { label: 'x', problems: 0, seriesKey: null, lines: { first: 9, last: 3 } }).lines, null);
});
