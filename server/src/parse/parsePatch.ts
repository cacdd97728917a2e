/**
 * The parser's entry point: one function from text to the patch model. It splits a file into
 * messages (mbox), each message into its regions (headers, in-body headers, commit message,
 * `---` notes, diffstat, diff, signature) and hands each region to its own parser. It never
 * throws: what cannot be parsed is reported as a ParseProblem with a range.
 */
import type {
  CommitMessage,
  Header,
  ParseOptions,
  ParseProblem,
  PatchDocument,
  PatchMessage,
  Person,
  Range,
  Subject,
} from '../model/types';
import { linesRange, span, stripCr } from '../model/range';
import { findHeader, parseHeaderBlock, parseInBodyHeaders } from './headers';
import { parseSubject } from './subject';
import { parsePerson } from './person';
import { parseTrailerBlock } from './trailers';
import { findSignature } from './signature';
import { findDiffStart, parseDiff } from './diff';
import { parseDiffstat } from './diffstat';
import { parseNotes, scanNotesMetadata } from './notes';
import { parseCover } from './cover';
import { parseCommitMessage } from './commitMessage';
import { parseCoverText } from './coverText';
import { pushAll } from '../model/array';
import { LineTable, type Lines } from '../model/lines';

/** `From <sha> Mon Sep 17 00:00:00 2001`, and the general mbox `From addr Day ...` separator. */
const MBOX_FROM = /^From (\S+) +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /;
const GIT_MBOX_SHA = /^[0-9a-f]{40}$/;
const HEADER_LINE = /^[!-9;-~]+:/;
/** git mailinfo ends the message at `---` followed only by whitespace. */
const CUT_LINE = /^---\s*$/;
const COVER_TEMPLATE_SUBJECT = '*** SUBJECT HERE ***';

/** The lines of `text` (as `text.split('\n')` gives them), read on demand from a table of offsets. */
export function splitLines(text: string): Lines {
  return new LineTable(text);
}

export function parsePatch(text: string, opts: ParseOptions = {}): PatchDocument {
  const lines = splitLines(text);
  if (opts.commitMessage) {
    const lineEndings = loneCrProblem(text, lines);
    return { lines, messages: [parseCommitMessage(lines, opts)], problems: lineEndings ? [lineEndings] : [] };
  }
  if (opts.coverText) {
    const lineEndings = loneCrProblem(text, lines);
    return { lines, messages: [parseCoverText(lines, opts)], problems: lineEndings ? [lineEndings] : [] };
  }
  const messages: PatchMessage[] = [];
  const failures: ParseProblem[] = [];
  for (const [start, end] of messageBounds(lines)) {
    const parsed = parseMessageAt(lines, start, end);
    if ('failure' in parsed) failures.push(parsed.failure);
    else messages.push(parsed.message);
  }
  return finishDocument(text, lines, messages, failures);
}

/** One message of a document, or the problem that says the parser failed on it. */
export type MessageParse = { message: PatchMessage } | { failure: ParseProblem };

/** Parse the message at [start, end) of `lines` (messageBounds); never throws. */
export function parseMessageAt(lines: Lines, start: number, end: number): MessageParse {
  try {
    return { message: parseMessage(lines, start, end) };
  } catch (err) {
    // A sub-parser bug must not take the editor down: report it where the message is.
    return {
      failure: {
        code: 'PARSE_FAILURE',
        message: `patchsmith could not parse this message: ${err instanceof Error ? err.message : String(err)}`,
        range: linesRange(lines, start, start),
      },
    };
  }
}

/**
 * The document from its parsed messages (in order) and the messages the parser failed on: adds
 * the problems of the whole text (lone CR line endings, not a patch mail). check/incremental.ts
 * assembles a document from cached messages through this too, so both give the same model.
 */
export function finishDocument(text: string, lines: Lines, messages: PatchMessage[], failures: readonly ParseProblem[]): PatchDocument {
  const first = messages[0]?.startLine ?? null;
  return { lines, messages, problems: documentProblems(text, lines, first, messages.length > 0 && messages.every(isNotPatch), failures) };
}

