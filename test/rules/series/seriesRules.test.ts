/**
 * Series rules on a small threaded v2 series made by git format-patch --cover-letter --base
 * (test/fixtures/rules/series/v2/: a cover and three patches by two authors), and on hand-made
 * damage to it: each rule is quiet on the real series and reports the damage on the right file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { groupSeries } from '../../../server/src/series/group';
import { runSeriesRules } from '../../../server/src/rules/engine';
import { mergeConfig } from '../../../server/src/config/layer';
import type { Series } from '../../../server/src/rules/types';
import { range, runSeries } from '../harness';
import { seriesRules } from '../../../server/src/rules/series';
import { seriesNumbering } from '../../../server/src/rules/series/seriesNumbering';
import { seriesVersionMismatch } from '../../../server/src/rules/series/seriesVersionMismatch';
import { seriesPrefixMismatch } from '../../../server/src/rules/series/seriesPrefixMismatch';
import { seriesDuplicateSummary } from '../../../server/src/rules/series/seriesDuplicateSummary';
import { seriesMissingCover } from '../../../server/src/rules/series/seriesMissingCover';
import { coverShortlogMismatch } from '../../../server/src/rules/series/coverShortlogMismatch';
import { coverDiffstatMismatch } from '../../../server/src/rules/series/coverDiffstatMismatch';
import { seriesBaseCommit } from '../../../server/src/rules/series/seriesBaseCommit';
import { seriesTooLong } from '../../../server/src/rules/series/seriesTooLong';

const repoRoot = path.resolve(__dirname, '../../../..');
const dir = path.join(repoRoot, 'test/fixtures/rules/series/v2');
const NAMES = fs.readdirSync(dir).filter((f) => f.endsWith('.patch')).sort();
const TEXTS = NAMES.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const [COVER, P1, P2, P3] = TEXTS as [string, string, string, string];

/** Files of a series (name -> text) grouped as the language server groups them. */
function seriesOf(files: Record<string, string>): Series {
  const all = groupSeries(Object.entries(files).map(([file, text]) => ({ file: `/work/v2/${file}`, doc: parsePatch(text) })));
  assert.equal(all.length, 1, `one series expected, got ${all.map((s) => s.key).join(' | ')}`);
  return all[0]!;
}

const files = (...texts: string[]): Record<string, string> => Object.fromEntries(texts.map((t, i) => [NAMES[i] ?? `extra-${i}.patch`, t]));


const run = runSeries;
const subjectLine = (text: string): number => text.split('\n').findIndex((l) => l.startsWith('Subject: '));

test('the real series passes every series rule', () => {
  const series = seriesOf(files(COVER, P1, P2, P3));
  assert.equal(series.items.length, 4);
  for (const rule of seriesRules) assert.deepEqual(run(rule, series), [], rule.id);
});

test('SERIES_NUMBERING: a gap, a duplicate and a wrong total, each on its file', () => {
  const gap = seriesOf(files(COVER, P1, P3));
  const fg = run(seriesNumbering, gap);
  assert.equal(fg.length, 1);
  assert.equal(fg[0]!.message, 'Patch 2/3 is missing from the series');
  assert.equal(gap.items[fg[0]!.item]!.msg.subject?.number, 3);
  assert.deepEqual(fg[0]!.range, range(subjectLine(P3), 19, 22));

  const dup = seriesOf({ ...files(COVER, P1, P2, P3), 'again.patch': P2 });
  const fd = run(seriesNumbering, dup);
  assert.equal(fd.length, 1);
  assert.match(fd[0]!.message, /^Patch 2\/3 appears twice in the series/);

  const wrongTotal = seriesOf(files(COVER, P1, P2, P3.replace('[PATCH v2 3/3]', '[PATCH v2 3/4]')));
  const ft = run(seriesNumbering, wrongTotal);
  assert.deepEqual(ft.map((f) => f.message), ['3/4 says the series has 4 patches; the rest of the series says 3', 'Patch 3/3 is missing from the series']);
  assert.equal(wrongTotal.items[ft[0]!.item]!.file, `/work/v2/${NAMES[3]}`);

  // Consecutive gaps are one finding: only patch 1 of a 3-patch series is left.
  const run1 = seriesOf(files(COVER, P1));
  assert.deepEqual(run(seriesNumbering, run1).map((f) => f.message), ['Patches 2/3 to 3/3 are missing from the series']);
});

