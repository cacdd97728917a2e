/**
 * Helpers shared by the mail-header and subject rules.
 */
import type { Header, PatchMessage, Position, SubjectTag } from '../../model/types';
import { stripCr } from '../../model/range';
import type { Lines } from '../../model/lines';

/** The mail's own `Subject:` header (not an in-body one), when the message is a mail. */
export function mailSubjectHeader(msg: PatchMessage): Header | null {
  for (let i = msg.headers.length - 1; i >= 0; i--) {
    const h = msg.headers[i]!;
    if (h.name.toLowerCase() === 'subject') return h;
  }
  return null;
}

/**
 * Whether `msg.subject` is the subject the mail was sent with: a mail Subject header exists and
 * no in-body `Subject:` replaced it (then the parsed subject is the in-body one, the commit title).
 */
export function subjectIsMailSubject(msg: PatchMessage): boolean {
  if (msg.kind === 'commit-message' || !msg.subject) return false;
  if (!mailSubjectHeader(msg)) return false;
  return !msg.inBodyHeaders.some((h) => h.name.toLowerCase() === 'subject');
}

/** The first tag of a kind in the subject, if any. */
export function firstTag(tags: readonly SubjectTag[], kind: SubjectTag['kind']): SubjectTag | undefined {
  return tags.find((t) => t.kind === kind);
}

/** Whether a line is a `Revert "..."` or `Merge ...` title, which keeps git's own wording. */
export function isGeneratedTitle(summary: string): boolean {
  return /^(Revert|Reapply) "/.test(summary) || /^Merge (branch|tag|remote-tracking|commit|git:|https?:|\S+ into )/.test(summary);
}

/**
 * The document position of offset `k` of the subject summary. The summary maps 1:1 onto the
 * document from `summaryRange.start` on: the rest of the first line, then each continuation line
 * whole (unfolding only removed the line breaks). Null when the lines do not hold the summary
 * (an RFC 2047 encoded subject).
 */
export function summaryOffsetPosition(
  lines: Lines,
  summary: string,
  start: Position,
  k: number,
): Position | null {
  let line = start.line;
  let col = start.character;
  let text = stripCr(lines.get(line) ?? '');
  let seen = '';
  while (seen.length < k) {
    if (col < text.length) {
      const take = Math.min(text.length - col, k - seen.length);
      seen += text.slice(col, col + take);
      col += take;
    } else {
      line++;
      if (line >= lines.length) return null;
      text = stripCr(lines.get(line)!);
      col = 0;
    }
  }
  if (!summary.startsWith(seen)) return null;
  return { line, character: col };
}

/** The header `msg.subject` was parsed from (an in-body `Subject:` wins), null for bare messages. */
export function subjectSourceHeader(msg: PatchMessage): Header | null {
  const all = [...msg.headers, ...msg.inBodyHeaders];
  for (let i = all.length - 1; i >= 0; i--) {
    if (all[i]!.name.toLowerCase() === 'subject') return all[i]!;
  }
  return null;
}
