/**
 * BAD_STABLE_ADDRESS_STYLE (checkpatch WARNING): `stable@vger.kernel.org` (or stable@kernel.org)
 * in a signature line takes no display name, and a note after it must be a `# ...` comment:
 * `Cc: stable@vger.kernel.org # 6.1+`. The fix rewrites the value as checkpatch suggests.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { parseEmail } from '../shared/email';

export const badStableAddressStyle: TextRule = {
  kind: 'text',
  id: 'BAD_STABLE_ADDRESS_STYLE',
  severity: 'warning',
  description: "The stable address has a display name or a note that is not '# ...'.",
  doc: [
    'Write the stable tag with the bare address and, when needed, a `#` comment saying which',
    'kernels need the fix:',
    '',
    '```',
    'Cc: stable@vger.kernel.org # 6.1+',
    '```',
    '',
    'Source: checkpatch.pl `BAD_STABLE_ADDRESS_STYLE`; stable-kernel-rules.rst.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'BAD_STABLE_ADDRESS_STYLE', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    for (const sig of facts.signatureLines) {
      const { value } = sig;
      if (!/^.*stable@(?:vger\.)?kernel\.org/i.test(value)) continue;
      const e = parseEmail(value);
      if (e.address === '' && e.name === '') continue;
      if (!((e.comment !== '' && !/^#.+/.test(e.comment)) || e.name !== '')) continue;
      const curName = e.name.replace(/[a-zA-Z\s\-"]+/g, '');
      let c = e.comment.replace(/^\((.*)\)$/, '$1').replace(/^\[(.*)\]$/, '$1').replace(/^[\s#]+|\s+$/g, '');
      if (curName !== c) c = `${c} ${curName}`.trim();
      const fixed = `${e.address}${c !== '' ? ` # ${c}` : ''}`;
      const r = span(sig.line, sig.valueStart, sig.valueStart + value.length);
      report({
        message: `Invalid email format for stable: '${value}', prefer '${fixed}'`,
        range: r,
        fix: { title: `Write '${fixed}'`, edits: [{ range: r, newText: fixed }], safety: 'safe' },
      });
    }
    return;
  },
};
