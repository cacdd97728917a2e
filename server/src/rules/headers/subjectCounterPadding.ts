/**
 * SUBJECT_COUNTER_PADDING: in a series the patch number is zero-padded to the width of the total
 * (`01/12`, `00/12` for the cover), as git format-patch and b4 write it; then sorting the
 * subjects alphabetically sorts them numerically ([SP]).
 */
import type { TextRule } from '../types';
import { firstTag, mailSubjectHeader, subjectIsMailSubject } from './util';

export const subjectCounterPadding: TextRule = {
  kind: 'text',
  id: 'SUBJECT_COUNTER_PADDING',
  severity: 'warning',
  description: 'The patch number in M/N is not zero-padded to the width of N.',
  doc: [
    'In a series the number is zero-padded to as many digits as the total: `[PATCH 03/12]`,',
    '`[PATCH 00/12]` for the cover letter. git format-patch and b4 do this, so that sorting the',
    'subjects alphabetically also sorts them by number.',
    '',
    'Source: submitting-patches.rst; git format-patch; b4 (`zfill(len(str(expected)))`).',
    '',
    'Write `[PATCH v2 04/11]`, not `[PATCH v2 4/11]`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ msg, report }) {
    const s = msg.subject;
    if (!s || msg.kind === 'commit-message' || !subjectIsMailSubject(msg) || s.isReply) return;
    if (s.number === null || s.total === null) return;
    const counter = firstTag(s.tags, 'counter');
    if (!counter || s.numberWidth === s.totalWidth) return;
    // A total written with leading zeros (`1/012`) is odd enough to leave to a human.
    if (/\/0/.test(counter.text)) return;
    const want = String(s.total).length;
    const fixed = `${String(s.number).padStart(want, '0')}/${String(s.total)}`;
    const header = mailSubjectHeader(msg)!;
    const exact = header.value === header.rawValue && counter.range.start.line === counter.range.end.line;
    report({
      message: `Patch number ${counter.text} should be zero-padded to the width of the total: ${fixed}`,
      range: counter.range,
      ...(exact ? { fix: { title: `Write ${fixed}`, edits: [{ range: counter.range, newText: fixed }], safety: 'safe' as const } } : {}),
    });
    return;
  },
};
