/**
 * The lines of a text, read on demand from one table of offsets: 4 bytes a line instead of a
 * string and an array slot (about 40 bytes a line in V8). On a 2M-line patch that is the
 * difference between the text once and the text twice in memory (issue 9, bench/hugeBench.ts).
 *
 * A line is the text between two `\n` (a trailing `\r` stays on it), as `text.split('\n')` gives
 * it; `get` slices it when asked, so keep the string when you read one line several times.
 */

/** Read-only lines of a document, indexed from 0. */
export interface Lines extends Iterable<string> {
  readonly length: number;
  /** Line `i` without its `\n`; undefined outside [0, length). */
  get(i: number): string | undefined;
  /** Lines [start, end) as strings (end defaults to the last line). */
  slice(start: number, end?: number): string[];
  /**
   * Length of line `i` (a trailing `\r` included); -1 outside [0, length). With `codeAt`, lets
   * a hot loop look at a line without cutting a string out of the text (2M lines: 2M strings).
   */
  lengthOf(i: number): number;
  /** UTF-16 code unit at column `col` of line `i`; -1 outside the line. */
  codeAt(i: number, col: number): number;
  /**
   * Lines [start, end) joined by `\n`, as one string: one test over a whole region (does this
   * message hold a bidi character at all?) instead of one a line. A slice of the text when the
   * lines are one text's.
   */
  join(start: number, end: number): string;
}

function* iterate(lines: Lines): Generator<string> {
  for (let i = 0; i < lines.length; i++) yield lines.get(i)!;
}

function sliceOf(lines: Lines, start: number, end: number | undefined): string[] {
  const s = Math.max(0, Math.min(lines.length, start < 0 ? lines.length + start : start));
  const e0 = end === undefined ? lines.length : end < 0 ? lines.length + end : end;
  const e = Math.max(s, Math.min(lines.length, e0));
  const out: string[] = [];
  for (let i = s; i < e; i++) out.push(lines.get(i)!);
  return out;
}

function clampRange(lines: Lines, start: number, end: number): [number, number] {
  const s = Math.max(0, start);
  return [s, Math.max(s, Math.min(lines.length, end))];
}

/** `join` over `get`: for lines that are not one text. */
function joinOf(lines: Lines, start: number, end: number): string {
  const [s, e] = clampRange(lines, start, end);
  const out: string[] = [];
  for (let i = s; i < e; i++) out.push(lines.get(i)!);
  return out.join('\n');
}

function codeOf(text: string | undefined, col: number): number {
  return text !== undefined && col >= 0 && col < text.length ? text.charCodeAt(col) : -1;
}

/** Offsets of every line start in `text` (the first is 0), then text.length + 1. */
function lineStarts(text: string): Uint32Array {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  const starts = new Uint32Array(n + 1);
  let k = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[k++] = at + 1;
  starts[n] = text.length + 1;
  return starts;
}

/** The lines of one string. */
export class LineTable implements Lines {
  private readonly starts: Uint32Array;

  /** `starts`: the table of another LineTable of this same text (`lineStarts`), shared, not computed again. */
  constructor(
    readonly text: string,
    starts?: Uint32Array,
  ) {
    this.starts = starts && starts.length >= 1 && starts[starts.length - 1] === text.length + 1 ? starts : lineStarts(text);
  }

  /** The table of line starts (for a LineTable of the same text elsewhere, e.g. another thread). */
  get lineStarts(): Uint32Array {
    return this.starts;
  }

  get length(): number {
    return this.starts.length - 1;
  }

  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.starts.length - 1)) return undefined;
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }

  /** Offset of line `i`'s first character in the text (text.length + 1 past the last line). */
  offsetOf(i: number): number {
    return this.starts[i]!;
  }

  slice(start: number, end?: number): string[] {
    return sliceOf(this, start, end);
  }

  lengthOf(i: number): number {
    if (!(i >= 0 && i < this.starts.length - 1)) return -1;
    return this.starts[i + 1]! - 1 - this.starts[i]!;
  }

  codeAt(i: number, col: number): number {
    if (!(i >= 0 && i < this.starts.length - 1)) return -1;
    const at = this.starts[i]! + col;
    return col >= 0 && at < this.starts[i + 1]! - 1 ? this.text.charCodeAt(at) : -1;
  }

  join(start: number, end: number): string {
    const [s, e] = clampRange(this, start, end);
    return s < e ? this.text.slice(this.starts[s]!, this.starts[e]! - 1) : '';
  }

  [Symbol.iterator](): Iterator<string> {
    return iterate(this);
  }
}

