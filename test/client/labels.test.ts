import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsText, statusBarText, statusBarTooltip, treeDescription } from '../../client/src/labels';
import { trailerValueProblem } from '../../client/src/trailerInput';

test('status bar shows the series position and the problem count', () => {
  assert.equal(statusBarText({ label: 'v3 2/7', problems: 4, seriesKey: 'k' }), '$(git-commit) v3 2/7 · 4 problems');
  assert.equal(statusBarText({ label: '1/1', problems: 1, seriesKey: null }), '$(git-commit) 1/1 · 1 problem');
  assert.equal(statusBarText({ label: 'cover v2 0/5', problems: 0, seriesKey: 'k' }), '$(git-commit) cover v2 0/5 · $(check)');
  assert.match(statusBarTooltip({ label: 'v2 1/3', problems: 0, seriesKey: null }), /single patch, no problems/);
});

test('tree items carry "N problems" only when there are some', () => {
  assert.equal(treeDescription(2), '2 problems');
  assert.equal(treeDescription(0), '');
  assert.equal(problemsText(1), '1 problem');
});

test('trailer input boxes accept what the trailer needs and say what is wrong otherwise', () => {
  assert.equal(trailerValueProblem('person', 'Jane Doe <jane@example.org>'), undefined);
  assert.equal(trailerValueProblem('person', 'stable@vger.kernel.org'), undefined);
  assert.match(trailerValueProblem('person', 'Jane Doe') ?? '', /Full Name <address/);
  assert.equal(trailerValueProblem('fixes', '0123456789ab ("mmc: sdhci: add divider")'), undefined);
  assert.equal(trailerValueProblem('fixes', '0123456789abcdef'), undefined);
  assert.match(trailerValueProblem('fixes', '0123456 ("x")') ?? '', /12 hex digits/);
  assert.match(trailerValueProblem('fixes', '0123456789ab (x)') ?? '', /\("subsys: title"\)/);
  assert.equal(trailerValueProblem('url', 'https://lore.kernel.org/r/x@y'), undefined);
  assert.match(trailerValueProblem('url', 'lore.kernel.org') ?? '', /URL/);
  assert.match(trailerValueProblem('url', '  ') ?? '', /Type a value/);
});
