/** Enrolling a branch as a series (`patchsmith series start`). */
import { randomBytes } from 'node:crypto';
import { gitMaybe, revParse, SeriesError } from './git';
import { coverTemplate } from './cover';
import { makeChangeId, type SeriesMeta } from './model';
import { currentBranch, loadSeries, saveSeries } from './store';
import { senderIdentity } from './formatSeries';
import { formatAddress } from './recipients';

export interface StartOptions {
  branch?: string;
  base?: string;
  prefixes?: string[];
  now?: Date;
}

/**
 * The base a new series defaults to: the branch's upstream (unless it is the branch's own
 * copy on a remote), else the remote's default branch
 * (origin/HEAD), else the first of main, master that is another branch.
 */
export async function defaultBase(cwd: string, branch: string): Promise<string> {
  const upstream = await gitMaybe(cwd, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', `${branch}@{upstream}`]);
  // Not the branch's own copy on a remote (`git push -u origin feat`): that is no base.
  const up = upstream?.trim() ?? '';
  if (up && up.split('/').slice(1).join('/') !== branch && up !== branch) return up;
  const originHead = await gitMaybe(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead && originHead.trim()) return originHead.trim();
  for (const name of ['main', 'master']) {
    if (name !== branch && (await revParse(cwd, `refs/heads/${name}`))) return name;
  }
  throw new SeriesError(`cannot tell what '${branch}' is based on (no upstream, no main or master branch); give --base REF`);
}

export async function startSeries(cwd: string, options: StartOptions): Promise<SeriesMeta> {
  const branch = options.branch ?? (await currentBranch(cwd));
  if (!branch) throw new SeriesError('HEAD is detached; check out a branch or give --branch NAME');
  if (!(await revParse(cwd, `refs/heads/${branch}`))) throw new SeriesError(`no branch '${branch}'`);
  const existing = await loadSeries(cwd, branch);
  if (existing) throw new SeriesError(`branch '${branch}' is already a series (v${existing.revision}); see 'patchsmith series status'`);
  const baseBranch = options.base ?? (await defaultBase(cwd, branch));
  if (!(await revParse(cwd, baseBranch))) throw new SeriesError(`--base '${baseBranch}' is not a commit`);
  const mb = await gitMaybe(cwd, ['merge-base', baseBranch, `refs/heads/${branch}`]);
  if (!mb || !mb.trim()) throw new SeriesError(`'${baseBranch}' and '${branch}' have no common ancestor`);
  const me = await senderIdentity(cwd);
  const meta: SeriesMeta = {
    branch,
    revision: 1,
    changeId: makeChangeId(branch, options.now ?? new Date(), randomBytes(6).toString('hex')),
    baseBranch,
    prefixes: options.prefixes ?? [],
    history: {},
    sent: {},
    cover: coverTemplate(branch, me.email ? formatAddress(me) : null),
    raw: {},
  };
  await saveSeries(cwd, meta);
  return meta;
}
