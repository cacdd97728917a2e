/** What `series status` and the Patch Series view show about a series. */
import { git } from './git';
import type { SeriesMeta } from './model';
import { resolveBase, seriesCommits } from './formatSeries';
import { revParse } from './git';

export interface CommitSummary {
  sha: string;
  subject: string;
  acked: number;
  reviewed: number;
  tested: number;
}

/** The series' commits with their Acked-by / Reviewed-by / Tested-by counts. */
export async function commitSummaries(cwd: string, meta: SeriesMeta): Promise<{ base: string; commits: CommitSummary[] }> {
  const base = await resolveBase(cwd, meta);
  const tip = (await revParse(cwd, `refs/heads/${meta.branch}`))!;
  const shas = await seriesCommits(cwd, base, tip);
  if (shas.length === 0) return { base, commits: [] };
  const out = await git(cwd, ['log', '--no-walk=unsorted', '--format=%H%x00%s%x00%(trailers:unfold,only)%x01', ...shas]);
  const commits: CommitSummary[] = [];
  for (const record of out.split('\x01')) {
    const [sha, subject, trailers] = record.replace(/^\n/, '').split('\x00');
    if (!sha || subject === undefined) continue;
    const keys = (trailers ?? '').split('\n').map((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase());
    const count = (k: string): number => keys.filter((x) => x === k).length;
    commits.push({ sha, subject, acked: count('acked-by'), reviewed: count('reviewed-by'), tested: count('tested-by') });
  }
  return { base, commits };
}