test('SERIES_VERSION_MISMATCH: a patch left over from v1', () => {
  const series = seriesOf(files(COVER, P1, P2.replace('[PATCH v2 2/3]', '[PATCH 2/3]'), P3));
  const found = run(seriesVersionMismatch, series);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, '2/3 is v1 but the series is v2 (as its cover letter says): regenerate it with -v2');
  assert.equal(series.items[found[0]!.item]!.file, `/work/v2/${NAMES[2]}`);
  assert.deepEqual(found[0]!.range, range(subjectLine(P2), 9, 20)); // no vN tag: the [...] group
});

test('SERIES_PREFIX_MISMATCH: RFC on the cover but not on a patch', () => {
  const rfc = (t: string): string => t.replace(/\[PATCH v2 (\d)\/3\]/, '[RFC PATCH v2 $1/3]');
  const series = seriesOf(files(rfc(COVER), rfc(P1), P2, rfc(P3)));
  const found = run(seriesPrefixMismatch, series);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, "2/3 lacks RFC: the series' extra prefixes are RFC (as on its cover letter)");
  assert.equal(series.items[found[0]!.item]!.file, `/work/v2/${NAMES[2]}`);
});

test('SERIES_DUPLICATE_SUMMARY: two patches with one title', () => {
  const series = seriesOf(files(COVER, P1, P2, P3.replace('net: foo: rename b to b2', 'net: foo: add b')));
  const found = run(seriesDuplicateSummary, series);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.message, '3/3 has the same summary as 1/3: give each patch its own title');
  assert.deepEqual(found[0]!.range, range(subjectLine(P3), 24, 39));
  // The other patch is named: its file and its summary are the related location.
  assert.deepEqual(found[0]!.related, [
    { file: `/work/v2/${NAMES[1]}`, range: range(subjectLine(P1), 24, 39), message: '1/3, the same summary' },
  ]);
});

test('SERIES_MISSING_COVER: warning in the kernel profile, error in qemu', () => {
  const series = seriesOf(files(P1, P2, P3));
  const k = run(seriesMissingCover, series);
  assert.equal(k.length, 1);
  assert.equal(k[0]!.severity, 'warning');
  assert.equal(series.items[k[0]!.item]!.msg.subject?.number, 1);
  const q = run(seriesMissingCover, series, 'qemu');
  assert.equal(q[0]?.severity, 'error');
  // A single patch needs none.
  const one = groupSeries([{ file: '/work/x.patch', doc: parsePatch(P1.replace('[PATCH v2 1/3]', '[PATCH v2]')) }]);
  assert.deepEqual(run(seriesMissingCover, one[0]!), []);
});

test('COVER_SHORTLOG_MISMATCH: a retitled patch, a wrong count, a wrong author', () => {
  const retitled = seriesOf(files(COVER, P1, P2, P3.replace('net: foo: rename b to b2', 'net: foo: rename b to bb')));
  const fr = run(coverShortlogMismatch, retitled);
  const entry = COVER.split('\n').indexOf('  net: foo: rename b to b2');
  assert.deepEqual(
    fr.map((f) => [f.message, f.range]),
    [
      ['"net: foo: rename b to b2" is not the title of any patch of the series (retitled or dropped?)', range(entry, 2, 26)],
      ['Shortlog lacks Jane Doe\'s patch "net: foo: rename b to bb"', range(entry - 2, 0, 13)],
    ],
  );
  assert.ok(fr.every((f) => f.item === 0), 'findings land on the cover letter');

  const count = seriesOf(files(COVER.replace('John Roe (1):', 'John Roe (2):'), P1, P2, P3));
  const fc = run(coverShortlogMismatch, count);
  assert.equal(fc.length, 1);
  assert.equal(fc[0]!.message, 'Shortlog count (2) for John Roe differs from the 1 titles listed under it');

  const author = seriesOf(files(COVER, P1, P2.replace('From: John Roe <john@example.org>', 'From: Joan Roe <john@example.org>'), P3));
  const fa = run(coverShortlogMismatch, author);
  assert.deepEqual(fa.map((f) => f.message), [
    'Shortlog names John Roe, who authored none of the patches (authors: Jane Doe, Joan Roe)',
    'Shortlog has no group for Joan Roe (1 patch)',
  ]);

  const order = seriesOf(files(COVER.replace('  net: foo: add b\n  net: foo: rename b to b2', '  net: foo: rename b to b2\n  net: foo: add b'), P1, P2, P3));
  assert.match(run(coverShortlogMismatch, order)[0]?.message ?? '', /is out of order/);
});

