/**
 * Helpers shared by the trailer and sign-off rules: the signature lines of a message as
 * checkpatch.pl finds them, the nominal author as checkpatch formats it, checkpatch's
 * From:/Signed-off-by: comparison, and where to add a Signed-off-by line.
 */
import type { PatchDocument, PatchMessage } from '../../model/types';
import type { TextEdit } from '../types';
import { range } from '../../model/range';
import { commitLog, lineText } from '../shared/commitLog';
import { matchSignatureLine, type SignatureLine } from '../shared/signature';
import { parseEmail, reformatEmail, sameEmailAddresses, withoutSubaddress } from '../shared/email';

/** The lines checked for signatures: the commit message (a cover letter's text), not the diff. */
export function messageLines(doc: PatchDocument, msg: PatchMessage): readonly number[] {
  return msg.kind === 'cover' ? msg.message.bodyLines : commitLog(doc, msg).messageLines;
}

/**
 * checkpatch's signature lines of the message. Deviation from checkpatch: a prose line that is
 * just `to:` or `cc:` ("... changes from:\n\n...\n\nto:") outside the trailer block is not taken
 * for an empty `To:` tag, and diff context lines are never looked at.
 */
export function signatureLines(
  doc: PatchDocument,
  msg: PatchMessage,
  lines: readonly number[] = messageLines(doc, msg),
): SignatureLine[] {
  const block = msg.message.trailerBlock;
  const inBlock = (l: number): boolean => block !== null && l >= block.startLine && l <= block.endLine;
  const out: SignatureLine[] = [];
  for (const l of lines) {
    const sig = matchSignatureLine(lineText(doc, l), l);
    if (!sig) continue;
    if (/^(?:to|cc):$/i.test(sig.tag) && sig.value.trim() === '' && !inBlock(l)) continue;
    out.push(sig);
  }
  return out;
}

/** checkpatch's `$author`: the From: value, quotes removed, reformatted; '' when there is none. */
export function checkpatchAuthor(msg: PatchMessage): string {
  const h = msg.authorHeader;
  if (!h) return '';
  return reformatEmail(h.value.replace(/"/g, ''));
}

export interface SignOffs {
  /** Signed-off-by lines: line and value (checkpatch's `$1` of `^\s*signed-off-by:\s*(.*)`). */
  lines: { line: number; value: string; valueStart: number }[];
  author: string;
  /** checkpatch's $authorsignoff: 0 none, 1 identical, 2 comments differ, 3 name differs, 4 address differs, 5 subaddress differs. */
  level: 0 | 1 | 2 | 3 | 4 | 5;
  /** The Signed-off-by that gave the level (2-5). */
  match: { line: number; value: string; valueStart: number } | null;
}

export function signOffs(doc: PatchDocument, msg: PatchMessage, messageLineNos: readonly number[] = messageLines(doc, msg)): SignOffs {
  const author = checkpatchAuthor(msg);
  const lines: SignOffs['lines'] = [];
  let level: SignOffs['level'] = 0;
  let match: SignOffs['match'] = null;
  for (const l of messageLineNos) {
    const text = lineText(doc, l);
    const m = /^(\s*signed-off-by:\s*)(.*)$/i.exec(text);
    if (!m) continue;
    const so = { line: l, value: m[2]!, valueStart: m[1]!.length };
    lines.push(so);
    if (author === '' || level === 1) continue;
    if (sameEmailAddresses(so.value, author)) {
      level = 1;
      match = so;
      continue;
    }
    const e = parseEmail(so.value);
    const a = parseEmail(author);
    if (e.address.toLowerCase() === a.address.toLowerCase() && e.name === a.name) {
      level = 2;
      match = so;
    } else if (e.address.toLowerCase() === a.address.toLowerCase()) {
      level = 3;
      match = so;
    } else if (e.name === a.name) {
      level = 4;
      match = so;
      if (withoutSubaddress(e.address) === withoutSubaddress(a.address)) level = 5;
    }
  }
  return { lines, author, level, match };
}

/** Whether the sign-off rules apply: a patch with a diff, or a bare commit message. */
export function signOffApplies(msg: PatchMessage): boolean {
  if (msg.kind === 'commit-message') return true;
  return msg.kind === 'patch' && msg.diff !== null;
}

/**
 * An edit adding `line` (e.g. `Signed-off-by: A <a@b>`) at the end of the trailer block, or as a
 * new trailer paragraph at the end of the message (before `---`).
 */
export function appendTrailerEdit(doc: PatchDocument, msg: PatchMessage, line: string): TextEdit | null {
  const block = msg.message.trailerBlock;
  if (block) {
    const end = block.endLine;
    const col = lineText(doc, end).length;
    return { range: range(end, col, end, col), newText: `\n${line}` };
  }
  const content = messageLines(doc, msg).filter((l) => lineText(doc, l).trim() !== '');
  const last = content.length ? content[content.length - 1]! : msg.kind === 'commit-message' ? msg.message.endLine : -1;
  if (last >= 0 && (content.length || msg.message.titleRange)) {
    const col = lineText(doc, last).length;
    return { range: range(last, col, last, col), newText: `\n\n${line}` };
  }
  const at = msg.notes?.separatorLine ?? (msg.diff ? msg.diff.startLine : -1);
  if (at < 0) return null;
  return { range: range(at, 0, at, 0), newText: `${line}\n` };
}

/** `Name <email>` of the message's author for a new Signed-off-by line, or null. */
export function authorSignOffValue(msg: PatchMessage): string | null {
  const a = msg.author;
  if (!a || !a.email) return null;
  return a.name ? `${a.name} <${a.email}>` : a.email;
}
