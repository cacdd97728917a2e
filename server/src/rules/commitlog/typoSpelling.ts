/**
 * TYPO_SPELLING (checkpatch WARNING): a common misspelling in the commit log or the subject,
 * from the repository's scripts/spelling.txt (config.spelling) or else a built-in selection
 * of checkpatch's. The fix replaces the word, keeping its case.
 * Unlike checkpatch, letters with accents are letters: `Clément` is not `ment`.
 */
import type { Finding, TextRule } from '../types';
import { span } from '../../model/range';
import { commitLog, lineText } from '../shared/commitLog';
import { findMisspellings } from '../shared/spelling';
import { subjectText, type TextPiece } from '../shared/subjectLines';
import { pushAll } from '../../model/array';

function finding(line: number, start: number, end: number, typo: string, fix: string): Finding {
  const range = span(line, start, end);
  return {
    rule: 'TYPO_SPELLING',
    severity: 'warning',
    message: `'${typo}' may be misspelled - perhaps '${fix}'?`,
    range,
    fix: { title: `Replace '${typo}' with '${fix}'`, edits: [{ range, newText: fix }] },
  };
}

export const typoSpelling: TextRule = {
  kind: 'text',
  id: 'TYPO_SPELLING',
  severity: 'warning',
  description: 'A word in the commit message or subject is a common misspelling.',
  doc: [
    'A word of the commit message or subject is in the list of common misspellings that',
    'checkpatch keeps (scripts/spelling.txt), e.g. `occured` -> `occurred`, `seperate` ->',
    '`separate`. The quick fix replaces the word.',
    '',
    'When the repository has its own `scripts/spelling.txt` (the kernel, QEMU and many others',
    'do), that list is used: it is the one the project maintains. Otherwise a built-in selection',
    'of the kernel\'s list is used. Like checkpatch, only the commit message and the subject are',
    'read here, not the code.',
    '',
    'Source: checkpatch.pl `TYPO_SPELLING`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  check({ doc, msg, config }) {
    const list = config.spelling;
    const pieces: TextPiece[] = [];
    const subject = subjectText(doc, msg);
    pushAll(pieces, subject.pieces);
    const lines = msg.kind === 'cover' ? msg.message.bodyLines : commitLog(doc, msg).logLines;
    for (const l of lines) pieces.push({ line: l, from: 0, text: lineText(doc, l) });
    const out: Finding[] = [];
    for (const p of pieces) {
      for (const m of findMisspellings(p.text, list)) {
        if (m.start < p.from) continue;
        out.push(finding(p.line, m.start, m.end, m.typo, m.fix));
      }
    }
    if (subject.encoded) {
      for (const m of findMisspellings(subject.encoded.text, list)) {
        out.push({
          rule: 'TYPO_SPELLING',
          severity: 'warning',
          message: `'${m.typo}' may be misspelled - perhaps '${m.fix}'?`,
          range: subject.encoded.range,
        });
      }
    }
    return out;
  },
};