/**
 * The problems of a whole text: lone CR line endings, the messages the parser failed on, and
 * "not a patch mail" when every message (the first at `firstMessage`) is none (`allNotPatch`).
 * check/incremental.ts computes these from what it kept of each message, without the models.
 */
export function documentProblems(
  text: string,
  lines: Lines,
  firstMessage: number | null,
  allNotPatch: boolean,
  failures: readonly ParseProblem[],
): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const lineEndings = loneCrProblem(text, lines);
  if (lineEndings) problems.push(lineEndings);
  pushAll(problems, failures);
  if (!lineEndings && firstMessage !== null && problems.length === 0 && allNotPatch) {
    problems.push({
      code: 'NOT_A_PATCH_MAIL',
      message:
        'Not a patch mail: no mail headers (From:, Subject:), no diff and no trailers such as Signed-off-by. ' +
        'patchsmith checks `git format-patch` output, and commit messages (COMMIT_EDITMSG, or check --commit-message)',
      range: linesRange(lines, firstMessage, firstMessage),
    });
  }
  return problems;
}

/**
 * Lines that end in a lone CR (classic Mac OS): git and patch end lines at LF only, so the file
 * is one line to them. Reported when lone CRs are at least as many as the LFs: a stray CR inside
 * a line of an LF file is that line's content (DOS_LINE_ENDINGS covers CRLF).
 */
function loneCrProblem(text: string, lines: Lines): ParseProblem | null {
  let lone = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) lone++;
  const lf = lines.length - 1;
  if (lone === 0 || lone < lf) return null;
  const first = lines.get(0) ?? '';
  const cr = first.indexOf('\r');
  return {
    code: 'LONE_CR_LINE_ENDINGS',
    message:
      `The lines end in a lone CR (old Mac line endings: ${lone} CR, ${lf} LF): git, git am and patch split lines at LF only ` +
      `and read this file as ${lines.length === 1 ? 'a single line' : `${lines.length} lines`}; convert the line endings to LF`,
    range: span(0, 0, cr >= 0 ? cr : first.length),
  };
}

/** A message with nothing of a patch mail or a commit message: no headers, diff, diffstat or trailers. */
export function isNotPatch(m: PatchMessage): boolean {
  return (
    m.kind === 'patch' &&
    m.mboxFrom === null &&
    m.headers.length === 0 &&
    m.inBodyHeaders.length === 0 &&
    m.diff === null &&
    m.diffstat === null &&
    m.notes === null &&
    (m.message.trailerBlock?.trailers.length ?? 0) === 0
  );
}

/** [start, end) of every message: split at mbox `From ` lines that follow a blank line. */
export function messageBounds(lines: Lines): [number, number][] {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (isMboxFromLine(lines, i)) starts.push(i);
  const first = firstNonBlank(lines, 0, lines.length);
  if (first < 0) return [];
  if (starts.length === 0 || starts[0]! > first) starts.unshift(first);
  return starts.map((s, k) => [s, starts[k + 1] ?? lines.length]);
}

const F = 0x46;
const CR = 0x0d;

/** Line `i` is an mbox `From ` line that starts a message: the first line, or one after an empty line. */
function isMboxFromLine(lines: Lines, i: number): boolean {
  // Most lines do not start with `F`: looked at without cutting them out of the text.
  if (lines.codeAt(i, 0) !== F) return false;
  if (i > 0) {
    const n = lines.lengthOf(i - 1);
    if (n > 1 || (n === 1 && lines.codeAt(i - 1, 0) !== CR)) return false;
  }
  const line = lines.get(i)!;
  return line.startsWith('From ') && MBOX_FROM.test(line);
}

/**
 * The bounds of the message holding line `line`, as messageBounds gives them, found by looking
 * only from that line to the message's `From ` lines: a request on a huge mbox answers from its
 * one message before the whole text is parsed. Null for a line before the first message.
 */
