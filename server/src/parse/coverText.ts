/**
 * The text of a series' cover letter as it is kept in git's `branch.<name>.description` (b4's
 * layout; `git format-patch --cover-from-description=subject` reads it): the first paragraph is
 * the subject, the rest the blurb (and b4's `---` sections: `Changes in vN:`). Lines starting
 * with `#` are notes b4 and patchsmith drop before sending; `To:` and `Cc:` lines name extra
 * recipients and are dropped from the mail too (lifecycle/cover.ts coverParts). Edited as a
 * `*.cover` file (`patchsmith series cover --edit`, VS Code's "Edit Cover Letter").
 *
 * The result is one message of kind 'cover' without mail headers, diff or signature, so the
 * cover-letter rules and the text rules of the commit log run on it and the mail rules stay quiet.
 */
import type { ParseOptions, PatchMessage } from '../model/types';
import { linesRange, span, stripCr } from '../model/range';
import { parseSubjectText } from './subject';
import { parseTrailerBlock } from './trailers';
import { parseCover } from './cover';
import { headerlessMessage } from './commitMessage';
import type { Lines } from '../model/lines';

/** Extension of a cover letter text file. */
export const COVER_TEXT_EXTENSION = '.cover';

/** A `To:`/`Cc:` line of the cover text: recipients, not cover letter text. */
export const COVER_RECIPIENT_LINE = /^(To|Cc):[ \t]*/i;

export function isCoverTextFileName(baseName: string): boolean {
  return baseName.toLowerCase().endsWith(COVER_TEXT_EXTENSION) && baseName.length > COVER_TEXT_EXTENSION.length;
}

export function parseCoverText(lines: Lines, opts: ParseOptions = {}): PatchMessage {
  const commentChar = opts.commentChar ?? '#';
  const text = (i: number): string => stripCr(lines.get(i) ?? '');
  const commentLines: number[] = [];
  const isContent = (i: number): boolean => !text(i).startsWith(commentChar) && !COVER_RECIPIENT_LINE.test(text(i));
  const isBlank = (i: number): boolean => text(i).trim() === '';
  for (let i = 0; i < lines.length; i++) if (text(i).startsWith(commentChar)) commentLines.push(i);

  // The subject: the first paragraph (format-patch joins its lines with spaces).
  let titleStart = -1;
  for (let i = 0; i < lines.length && titleStart < 0; i++) if (isContent(i) && !isBlank(i)) titleStart = i;
  let titleEnd = titleStart;
  for (let i = titleStart + 1; titleStart >= 0 && i < lines.length; i++) {
    if (!isContent(i)) continue;
    if (isBlank(i)) break;
    titleEnd = i;
  }
  const title =
    titleStart >= 0
      ? lines
          .slice(titleStart, titleEnd + 1)
          .filter((_, k) => isContent(titleStart + k))
          .map((l) => stripCr(l).trim())
          .join(' ')
      : '';
  const subject = titleStart >= 0 ? parseSubjectText(text(titleStart), titleStart, 0) : null;

  const bodyLines: number[] = [];
  let last = -1;
  for (let i = titleEnd + 1; titleStart >= 0 && i < lines.length; i++) {
    if (!isContent(i)) continue;
    bodyLines.push(i);
    if (!isBlank(i)) last = i;
  }
  while (bodyLines.length && bodyLines[bodyLines.length - 1]! > last) bodyLines.pop();
  const endLine = last >= 0 ? last : Math.max(titleEnd, 0);

  // The subject's own placeholder is the subject's (COVER_LETTER_TEMPLATE reads it there). The
  // blurb is its text: comment and To:/Cc: lines at its edges are not part of it.
  const parsedCover = parseCover(lines, titleStart >= 0 ? titleStart + 1 : 0, lines.length, title);
  const hasText = (i: number): boolean => isContent(i) && !isBlank(i);
  let blurbStartLine = parsedCover.blurbStartLine;
  let blurbEndLine = parsedCover.blurbEndLine;
  while (blurbStartLine <= blurbEndLine && !hasText(blurbStartLine)) blurbStartLine++;
  while (blurbEndLine >= blurbStartLine && !hasText(blurbEndLine)) blurbEndLine--;
  const cover = { ...parsedCover, blurbStartLine, blurbEndLine };

  return headerlessMessage('cover', lines, subject, {
    startLine: Math.max(titleStart, 0),
    endLine,
    range: titleStart >= 0 ? linesRange(lines, titleStart, endLine) : span(0, 0, 0),
    title,
    titleRange: titleStart >= 0 ? linesRange(lines, titleStart, titleEnd) : null,
    bodyLines,
    trailerBlock: titleStart >= 0 ? parseTrailerBlock(lines, titleEnd + 1, last + 1, { titleInRegion: false, commentChar }) : null,
    commentLines,
    scissorsLine: null,
  }, cover);
}
