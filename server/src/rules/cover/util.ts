/**
 * Helpers for the cover-letter rules.
 */
import type { PatchMessage } from '../../model/types';
import { stripCr } from '../../model/range';
import type { Lines } from '../../model/lines';

/** Lines of the message after its headers (and in-body headers) up to the signature, exclusive. */
export function bodyLines(msg: PatchMessage): [number, number] {
  const start = msg.message.startLine;
  const end = msg.signature ? msg.signature.line : msg.endLine + 1;
  return [start, end];
}

/** `base-commit:` lines of the message outside the diff (notes, cover body, after the diff). */
export function baseCommitLines(lines: Lines, msg: PatchMessage): number[] {
  const [start, end] = bodyLines(msg);
  const out: number[] = [];
  const diff = msg.diff;
  for (let l = start; l < end; l++) {
    if (diff && l >= diff.startLine && l <= diff.endLine) continue;
    if (/^base-commit:/i.test(stripCr(lines.get(l) ?? ''))) out.push(l);
  }
  return out;
}
