/**
 * checkpatch.pl's reports as findings of the document checkpatch read.
 *
 * - Line: the report's `#NN:` line (NN is 1-based in checkpatch's input, which is the document's
 *   text as it was checked). A report without one (`Missing Signed-off-by: line(s)`) goes on the
 *   first `Subject:` line, else the first line.
 * - Range: the token the caret line points at (`^` under the quoted line; its offset counts bytes
 *   of the UTF-8 line, here turned into UTF-16 columns); several carets (`^^^^` under a misspelt
 *   word) cover exactly those bytes. Without a caret: the line's text after the `+` of an added
 *   line, else the line's text without its surrounding blanks.
 * - Severity: ERROR error, WARNING warning, CHECK information. Rule id: the TYPE (derived from the
 *   message for scripts without types, qemuTypes.ts), so the configuration governs them like the
 *   native rules. Source: "checkpatch.pl".
 */
import type { Range } from '../model/types';
import type { Finding, Severity } from '../rules/types';
import type { CheckpatchLevel, CheckpatchReport } from './parseOutput';
import { typeForMessage } from './qemuTypes';

export const CHECKPATCH_SOURCE = 'checkpatch.pl';

/** A finding from checkpatch.pl; `located`: its report named a line (`#NN:`). */
export interface CheckpatchFinding extends Finding {
  located: boolean;
}

const SEVERITY: Record<CheckpatchLevel, Severity> = { ERROR: 'error', WARNING: 'warning', CHECK: 'information' };

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

/** The UTF-16 column of a byte offset into the UTF-8 encoding of `line` (clamped to its end). */
export function byteToColumn(line: string, byteOffset: number): number {
  let bytes = 0;
  let col = 0;
  while (col < line.length && bytes < byteOffset) {
    const cp = line.codePointAt(col)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    col += cp >= 0x10000 ? 2 : 1;
  }
  return col;
}

const WORD = /[A-Za-z0-9_]/;
const OPERATOR = /[=<>!&|+\-*/%^~?:]/;

/** The token that starts at (or contains) column `col`: a word, an operator, a blank run or one character. */
export function tokenAt(line: string, col: number): { start: number; end: number } {
  if (col >= line.length) return { start: Math.max(0, line.length - 1), end: line.length };
  const ch = line[col]!;
  const cls = WORD.test(ch) ? WORD : OPERATOR.test(ch) ? OPERATOR : /\s/.test(ch) ? /\s/ : null;
  if (!cls) return { start: col, end: col + 1 };
  let start = col;
  let end = col + 1;
  if (cls === WORD) while (start > 0 && WORD.test(line[start - 1]!)) start--;
  while (end < line.length && cls.test(line[end]!)) end++;
  return { start, end };
}

function lineText(line: string): { start: number; end: number } {
  if (line.startsWith('+')) return { start: 1, end: line.length };
  const start = line.length - line.trimStart().length;
  const end = line.trimEnd().length;
  return end > start ? { start, end } : { start: 0, end: line.length };
}

function at(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Line (0-based) for reports that name none: the first Subject: line, else the first line. */
function fallbackLine(lines: readonly string[]): number {
  const i = lines.findIndex((l) => /^Subject:/i.test(l));
  return i < 0 ? 0 : i;
}

export function reportRange(report: CheckpatchReport, lines: readonly string[]): Range {
  if (report.line === null || report.line < 1 || report.line > lines.length) {
    const l = fallbackLine(lines);
    const s = lineText(lines[l] ?? '');
    return at(l, s.start, s.end);
  }
  const l = report.line - 1;
  const text = lines[l]!;
  // The caret belongs to the last quoted line; it must be this one for its columns to apply.
  const quotedLast = report.quoted[report.quoted.length - 1];
  if (report.caret && quotedLast !== undefined && quotedLast === text) {
    const start = byteToColumn(text, report.caret.offset);
    if (report.caret.length > 1) {
      const end = byteToColumn(text, report.caret.offset + report.caret.length);
      if (end > start) return at(l, start, end);
    }
    const t = tokenAt(text, start);
    return at(l, t.start, t.end);
  }
  const s = lineText(text);
  return at(l, s.start, s.end);
}

/** The rule id of a report: its TYPE, or one derived from the message (scripts without types). */
export function reportType(report: CheckpatchReport): string {
  return report.type ?? typeForMessage(report.message);
}

/** The message as shown: its first line (QEMU's continuation lines, e.g. the file list, follow). */
function shownMessage(report: CheckpatchReport): string {
  return report.message.trim() || `${report.level.toLowerCase()} reported by checkpatch.pl`;
}

/** Findings of the reports, one a report, duplicates (same id, range and message) once. */
export function reportsToFindings(reports: readonly CheckpatchReport[], text: string): CheckpatchFinding[] {
  const lines = splitLines(text);
  const out: CheckpatchFinding[] = [];
  const seen = new Set<string>();
  for (const r of reports) {
    const range = reportRange(r, lines);
    const rule = reportType(r);
    const message = shownMessage(r);
    const key = `${rule}@${range.start.line}:${range.start.character}-${range.end.character}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const located = r.line !== null && r.line >= 1 && r.line <= lines.length;
    out.push({ rule, severity: SEVERITY[r.level], message, range, source: CHECKPATCH_SOURCE, located });
  }
  return out;
}
