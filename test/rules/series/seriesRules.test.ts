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
import { range, runSeries, seriesOf, seriesRuleTester } from '../harness';
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

/** The paths of the fixture's files (cover, patches 1 to 3), as the series knows them. */
const F = NAMES.map((n) => `/work/v2/${n}`) as [string, string, string, string];
/** The files of a series: the texts under the fixture's paths, in order (extra ones after). */
const files = (...texts: string[]): Record<string, string> => Object.fromEntries(texts.map((t, i) => [F[i as 0] ?? `/work/v2/extra-${i}.patch`, t]));
const REAL = files(COVER, P1, P2, P3);
const subjectLine = (text: string): number => text.split('\n').findIndex((l) => l.startsWith('Subject: '));

test('the real series passes every series rule', () => {
  const series = seriesOf(REAL);
  assert.equal(series.items.length, 4);
  for (const rule of seriesRules) assert.deepEqual(runSeries(rule, series), [], rule.id);
});

// SERIES_NUMBERING: a gap, a duplicate and a wrong total, each on its file.
seriesRuleTester(seriesNumbering, {
  valid: [{ name: 'the real series', files: REAL }],
  invalid: [
    { name: 'a gap', files: files(COVER, P1, P3), errors: [{ message: 'Patch 2/3 is missing from the series', file: F[2], range: range(subjectLine(P3), 19, 22) }] },
    { name: 'a duplicate', files: { ...REAL, '/work/v2/again.patch': P2 }, errors: [{ message: /^Patch 2\/3 appears twice in the series/ }] },
    {
      name: 'a wrong total',
      files: files(COVER, P1, P2, P3.replace('[PATCH v2 3/3]', '[PATCH v2 3/4]')),
      errors: [{ message: '3/4 says the series has 4 patches; the rest of the series says 3', file: F[3] }, { message: 'Patch 3/3 is missing from the series' }],
    },
    // Consecutive gaps are one finding: only patch 1 of a 3-patch series is left.
    { name: 'consecutive gaps', files: files(COVER, P1), errors: [{ message: 'Patches 2/3 to 3/3 are missing from the series' }] },
  ],
});

// SERIES_VERSION_MISMATCH: a patch left over from v1.
seriesRuleTester(seriesVersionMismatch, {
  valid: [{ name: 'the real series', files: REAL }],
  invalid: [
    {
      name: 'a v1 patch',
      files: files(COVER, P1, P2.replace('[PATCH v2 2/3]', '[PATCH 2/3]'), P3),
      // No vN tag: the [...] group is underlined.
      errors: [{ message: '2/3 is v1 but the series is v2 (as its cover letter says): regenerate it with -v2', file: F[2], range: range(subjectLine(P2), 9, 20) }],
    },
  ],
});

// SERIES_PREFIX_MISMATCH: RFC on the cover but not on a patch.
const rfc = (t: string): string => t.replace(/\[PATCH v2 (\d)\/3\]/, '[RFC PATCH v2 $1/3]');
seriesRuleTester(seriesPrefixMismatch, {
  valid: [
    { name: 'the real series', files: REAL },
    { name: 'RFC throughout', files: files(rfc(COVER), rfc(P1), rfc(P2), rfc(P3)) },
  ],
  invalid: [
    {
      name: 'RFC missing on patch 2',
      files: files(rfc(COVER), rfc(P1), P2, rfc(P3)),
      errors: [{ message: "2/3 lacks RFC: the series' extra prefixes are RFC (as on its cover letter)", file: F[2] }],
    },
  ],
});

// SERIES_DUPLICATE_SUMMARY: two patches with one title; the other patch is the related location.
seriesRuleTester(seriesDuplicateSummary, {
  valid: [{ name: 'the real series', files: REAL }],
  invalid: [
    {
      name: 'patch 3 titled as patch 1',
      files: files(COVER, P1, P2, P3.replace('net: foo: rename b to b2', 'net: foo: add b')),
      errors: [
        {
          message: '3/3 has the same summary as 1/3: give each patch its own title',
          file: F[3],
          range: range(subjectLine(P3), 24, 39),
          related: [{ file: F[1], range: range(subjectLine(P1), 24, 39), message: '1/3, the same summary' }],
        },
      ],
    },
  ],
});

// SERIES_MISSING_COVER: warning in the kernel profile, error in qemu; a single patch needs none.
const NO_COVER = { [F[1]]: P1, [F[2]]: P2, [F[3]]: P3 };
seriesRuleTester(seriesMissingCover, {
  valid: [
    { name: 'the real series', files: REAL },
    { name: 'a single patch', files: { '/work/x.patch': P1.replace('[PATCH v2 1/3]', '[PATCH v2]') } },
  ],
  invalid: [
    { name: 'kernel', files: NO_COVER, errors: [{ severity: 'warning', file: F[1] }] },
    { name: 'qemu', files: NO_COVER, profile: 'qemu', errors: [{ severity: 'error', file: F[1] }] },
  ],
});

