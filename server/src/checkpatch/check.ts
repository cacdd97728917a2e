/**
 * One document through checkpatch.pl: run the script on the text, parse its report, map each
 * report to a finding of that text, attach the `--fix` changes as unsafe fixes. The entry point
 * the CLI and the language server call (both then merge with merge.ts).
 */
import type { CheckpatchLocation } from './discover';
import { withCheckpatchFixes } from './fixes';
import { runCheckpatch, type FailureKind, type RunOptions } from './run';
import { reportsToFindings, type CheckpatchFinding } from './toFindings';

export type CheckpatchOutcome =
  | { ok: true; findings: CheckpatchFinding[]; ms: number }
  | { ok: false; kind: FailureKind; message: string };

export async function checkWithCheckpatch(location: CheckpatchLocation, text: string, opts: RunOptions = {}): Promise<CheckpatchOutcome> {
  const r = await runCheckpatch(location, text, opts);
  if (!r.ok) return r;
  const findings = withCheckpatchFixes(reportsToFindings(r.reports, text), text, r.fixed);
  return { ok: true, findings, ms: r.ms };
}

/** The one message shown when the script cannot be used: the native rules go on without it. */
export function failureMessage(location: CheckpatchLocation, message: string): string {
  return `checkpatch.pl (${location.script}, from ${location.origin}) was not used: ${message}; the native rules still ran`;
}
