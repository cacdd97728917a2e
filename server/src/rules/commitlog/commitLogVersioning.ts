/**
 * COMMIT_LOG_VERSIONING (checkpatch WARNING): a `v2: http...` style line in the commit log.
 * Version history belongs below the `---` line, where `git am` drops it.
 */
import type { Finding, TextRule } from '../types';
import { span } from '../../model/range';
import { commitLog, isCommit, lineText } from '../shared/commitLog';

export const TAG_BEFORE_URL = /^(\s*)(\w+:)\s*http/;

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
  check({ doc, msg }) {
    if (!isCommit(msg)) return [];
    const out: Finding[] = [];
    for (const l of commitLog(doc, msg).logLines) {
      const m = TAG_BEFORE_URL.exec(lineText(doc, l));
      if (!m || m[2] === 'Link:' || m[2] === 'Closes:') continue;
      if (!/^v(?:ersion)?\d+/i.test(m[2]!)) continue;
      out.push({
        rule: 'COMMIT_LOG_VERSIONING',
        severity: 'warning',
        message: `Patch version information should be after the --- line: move '${m[2]}' below ---`,
        range: span(l, m[1]!.length, m[1]!.length + m[2]!.length - 1),
      });
    }
    return out;
  },
};
