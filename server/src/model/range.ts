import type { Position, Range } from './types';
import type { Lines } from './lines';

export function pos(line: number, character: number): Position {
  return { line, character };
}

/** A range on one line, from column start to column end. */
export function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** A range from (l1, c1) to (l2, c2). */
export function range(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** The whole of lines first..last (inclusive), ending at the end of the last line's text. */
export function linesRange(lines: Lines, first: number, last: number): Range {
  const end = Math.min(Math.max(last, first), lines.length - 1);
  const text = end >= 0 ? lines.get(end) ?? '' : '';
  return range(first, 0, Math.max(end, first), stripCr(text).length);
}

/** The text of a line without a trailing `\r`. */
export function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

export function compareRange(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
