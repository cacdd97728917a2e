/** Findings and parse problems as LSP diagnostics, and back (the fix travels in `data`). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { ParseProblem, PatchDocument } from '../model/types';
import type { Finding, Fix, Severity } from '../rules/types';
import { ruleDocUrl } from '../rules/docs';

export const SOURCE = 'patchsmith';

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
    codeDescription: { href: ruleDocUrl(f.rule) },
    source: SOURCE,
    message: f.message,
  };
  // Series findings name other files by their URI (SeriesItem.file in the server).
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.file, range: r.range }, message: r.message }));
  }
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
  if (d.source !== SOURCE) return null;
  const data = d.data as DiagnosticData | undefined;
  const fix = data?.fix;
  if (!fix || typeof fix.title !== 'string' || !Array.isArray(fix.edits)) return null;
  return { ...fix, safety: fix.safety === 'safe' ? 'safe' : 'unsafe' };
}

/** Errors and warnings: what the status bar and the series tree count as problems. */
export function countProblems(findings: readonly Finding[]): number {
  let n = 0;
  for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') n++;
  return n;
}
