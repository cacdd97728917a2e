/**
 * Edits to a message's trailer block, as pure functions of the model: insert a trailer where it
 * belongs, sort the block the way b4 does, bump a series' version. Shared by code actions and
 * server commands. Lines are the model's (0-based, `\r` kept on its line and never touched).
 */
import type { PatchDocument, PatchMessage, Trailer } from '../model/types';
import { stripCr } from '../model/range';
import type { TextEdit } from '../rules/types';
import { TrailerOrder } from '../rules/shared/glob';

/** The `b4.trailer-order` rank of a key: index of the first matching pattern (b4's fnmatch). */
export function trailerRank(key: string, order: readonly string[]): number {
  return new TrailerOrder(order).rank(key);
}

/** Last document line belonging to a trailer (continuations and a b4 `[note]` line included). */
export function trailerLastLine(t: Trailer): number {
  let last = t.line;
  for (const c of t.continuationLines) last = Math.max(last, c);
  if (t.noteLine !== null) last = Math.max(last, t.noteLine);
  return last;
}

function isSignOff(t: Trailer): boolean {
  return t.key.toLowerCase() === 'signed-off-by';
}

/** Index of the first trailer b4 may reorder: after the previous-to-last Signed-off-by. */
function custodyStart(trailers: readonly Trailer[]): number {
  const sobs: number[] = [];
  trailers.forEach((t, i) => {
    if (isSignOff(t)) sobs.push(i);
  });
  return sobs.length >= 2 ? sobs[sobs.length - 2]! + 1 : 0;
}

/** An insertion of whole lines before document line `line` (or after the last line). */
function insertLines(doc: PatchDocument, line: number, text: string): TextEdit {
  if (line >= doc.lines.length) {
    const last = doc.lines.length - 1;
    const end = stripCr(doc.lines.get(last) ?? '').length;
    return { range: { start: { line: last, character: end }, end: { line: last, character: end } }, newText: '\n' + text };
  }
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text + '\n' };
}

