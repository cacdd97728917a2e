/**
 * BASE_COMMIT_PLACEMENT: a `base-commit:` line where it does not belong, decidable from one
 * mail: in the commit message above `---` (it would be committed), or in a patch numbered 2 or
 * later (it belongs once per series: in the cover letter or patch 1, below `---` or at the very
 * bottom before the signature, where `git format-patch --base` puts it).
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { baseCommitLines } from './util';

export const baseCommitPlacement: TextRule = {
  kind: 'text',
  id: 'BASE_COMMIT_PLACEMENT',
  severity: 'warning',
  description: 'A base-commit: line is in the wrong place.',
  doc: [
    '`base-commit: <sha>` tells maintainers and CI which commit the series applies to. It appears',
    'once per series: in the cover letter, or in patch 1 below the `---` line or at the very',
    'bottom before the `-- ` signature (`git format-patch --base=auto` does this). Above the',
    '`---` line it would become part of the commit message.',
    '',
    'Source: submitting-patches.rst ("Providing base tree information").',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, report }) {
    if (msg.kind !== 'patch') return;
    const m = msg.message;
    const number = msg.subject?.number ?? null;
    for (const l of baseCommitLines(doc.lines, msg)) {

      const range = span(l, 0, 'base-commit'.length);
      if (l >= m.startLine && l <= m.endLine) {
        report({
          message: 'base-commit: above the --- line would be committed: move it below the ---',
          range,
        });
      } else if (number !== null && number > 1) {
        report({
          message: `base-commit: belongs in the cover letter or patch 1, not in patch ${number}`,
          range,
        });
      }
    }
    return;
  },
};
