/**
 * TYPO_SPELLING (checkpatch WARNING): a common misspelling in the commit log or the subject,
 * from the repository's scripts/spelling.txt (config.spelling) or else a built-in selection
 * of checkpatch's. The fix replaces the word, keeping its case.
 * Unlike checkpatch, letters with accents are letters: `Clément` is not `ment`.
 */
import type { Report, TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { findMisspellings } from '../shared/spelling';
import type { TextPiece } from '../shared/subjectLines';
import { pushAll } from '../../model/array';

/** A spelling suggestion is a guess: its fix is unsafe. */
function finding(line: number, start: number, end: number, typo: string, fix: string): Report {
  const range = span(line, start, end);
  return {
    message: `'${typo}' may be misspelled - perhaps '${fix}'?`,
    range,
    fix: { title: `Replace '${typo}' with '${fix}'`, edits: [{ range, newText: fix }], safety: 'unsafe' },
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
  origin: { checkpatch: 'TYPO_SPELLING', level: 'WARNING' },
  check({ doc, msg, config, facts, report }) {
    const list = config.spelling;
    const pieces: TextPiece[] = [];
    const subject = facts.subject;
    pushAll(pieces, subject.pieces);
    const lines = msg.kind === 'cover' ? msg.message.bodyLines : facts.log.logLines;
    for (const l of lines) pieces.push({ line: l, from: 0, text: lineText(doc, l) });
    for (const p of pieces) {
      for (const m of findMisspellings(p.text, list)) {
        if (m.start < p.from) continue;
        report(finding(p.line, m.start, m.end, m.typo, m.fix));
      }
    }
    if (subject.encoded) {
      for (const m of findMisspellings(subject.encoded.text, list)) {
        report({
          message: `'${m.typo}' may be misspelled - perhaps '${m.fix}'?`,
          range: subject.encoded.range,
        });
      }
    }
    return;
  },
};
