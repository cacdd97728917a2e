/**
 * Where a series lives: git config keys of its branch, exactly where `b4 prep` keeps a series
 * enrolled with `prep-cover-strategy = branch-description` (see model.ts). Nothing lives only
 * in an editor: the CLI, the language server and b4 read the same keys.
 */
import { git, gitMaybe, SeriesError } from './git';
import { parseTracking, serializeTracking, type SeriesMeta } from './model';

const TRACKING = 'b4-tracking';
const STRATEGY = 'b4-prep-cover-strategy';

function key(branch: string, name: string): string {
  return `branch.${branch}.${name}`;
}

/** The branch HEAD points at; null when detached. */
export async function currentBranch(cwd: string): Promise<string | null> {
  const out = await gitMaybe(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return out ? out.trim() : null;
}

/** The series of `branch`, or null when it is not enrolled. */
export async function loadSeries(cwd: string, branch: string): Promise<SeriesMeta | null> {
  const json = await gitMaybe(cwd, ['config', '--get', key(branch, TRACKING)]);
  if (json === null) return null;
  const cover = (await gitMaybe(cwd, ['config', '--get', key(branch, 'description')])) ?? '';
  const meta = parseTracking(branch, json, cover.replace(/\n$/, ''));
  if (!meta) throw new SeriesError(`branch.${branch}.${TRACKING} is not b4 tracking data (expected JSON with a "series" object)`);
  return meta;
}

/** Like loadSeries, but a SeriesError when the branch is not enrolled. */
export async function requireSeries(cwd: string, branch: string): Promise<SeriesMeta> {
  const meta = await loadSeries(cwd, branch);
  if (!meta) throw new SeriesError(`branch '${branch}' is not a series; enrol it with 'patchsmith series start'`);
  return meta;
}

/** Writes the series' cover letter and tracking data (and b4's cover strategy). */
export async function saveSeries(cwd: string, meta: SeriesMeta): Promise<void> {
  await git(cwd, ['config', key(meta.branch, 'description'), meta.cover.replace(/\n*$/, '\n')]);
  await git(cwd, ['config', key(meta.branch, TRACKING), serializeTracking(meta)]);
  await git(cwd, ['config', key(meta.branch, STRATEGY), 'branch-description']);
}

/** The branches of the repository that are enrolled series (ours or b4's branch-description ones). */
export async function listSeriesBranches(cwd: string): Promise<string[]> {
  const out = await gitMaybe(cwd, ['config', '--name-only', '--get-regexp', `^branch\\..*\\.${TRACKING}$`]);
  if (!out) return [];
  return out
    .split('\n')
    .filter(Boolean)
    .map((k) => k.slice('branch.'.length, k.length - TRACKING.length - 1));
}
