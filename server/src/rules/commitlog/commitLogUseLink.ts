/**
 * COMMIT_LOG_USE_LINK (checkpatch WARNING): a `Word: http...` line in the commit log whose tag is
 * not `Link:` or `Closes:` (`BugLink:`, `Bug:`, `Upstream:`, `Fixes: https://...`).
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, taggedUrls } from '../shared/commitLog';

export const commitLogUseLink: TextRule = {
  kind: 'text',
  id: 'COMMIT_LOG_USE_LINK',
  severity: 'warning',
  description: "A URL is tagged with something other than 'Link:' or 'Closes:'.",
  doc: [
    "Tag URLs with `Link:` (background, discussion, the posting) or `Closes:` (the bug report",
    'the patch fixes). Other tags (`BugLink:`, `Bug:`, `Upstream:`, `Fixes: https://...`) are not',
    'understood by the tools that process trailers.',
    '',
    '```',
    'Closes: https://bugzilla.kernel.org/show_bug.cgi?id=12345',
    'Link: https://lore.kernel.org/r/20240101000000.1234-1-jane@example.org',
    '```',
    '',
    'Source: checkpatch.pl `COMMIT_LOG_USE_LINK`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_LOG_USE_LINK', level: 'WARNING' },
  check({ doc, msg, report }) {
    if (!isCommit(msg)) return;
    for (const { line, start, end, tag, isVersion } of taggedUrls(doc, msg)) {
      if (isVersion) continue;
      const range = span(line, start, end);
      const lower = tag.toLowerCase();
      const canonical = lower === 'link:' ? 'Link' : lower === 'closes:' ? 'Closes' : null;
      report({
        message: `Unknown link reference '${tag}', use 'Link:' or 'Closes:' instead`,
        range,
        ...(canonical ? { fix: { title: `Write '${canonical}:'`, edits: [{ range, newText: canonical }], safety: 'safe' as const } } : {}),
      });
    }
    return;
  },
};
