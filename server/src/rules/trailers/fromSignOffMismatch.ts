/**
 * FROM_SIGN_OFF_MISMATCH (checkpatch WARNING/CHECK): the author's Signed-off-by differs from the
 * From: line - only in comments (CHECK), in the name (same address), in the address (same name),
 * or only in a `+subaddress`. checkpatch compares each Signed-off-by until one is identical.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { signOffApplies } from './util';

const KIND = { 2: 'comments', 3: 'name', 4: 'address', 5: 'subaddress' } as const;

export const fromSignOffMismatch: TextRule = {
  kind: 'text',
  id: 'FROM_SIGN_OFF_MISMATCH',
  severity: 'warning',
  variants: { 'comments only': 'information' },
  description: "The author's Signed-off-by: differs from From: in name, address or comment.",
  doc: [
    'The author\'s sign-off should read exactly like the From: line. A different address (a',
    'personal one in From:, the work one in the sign-off) or a different spelling of the name makes',
    'tools and maintainers wonder whether the author signed at all. Configure `user.name` and',
    '`user.email` (or a `sendemail.from`) so that both match.',
    '',
    'Source: checkpatch.pl `FROM_SIGN_OFF_MISMATCH`; QEMU submitting-a-patch.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'FROM_SIGN_OFF_MISMATCH', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    if (!signOffApplies(msg)) return;
    const so = facts.signOffs;
    if (so.lines.length === 0 || so.level < 2 || !so.match) return;
    const level = so.level as 2 | 3 | 4 | 5;
    const m = so.match;
    report({
      ...(level === 2 ? { variant: 'comments only' } : {}),
      message: `From:/Signed-off-by: email ${KIND[level]} mismatch: 'From: ${so.author}' != 'Signed-off-by: ${m.value}'`,
      range: span(m.line, m.valueStart, m.valueStart + m.value.trimEnd().length),
    });
  },
};
