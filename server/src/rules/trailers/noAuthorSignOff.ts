/**
 * NO_AUTHOR_SIGN_OFF (checkpatch ERROR): there are Signed-off-by lines, but none by the patch's
 * author (the From: person; an in-body From: wins) - not even with a different name or address
 * (those are FROM_SIGN_OFF_MISMATCH). The fix adds the author's sign-off.
 */
import type { TextRule } from '../types';
import { appendTrailerEdit, authorSignOffValue, signOffApplies } from './util';

export const noAuthorSignOff: TextRule = {
  kind: 'text',
  id: 'NO_AUTHOR_SIGN_OFF',
  severity: 'error',
  description: "No Signed-off-by: line is by the patch's author (From:).",
  doc: [
    'The author named in From: (or in an in-body `From:` line) must sign off the patch, with the',
    'same name and address:',
    '',
    '```',
    'From: Jane Doe <jane@example.org>',
    '...',
    'Signed-off-by: Jane Doe <jane@example.org>',
    '```',
    '',
    'When you send someone else\'s patch, keep their From: as an in-body `From:` line and add your',
    'own sign-off after theirs.',
    '',
    'Source: checkpatch.pl `NO_AUTHOR_SIGN_OFF`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'NO_AUTHOR_SIGN_OFF', level: 'ERROR' },
  check({ doc, msg, facts, report }) {
    if (!signOffApplies(msg) || !msg.authorHeader) return;
    const so = facts.signOffs;
    if (so.lines.length === 0 || so.level !== 0 || so.author === '') return;
    const value = authorSignOffValue(msg);
    const edit = value ? appendTrailerEdit(doc, msg, `Signed-off-by: ${value}`) : null;
    report({
      message: `Missing Signed-off-by: line by nominal patch author '${so.author}'`,
      range: msg.authorHeader.valueRange,
      // A sign-off certifies the DCO: only its author may add it, never a --fix run.
      ...(edit ? { fix: { title: `Add 'Signed-off-by: ${value}'`, edits: [edit], safety: 'unsafe' as const } } : {}),
    });
  },
};
