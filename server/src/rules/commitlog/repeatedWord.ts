/**
 * REPEATED_WORD (checkpatch WARNING): the same word twice in a row (`the the`) in the commit log
 * or the subject, found as checkpatch finds it: words of at least two lower-case letters (an
 * initial capital allowed) separated by one space, not after a non-space character, followed by
 * space, punctuation or the end of the line; `ls -l` permission strings, words containing
 * struct/union/enum, `long long` and hex-like words (`dead dead`) are left alone.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';
import type { TextPiece } from '../shared/subjectLines';

const ALLOWED_HEX_WORDS = new Set(['add', 'added', 'bad', 'be']);
const WORD_PAIR = /\b(\b[A-Z]?[a-z]{2,}\b) (?=(\b[A-Z]?[a-z]{2,}\b))/g;

/** Offsets of repeated words in a line: [start of first, end of second, word]. */
export function findRepeatedWords(text: string): [number, number, string][] {
  if (/[bcCdDlMnpPs?-][rwxsStT-]{9}/.test(text)) return [];
  const out: [number, number, string][] = [];
  const re = new RegExp(WORD_PAIR.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const first = m[1]!;
    const second = m[2]!;
    const start = m.index;
    const end = start + first.length + 1 + second.length;
    if (/(?:struct|union|enum)/.test(first)) {
      re.lastIndex += first.length + second.length + 1;
      continue;
    }
    if (first.toLowerCase() !== second.toLowerCase()) continue;
    if (first === 'long') continue;
    const before = start > 0 ? text[start - 1]! : '';
    const after = end < text.length ? text[end]! : '';
    if (/^\S$/.test(before)) continue;
    if (after !== '' && !' \t.,;?!'.includes(after)) continue;
    if (/\b[0-9a-f]{2,}\b/i.test(first) && !ALLOWED_HEX_WORDS.has(first.toLowerCase())) continue;
    out.push([start, end, first]);
  }
  return out;
}

export const repeatedWord: TextRule = {
  kind: 'text',
  id: 'REPEATED_WORD',
  severity: 'warning',
  description: "A word is repeated ('the the') in the commit message or subject.",
  doc: [
    'The same word twice in a row is almost always a typo (`the the`, `is is`). The quick fix',
    'removes the second one.',
    '',
    'Source: checkpatch.pl `REPEATED_WORD`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'REPEATED_WORD', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    const pieces: TextPiece[] = [...facts.subject.pieces];
    const lines = msg.kind === 'cover' ? msg.message.bodyLines : facts.log.logLines;
    for (const l of lines) pieces.push({ line: l, from: 0, text: lineText(doc, l) });
    for (const p of pieces) {
      for (const [start, end, word] of findRepeatedWords(p.text)) {
        if (start < p.from) continue;
        report({
          message: `Possible repeated word: '${word}'`,
          range: span(p.line, start, end),
          fix: {
            title: `Remove the repeated '${word}'`,
            edits: [{ range: span(p.line, start + word.length, end), newText: '' }],
            // "that that" is sometimes meant.
            safety: 'unsafe',
          },
        });
      }
    }
    return;
  },
};
