/**
 * Folding ranges: each message of an mbox, the headers block, notes, diffstat, each diff file and
 * hunk; of a huge mbox (messages parsed when read), each message.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import type { PatchDocument } from '../model/types';
import { messageOutlines } from '../model/lazyMessages';

export function foldingRanges(doc: PatchDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine > startLine) out.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };
  // A huge document (messages parsed when read): one region a message, from the outline.
  const outline = messageOutlines(doc.messages);
  if (outline) {
    if (outline.length > 1) for (const o of outline) add(o.startLine, o.endLine, FoldingRangeKind.Region);
    return out;
  }
  for (const msg of doc.messages) {
    if (doc.messages.length > 1) add(msg.startLine, msg.endLine, FoldingRangeKind.Region);
    if (msg.headers.length > 0 && msg.headerEndLine !== null) add(msg.headers[0]!.range.start.line, msg.headerEndLine, FoldingRangeKind.Imports);
    const block = msg.message.trailerBlock;
    if (block) add(block.startLine, block.endLine);
    const notes = msg.notes;
    if (notes) add(notes.separatorLine ?? notes.startLine, notes.endLine, FoldingRangeKind.Comment);
    if (msg.diffstat) add(msg.diffstat.startLine, msg.diffstat.endLine);
    for (const f of msg.diff?.files ?? []) {
      add(f.startLine, f.endLine);
      for (const h of f.hunks) add(h.headerLine, h.endLine);
    }
  }
  return out;
}