export function messageBoundsAt(lines: Lines, line: number): [number, number] | null {
  if (!(line >= 0 && line < lines.length)) return null;
  let start = -1;
  for (let i = line; i >= 0 && start < 0; i--) if (isMboxFromLine(lines, i)) start = i;
  if (start < 0) {
    // Before any `From ` line: the first message starts at the first non-blank line.
    const first = firstNonBlank(lines, 0, line + 1);
    if (first < 0) return null;
    start = first;
  }
  let end = lines.length;
  for (let i = line + 1; i < lines.length; i++) {
    if (isMboxFromLine(lines, i)) {
      end = i;
      break;
    }
  }
  return [start, end];
}

function firstNonBlank(lines: Lines, start: number, end: number): number {
  for (let i = start; i < end; i++) if (stripCr(lines.get(i)!).trim() !== '') return i;
  return -1;
}

function lastNonEmpty(lines: Lines, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (stripCr(lines.get(i)!) !== '') return i;
  return start - 1;
}

function lastNonBlank(lines: Lines, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (stripCr(lines.get(i)!).trim() !== '') return i;
  return start - 1;
}

function parseMessage(lines: Lines, start: number, end: number): PatchMessage {
  const problems: ParseProblem[] = [];
  let cursor = start;
  let mboxFrom: PatchMessage['mboxFrom'] = null;
  const fromMatch = MBOX_FROM.exec(lines.get(start)!);
  if (fromMatch) {
    mboxFrom = {
      sha: GIT_MBOX_SHA.test(fromMatch[1]!) ? fromMatch[1]! : null,
      line: start,
      range: linesRange(lines, start, start),
    };
    cursor = start + 1;
  }

  // Mail headers: only when the block starts with a header line.
  let headers: Header[] = [];
  let headerEndLine: number | null = null;
  if (cursor < end && HEADER_LINE.test(lines.get(cursor)!)) {
    const block = parseHeaderBlock(lines, cursor, end);
    headers = block.headers;
    pushAll(problems, block.problems);
    headerEndLine = block.next - 1;
    cursor = block.next;
  }

  // Only empty lines are trimmed here: a line holding a single space is diff context.
  const lastLine = lastNonEmpty(lines, start, end);
  const signature = findSignature(lines, cursor, end);
  const contentEnd = signature ? signature.line : lastLine + 1;

  const inBody = parseInBodyHeaders(lines, cursor, contentEnd);
  const msgStart = inBody.next;
  const allHeaders = [...headers, ...inBody.headers];

  const subjectHeader = lastHeader(allHeaders, 'subject');
  const subject: Subject | null = subjectHeader ? parseSubject(subjectHeader, lines) : null;
  const authorHeader = lastHeader(allHeaders, 'from') ?? null;
  const author = authorHeader ? headerPerson(authorHeader) : null;

  const diffStart = findDiffStart(lines, msgStart, contentEnd);
  const beforeDiff = diffStart >= 0 ? diffStart : contentEnd;
  let separatorLine = -1;
  for (let i = msgStart; i < beforeDiff; i++) {
    if (CUT_LINE.test(lines.get(i)!)) {
      separatorLine = i;
      break;
    }
  }

  const isCover =
    subject?.number === 0 ||
    (subject?.summary.includes(COVER_TEMPLATE_SUBJECT) ?? false) ||
    (diffStart < 0 && hasTemplateBlurb(lines, msgStart, contentEnd));

  const cover = isCover ? parseCover(lines, msgStart, contentEnd, subject?.summary ?? '') : null;

  // The commit message (or the cover's blurb) ends at the cut line, the diff or the shortlog.
  let messageEnd = separatorLine >= 0 ? separatorLine : beforeDiff;
  if (cover && separatorLine < 0) messageEnd = Math.min(messageEnd, cover.blurbEndLine + 1);
  const message = mailMessage(lines, msgStart, messageEnd, subject);

  // The notes area: after `---` up to the diff, or, in a git cover letter, after the blurb.
  const notesFrom = separatorLine >= 0 ? separatorLine : cover ? messageEnd - 1 : -1;
  const notesEnd = beforeDiff;
  const diffstat = notesFrom >= 0 ? parseDiffstat(lines, notesFrom + 1, notesEnd) : null;

  let diff: PatchMessage['diff'] = null;
  if (diffStart >= 0) {
    const parsed = parseDiff(lines, diffStart, contentEnd);
    diff = parsed.diff;
    pushAll(problems, parsed.problems);
  }

  // b4 single-patch mails and `--base` put `base-commit:`/`change-id:` after the diff.
  const lastFile = diff?.files[diff.files.length - 1];
  const lastHunk = lastFile?.hunks[lastFile.hunks.length - 1];
  const tail =
    notesFrom >= 0 && lastFile ? scanNotesMetadata(lines, (lastHunk ?? lastFile).endLine + 1, contentEnd) : null;
  const notes = notesFrom >= 0 ? parseNotes(lines, notesFrom, notesEnd, separatorLine >= 0 ? separatorLine : null, tail) : null;

  return {
    kind: isCover ? 'cover' : 'patch',
    startLine: start,
    endLine: Math.max(start, end - 1),
    range: linesRange(lines, start, Math.max(start, end - 1)),
    mboxFrom,
    headers,
    inBodyHeaders: inBody.headers,
    headerEndLine,
    subject,
    author,
    authorHeader,
    date: lastHeader(allHeaders, 'date')?.value ?? null,
    messageId: angleId(findHeader(headers, 'message-id')?.value),
    inReplyTo: angleId(findHeader(headers, 'in-reply-to')?.value),
    references: (findHeader(headers, 'references')?.value ?? '')
      .split(/\s+/)
      .map((r) => angleId(r))
      .filter((r): r is string => !!r),
    charset: charsetOf(findHeader(headers, 'content-type')?.value),
    message,
    notes,
    diffstat,
    diff,
    signature,
    cover,
    problems,
  };
}

