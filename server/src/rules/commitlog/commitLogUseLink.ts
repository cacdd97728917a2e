/**
 * COMMIT_LOG_USE_LINK (checkpatch WARNING): a `Word: http...` line in the commit log whose tag is
 * not `Link:` or `Closes:` (`BugLink:`, `Bug:`, `Upstream:`, `Fixes: https://...`).
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, taggedUrls } from '../shared/commitLog';

/**
 * QEMU's documented URL tags (submitting-a-patch.rst): `Resolves:` closes a GitLab issue,
 * `Buglink:` points at another tracker. (`Link:` and `Closes:` never reach the rule.)
 */
const QEMU_TAGS = new Set(['resolves:', 'buglink:']);

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
    'In the qemu profile `Resolves:` (a GitLab issue the patch closes) and `Buglink:` (another',
    "tracker) are valid too, as QEMU's submitting-a-patch.rst documents them.",
    '',
    'Source: checkpatch.pl `COMMIT_LOG_USE_LINK`; submitting-patches.rst; QEMU',
    'submitting-a-patch.rst ("Write a meaningful commit message").',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_LOG_USE_LINK', level: 'WARNING' },
  check({ doc, msg, config, report }) {
    if (!isCommit(msg)) return;
    const qemu = config.profile === 'qemu';
    for (const { line, start, end, tag, isVersion } of taggedUrls(doc, msg)) {
      if (isVersion) continue;
      if (qemu && QEMU_TAGS.has(tag.toLowerCase())) continue;
      const range = span(line, start, end);
      const lower = tag.toLowerCase();
      const canonical = lower === 'link:' ? 'Link' : lower === 'closes:' ? 'Closes' : null;
      report({
        message: `Unknown link reference '${tag}', use ${qemu ? "'Link:', 'Resolves:' or 'Buglink:'" : "'Link:' or 'Closes:'"} instead`,
        range,
        ...(canonical ? { fix: { title: `Write '${canonical}:'`, edits: [{ range, newText: canonical }], safety: 'safe' as const } } : {}),
      });
    }
    return;
  },
};
