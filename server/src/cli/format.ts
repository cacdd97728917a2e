/**
 * Output of `patchsmith check`: `file:line:col: severity: message [RULE]` lines, the summary line
 * and the JSON array. Lines and columns are 1-based (UTF-16 code units); end columns exclusive.
 */
import { showBidi } from '../model/bidi';
import type { Range } from '../model/types';
import type { Finding, FixSafety, Severity } from '../rules/types';

export interface Reported {
  /** The path as the user gave it (`<stdin>` for standard input). */
  file: string;
  finding: Finding;
}

export interface JsonEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  /** "patchsmith" (its own rules) or "checkpatch.pl" (the repository's script). */
  source: string;
  fix?: { title: string; safety: FixSafety; edits: JsonEdit[] };
  /** Other places the finding names (another patch of the series). */
  related?: ({ file: string; message: string } & ReturnType<typeof oneBased>)[];
}

export function oneBased(r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function formatText(reported: readonly Reported[]): string {
  let out = '';
  for (const { file, finding: f } of reported) {
    out += `${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${showBidi(f.message)} [${f.rule}]\n`;
  }
  return out;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `3 errors, 2 warnings in 4 files` (and `, N checks` / `, N hints` when there are any). */
export function formatSummary(reported: readonly Reported[], files: number): string {
  const by: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reported) by[r.finding.severity]++;
  const parts = [count(by.error, 'error'), count(by.warning, 'warning')];
  if (by.information) parts.push(count(by.information, 'check'));
  if (by.hint) parts.push(count(by.hint, 'hint'));
  return `${parts.join(', ')} in ${count(files, 'file')}`;
}

export function formatJson(reported: readonly Reported[]): JsonFinding[] {
  return reported.map(({ file, finding: f }) => ({
    file,
    ...oneBased(f.range),
    severity: f.severity,
    rule: f.rule,
    message: showBidi(f.message),
    source: f.source ?? 'patchsmith',
    ...(f.fix
      ? {
          fix: {
            title: showBidi(f.fix.title),
            safety: f.fix.safety,
            edits: f.fix.edits.map((e) => ({ ...oneBased(e.range), newText: e.newText })),
          },
        }
      : {}),
    ...(f.related ? { related: f.related.map((r) => ({ file: r.file, ...oneBased(r.range), message: showBidi(r.message) })) } : {}),
  }));
}