function lastHeader(headers: readonly Header[], name: string): Header | undefined {
  for (let i = headers.length - 1; i >= 0; i--) {
    const h = headers[i]!;
    if (h.name.toLowerCase() === name) return h;
  }
  return undefined;
}

/** The person of a From: header. Ranges are exact when the value was not encoded or folded. */
function headerPerson(h: Header): Person | null {
  const exact = h.value === h.rawValue && h.valueRange.start.line === h.valueRange.end.line;
  const person = parsePerson(h.value, h.valueRange.start.line, h.valueRange.start.character);
  if (!person || exact) return person;
  return { ...person, nameRange: h.valueRange, emailRange: h.valueRange, commentRange: null };
}

function mailMessage(lines: Lines, start: number, end: number, subject: Subject | null): CommitMessage {
  const last = lastNonBlank(lines, start, end);
  const bodyLines: number[] = [];
  for (let i = start; i <= last; i++) bodyLines.push(i);
  return {
    startLine: start,
    endLine: last,
    range: last >= start ? linesRange(lines, start, last) : emptyRangeAt(lines, start),
    title: subject?.summary ?? '',
    titleRange: subject?.summaryRange ?? null,
    bodyLines,
    trailerBlock: parseTrailerBlock(lines, start, last + 1, { titleInRegion: false }),
    commentLines: [],
    scissorsLine: null,
  };
}

/**
 * An empty range where an empty region starts. A message whose headers run to the end of the text
 * has its (empty) body after the last line: the range sits at the end of the last line instead.
 */
function emptyRangeAt(lines: Lines, line: number): Range {
  if (line < lines.length) return span(line, 0, 0);
  const last = Math.max(0, lines.length - 1);
  const end = stripCr(lines.get(last) ?? '').length;
  return span(last, end, end);
}

function hasTemplateBlurb(lines: Lines, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (lines.get(i)!.includes('*** BLURB HERE ***')) return true;
  }
  return false;
}

function angleId(value: string | undefined): string | null {
  if (!value) return null;
  const m = /<([^<>\s]+)>/.exec(value);
  if (m) return m[1]!;
  const t = value.trim();
  return t === '' ? null : t;
}

function charsetOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1]!.toLowerCase() : null;
}
