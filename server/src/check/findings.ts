/**
 * The last steps of the check pipeline, shared by `patchsmith check` and the language server:
 * merge the findings of every source, apply the configuration to findings that did not come
 * through the rule engine, sort them into document order, and cap each rule's findings.
 *
 * Sources, in merge order:
 * - `text`: parse problems and text rules (checkDocument.ts textFindings);
 * - `series`: the series rules' findings for this file (checkSeries.ts);
 * - `repo`: repository rules; a repository finding replaces the text finding of its rule on the
 *   same range (engine.ts withRepoFindings: the better informed one, with the fix);
 * - `checkpatch`: the repository's checkpatch.pl (server/src/checkpatch/): where a native rule
 *   reported the same TYPE on the same line, the native finding wins (checkpatch/merge.ts); the
 *   configuration is applied to its findings here. Adding a source is one more part here.
 */
import type { Finding, RuleConfig, Severity } from '../rules/types';
import { compareFindings, withRepoFindings } from '../rules/engine';
import { pushAll } from '../model/array';
import { mergeFindings } from '../checkpatch/merge';
import type { CheckpatchFinding } from '../checkpatch/toFindings';

/** Findings kept per rule and file; beyond it one "... and N more" finding stands for the rest. */
export const MAX_FINDINGS_PER_RULE = 1000;

export interface FindingParts {
  text: readonly Finding[];
  series?: readonly Finding[];
  repo?: readonly Finding[];
  /** checkpatch.pl's findings for the same text; the configuration is applied here. */
  checkpatch?: readonly CheckpatchFinding[];
}

/** The findings of one file, from all its sources: merged, filtered, sorted and capped. */
export function combineFindings(parts: FindingParts, config: RuleConfig, max = MAX_FINDINGS_PER_RULE): Finding[] {
  const all: Finding[] = [];
  pushAll(all, parts.text);
  if (parts.series) pushAll(all, parts.series);
  let merged = parts.repo && parts.repo.length ? withRepoFindings(all, parts.repo) : all;
  if (parts.checkpatch && parts.checkpatch.length) merged = mergeFindings(merged, parts.checkpatch, config);
  merged.sort(compareFindings);
  return capFindings(merged, max);
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/**
 * At most `max` findings of each rule (the first ones in document order); the rest of a rule's
 * become one finding "... and N more RULE findings" at the range of its last finding, with the
 * highest severity among them (so the exit status and the problem count do not change).
 * Expects `sorted` in document order; returns it unchanged when no rule is over.
 */
export function capFindings(sorted: Finding[], max = MAX_FINDINGS_PER_RULE): Finding[] {
  if (sorted.length <= max) return sorted;
  const count = new Map<string, number>();
  let over = false;
  for (const f of sorted) {
    const n = (count.get(f.rule) ?? 0) + 1;
    count.set(f.rule, n);
    if (n > max) over = true;
  }
  if (!over) return sorted;
  const seen = new Map<string, number>();
  const rest = new Map<string, { n: number; last: Finding; severity: Severity }>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    if (n <= max) {
      out.push(f);
      continue;
    }
    const r = rest.get(f.rule);
    if (!r) rest.set(f.rule, { n: 1, last: f, severity: f.severity });
    else {
      r.n++;
      r.last = f;
      if (RANK[f.severity] > RANK[r.severity]) r.severity = f.severity;
    }
  }
  for (const [rule, r] of rest) {
    out.push({
      rule,
      severity: r.severity,
      message: `... and ${r.n} more ${rule} finding${r.n === 1 ? '' : 's'} (only the first ${max} of a rule are shown)`,
      range: r.last.range,
    });
  }
  out.sort(compareFindings);
  return out;
}

/**
 * Findings already combined (`native`, e.g. after `check --fix`) with checkpatch.pl's for the same
 * text: the same merge, order and cap as combineFindings.
 */
export function withCheckpatchFindings(native: readonly Finding[], checkpatch: readonly CheckpatchFinding[], config: RuleConfig, max = MAX_FINDINGS_PER_RULE): Finding[] {
  const merged = mergeFindings(native, checkpatch, config);
  merged.sort(compareFindings);
  return capFindings(merged, max);
}
