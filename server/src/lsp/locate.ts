/** Finding things in the model at a position, and facts the features share. */
import type { MessageSummary, PatchDocument, PatchMessage, Position, Range, Trailer } from '../model/types';
import { summarizeMessage } from '../series/group';
import type { Series, SeriesItem } from '../rules/types';
import type { Lines } from '../model/lines';
import { messageOutlines, outlineIndexAt } from '../model/lazyMessages';

export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function messageAt(doc: PatchDocument, line: number): { msg: PatchMessage; index: number } | null {
  // A huge document's messages are parsed when read: find the one by its outline.
  const outline = messageOutlines(doc.messages);
  if (outline) {
    const index = outlineIndexAt(outline, line);
    return index >= 0 ? { msg: doc.messages[index]!, index } : null;
  }
  for (let i = 0; i < doc.messages.length; i++) {
    const msg = doc.messages[i]!;
    if (line >= msg.startLine && line <= msg.endLine) return { msg, index: i };
  }
  // Past the last message (trailing blank lines): the last one.
  const last = doc.messages.length - 1;
  if (last >= 0 && line > doc.messages[last]!.endLine) return { msg: doc.messages[last]!, index: last };
  return null;
}

export function trailerAt(msg: PatchMessage, line: number): Trailer | null {
  for (const t of msg.message.trailerBlock?.trailers ?? []) {
    if (t.line === line || t.continuationLines.includes(line)) return t;
  }
  return null;
}

/** Paths a message touches: its diff's files, else its diffstat's (a cover letter's). */
export function touchedPaths(msg: PatchMessage): string[] {
  const out = new Set<string>();
  for (const f of msg.diff?.files ?? []) {
    if (f.to && f.to !== '/dev/null') out.add(f.to);
    if (f.from && f.from !== '/dev/null') out.add(f.from);
  }
  if (out.size === 0) for (const f of msg.diffstat?.files ?? []) out.add(f.path);
  return [...out];
}

/** Paths the series touches (every patch's), for a cover letter; the message's own otherwise. */
export function touchedPathsInSeries(msg: PatchMessage, series: readonly Series[]): string[] {
  const own = touchedPaths(msg);
  if (msg.kind !== 'cover') return own;
  const out = new Set(own);
  for (const s of series) for (const item of s.items) for (const p of touchedPaths(item.msg)) out.add(p);
  return [...out];
}

/**
 * The text of a message as get_maintainer.pl reads a patch for MAINTAINERS K: keywords (headers,
 * commit message and the changed lines), capped so a huge patch stays cheap.
 */
export function patchText(lines: Lines, msg: PatchMessage, limit = 200_000): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = msg.startLine; i <= msg.endLine && i < lines.length; i++) {
    const line = lines.get(i)!;
    size += line.length + 1;
    if (size > limit) break;
    parts.push(line);
  }
  return parts.join('\n');
}

/** The commit message region: first body line to the cut (`---`, diff or end). */
export function messageRegionEnd(doc: PatchDocument, msg: PatchMessage): number {
  if (msg.notes && msg.notes.separatorLine !== null) return msg.notes.separatorLine - 1;
  if (msg.diffstat) return msg.diffstat.startLine - 1;
  if (msg.diff) return msg.diff.startLine - 1;
  if (msg.signature) return msg.signature.line - 1;
  if (msg.kind === 'commit-message') {
    let end = msg.message.scissorsLine !== null ? msg.message.scissorsLine - 1 : doc.lines.length - 1;
    // Trailing git comment lines are no place for trailers.
    while (end > msg.message.endLine && msg.message.commentLines.includes(end)) end--;
    return end;
  }
  return msg.endLine;
}

/** What a series item's message is, read from the outline of a huge document (without parsing it). */
export function itemOutline(item: SeriesItem): { startLine: number; endLine: number; summary: MessageSummary } {
  const o = item.index === undefined ? undefined : messageOutlines(item.doc.messages)?.[item.index];
  if (o) return o;
  const msg = item.msg;
  return { startLine: msg.startLine, endLine: msg.endLine, summary: summarizeMessage(msg) };
}

/** First line of a series item's message (itemOutline). */
export function itemStartLine(item: SeriesItem): number {
  return itemOutline(item).startLine;
}
