/**
 * The commit log as checkpatch.pl sees it (RULES.md "End of the commit log"), shared by the
 * commit-message, trailer and repository rules.
 *
 * - The message lines: the body of the commit message (after in-body headers, up to the `---`
 *   cut or the diff; for a bare commit message the lines after the title, without `#` comments
 *   and, since `git am` will cut there once the commit is mailed, before a `---` line).
 * - The log lines: the message lines before the first `Signed-off-by:` line. checkpatch stops
 *   its body checks (long lines, links, commit ids) at the first sign-off.
 */
import type { PatchDocument, PatchMessage } from '../../model/types';
import { stripCr } from '../../model/range';

const SIGN_OFF = /^\s*signed-off-by:/i;
const CUT = /^---\s*$/;

export interface CommitLog {
  /** Message lines in order (blank lines included). */
  messageLines: number[];
  /** Message lines before the first Signed-off-by line. */
  logLines: number[];
  /** The first Signed-off-by line, -1 when there is none. */
  firstSignOff: number;
  /** For a bare commit message: a `---` line in it (git am cuts there), else -1. */
  cutLine: number;
}

/** The text of a document line without its `\r`. */
export function lineText(doc: PatchDocument, line: number): string {
  return stripCr(doc.lines.get(line) ?? '');
}

export function isBlank(text: string): boolean {
  return text.trim() === '';
}

export function commitLog(doc: PatchDocument, msg: PatchMessage): CommitLog {
  const messageLines: number[] = [];
  let cutLine = -1;
  for (const l of msg.message.bodyLines) {
    const text = lineText(doc, l);
    if (msg.kind === 'commit-message' && CUT.test(text)) {
      cutLine = l;
      break;
    }
    messageLines.push(l);
  }
  let firstSignOff = -1;
  const logLines: number[] = [];
  for (const l of messageLines) {
    if (SIGN_OFF.test(lineText(doc, l))) {
      firstSignOff = l;
      break;
    }
    logLines.push(l);
  }
  return { messageLines, logLines, firstSignOff, cutLine };
}

/** Whether the message is a commit (a patch mail or a bare commit message), not a cover letter. */
export function isCommit(msg: PatchMessage): boolean {
  return msg.kind === 'patch' || msg.kind === 'commit-message';
}

/**
 * The stack-dump state of every log line, as checkpatch tracks it: a dump starts at a line like
 * `WARNING:`/`BUG:`, a `[ 12.345678]` timestamp, a `[<ffffffff>]` address, three `reg: hex`
 * groups or `#N [hex] fn at hex`, and ends at the next blank line (the blank line is still in it).
 */
export function stackDumpLines(doc: PatchDocument, lines: readonly number[]): Set<number> {
  const inDump = new Set<number>();
  let dump = false;
  for (const l of lines) {
    const text = lineText(doc, l);
    if (
      !dump &&
      (/^\s*(?:WARNING:|BUG:)/.test(text) ||
        /^\s*\[\s*\d+\.\d{6,6}\s*\]/.test(text) ||
        /^\s*\[<[0-9a-fA-F]{8,}>\]/.test(text) ||
        /^(?:\s+\w+:\s+[0-9a-fA-F]+){3,3}/.test(text) ||
        /^\s*#\d+\s*\[[0-9a-fA-F]+\]\s*\w+ at [0-9a-fA-F]+/.test(text))
    ) {
      dump = true;
    }
    if (dump) inDump.add(l);
    if (dump && /^\s*$/.test(text)) dump = false;
  }
  return inDump;
}

/** The column of the `n`th code point of `text` (UTF-16 index), or text.length. */
export function codePointColumn(text: string, n: number): number {
  let col = 0;
  for (let k = 0; k < n && col < text.length; k++) {
    const c = text.codePointAt(col)!;
    col += c > 0xffff ? 2 : 1;
  }
  return col;
}

/** Length of `text` in code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Columns [start, end) of the non-blank part of a line. */
export function trimmedSpan(text: string): [number, number] {
  const start = text.length - text.trimStart().length;
  return [start, Math.max(start, text.trimEnd().length)];
}

/** A `Tag: http...` line of the commit log whose tag is not `Link:` or `Closes:`. */
export interface TaggedUrl {
  line: number;
  /** Range of the tag without its colon. */
  start: number;
  end: number;
  /** The tag as written, with its colon (`BugLink:`, `v2:`). */
  tag: string;
  /** `v2:`/`version3:`: version history (COMMIT_LOG_VERSIONING), not a link (COMMIT_LOG_USE_LINK). */
  isVersion: boolean;
}

const TAG_BEFORE_URL = /^(\s*)(\w+:)\s*http/;
const VERSION_TAG = /^v(?:ersion)?\d+/i;

/** checkpatch's `^\s*(\w+:)\s*http` lines of the log, shared by the two rules that split them. */
export function taggedUrls(doc: PatchDocument, msg: PatchMessage): TaggedUrl[] {
  const out: TaggedUrl[] = [];
  for (const l of commitLog(doc, msg).logLines) {
    const m = TAG_BEFORE_URL.exec(lineText(doc, l));
    if (!m || m[2] === 'Link:' || m[2] === 'Closes:') continue;
    const tag = m[2]!;
    const start = m[1]!.length;
    out.push({ line: l, start, end: start + tag.length - 1, tag, isVersion: VERSION_TAG.test(tag) });
  }
  return out;
}
