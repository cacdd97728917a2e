/**
 * Findings reused across versions (check/findingsCache.ts): the series findings of a series whose
 * messages did not change, and the repository findings of the unchanged messages of a huge
 * document (a real git repository in a temporary folder). Always the findings a fresh run gives.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncrementalDocument, incrementalStats } from '../../server/src/check/incremental';
import { RepoFindingsCache, SeriesFindingsCache } from '../../server/src/check/findingsCache';
import { repoFindings, seriesFindingsByFile } from '../../server/src/check';
import { defaultConfig } from '../../server/src/config/defaults';
import { groupSeries } from '../../server/src/series/group';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { openRepository, type GitRepository } from '../../server/src/git/gitRepository';
import type { Finding } from '../../server/src/rules/types';
import { commit, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';

isolateGitConfig();

const repoRoot = path.resolve(__dirname, '../../..');
const seriesDir = path.join(repoRoot, 'test/fixtures/rules/series/v2');
/** A v2 series (cover and patches) as one mbox, twice: two series of the same messages. */
const seriesMbox = fs
  .readdirSync(seriesDir)
  .sort()
  .map((f) => fs.readFileSync(path.join(seriesDir, f), 'utf8'))
  .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
  .join('\n');

/** A map of findings per file without the files that have none. */
function nonEmpty(m: Map<string, Finding[]>): [string, Finding[]][] {
  return [...m].filter(([, l]) => l.length > 0);
}

test('SeriesFindingsCache: what seriesFindingsByFile gives; an unchanged series is not run again, a changed one is', async () => {
  const config = defaultConfig();
  const ran: string[] = [];
  const cache = new SeriesFindingsCache((s, c, env) => {
    ran.push(s.key);
    return seriesFindingsByFile(s, c, env);
  });
  for (const lazyMinLength of [Infinity, 0]) {
    const inc = new IncrementalDocument('mail', { lazyMinLength });
    // The v2 series, then three single patches (three series of one).
    const text = `${seriesMbox}\n${[1, 2, 3].map((i) => message(i)).join('\n')}`;
    const series = groupSeries([{ file: 'a.mbox', doc: inc.update(text) }]);
    assert.equal(series.length, 4);
    ran.length = 0;
    const parsesBefore = incrementalStats.messageParses;
    const first = (await cache.run(series, config))!;
    // A message alone has no series finding: its series is not run, nor its message parsed
    // again (lazy: read, a message is parsed; the v2 series' four are).
    assert.deepEqual(ran, [series.find((s) => s.items.length > 1)!.key], 'only the series of several messages ran');
    if (lazyMinLength === 0) assert.equal(incrementalStats.messageParses - parsesBefore, 4, 'only the v2 series was parsed');
    series.forEach((s, k) => assert.deepEqual(first[k], nonEmpty(seriesFindingsByFile(s, config)), s.key));
    // The same messages again (a new grouping of a new version of the same text): the same lists.
    ran.length = 0;
    const again = (await cache.run(groupSeries([{ file: 'a.mbox', doc: inc.update(text) }]), config))!;
    again.forEach((found, k) => assert.equal(found, first[k]));
    assert.deepEqual(ran, []);
    // A line added in a cover letter paragraph: the v2 series is run again; the single patches,
    // moved down, too (their lines changed); an edit in the last patch: only its series.
    const moved = text.replace('\n\n', '\n\nAn added line.\n');
    const next = groupSeries([{ file: 'a.mbox', doc: inc.update(moved) }]);
    const found = (await cache.run(next, config))!;
    next.forEach((s, k) => assert.deepEqual(found[k], nonEmpty(seriesFindingsByFile(s, config)), s.key));
    // An edit in the last patch (a series of one): nothing runs; in a patch of the v2 series: that series.
    const last = moved.replace('case 3.', 'case 3, again.');
    ran.length = 0;
    const lone = groupSeries([{ file: 'a.mbox', doc: inc.update(last) }]);
    const lonely = (await cache.run(lone, config))!;
    lone.forEach((s, k) => assert.deepEqual(lonely[k], nonEmpty(seriesFindingsByFile(s, config)), s.key));
    assert.deepEqual(ran, []);
    const edited = last.replace('Add b.', 'Add b, again.');
    assert.notEqual(edited, last);
    const after = groupSeries([{ file: 'a.mbox', doc: inc.update(edited) }]);
    const third = (await cache.run(after, config))!;
    after.forEach((s, k) => assert.deepEqual(third[k], nonEmpty(seriesFindingsByFile(s, config)), s.key));
    assert.deepEqual(ran, [after.find((s) => s.items.length > 1)!.key]);
    // A run no longer wanted stops at its next turn of the event loop.
    assert.equal(await new SeriesFindingsCache().run(after, config, {}, () => true, -1), null);
  }
});

