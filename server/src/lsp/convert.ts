/** Findings and parse problems as LSP diagnostics, and back (the fix travels in `data`). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ParseProblem, PatchDocument } from '../model/types';
import type { Finding, Fix, Severity } from '../rules/types';

export const SOURCE = 'patchsmith';
/** Diagnostics of the repository's checkpatch.pl (checkpatch/toFindings.ts CHECKPATCH_SOURCE). */
export const CHECKPATCH_SOURCE = 'checkpatch.pl';

/** Whether a diagnostic is one this server published (either source). */
export function isOurs(d: Diagnostic): boolean {
  return d.source === SOURCE || d.source === CHECKPATCH_SOURCE;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  fix?: Fix;
}

export function findingToDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: f.source ?? SOURCE,
    message: f.message,
  };
  if (f.fix) d.data = { fix: f.fix } satisfies DiagnosticData;
  return d;
}

/** A parse problem as a finding (warning; its code is the rule id). */
export function problemToFinding(p: ParseProblem): Finding {
  return { rule: p.code, severity: 'warning', message: p.message, range: p.range };
}

/** Every parse problem of a document, its messages' included. */
export function parseProblems(doc: PatchDocument): Finding[] {
  const out = doc.problems.map(problemToFinding);
  for (const m of doc.messages) for (const p of m.problems) out.push(problemToFinding(p));
  return out;
}

/** The fix carried by a diagnostic we published, if any. */
export function fixOf(d: Diagnostic): Fix | null {
  if (!isOurs(d)) return null;
  const data = d.data as DiagnosticData | undefined;
  const fix = data?.fix;
  if (!fix || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) return null;
  return fix;
}

/** Errors and warnings: what the status bar and the series tree count as problems. */
export function countProblems(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') n++;
  return n;
}
