/**
 * BIDI_CONTROL_CHARACTER (patchsmith): a bidirectional embedding, override or isolate character
 * (U+202A..U+202E, U+2066..U+2069) in the mail (subject, headers, commit message, trailers,
 * notes) or in an added line: Trojan Source (CVE-2021-42574). Such a character reorders how the
 * text around it is displayed, so a reviewer reads something other than what git applies. One
 * finding per character, on that character; an error in an added line, a warning elsewhere.
 * RFC 2047 encoded headers are decoded: a character inside an encoded word is reported on the
 * word. The implicit marks (U+200E, U+200F, U+061C) are reported in added lines only, as a
 * warning: they set the direction of neutral characters next to them, and they belong in
 * right-to-left names and text in the mail. Context and removed lines are not the patch's doing.
 * No fix: deleting the character changes what the line means (and may be what the author
 * wanted in a right-to-left string); only a person can tell.
 */
import type { Header, PatchMessage } from '../../model/types';
import type { RuleContext, TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { forEachBidi, hasBidi, type BidiCharacter } from '../../model/bidi';
import { decodeRfc2047 } from '../../parse/rfc2047';

/** What a line of the message is, for the rule: skipped, mail text, or an added line. */
const SKIP = 1;
const ADDED = 2;

const ENCODED_WORD = /=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=/g;

/** Kinds of the message's lines, indexed from msg.startLine: 0 mail text, SKIP or ADDED. */
function lineKinds(msg: PatchMessage): Uint8Array {
  const kinds = new Uint8Array(msg.endLine - msg.startLine + 1);
  for (const file of msg.diff?.files ?? []) {
    for (const hunk of file.hunks) {
      const body = hunk.lines;
      for (let k = 0; k < body.length; k++) {
        const i = body.line(k) - msg.startLine;
        if (i >= 0 && i < kinds.length) kinds[i] = body.kind(k) === 'add' ? ADDED : SKIP;
      }
    }
  }
  return kinds;
}

/** Where a line is, for the message: "the Subject header", "a trailer", "the commit message". */
function partOf(msg: PatchMessage, line: number): string {
  for (const h of msg.headers) if (line >= h.range.start.line && line <= h.range.end.line) return `the ${h.name} header`;
  for (const h of msg.inBodyHeaders) if (line >= h.range.start.line && line <= h.range.end.line) return `the in-body ${h.name} line`;
  const block = msg.message.trailerBlock;
  if (block && line >= block.startLine && line <= block.endLine) return 'a trailer';
  if (msg.subject && line === msg.message.titleRange?.start.line) return 'the title';
  if (line >= msg.message.startLine && line <= msg.message.endLine) return msg.kind === 'cover' ? 'the cover letter' : 'the commit message';
  if (msg.notes && line >= msg.notes.startLine && line <= msg.notes.endLine) return 'the notes';
  if (msg.diffstat && line >= msg.diffstat.startLine && line <= msg.diffstat.endLine) return 'the diffstat';
  if (msg.diff && line >= msg.diff.startLine && line <= msg.diff.endLine) return 'the diff';
  return 'the mail';
}

function controlMessage(c: BidiCharacter, where: string): string {
  return `Bidirectional control character ${c.code} ${c.name} in ${where}: it reorders how the text is displayed, so readers see something other than what git applies`;
}

/** Encoded words of a header whose decoded value holds bidi characters: one report per character, on its word. */
function checkEncodedHeader(ctx: RuleContext, h: Header): void {
  if (!h.rawValue.includes('=?') || !hasBidi(h.value)) return;
  for (let l = h.range.start.line; l <= h.range.end.line; l++) {
    const text = stripCr(ctx.doc.lines.get(l) ?? '');
    for (const m of text.matchAll(ENCODED_WORD)) {
      const at = m.index ?? 0;
      forEachBidi(decodeRfc2047(m[0]), (_col, c) => {
        if (c.kind !== 'control') return;
        ctx.report({
          message: controlMessage(c, `the ${h.name} header (RFC 2047 encoded)`),
          range: span(l, at, at + m[0].length),
          variant: 'text',
        });
      });
    }
  }
}

/** One finding per bidi character of the message's lines, skipped lines (context, removals) aside. */
function checkLines(ctx: RuleContext): void {
  const { doc, msg, report } = ctx;
  const kinds = lineKinds(msg);
  for (let l = msg.startLine; l <= msg.endLine; l++) {
    const kind = kinds[l - msg.startLine];
    if (kind === SKIP) continue;
    const text = stripCr(doc.lines.get(l) ?? '');
    forEachBidi(text, (col, c) => {
      const range = span(l, col, col + 1);
      if (kind === ADDED) {
        if (c.kind === 'mark') {
          report({
            message: `Bidirectional mark ${c.code} ${c.name} in an added line: it changes the displayed order of the characters around it`,
            range,
            variant: 'mark',
          });
        } else report({ message: controlMessage(c, 'an added line'), range });
      } else if (c.kind === 'control') {
        report({ message: controlMessage(c, partOf(msg, l)), range, variant: 'text' });
      }
    });
  }
}

export const bidiControlCharacter: TextRule = {
  kind: 'text',
  id: 'BIDI_CONTROL_CHARACTER',
  severity: 'error',
  variants: { text: 'warning', mark: 'warning' },
  description: 'A bidirectional override, embedding or isolate character (Trojan Source) in the mail or an added line.',
  doc: [
    'The Unicode bidirectional controls (U+202A..U+202E: embeddings, overrides and their pop;',
    'U+2066..U+2069: isolates and their pop) reorder how the text around them is *displayed*,',
    'not what it is. In code they make a reviewer read something other than what the compiler',
    'and `git apply` see (Trojan Source, CVE-2021-42574): a comment that seems to end where it',
    'does not, a string that seems to hold what it does not. In a subject, trailer or commit',
    'message they make the mail say something else than the commit will.',
    '',
    'Each character is reported on its own, with its code and name: an **error** in an added line,',
    'a **warning** elsewhere in the mail (headers, including RFC 2047 encoded ones, the commit',
    'message, trailers, notes, the diff headers). The implicit marks U+200E LEFT-TO-RIGHT MARK,',
    'U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC LETTER MARK only set the direction of the neutral',
    'characters next to them and belong in right-to-left names and text: they are reported (as a',
    'warning) in added lines only. Context and removed lines are not the patch\'s doing.',
    '',
    'There is no quick fix: removing the character changes what the line means, and a',
    'right-to-left string may need it. Find them with `grep -nP "[\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]"`.',
    'The preview shows every such character as a visible marker (`⟨U+202E⟩`), never raw.',
    '',
    'Source: patchsmith (checkpatch.pl has no such check); Boucher and Anderson, "Trojan Source:',
    'Invisible Vulnerabilities" (2021); Unicode UAX #9.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: null,
  check(ctx) {
    const { doc, msg } = ctx;
    // One search over the message first: almost no message holds any such character.
    if (hasBidi(doc.lines.join(msg.startLine, msg.endLine + 1))) checkLines(ctx);
    for (const h of msg.headers) checkEncodedHeader(ctx, h);
    return;
  },
};
