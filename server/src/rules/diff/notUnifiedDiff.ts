/**
 * NOT_UNIFIED_DIFF (checkpatch ERROR): a patch mail with no diff in it. Cover letters (by kind,
 * and by a file name ending in `cover-letter.patch`, as checkpatch exempts them) are not patches.
 */
import type { TextRule } from '../types';
import { linesRange } from '../../model/range';

export const notUnifiedDiff: TextRule = {
  kind: 'text',
  id: 'NOT_UNIFIED_DIFF',
  severity: 'error',
  description: 'The mail does not contain a unified diff.',
  doc: [
    'A patch mail carries its change as a unified diff (`diff --git a/... b/...`, `---`/`+++`',
    'headers and `@@` hunks) after the `---` line. This message has none: the diff was lost,',
    'or the file is not a patch. Cover letters (`0/N`, `*cover-letter.patch`) are exempt.',
    '',
    'Source: checkpatch.pl `NOT_UNIFIED_DIFF`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'NOT_UNIFIED_DIFF', level: 'ERROR' },
  check({ doc, msg, config, report }) {
    if (msg.kind !== 'patch') return;
    if (config.fileName && /cover-letter\.patch$/.test(config.fileName)) return;
    const diff = msg.diff;
    if (diff && diff.files.some((f) => f.hunks.length > 0 || f.isNew || f.isDeleted || f.isRename || f.isCopy || f.binary || f.newMode !== null)) {
      return;
    }
    const range = msg.subject ? msg.subject.summaryRange : linesRange(doc.lines, msg.startLine, msg.startLine);
    report({
      message: 'Does not appear to be a unified-diff format patch',
      range,
    });
    return;
  },
};
