/**
 * Merging the two sources of a document's findings: patchsmith's rules and the repository's
 * checkpatch.pl. Where a native rule implements the TYPE checkpatch reports and it reported that
 * TYPE on the same line, the native finding wins (its range is exact and it may carry a safe fix)
 * and checkpatch's report there is dropped; a checkpatch report that names no line is dropped
 * when a native finding of its TYPE exists anywhere in the document. Where only one source
 * reports, both kinds are kept. The configuration (ignore list, severities, --strict) applies to
 * checkpatch's findings as to the native ones, by rule id.
 */
import type { Finding, RuleConfig } from '../rules/types';
import { effectiveSeverity } from '../rules/engine';
import type { CheckpatchFinding } from './toFindings';

function covers(f: Finding, line: number): boolean {
  return f.range.start.line <= line && line <= f.range.end.line;
}

/** `native` and `checkpatch` findings of one document as one list (native first, then checkpatch's that survive). */
export function mergeFindings<T extends Finding>(native: readonly T[], checkpatch: readonly CheckpatchFinding[], config: RuleConfig): (T | Finding)[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of native) {
    let list = byRule.get(f.rule);
    if (!list) byRule.set(f.rule, (list = []));
    list.push(f);
  }
  const out: (T | Finding)[] = [...native];
  for (const f of checkpatch) {
    const same = byRule.get(f.rule);
    if (same && (!f.located || same.some((n) => covers(n, f.range.start.line)))) continue;
    const severity = effectiveSeverity(f, config);
    if (severity === null) continue;
    const { located: _located, ...finding } = f;
    out.push({ ...finding, severity });
  }
  return out;
}