/** Normalised `key: value` for comparisons. */
function trailerId(key: string, value: string): string {
  return key.trim().toLowerCase() + ':' + value.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function hasTrailer(msg: PatchMessage, key: string, value: string): boolean {
  const id = trailerId(key, value);
  return (msg.message.trailerBlock?.trailers ?? []).some((t) => trailerId(t.key, t.value) === id);
}

/**
 * The edit adding `key: value` to the message: in its trailer block at the place `order` gives
 * (empty order: at the end), or as a new trailer block after the message's last paragraph.
 * `last` forces the end of the block (a submitter's sign-off). Null when the trailer is there.
 */
export function insertTrailer(
  doc: PatchDocument,
  msg: PatchMessage,
  key: string,
  value: string,
  order: readonly string[] = [],
  last = false,
): TextEdit | null {
  if (hasTrailer(msg, key, value)) return null;
  const text = `${key}: ${value}`;
  const block = msg.message.trailerBlock;
  if (block && block.trailers.length > 0) {
    const trailers = block.trailers;
    let after = trailers.length - 1;
    if (!last && !new TrailerOrder(order).keepsOrder) {
      const rank = trailerRank(key, order);
      const from = custodyStart(trailers);
      after = from - 1;
      for (let i = from; i < trailers.length; i++) {
        if (trailerRank(trailers[i]!.key, order) <= rank) after = i;
      }
    }
    // Insert before the next trailer, or after the block's last line (its notes stay above).
    const line =
      after + 1 < trailers.length ? trailers[after + 1]!.line : Math.max(trailerLastLine(trailers[after]!), block.endLine) + 1;
    return insertLines(doc, line, text);
  }
  return newTrailerBlock(doc, msg, text);
}

/** A new trailer block after the last paragraph of the message. */
function newTrailerBlock(doc: PatchDocument, msg: PatchMessage, text: string): TextEdit {
  const m = msg.message;
  const hasBody = m.endLine >= m.startLine && m.bodyLines.some((l) => stripCr(doc.lines.get(l) ?? '').trim() !== '');
  const titleOnly = msg.kind === 'commit-message' && m.titleRange !== null;
  if (!hasBody && !titleOnly) {
    // A mail without body text: the trailers are the body.
    return insertLines(doc, m.startLine, text);
  }
  const end = m.endLine + 1;
  if (end >= doc.lines.length) return insertLines(doc, end, '\n' + text);
  return { range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: '\n' + text + '\n' };
}

/**
 * Sort the trailers the way b4 does: only the section after the previous-to-last sign-off moves
 * (what was received stays), stably by `order`; the submitter's sign-off goes last. With an
 * empty order the trailers keep their order and only the submitter's sign-off moves.
 * `submitterEmail`: whose sign-off that is (the user); the last sign-off when unknown.
 * Null when the block is already in order.
 */
export function sortTrailers(
  doc: PatchDocument,
  msg: PatchMessage,
  order: readonly string[],
  submitterEmail?: string | null,
): TextEdit | null {
  const block = msg.message.trailerBlock;
  if (!block || block.trailers.length < 2) return null;
  const trailers = block.trailers;
  const from = custodyStart(trailers);
  if (trailers.length - from < 2) return null;
  // Each unit: a trailer's lines up to the next trailer (notes and stray lines stay with it).
  const units: { t: Trailer; text: string[]; idx: number }[] = [];
  for (let i = from; i < trailers.length; i++) {
    const t = trailers[i]!;
    const endLine = i + 1 < trailers.length ? trailers[i + 1]!.line - 1 : Math.max(block.endLine, trailerLastLine(t));
    units.push({ t, text: doc.lines.slice(t.line, endLine + 1), idx: i });
  }
  let submitter = -1;
  const email = submitterEmail?.toLowerCase();
  for (let u = units.length - 1; u >= 0; u--) {
    const t = units[u]!.t;
    if (!isSignOff(t)) continue;
    if (!email || t.person?.email.toLowerCase() === email) {
      submitter = u;
      break;
    }
  }
  const b4 = new TrailerOrder(order);
  const useOrder = !b4.keepsOrder;
  const sorted = units
    .map((u, k) => ({ u, k, rank: useOrder ? b4.rank(u.t.key) : 0, sub: k === submitter ? 1 : 0 }))
    .sort((a, b) => a.sub - b.sub || a.rank - b.rank || a.k - b.k)
    .map((x) => x.u);
  if (sorted.every((u, k) => u === units[k])) return null;
  const first = units[0]!.t.line;
  const lastLine = first + units.reduce((n, u) => n + u.text.length, 0) - 1;
  const lastText = doc.lines.get(lastLine) ?? '';
  // Replace the lines' text; the line break after the block stays as it was.
  const newLines = sorted.flatMap((u) => u.text).map((l) => stripCr(l));
  const crlf = (doc.lines.get(first) ?? '').endsWith('\r');
  return {
    range: { start: { line: first, character: 0 }, end: { line: lastLine, character: stripCr(lastText).length } },
    newText: newLines.join(crlf ? '\r\n' : '\n'),
  };
}

/**
 * Edits that turn vN into vN+1 in a message's subject (adding ` v2` after `PATCH` when there is
 * no version). Null when the message has no subject group to change.
 */
export function bumpSubjectVersion(msg: PatchMessage, next: number): TextEdit | null {
  const s = msg.subject;
  if (!s || msg.kind === 'commit-message') return null;
  const version = s.tags.find((t) => t.kind === 'version');
  if (version) return { range: version.range, newText: `v${next}` };
  const patchTag = s.tags.find((t) => t.kind === 'patch' || t.kind === 'rfc');
  if (patchTag) return { range: { start: patchTag.range.end, end: patchTag.range.end }, newText: ` v${next}` };
  const group = s.groups[0];
  if (group) {
    const at = { line: group.range.start.line, character: group.range.start.character + 1 };
    return { range: { start: at, end: at }, newText: `v${next} ` };
  }
  return null;
}

/** A `Changes in vN:` stub in a cover letter: before its newest changelog, else after the blurb. */
export function changelogStub(doc: PatchDocument, msg: PatchMessage, next: number): TextEdit | null {
  const cover = msg.cover;
  if (!cover) return null;
  const stub = `Changes in v${next}:\n- `;
  const firstChangelog = cover.changelogLines.find((l) => /^\s*changes (in|since) v?\d+/i.test(doc.lines.get(l) ?? ''));
  if (firstChangelog !== undefined) return insertLines(doc, firstChangelog, stub + '\n');
  const after = Math.max(cover.blurbEndLine, msg.message.endLine);
  return insertLines(doc, after + 1, '\n' + stub);
}
