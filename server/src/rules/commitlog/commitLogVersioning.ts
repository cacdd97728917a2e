/**
 * COMMIT_LOG_VERSIONING (checkpatch WARNING): a `v2: http...` style line in the commit log.
 * Version history belongs below the `---` line, where `git am` drops it.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, taggedUrls } from '../shared/commitLog';

export const commitLogVersioning: TextRule = {
  kind: 'text',
  id: 'COMMIT_LOG_VERSIONING',
  severity: 'warning',
  description: 'Patch version information (vN: link) is in the commit message instead of below ---.',
  doc: [
    'Links to earlier versions (`v1: https://lore.kernel.org/...`) and other version history are',
    'for reviewers, not for the git history: put them below the `---` line (or in the cover',
    'letter), where `git am` drops them.',
    '',
    'Source: checkpatch.pl `COMMIT_LOG_VERSIONING`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_LOG_VERSIONING', level: 'WARNING' },
  check({ doc, msg, report }) {
    if (!isCommit(msg)) return;
    for (const t of taggedUrls(doc, msg)) {
      if (!t.isVersion) continue;
      report({
        message: `Patch version information should be after the --- line: move '${t.tag}' below ---`,
        range: span(t.line, t.start, t.end),
      });
    }
    return;
  },
};
