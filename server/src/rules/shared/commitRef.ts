/**
 * References to commits in a commit log, found the way checkpatch.pl finds them for
 * GIT_COMMIT_ID (`commit <sha> ("title")`, possibly over three lines, or a bare 12-40 hex sha)
 * and for BAD_FIXES_TAG (`Fixes: <sha> ("title")`). The text rules check the format; the
 * repository rules look the sha up and compare the title.
 */
import type { PatchDocument, Position, Range } from '../../model/types';
import { lineText } from './commitLog';
import { quotedDataLines } from './quotedData';
import type { FixSafety } from '../types';

/** The first balanced `( ... )` at exactly offset `at` of `s` (after optional whitespace skipped by the caller). */
export function balancedAt(s: string, at: number): number {
  if (s[at] !== '(') return -1;
  let depth = 0;
  for (let j = at; j < s.length; j++) {
    if (s[j] === '(') depth++;
    else if (s[j] === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** `("title")` -> {title, quoted}; checkpatch strips the parens, then the quotes when both are there. */
export function parenTitle(group: string): { title: string; quoted: boolean } {
  const inner = group.slice(1, -1);
  if (/^".*"$/s.test(inner) && inner.length >= 2) return { title: inner.slice(1, -1), quoted: true };
  return { title: inner, quoted: false };
}

/** One line, or up to three lines joined as checkpatch joins them (`line . " " . trim(next)`). */
class Joined {
  text: string;
  private segs: { line: number; at: number; col: number }[];
  constructor(first: number, text: string) {
    this.text = text;
    this.segs = [{ line: first, at: 0, col: 0 }];
  }
  append(line: number, raw: string): void {
    const lead = raw.length - raw.trimStart().length;
    this.text += ' ';
    this.segs.push({ line, at: this.text.length, col: lead });
    this.text += raw.trim();
  }
  pos(offset: number): Position {
    let seg = this.segs[0]!;
    for (const s of this.segs) if (s.at <= offset) seg = s;
    return { line: seg.line, character: seg.col + (offset - seg.at) };
  }
  /** [from, to) of the joined text; the end stays on the line of the last character. */
  range(from: number, to: number): Range {
    if (to <= from) return { start: this.pos(from), end: this.pos(from) };
    const last = this.pos(to - 1);
    return { start: this.pos(from), end: { line: last.line, character: last.character + 1 } };
  }
}

export interface CommitRef {
  /** Line where the reference starts. */
  line: number;
  /** From `commit` (or the bare sha) to the end of the `(...)` title, or of the sha. */
  range: Range;
  /** Range of the sha as written. */
  shaRange: Range;
  /** `commit <sha>` form (false: a bare 12-40 hex string). */
  commitWord: boolean;
  /** `c` or `C` as written. */
  initChar: string;
  /** The sha as written. */
  sha: string;
  /** The title inside `("...")`, or null when no parenthesised title follows. */
  title: string | null;
  quoted: boolean;
  /** Whether the whole reference is on one line. */
  singleLine: boolean;
  /** checkpatch's format complaints. */
  short: boolean;
  long: boolean;
  space: boolean;
  badCase: boolean;
  /** Whether checkpatch would report it (format only; the title is compared with a repository elsewhere). */
  badFormat: boolean;
}

const SKIP_LINE = /^\s*(?:Link|Patchwork|http|https|BugLink|base-commit):/i;
const REVERT = /^This reverts commit [0-9a-f]{7,40}/;

/**
 * Commit references in the log lines (checkpatch's GIT_COMMIT_ID block). `lines` are the log
 * lines in order; `exclude` holds lines inside a stack dump. A line ending in `commit` whose sha
 * is on the next line yields one reference (the next line is not looked at again).
 * Deviation from checkpatch: lines that quote data (a diff quoted in the log, an ACPI table, a
 * hex dump: ./quotedData.ts) hold no commit reference - their hex is a value, not a commit.
 */
export function findCommitRefs(doc: PatchDocument, lines: readonly number[], exclude: ReadonlySet<number>): CommitRef[] {
  const out: CommitRef[] = [];
  const dataLines = quotedDataLines(doc, lines);
  let lastCommitLine = -2;
  for (const l of lines) {
    if (exclude.has(l) || dataLines.has(l)) continue;
    const line = lineText(doc, l);
    if (SKIP_LINE.test(line) || REVERT.test(line)) continue;
    const next = l + 1 < doc.lines.length ? lineText(doc, l + 1) : undefined;
    const commitForm =
      /\bcommit\s+[0-9a-f]{5,}\b/i.test(line) ||
      (/\bcommit\s*$/i.test(line) && next !== undefined && /^\s*[0-9a-f]{5,}\b/i.test(next));
    const bareForm =
      /(?:\s|^)[0-9a-f]{12,40}(?:[\s"'([]|$)/i.test(line) &&
      !/[<[][0-9a-f]{12,40}[>\]]/i.test(line) &&
      !/\bfixes:\s*[0-9a-f]{12,40}/i.test(line);
    if (!commitForm && !bareForm) continue;
    const skip = lastCommitLine === l - 1;
    if (/\bcommit\s*$/i.test(line)) lastCommitLine = l;
    if (skip) continue;

    const joined = new Joined(l, line);
    let title: string | null = null;
    let quoted = false;
    let titleEnd = -1;
    if (/(?:\bcommit\s+[0-9a-f]{5,}|\bcommit\s*$)/i.test(line)) {
      for (let n = 0; n < 2; n++) {
        const m = /\bcommit\s+[0-9a-f]{5,}\s*/i.exec(joined.text);
        if (m) {
          const at = m.index + m[0].length;
          const end = balancedAt(joined.text, at);
          if (end > 0) {
            ({ title, quoted } = parenTitle(joined.text.slice(at, end)));
            titleEnd = end;
            break;
          }
        }
        if (l + 1 + n >= doc.lines.length) break;
        joined.append(l + 1 + n, lineText(doc, l + 1 + n));
      }
    }
    const input = joined.text;
    const cm = /\b(c)ommit(\s+)([0-9a-f]{5,})\b/i.exec(input);
    let ref: CommitRef;
    if (cm) {
      const shaAt = cm.index + 1 + 5 + cm[2]!.length;
      const sha = cm[3]!;
      const short = !/\bcommit\s+[0-9a-f]{12,40}/i.test(input);
      const long = /\bcommit\s+[0-9a-f]{41,}/i.test(input);
      const space = !/\bcommit [0-9a-f]/i.test(input);
      const badCase = !/\b[Cc]ommit\s+[0-9a-f]{5,40}[^A-F]/.test(input);
      const end = titleEnd > 0 ? titleEnd : shaAt + sha.length;
      const range = joined.range(cm.index, end);
      ref = {
        line: l,
        range,
        shaRange: joined.range(shaAt, shaAt + sha.length),
        commitWord: true,
        initChar: cm[1]!,
        sha,
        title,
        quoted,
        singleLine: range.end.line === l,
        short,
        long,
        space,
        badCase,
        badFormat: short || long || space || badCase || !quoted,
      };
    } else {
      const bm = /\b([0-9a-f]{12,40})\b/i.exec(input);
      if (!bm) continue;
      const sha = bm[1]!;
      // Deviation from checkpatch: a run of decimal digits is a number, not a sha.
      if (/^\d+$/.test(sha)) continue;
      // A parenthesised title right after a bare sha (`d482c49772fb ("title")`) is kept for the fix.
      const after = /^\s*/.exec(input.slice(bm.index + sha.length))![0].length;
      const pAt = bm.index + sha.length + after;
      const pEnd = balancedAt(input, pAt);
      if (pEnd > 0) ({ title, quoted } = parenTitle(input.slice(pAt, pEnd)));
      const end = pEnd > 0 ? pEnd : bm.index + sha.length;
      ref = {
        line: l,
        range: joined.range(bm.index, end),
        shaRange: joined.range(bm.index, bm.index + sha.length),
        commitWord: false,
        initChar: 'c',
        sha,
        title,
        quoted,
        singleLine: true,
        short: true,
        long: false,
        space: true,
        badCase: true,
        badFormat: true,
      };
    }
    out.push(ref);
  }
  return out;
}

export interface FixesTag {
  line: number;
  /** `Fixes:` as written (may lack the colon or differ in case). */
  tag: string;
  sha: string;
  shaRange: Range;
  /** The title inside the parentheses, null when there are none. */
  title: string | null;
  quoted: boolean;
  /** From the tag to the end of the parenthesised title (or of the sha). */
  range: Range;
  tagCase: boolean;
  tagSpace: boolean;
  idLength: boolean;
  idCase: boolean;
  badFormat: boolean;
}

const FIXES = /^(\s*)(fixes:?)(\s*)(?:commit\s*)?([0-9a-f]{5,40})/i;

/** A `Fixes:` line as checkpatch matches it, or null. */
export function parseFixesLine(text: string, line: number): FixesTag | null {
  const m = FIXES.exec(text);
  if (!m) return null;
  const tag = m[2]!;
  const sha = m[4]!;
  // Deviation from checkpatch: without the colon (`Fixes decade-old ...`) only a sha-like token
  // (with a digit, ending at a word boundary) counts, so prose does not trip it.
  if (!tag.endsWith(':') && (!/\d/.test(sha) || /^\w/.test(text.slice(m[0].length)))) return null;
  const shaStart = m[0].length - sha.length;
  const rest = text.slice(m[0].length);
  const lead = /^\s*/.exec(rest)![0].length;
  const pAt = m[0].length + lead;
  const pEnd = balancedAt(text, pAt);
  let title: string | null = null;
  let quoted = false;
  if (pEnd > 0) ({ title, quoted } = parenTitle(text.slice(pAt, pEnd)));
  const start = m[1]!.length;
  const end = pEnd > 0 ? pEnd : m[0].length;
  const tagCase = tag !== 'Fixes:';
  const tagSpace = !(pEnd > 0 && /^fixes:? [0-9a-f]{5,40} \(/i.test(text));
  const idLength = !/^[0-9a-f]{12,40}$/i.test(sha);
  const idCase = /[A-F]/.test(sha);
  return {
    line,
    tag,
    sha,
    shaRange: { start: { line, character: shaStart }, end: { line, character: shaStart + sha.length } },
    title,
    quoted,
    range: { start: { line, character: start }, end: { line, character: end } },
    tagCase,
    tagSpace,
    idLength,
    idCase,
    badFormat: tagCase || tagSpace || idLength || idCase || !quoted,
  };
}

/**
 * The safety of rewriting `range` of `line` as `text`: safe, unless it makes a line that fitted
 * the limit longer than it (COMMIT_LOG_LONG_LINE would follow: rewrapping is the author's call).
 */
export function fitsLine(line: string, range: Range, text: string, max: number): FixSafety {
  const after = line.length - (range.end.character - range.start.character) + text.length;
  return after <= max || after <= line.length ? 'safe' : 'unsafe';
}