let dir = '';
let repo: GitRepository;
let sha = '';

before(async () => {
  dir = await makeRepo({ user: { name: 'Jane Doe', email: 'jane@example.org' } });
  sha = await commit(dir, { message: 'mm: rework the reclaim counter\n', files: { 'mm/vmscan.c': 'long count;\n' } });
  const r = await openRepository(dir);
  assert.ok(r, 'a repository');
  repo = r;
});

after(async () => {
  repo?.dispose();
  if (dir) await removeRepo(dir);
});

/** Message i of an mbox: its Fixes: tag right, with the wrong title, or naming no commit. */
function message(i: number): string {
  const fixes = [`Fixes: ${sha.slice(0, 12)} ("mm: rework the reclaim counter")`, `Fixes: ${sha.slice(0, 12)} ("mm: a wrong title")`, 'Fixes: 0123456789ab ("mm: no such commit")'][i % 3];
  return [
    `From ${i.toString(16).padStart(40, '0')} Mon Sep 17 00:00:00 2001`,
    'From: Jane Doe <jane@example.org>',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    `Subject: [PATCH] mm: fix the reclaim counter, case ${i}`,
    '',
    `The reclaim counter is wrong in case ${i}.`,
    '',
    fixes,
    'Signed-off-by: Jane Doe <jane@example.org>',
    '---',
    ' mm/vmscan.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    'diff --git a/mm/vmscan.c b/mm/vmscan.c',
    'index 1111111..2222222 100644',
    '--- a/mm/vmscan.c',
    '+++ b/mm/vmscan.c',
    '@@ -1 +1 @@',
    '-long count;',
    '+unsigned long count;',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

test('RepoFindingsCache: a huge document\'s repository findings, as repoFindings gives them, after edits that move messages too', async () => {
  const config = defaultConfig();
  const messages = Array.from({ length: 150 }, (_, i) => message(i));
  let text = messages.join('\n');
  const inc = new IncrementalDocument('mail', { lazyMinLength: 0 });
  const cache = new RepoFindingsCache();
  const fresh = async (t: string): Promise<Finding[]> => repoFindings(parsePatch(t), config, repo);
  const first = await cache.run(inc.update(text), config, repo);
  assert.ok(first.some((f) => f.rule === 'FIXES_TITLE_MISMATCH') && first.some((f) => f.rule === 'FIXES_UNKNOWN_COMMIT'), JSON.stringify(first.map((f) => f.rule)));
  assert.deepEqual(first, await fresh(text));
  // Lines added to the first message (every later one moves), a Fixes: tag corrected in message 100.
  text = text.replace('The reclaim counter is wrong in case 0.', 'The reclaim counter is wrong in case 0.\nIt was so since v6.1.\n');
  text = text.replace(/(case 100\.\n\n)Fixes: [^\n]*/, `$1Fixes: ${sha.slice(0, 12)} ("mm: rework the reclaim counter")`);
  assert.deepEqual(await cache.run(inc.update(text), config, repo), await fresh(text));
  // Under another configuration the messages are checked again.
  const strict = { ...config, strict: true };
  assert.deepEqual(await cache.run(inc.update(text), strict, repo), await repoFindings(parsePatch(text), strict, repo));
});
