/**
 * BAD_REPORTED_BY_LINK (checkpatch WARNING): `Reported-by:` (or `Reported-and-tested-by:`) must
 * be immediately followed by `Closes:` with a URL to the report. Like newer checkpatch and
 * submitting-patches.rst, `Link:` is accepted too (the patch may fix part of the report);
 * checkpatch 6.18 and older accept only `Closes:`.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';

export const badReportedByLink: TextRule = {
  kind: 'text',
  id: 'BAD_REPORTED_BY_LINK',
  severity: 'warning',
  description: 'Reported-by: is not immediately followed by a Closes: (or Link:) URL to the report.',
  doc: [
    'Credit the reporter and point to the report, right under the tag:',
    '',
    '```',
    'Reported-by: Jane Doe <jane@example.org>',
    'Closes: https://lore.kernel.org/r/20240101000000.1234-1-jane@example.org',
    '```',
    '',
    'Use `Link:` instead of `Closes:` when the patch fixes only part of the reported issue. When',
    'the report is not public, leave the link out (and ask the reporter before crediting a',
    'private report).',
    '',
    'Source: checkpatch.pl `BAD_REPORTED_BY_LINK`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'BAD_REPORTED_BY_LINK', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    for (const sig of facts.signatureLines) {
      if (!/^reported(?:|-and-tested)-by:$/i.test(sig.tag)) continue;
      const next = sig.line + 1 < doc.lines.length ? lineText(doc, sig.line + 1) : undefined;
      if (next !== undefined && /^(?:closes|link):\s*/i.test(next)) continue;
      report({
        message: 'Reported-by: should be immediately followed by Closes: with a URL to the report',
        range: span(sig.line, sig.tagStart, sig.tagEnd),
      });
    }
    return;
  },
};
