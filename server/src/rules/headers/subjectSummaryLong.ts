/**
 * SUBJECT_SUMMARY_LONG: the summary (the subject minus its `[...]` tags: the commit title) is
 * longer than the line limit (75 kernel, 76 QEMU). [SP]: "no more than 70-75 characters".
 */
import type { TextRule } from '../types';
import { isGeneratedTitle, summaryOffsetPosition } from './util';

export const subjectSummaryLong: TextRule = {
  kind: 'text',
  id: 'SUBJECT_SUMMARY_LONG',
  severity: 'warning',
  description: 'The subject summary (commit title) is longer than the line limit.',
  doc: [
    'The summary phrase (the subject without the `[PATCH ...]` tags, which becomes the commit',
    'title) should be no more than 70-75 characters: it is shown in `git log --oneline`, in',
    'shortlogs and in `Fixes:` tags. The part beyond the limit is underlined.',
    '',
    'Source: submitting-patches.rst ("The summary phrase"); QEMU allows 76.',
    '',
    'Shorten `mm: fix the problem where the page allocator does not correctly account for ...`',
    'to `mm/page_alloc: account highatomic reserves in free pages`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, config, report }) {
    const s = msg.subject;
    if (!s || msg.kind === 'cover' || s.isReply) return;
    const limit = config.maxLineLength;
    const summary = s.summary;
    if (summary.length <= limit || isGeneratedTitle(summary)) return;
    const from = summaryOffsetPosition(doc.lines, summary, s.summaryRange.start, limit);
    report({
      message: `Subject summary is ${summary.length} characters long: keep the commit title within ${limit}`,
      range: from ? { start: from, end: s.summaryRange.end } : s.summaryRange,
    });
    return;
  },
};
