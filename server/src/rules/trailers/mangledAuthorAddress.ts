/**
 * MANGLED_AUTHOR_ADDRESS (QEMU checkpatch ERROR): the author is `Name via Qemu-devel
 * <qemu-devel@nongnu.org>`, the address the mailing list substitutes for senders whose domain
 * has a strict DMARC policy. Applied as is, the commit would be authored by the list.
 */
import type { TextRule } from '../types';
import { lineText } from '../shared/commitLog';

const MANGLED = /^(Author|From): .* via .*<qemu-\w+@nongnu\.org>/;

export const mangledAuthorAddress: TextRule = {
  kind: 'text',
  id: 'MANGLED_AUTHOR_ADDRESS',
  severity: 'error',
  description: 'The author address was rewritten by the mailing list (... via Qemu-devel).',
  doc: [
    'The QEMU lists rewrite the From: of senders whose domain publishes a strict DMARC policy to',
    '`Name via Qemu-devel <qemu-devel@nongnu.org>`. Put the real author in an in-body `From:` line',
    '(`git format-patch --from`, or `git config sendemail.from`) so that `git am` gets it right.',
    '',
    'Source: QEMU scripts/checkpatch.pl; QEMU submitting-a-patch.rst.',
  ].join('\n'),
  profiles: ['qemu'],
  origin: null,
  check({ doc, msg, report }) {
    for (const h of [...msg.headers, ...msg.inBodyHeaders]) {
      const name = h.name.toLowerCase();
      if (name !== 'from' && name !== 'author') continue;
      const text = `${h.name}: ${h.value.trim()}`;
      if (!MANGLED.test(text) && !MANGLED.test(lineText(doc, h.range.start.line))) continue;
      report({
        message: 'Author email address is mangled by the mailing list: put the real author in an in-body From: line',
        range: h.valueRange,
      });
    }
    return;
  },
};