// COVER_SHORTLOG_MISMATCH: a retitled patch, a wrong count, a wrong author, the wrong order.
const ENTRY = COVER.split('\n').indexOf('  net: foo: rename b to b2');
seriesRuleTester(coverShortlogMismatch, {
  valid: [{ name: 'the real series', files: REAL }],
  invalid: [
    {
      name: 'a retitled patch: findings land on the cover letter',
      files: files(COVER, P1, P2, P3.replace('net: foo: rename b to b2', 'net: foo: rename b to bb')),
      errors: [
        { message: '"net: foo: rename b to b2" is not the title of any patch of the series (retitled or dropped?)', range: range(ENTRY, 2, 26), file: F[0] },
        { message: 'Shortlog lacks Jane Doe\'s patch "net: foo: rename b to bb"', range: range(ENTRY - 2, 0, 13), file: F[0] },
      ],
    },
    {
      name: 'a wrong count',
      files: files(COVER.replace('John Roe (1):', 'John Roe (2):'), P1, P2, P3),
      errors: [{ message: 'Shortlog count (2) for John Roe differs from the 1 titles listed under it' }],
    },
    {
      name: 'a wrong author',
      files: files(COVER, P1, P2.replace('From: John Roe <john@example.org>', 'From: Joan Roe <john@example.org>'), P3),
      errors: [
        { message: 'Shortlog names John Roe, who authored none of the patches (authors: Jane Doe, Joan Roe)' },
        { message: 'Shortlog has no group for Joan Roe (1 patch)' },
      ],
    },
    {
      name: 'the wrong order',
      files: files(COVER.replace('  net: foo: add b\n  net: foo: rename b to b2', '  net: foo: rename b to b2\n  net: foo: add b'), P1, P2, P3),
      errors: [{ message: /is out of order/ }],
    },
  ],
});

// COVER_DIFFSTAT_MISMATCH: a file no patch changes, a file the cover does not list.
seriesRuleTester(coverDiffstatMismatch, {
  valid: [{ name: 'the real series', files: REAL }],
  invalid: [
    {
      name: 'a file no patch changes',
      files: files(COVER.replace(' drivers/net/foo.c | 1 +', ' drivers/net/foo.c | 1 +\n drivers/net/baz.c | 1 +'), P1, P2, P3),
      errors: [{ message: 'Cover diffstat lists drivers/net/baz.c, which no patch of the series changes', file: F[0] }],
    },
    {
      name: 'a file the cover does not list',
      files: files(COVER.replace(' drivers/net/bar.c | 1 +\n', ''), P1, P2, P3),
      errors: [{ message: 'Cover diffstat does not list drivers/net/bar.c, which the patches change' }],
    },
  ],
});

// SERIES_BASE_COMMIT: two different bases conflict; a repeated one is a CHECK.
const BASE = COVER.split('\n').find((l) => l.startsWith('base-commit: '))!;
const withBase = (t: string, b: string): string => t.replace('-- \n2.39.5', `\n${b}\n-- \n2.39.5`);
seriesRuleTester(seriesBaseCommit, {
  valid: [{ name: 'the base on the cover only', files: REAL }],
  invalid: [
    {
      name: 'two different bases',
      files: files(COVER, withBase(P1, 'base-commit: 1111111111111111111111111111111111111111'), P2, P3),
      errors: [{ severity: 'warning', message: /^base-commit 1{40} differs from [0-9a-f]{40} in \/work\/v2\/v2-0000-cover-letter\.patch/, file: F[1] }],
    },
    { name: 'a repeated base', files: files(COVER, withBase(P1, BASE), P2, P3), errors: [{ severity: 'information' }] },
  ],
});

// SERIES_TOO_LONG: more than 15 patches (CHECK level, kernel).
const LONG: Record<string, string> = { [F[0]]: COVER.replace('[PATCH v2 0/3]', '[PATCH v2 00/16]') };
for (let i = 1; i <= 16; i++) {
  const num = String(i).padStart(2, '0');
  LONG[`/work/v2/p${num}.patch`] = P1.replace('[PATCH v2 1/3]', `[PATCH v2 ${num}/16]`).replace('net: foo: add b', `net: foo: step ${i}`);
}
seriesRuleTester(seriesTooLong, {
  valid: [
    { name: 'three patches', files: REAL },
    { name: 'qemu', files: LONG, profile: 'qemu' },
  ],
  invalid: [{ name: '16 patches', files: LONG, errors: [{ severity: 'information', file: F[0] }] }],
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