/** Lines of an array of strings (tests, small texts built line by line). */
export class ArrayLines implements Lines {
  constructor(private readonly items: readonly string[]) {}
  get length(): number {
    return this.items.length;
  }
  get(i: number): string | undefined {
    return i >= 0 && i < this.items.length ? this.items[i] : undefined;
  }
  slice(start: number, end?: number): string[] {
    return this.items.slice(start, end);
  }
  lengthOf(i: number): number {
    return i >= 0 && i < this.items.length ? this.items[i]!.length : -1;
  }
  codeAt(i: number, col: number): number {
    return codeOf(this.get(i), col);
  }
  join(start: number, end: number): string {
    return joinOf(this, start, end);
  }
  [Symbol.iterator](): Iterator<string> {
    return this.items[Symbol.iterator]();
  }
}

/**
 * `source`'s lines seen `delta` lines further down: line `i` here is `source` line `i - delta`.
 * A message parsed on its own text (check/incremental.ts) reads its lines through one of these,
 * so its model keeps that text alive, never the whole document's.
 */
export class ShiftedLines implements Lines {
  readonly source: Lines;
  readonly delta: number;
  constructor(source: Lines, delta: number) {
    // Moving a moved view again moves the original: no chain of views.
    if (source instanceof ShiftedLines) {
      this.source = source.source;
      this.delta = source.delta + delta;
    } else {
      this.source = source;
      this.delta = delta;
    }
  }
  get length(): number {
    return this.source.length + this.delta;
  }
  get(i: number): string | undefined {
    return i >= this.delta ? this.source.get(i - this.delta) : undefined;
  }
  slice(start: number, end?: number): string[] {
    return sliceOf(this, start, end);
  }
  lengthOf(i: number): number {
    return i >= this.delta ? this.source.lengthOf(i - this.delta) : -1;
  }
  codeAt(i: number, col: number): number {
    return i >= this.delta ? this.source.codeAt(i - this.delta, col) : -1;
  }
  join(start: number, end: number): string {
    // Lines above the source's first (a negative delta never shows them) are not lines.
    const [s, e] = clampRange(this, Math.max(start, this.delta), end);
    return this.source.join(s - this.delta, e - this.delta);
  }
  [Symbol.iterator](): Iterator<string> {
    return iterate(this);
  }
}

/**
 * Lines made of runs from other `Lines` (an incremental document: the lines before the first
 * message, then each message's own lines), found by binary search over the runs' first lines.
 */
export class JoinedLines implements Lines {
  private readonly firsts: Uint32Array;
  readonly length: number;
  constructor(private readonly parts: readonly Lines[]) {
    this.firsts = new Uint32Array(parts.length);
    let n = 0;
    for (let k = 0; k < parts.length; k++) {
      this.firsts[k] = n;
      n += parts[k]!.length;
    }
    this.length = n;
  }
  /** The run that holds line `i` (which must be in [0, length)). */
  private partOf(i: number): number {
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    const k = this.partOf(i);
    return this.parts[k]!.get(i - this.firsts[k]!);
  }
  slice(start: number, end?: number): string[] {
    return sliceOf(this, start, end);
  }
  lengthOf(i: number): number {
    if (!(i >= 0 && i < this.length)) return -1;
    const k = this.partOf(i);
    return this.parts[k]!.lengthOf(i - this.firsts[k]!);
  }
  codeAt(i: number, col: number): number {
    if (!(i >= 0 && i < this.length)) return -1;
    const k = this.partOf(i);
    return this.parts[k]!.codeAt(i - this.firsts[k]!, col);
  }
  join(start: number, end: number): string {
    const [s, e] = clampRange(this, start, end);
    if (s >= e) return '';
    const out: string[] = [];
    for (let k = this.partOf(s); k < this.parts.length && this.firsts[k]! < e; k++) {
      const first = this.firsts[k]!;
      if (this.parts[k]!.length === 0) continue;
      out.push(this.parts[k]!.join(Math.max(s, first) - first, Math.min(e, first + this.parts[k]!.length) - first));
    }
    return out.join('\n');
  }
  [Symbol.iterator](): Iterator<string> {
    return iterate(this);
  }
}

/** No lines (a document that is not open). */
export const NO_LINES: Lines = new ArrayLines([]);
