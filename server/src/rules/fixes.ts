/**
 * Applying fixes (text edits) to a document's text. Positions are the model's: 0-based lines of
 * the text split on `\n` (a `\r` stays part of its line) and UTF-16 columns. A column past the end
 * of its line means the end of the line's text (before a trailing `\r`, where LSP clients clamp too);
 * a line past the end of the text means the end of the text.
 */
import type { Position } from '../model/types';
import type { Fix, TextEdit } from './types';

/** Offsets where each line starts (line i starts at result[i]). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** The offset of a position in the text (clamped as described above). */
export function offsetAt(text: string, starts: readonly number[], p: Position): number {
  if (p.line < 0) return 0;
  if (p.line >= starts.length) return text.length;
  const start = starts[p.line]!;
  let next = p.line + 1 < starts.length ? starts[p.line + 1]! - 1 : text.length;
  // The `\r` of a `\r\n` belongs to the line break, as in LSP: a column past the end of the text
  // lands before it, never between `\r` and `\n`.
  if (next > start && text.charCodeAt(next - 1) === 13) next--;
  return Math.min(start + Math.max(0, p.character), next);
}

/** Whether the text's line breaks are mostly `\r\n`. */
export function usesCrlf(text: string): boolean {
  let lf = 0;
  let crlf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf;
}

interface Span {
  start: number;
  end: number;
  text: string;
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at the same point (or an insertion at the start of a replacement) have no
  // well-defined order: treat them as overlapping too.
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

function toSpans(text: string, starts: readonly number[], edits: readonly TextEdit[], crlf: boolean): Span[] | null {
  const spans: Span[] = [];
  for (const e of edits) {
    let start = offsetAt(text, starts, e.range.start);
    let end = offsetAt(text, starts, e.range.end);
    if (end < start) [start, end] = [end, start];
    // An edit that turns one CRLF line break into LF (the DOS_LINE_ENDINGS fix) means it.
    const lineEndingFix = e.newText === '\n' && /^[ \t]*\r\n$/.test(text.slice(start, end));
    const newText = crlf && !lineEndingFix ? e.newText.replace(/(?<!\r)\n/g, '\r\n') : e.newText;
    const span = { start, end, text: newText };
    for (const other of spans) if (overlaps(span, other)) return null;
    spans.push(span);
  }
  return spans;
}

function splice(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  // Joined, not concatenated: a concatenation is a tree of slices that keeps the old text alive
  // until something flattens it (twice a huge file in memory during `check --fix`'s recheck).
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Apply edits that do not overlap. Returns null when two of them overlap (nothing is applied).
 * In a file whose line breaks are `\r\n`, `\n` in the new text becomes `\r\n`, except in an edit
 * whose new text is one `\n` replacing a `\r\n` (and blanks before it): a line-ending fix.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | null {
  const spans = toSpans(text, lineStarts(text), edits, usesCrlf(text));
  return spans ? splice(text, spans) : null;
}

export interface FixResult {
  text: string;
  /** Fixes applied, in the order given. */
  applied: Fix[];
  /** Fixes left out: they overlap an earlier one, their own edits overlap, or they change nothing. */
  skipped: Fix[];
}

/**
 * Apply every fix whose edits do not overlap an earlier fix's edits (the first one wins; run the
 * rules again and re-apply to get the rest). A fix that changes nothing counts as skipped.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixResult {
  const starts = lineStarts(text);
  const crlf = usesCrlf(text);
  // Taken spans sorted by start; they never overlap, so a new span can only overlap the one
  // before its place or the one at it (a binary search, not every span taken: 20,000 fixes).
  const taken: Span[] = [];
  const place = (s: Span): number => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (taken[mid]!.start < s.start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const clashes = (s: Span): boolean => {
    const at = place(s);
    return (at > 0 && overlaps(s, taken[at - 1]!)) || (at < taken.length && overlaps(s, taken[at]!));
  };
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const spans = fix.edits.length ? toSpans(text, starts, fix.edits, crlf) : null;
    if (!spans || spans.every((s) => text.slice(s.start, s.end) === s.text) || spans.some(clashes)) {
      skipped.push(fix);
      continue;
    }
    for (const s of spans) taken.splice(place(s), 0, s);
    applied.push(fix);
  }
  return { text: splice(text, taken), applied, skipped };
}
