/**
 * Every rule patchsmith knows, collected from the per-area arrays (rules/<area>/index.ts).
 * The arrays are filled when their modules load; the registry reads them lazily and rebuilds
 * its indexes only when an array has grown, so look-ups stay cheap on every keystroke.
 */
import type { RepoRule, Rule, SeriesRule, TextRule } from './types';
import { commitlogRules } from './commitlog';
import { trailersRules } from './trailers';
import { headersRules } from './headers';
import { diffRules } from './diff';
import { coverRules } from './cover';
import { seriesRules as seriesArea } from './series';
import { repoRules as repoArea } from './repo';
import { parseRules } from './parse';

const areas: readonly (readonly Rule[])[] = [
  parseRules,
  headersRules,
  commitlogRules,
  trailersRules,
  diffRules,
  coverRules,
  repoArea,
  seriesArea,
];

interface Index {
  size: number;
  all: Rule[];
  text: TextRule[];
  repo: RepoRule[];
  series: SeriesRule[];
  byId: Map<string, Rule>;
}

let index: Index | null = null;

function currentSize(): number {
  let n = 0;
  for (const a of areas) n += a.length;
  return n;
}

function build(): Index {
  const size = currentSize();
  if (index && index.size === size) return index;
  const next: Index = { size, all: [], text: [], repo: [], series: [], byId: new Map() };
  const seen = new Set<string>();
  for (const area of areas) {
    for (const rule of area) {
      // One checkpatch TYPE may have a text rule and a repository rule (GIT_COMMIT_ID: its form,
      // and its title against the commit). Within a kind, the first registration of an id wins;
      // a duplicate is a programming error we tolerate. getRule() gives the first of an id.
      const key = `${rule.kind}:${rule.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!next.byId.has(rule.id)) next.byId.set(rule.id, rule);
      next.all.push(rule);
      if (rule.kind === 'text') next.text.push(rule);
      else if (rule.kind === 'repo') next.repo.push(rule);
      else next.series.push(rule);
    }
  }
  index = next;
  return next;
}

/** Every registered rule, in area order (parser problems, headers, commit log, trailers, diff, cover, repo, series). */
export function allRules(): readonly Rule[] {
  return build().all;
}

export function textRules(): readonly TextRule[] {
  return build().text;
}

export function repoRules(): readonly RepoRule[] {
  return build().repo;
}

export function seriesRules(): readonly SeriesRule[] {
  return build().series;
}

/** The rule registered under this id (a checkpatch TYPE or a patchsmith id), if any. */
export function getRule(id: string): Rule | undefined {
  return build().byId.get(id);
}

/** Ids of every registered rule. */
export function ruleIds(): ReadonlySet<string> {
  return new Set(build().byId.keys());
}
