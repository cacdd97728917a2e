/**
 * SUBJECT_TRAILING_PERIOD: the summary (commit title) ends with a full stop. A title is not a
 * sentence ([QEMU]: "no trailing full stop"; kernel titles follow the same style). An ellipsis
 * and a closing `etc.` are left alone.
 */
import type { TextRule } from '../types';
import { isGeneratedTitle, subjectSourceHeader, summaryOffsetPosition } from './util';

export const subjectTrailingPeriod: TextRule = {
  kind: 'text',
  id: 'SUBJECT_TRAILING_PERIOD',
  severity: 'warning',
  description: 'The subject summary (commit title) ends with a full stop.',
  doc: [
    'A commit title is a heading, not a sentence: it takes no trailing full stop.',
    '',
    'Source: QEMU submitting-a-patch.rst; kernel convention (submitting-patches.rst examples).',
    '',
    'Write `net: phy: fix link detection`, not `net: phy: fix link detection.`',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, report }) {
    const s = msg.subject;
    if (!s || msg.kind === 'cover' || s.isReply) return;
    const summary = s.summary;
    if (!summary.endsWith('.') || summary.endsWith('..') || /\betc\.$/i.test(summary)) return;
    if (isGeneratedTitle(summary)) return;
    const at = summaryOffsetPosition(doc.lines, summary, s.summaryRange.start, summary.length - 1);
    const header = subjectSourceHeader(msg);
    const encoded = header !== null && header.value !== header.rawValue;
    const exact = at !== null && !encoded && doc.lines.get(at.line)?.[at.character] === '.';
    const range = exact ? { start: at, end: { line: at.line, character: at.character + 1 } } : s.summaryRange;
    report({
      message: 'Subject summary ends with a full stop: drop the trailing period',
      range,
      ...(exact ? { fix: { title: 'Remove the trailing period', edits: [{ range, newText: '' }], safety: 'safe' as const } } : {}),
    });
    return;
  },
};
