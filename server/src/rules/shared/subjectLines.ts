/**
 * The lines holding a message's subject, for checks that run over the commit log and the
 * subject alike (spelling, repeated words): the `Subject:` header lines of a mail (from the
 * value on), or the title paragraph of a bare commit message.
 */
import type { PatchDocument, PatchMessage, Range } from '../../model/types';
import { lineText } from './commitLog';

export interface TextPiece {
  line: number;
  /** Column where the checked text starts on the line. */
  from: number;
  text: string;
}

export interface SubjectText {
  /** Exact pieces of the document (empty when the subject is RFC 2047 encoded). */
  pieces: TextPiece[];
  /** The decoded subject when it has no exact columns, with the range to report on. */
  encoded: { text: string; range: Range } | null;
}

export function subjectText(doc: PatchDocument, msg: PatchMessage): SubjectText {
  if (msg.kind === 'commit-message') {
    const r = msg.message.titleRange;
    if (!r) return { pieces: [], encoded: null };
    const pieces: TextPiece[] = [];
    for (let l = r.start.line; l <= r.end.line; l++) pieces.push({ line: l, from: 0, text: lineText(doc, l) });
    return { pieces, encoded: null };
  }
  const all = [...msg.headers, ...msg.inBodyHeaders].filter((h) => h.name.toLowerCase() === 'subject');
  const pieces: TextPiece[] = [];
  let encoded: SubjectText['encoded'] = null;
  for (const h of all) {
    if (h.value !== h.rawValue) {
      encoded = { text: h.value, range: h.valueRange };
      continue;
    }
    for (let l = h.range.start.line; l <= h.range.end.line; l++) {
      const from = l === h.valueRange.start.line ? h.valueRange.start.character : 0;
      pieces.push({ line: l, from, text: lineText(doc, l) });
    }
  }
  return { pieces, encoded };
}