test('COVER_DIFFSTAT_MISMATCH: a file no patch changes, a file the cover does not list', () => {
  const extra = seriesOf(files(COVER.replace(' drivers/net/foo.c | 1 +', ' drivers/net/foo.c | 1 +\n drivers/net/baz.c | 1 +'), P1, P2, P3));
  const fe = run(coverDiffstatMismatch, extra);
  assert.equal(fe.length, 1);
  assert.equal(fe[0]!.message, 'Cover diffstat lists drivers/net/baz.c, which no patch of the series changes');
  assert.equal(fe[0]!.item, 0);

  const missing = seriesOf(files(COVER.replace(' drivers/net/bar.c | 1 +\n', ''), P1, P2, P3));
  const fm = run(coverDiffstatMismatch, missing);
  assert.equal(fm.length, 1);
  assert.equal(fm[0]!.message, 'Cover diffstat does not list drivers/net/bar.c, which the patches change');
});

test('SERIES_BASE_COMMIT: two different bases conflict; a repeated one is a CHECK', () => {
  const base = COVER.split('\n').find((l) => l.startsWith('base-commit: '))!;
  const other = 'base-commit: 1111111111111111111111111111111111111111';
  const withBase = (t: string, b: string): string => t.replace('-- \n2.39.5', `\n${b}\n-- \n2.39.5`);
  const conflict = seriesOf(files(COVER, withBase(P1, other), P2, P3));
  const fc = run(seriesBaseCommit, conflict);
  assert.equal(fc.length, 1);
  assert.equal(fc[0]!.severity, 'warning');
  assert.match(fc[0]!.message, /^base-commit 1{40} differs from [0-9a-f]{40} in \/work\/v2\/v2-0000-cover-letter\.patch/);
  assert.equal(fc[0]!.item, 1);
  const repeated = seriesOf(files(COVER, withBase(P1, base), P2, P3));
  assert.equal(run(seriesBaseCommit, repeated)[0]?.severity, 'information');
});

test('SERIES_TOO_LONG: more than 15 patches (CHECK level, kernel)', () => {
  const n = 16;
  const texts: Record<string, string> = { [NAMES[0]!]: COVER.replace('[PATCH v2 0/3]', `[PATCH v2 00/${n}]`) };
  for (let i = 1; i <= n; i++) {
    const num = String(i).padStart(2, '0');
    texts[`p${num}.patch`] = P1.replace('[PATCH v2 1/3]', `[PATCH v2 ${num}/${n}]`).replace('net: foo: add b', `net: foo: step ${i}`);
  }
  const series = seriesOf(texts);
  const found = run(seriesTooLong, series);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.item, 0);
  assert.equal(found[0]!.severity, 'information');
  assert.deepEqual(run(seriesTooLong, series, 'qemu'), []);
});

test('a message alone is judged from what is there: no series rule reports on it', () => {
  const cases = [
    P3, // [PATCH v2 3/3] without its siblings: no missing cover, no gap
    P1.replace('[PATCH v2 1/3]', '[PATCH 4/660]'), // no "660 patches"
    COVER, // a cover letter without its patches
  ];
  for (const text of cases) {
    const all = groupSeries([{ file: '/work/lone/x.patch', doc: parsePatch(text) }]);
    assert.equal(all.length, 1);
    for (const profile of ['kernel', 'qemu'] as const) {
      assert.deepEqual(runSeriesRules(all[0]!, mergeConfig([{ profile, strict: true }])), [], `${profile}: ${text.split('\n').find((l) => l.startsWith('Subject:'))}`);
    }
  }
});
