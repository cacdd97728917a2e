/**
 * MISSING_SIGN_OFF (checkpatch ERROR): the patch has no Signed-off-by line at all. The fix adds
 * `Signed-off-by: <author>` at the end of the trailer block, or as a new trailer paragraph at the
 * end of the message.
 */
import type { TextRule } from '../types';
import { linesRange } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { appendTrailerEdit, authorSignOffValue, signOffApplies } from './util';

export const missingSignOff: TextRule = {
  kind: 'text',
  id: 'MISSING_SIGN_OFF',
  severity: 'error',
  description: 'The patch has no Signed-off-by: line.',
  doc: [
    'Every patch carries the Signed-off-by: of its author (and of everyone who handled it),',
    'certifying the Developer\'s Certificate of Origin. `git commit -s` or `git format-patch -s`',
    'adds yours:',
    '',
    '```',
    'Signed-off-by: Jane Doe <jane@example.org>',
    '```',
    '',
    'Source: checkpatch.pl `MISSING_SIGN_OFF`; submitting-patches.rst "Sign your work".',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'MISSING_SIGN_OFF', level: 'ERROR' },
  check({ doc, msg, facts, report }) {
    if (!signOffApplies(msg)) return;
    const so = facts.signOffs;
    if (so.lines.length > 0) return;
    const content = facts.messageLines.filter((l) => lineText(doc, l).trim() !== '');
    const r = content.length
      ? linesRange(doc.lines, content[content.length - 1]!, content[content.length - 1]!)
      : (msg.message.titleRange ?? linesRange(doc.lines, msg.startLine, msg.startLine));
    const value = authorSignOffValue(msg);
    const edit = value ? appendTrailerEdit(doc, msg, `Signed-off-by: ${value}`) : null;
    report({
      message: 'Missing Signed-off-by: line(s)',
      range: r,
      // A sign-off certifies the DCO: only its author may add it, never a --fix run.
      ...(edit ? { fix: { title: `Add 'Signed-off-by: ${value}'`, edits: [edit], safety: 'unsafe' as const } } : {}),
    });
  },
};
