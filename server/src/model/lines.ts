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
  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.parts[lo]!.get(i - this.firsts[lo]!);
  }
  slice(start: number, end?: number): string[] {
    return sliceOf(this, start, end);
  }
  [Symbol.iterator](): Iterator<string> {
    return iterate(this);
  }
}

/** No lines (a document that is not open). */
export const NO_LINES: Lines = new ArrayLines([]);
