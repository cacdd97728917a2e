/**
 * FROM_SIGN_OFF_MISMATCH (checkpatch WARNING/CHECK): the author's Signed-off-by differs from the
 * From: line - only in comments (CHECK), in the name (same address), in the address (same name),
 * or only in a `+subaddress`. checkpatch compares each Signed-off-by until one is identical.
 */
import type { Finding, TextRule } from '../types';
import { span } from '../../model/range';
import { signOffApplies, signOffs } from './util';

const KIND = { 2: 'comments', 3: 'name', 4: 'address', 5: 'subaddress' } as const;

export const fromSignOffMismatch: TextRule = {
  kind: 'text',
  id: 'FROM_SIGN_OFF_MISMATCH',
  severity: 'warning',
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
  check({ doc, msg }) {
    if (!signOffApplies(msg)) return [];
    const so = signOffs(doc, msg);
    if (so.lines.length === 0 || so.level < 2 || !so.match) return [];
    const level = so.level as 2 | 3 | 4 | 5;
    const m = so.match;
    const finding: Finding = {
      rule: 'FROM_SIGN_OFF_MISMATCH',
      severity: level === 2 ? 'information' : 'warning',
      message: `From:/Signed-off-by: email ${KIND[level]} mismatch: 'From: ${so.author}' != 'Signed-off-by: ${m.value}'`,
      range: span(m.line, m.valueStart, m.valueStart + m.value.trimEnd().length),
    };
    return [finding];
  },
};
