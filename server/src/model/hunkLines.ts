/**
 * The body lines of a hunk, without an object or a string a line: the kind of every body line
 * is one byte in a table shared by all the hunks of a diff (indexed by document line), and a
 * hunk holds where its body lines are (a run of document lines; a list of them only when the
 * parser skipped a damaged line inside the body). The text of a line is cut from the document
 * line when asked. A hunk costs a small object whatever its size, the diff one byte a line.
 */
import type { DiffLine } from './types';
import { ShiftedLines, type Lines } from './lines';

const KINDS: readonly DiffLine['kind'][] = ['add', 'del', 'normal', 'nonewline'];
const CODE: Readonly<Record<DiffLine['kind'], number>> = { add: 0, del: 1, normal: 2, nonewline: 3 };
/** The line lost its marker (whitespace damage): its text is the whole document line. */
const WHOLE = 4;

/** The kinds of the body lines of one diff region, by document line (written as hunks are built). */
export class HunkTable {
  readonly codes: Uint8Array;
  /**
   * @param src   the document's lines
   * @param base  the document line of codes[0] (the region's first line)
   * @param end   the region's end (exclusive)
   */
  constructor(
    readonly src: Lines,
    readonly base: number,
    end: number,
  ) {
    this.codes = new Uint8Array(Math.max(0, end - base));
  }

  /** Builds the body of one hunk; nothing is written to the table until `build`. */
  builder(): HunkLinesBuilder {
    return new HunkLinesBuilder(this);
  }
}

export class HunkLines implements Iterable<DiffLine> {
  /** @internal use HunkTable.builder */
  constructor(
    private readonly src: Lines,
    private readonly codes: Uint8Array,
    /** Document line of codes[0]. */
    private readonly base: number,
    /** Document line of the first body line (when `at` is null, body line i is first + i). */
    private readonly first: number,
    readonly length: number,
    /** Document lines of the body lines, when they are not one run. */
    private readonly at: Int32Array | null,
  ) {}

  /** Document line of body line `i`. */
  line(i: number): number {
    return this.at ? this.at[i]! : this.first + i;
  }

  kind(i: number): DiffLine['kind'] {
    return KINDS[this.codes[this.line(i) - this.base]! & 3]!;
  }

  /** Content of body line `i` without its marker. */
  text(i: number): string {
    const line = this.line(i);
    const raw = this.src.get(line) ?? '';
    if (this.codes[line - this.base]! & WHOLE) return raw;
    return raw.length > 1 ? raw.slice(1) : '';
  }

  /** Body line `i` as a value; undefined outside [0, length). */
  get(i: number): DiffLine | undefined {
    return i >= 0 && i < this.length ? { kind: this.kind(i), line: this.line(i), text: this.text(i) } : undefined;
  }

  [Symbol.iterator](): Iterator<DiffLine> {
    let i = 0;
    return {
      next: (): IteratorResult<DiffLine> => (i < this.length ? { done: false, value: this.get(i++)! } : { done: true, value: undefined }),
    };
  }

  /** The first `n` body lines. */
  head(n: number): HunkLines {
    if (n >= this.length) return this;
    const k = Math.max(0, n);
    return new HunkLines(this.src, this.codes, this.base, this.first, k, this.at ? this.at.subarray(0, k) : null);
  }

  /** These lines followed by `more`'s, built from the same table (lines a hunk swallowed after its end). */
  concat(more: HunkLines): HunkLines {
    if (more.length === 0) return this;
    if (this.length === 0) return more;
    if (!this.at && !more.at && more.first === this.first + this.length) {
      return new HunkLines(this.src, this.codes, this.base, this.first, this.length + more.length, null);
    }
    const at = new Int32Array(this.length + more.length);
    for (let i = 0; i < this.length; i++) at[i] = this.line(i);
    for (let i = 0; i < more.length; i++) at[this.length + i] = more.line(i);
    return new HunkLines(this.src, this.codes, this.base, this.first, at.length, at);
  }

  /** The same lines `delta` document lines further down (an incremental check's moved message). */
  movedBy(delta: number): HunkLines {
    let at: Int32Array | null = null;
    if (this.at) {
      at = new Int32Array(this.at.length);
      for (let i = 0; i < at.length; i++) at[i] = this.at[i]! + delta;
    }
    return new HunkLines(new ShiftedLines(this.src, delta), this.codes, this.base + delta, this.first + delta, this.length, at);
  }

  toJSON(): DiffLine[] {
    const out: DiffLine[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i)!);
    return out;
  }
}

export class HunkLinesBuilder {
  private readonly codes: number[] = [];
  /** Document line of the first body line; body line i is first + i while `at` is null. */
  private first = -1;
  /** Document lines of the body lines, once they stop being one run (damaged hunks only). */
  private at: number[] | null = null;
  constructor(private readonly table: HunkTable) {}

  /** Document line `line` as a body line of `kind`; `whole`: it lost its marker (its text is the whole line). */
  push(kind: DiffLine['kind'], line: number, whole = false): void {
    const n = this.codes.length;
    this.codes.push(CODE[kind] | (whole ? WHOLE : 0));
    if (n === 0) this.first = line;
    else if (this.at) this.at.push(line);
    else if (line !== this.first + n) {
      const at: number[] = [];
      for (let i = 0; i < n; i++) at.push(this.first + i);
      at.push(line);
      this.at = at;
    }
  }

  get length(): number {
    return this.codes.length;
  }

  /** Writes the kinds to the table and returns the lines. */
  build(): HunkLines {
    const t = this.table;
    const n = this.codes.length;
    for (let i = 0; i < n; i++) t.codes[(this.at ? this.at[i]! : this.first + i) - t.base] = this.codes[i]!;
    const first = n ? this.first : t.base;
    return new HunkLines(t.src, t.codes, t.base, first, n, this.at ? Int32Array.from(this.at) : null);
  }
}
