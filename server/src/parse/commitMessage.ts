/**
 * A bare commit message (COMMIT_EDITMSG, `git commit -e`): title paragraph, body, `#` comment
 * lines and the scissors line, below which git drops everything.
 */
import type { ParseOptions, PatchMessage } from '../model/types';
import { linesRange, span, stripCr } from '../model/range';
import { parseSubjectText } from './subject';
import { parseTrailerBlock } from './trailers';
import type { Lines } from '../model/lines';

/** Files git opens in the editor for a message: read as bare commit messages, not mails. */
const COMMIT_MESSAGE_FILES = new Set(['COMMIT_EDITMSG', 'MERGE_MSG', 'SQUASH_MSG', 'TAG_EDITMSG']);

export function isCommitMessageFileName(baseName: string): boolean {
  return COMMIT_MESSAGE_FILES.has(baseName);
}

/** git's cut line: `# ------------------------ >8 ------------------------` (comment char first). */
function isScissors(line: string, commentChar: string): boolean {
  return line.startsWith(commentChar) && / -{24} >8 -{24}$/.test(stripCr(line));
}

export function parseCommitMessage(lines: Lines, opts: ParseOptions = {}): PatchMessage {
  const commentChar = opts.commentChar ?? '#';
  let end = lines.length;
  let scissorsLine: number | null = null;
  const commentLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isScissors(lines.get(i)!, commentChar)) {
      scissorsLine = i;
      end = i;
      break;
    }
    if (lines.get(i)!.startsWith(commentChar)) commentLines.push(i);
  }
  const isContent = (i: number): boolean => !lines.get(i)!.startsWith(commentChar);
  const isBlank = (i: number): boolean => stripCr(lines.get(i)!).trim() === '';

  let titleStart = -1;
  for (let i = 0; i < end; i++) {
    if (isContent(i) && !isBlank(i)) {
      titleStart = i;
      break;
    }
  }
  let titleEnd = titleStart;
  for (let i = titleStart + 1; titleStart >= 0 && i < end; i++) {
    if (!isContent(i)) continue;
    if (isBlank(i)) break;
    titleEnd = i;
  }
  const titleText =
    titleStart >= 0
      ? lines
          .slice(titleStart, titleEnd + 1)
          .map((l) => stripCr(l).trim())
          .join(' ')
      : '';
  const subject = titleStart >= 0 ? parseSubjectText(stripCr(lines.get(titleStart)!), titleStart, 0) : null;

  const bodyLines: number[] = [];
  let last = -1;
  for (let i = titleEnd + 1; i < end && titleStart >= 0; i++) {
    if (!isContent(i)) continue;
    bodyLines.push(i);
    if (!isBlank(i)) last = i;
  }
  while (bodyLines.length && bodyLines[bodyLines.length - 1]! > last) bodyLines.pop();
  const endLine = last >= 0 ? last : Math.max(titleEnd, 0);

  return headerlessMessage('commit-message', lines, subject, {
    startLine: Math.max(titleStart, 0),
    endLine,
    range: titleStart >= 0 ? linesRange(lines, titleStart, endLine) : span(0, 0, 0),
    title: titleText,
    titleRange: titleStart >= 0 ? linesRange(lines, titleStart, titleEnd) : null,
    bodyLines,
    trailerBlock: parseTrailerBlock(lines, 0, end, { titleInRegion: true, commentChar }),
    commentLines,
    scissorsLine,
  }, null);
}

/**
 * A message without mail headers (a bare commit message, a series' cover letter text): the whole
 * text is the message; every mail part is absent.
 */
export function headerlessMessage(
  kind: PatchMessage['kind'],
  lines: Lines,
  subject: PatchMessage['subject'],
  message: PatchMessage['message'],
  cover: PatchMessage['cover'],
): PatchMessage {
  const last = Math.max(0, lines.length - 1);
  return {
    kind,
    startLine: 0,
    endLine: last,
    range: linesRange(lines, 0, last),
    mboxFrom: null,
    headers: [],
    inBodyHeaders: [],
    headerEndLine: null,
    subject,
    author: null,
    authorHeader: null,
    date: null,
    messageId: null,
    inReplyTo: null,
    references: [],
    charset: null,
    message,
    notes: null,
    diffstat: null,
    diff: null,
    signature: null,
    cover,
    problems: [],
  };
}
