/**
 * Findings as LSP diagnostics, and back (the fix travels in `data`). Parse problems are findings
 * too: the check pipeline (check/) makes them, for the editor and `check` alike.
 */
import { showBidi } from '../model/bidi';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../rules/types';
import { ruleDocUrl } from '../rules/docs';

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
    // A native rule's documentation; checkpatch.pl's own TYPEs have none here.
    ...(f.source === undefined ? { codeDescription: { href: ruleDocUrl(f.rule) } } : {}),
    source: f.source ?? SOURCE,
    // Text quoted from the patch may carry bidi controls (Trojan Source): shown, never raw.
    message: showBidi(f.message),
  };
  // Series findings name other files by their URI (SeriesItem.file in the server).
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.file, range: r.range }, message: showBidi(r.message) }));
  }
  if (f.fix) d.data = { fix: f.fix } satisfies DiagnosticData;
  return d;
}

/** The fix carried by a diagnostic we published, if any. */
export function fixOf(d: Diagnostic): Fix | null {
  if (!isOurs(d)) return null;
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
