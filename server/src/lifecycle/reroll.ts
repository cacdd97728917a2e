/**
 * `series reroll`: version + 1, and the cover letter gains b4's "Changes in vN:" section with
 * one line per patch from `git range-diff` of the previous version against the branch
 * (unchanged, changed, new, dropped) and the link to the previous version (b4's `linkmask`,
 * default `https://lore.kernel.org/r/%s`, when its cover Message-Id is known).
 */
import { gitMaybe, revParse } from './git';
import { changelogSection, insertChangelog, type RangeEntry } from './cover';
import type { SeriesMeta } from './model';
import { parseRangeDiff, rangeDiff } from './rangeDiff';
import { resolveBase, seriesCommits } from './formatSeries';
import { saveSeries } from './store';

export const DEFAULT_LINKMASK = 'https://lore.kernel.org/r/%s';

/** b4's tag for a sent version: `sent/<branch without b4/>-v<N>`. */
export function sentTagName(branch: string, version: number): string {
  return `sent/${branch.replace(/^b4\//, '')}-v${version}`;
}

/** The previous version as `base..tip` (from patchsmith's record, else b4's sent tag), or null. */
export async function previousRange(cwd: string, meta: SeriesMeta, version: number): Promise<string | null> {
  const sent = meta.sent[`v${version}`];
  if (sent && sent.base && sent.tip && (await revParse(cwd, sent.tip))) return `${sent.base}..${sent.tip}`;
  const tag = await revParse(cwd, `refs/tags/${sentTagName(meta.branch, version)}`);
  if (!tag) return null;
  const base = await gitMaybe(cwd, ['merge-base', meta.baseBranch, tag]);
  return base && base.trim() ? `${base.trim()}..${tag}` : null;
}

/** The range-diff of the previous version against the branch now; null when there is no previous version. */
export async function compareWithPrevious(cwd: string, meta: SeriesMeta, patch = false): Promise<{ entries: RangeEntry[]; output: string } | null> {
  if (meta.revision < 2) return null;
  const old = await previousRange(cwd, meta, meta.revision - 1);
  if (!old) return null;
  const base = await resolveBase(cwd, meta);
  const output = await rangeDiff(cwd, old, `${base}..refs/heads/${meta.branch}`, patch);
  return { entries: parseRangeDiff(output), output };
}

export async function linkTo(cwd: string, meta: SeriesMeta, version: number): Promise<string | null> {
  const ids = meta.history[`v${version}`] ?? [];
  const id = ids[ids.length - 1] ?? meta.sent[`v${version}`]?.coverMessageId;
  if (!id) return null;
  const mask = (await gitMaybe(cwd, ['config', '--get', 'b4.linkmask']))?.trim() || DEFAULT_LINKMASK;
  return mask.includes('%s') ? mask.replace('%s', id) : `${mask}${id}`;
}

export async function rerollSeries(cwd: string, meta: SeriesMeta): Promise<SeriesMeta> {
  const oldRev = meta.revision;
  const next: SeriesMeta = { ...meta, revision: oldRev + 1 };
  const compared = await compareWithPrevious(cwd, next);
  const base = await resolveBase(cwd, meta);
  const count = (await seriesCommits(cwd, base, `refs/heads/${meta.branch}`)).length;
  const section = changelogSection(oldRev + 1, compared?.entries ?? [], count, await linkTo(cwd, meta, oldRev));
  next.cover = insertChangelog(meta.cover, section);
  await saveSeries(cwd, next);
  return next;
}
