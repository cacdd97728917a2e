/**
 * SERIES_VERSION_MISMATCH: the cover letter and every patch carry the same `vN` (none means
 * v1). A mismatch is usually a patch left over from an earlier version, or a forgotten `-v`.
 */
import type { Range, Subject } from '../../model/types';
import type { SeriesRule } from '../types';
import { label, majority, subjectItems } from './util';

export const seriesVersionMismatch: SeriesRule = {
  kind: 'series',
  id: 'SERIES_VERSION_MISMATCH',
  severity: 'warning',
  description: 'Patches of the series carry different versions (vN).',
  doc: [
    'The cover letter and every patch of a posting carry the same version: `[PATCH v3 0/5]`,',
    '`[PATCH v3 1/5]`, ... A patch with another version is usually left over from an earlier',
    'run of git format-patch; regenerate the whole series with `-v3` (or `b4 prep`).',
    '',
    'Source: submitting-patches.rst; git format-patch -v; b4.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const coverRange = (s: Subject): Range => s.tags.find((t) => t.kind === 'version')?.range ?? s.groups[0]?.range ?? s.summaryRange;
    const all = subjectItems(series);
    if (all.length < 2) return;
    const versionOf = (v: number | null): number => v ?? 1;
    const cover = all.find((x) => x.item === series.cover);
    const ref = cover ? versionOf(cover.subject.version) : majority(all.map((x) => versionOf(x.subject.version)))!;
    for (const x of all) {
      const v = versionOf(x.subject.version);
      if (v === ref) continue;
      const tag = x.subject.tags.find((t) => t.kind === 'version');
      report({
        message: `${label(x.subject)} is v${v} but the series is v${ref}${cover ? ' (as its cover letter says)' : ''}: regenerate it with -v${ref}`,
        range: tag?.range ?? x.subject.groups[0]?.range ?? x.subject.summaryRange,
        item: x.index,
        ...(cover ? { related: [{ file: cover.item.file, range: coverRange(cover.subject), message: `the cover letter: v${ref}` }] } : {}),
      });
    }
    return;
  },
};
