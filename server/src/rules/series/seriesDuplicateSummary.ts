/**
 * SERIES_DUPLICATE_SUMMARY: two patches of a series with the same summary (commit title).
 * Titles must be unique, at least within the series ([SP]: "the same summary for every patch
 * of a series" is a classic mistake).
 */
import type { Range } from '../../model/types';
import type { SeriesRule } from '../types';
import { label, normTitle, patchItems } from './util';

export const seriesDuplicateSummary: SeriesRule = {
  kind: 'series',
  id: 'SERIES_DUPLICATE_SUMMARY',
  severity: 'warning',
  description: 'Two patches of the series have the same summary.',
  doc: [
    'Each patch\'s summary (its commit title) says what that patch does, so no two patches of a',
    'series share one. Identical titles make `git log --oneline`, shortlogs and `Fixes:` tags',
    'ambiguous.',
    '',
    'Source: submitting-patches.rst ("The canonical patch format").',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const seen = new Map<string, { label: string; file: string; range: Range }>();
    for (const x of patchItems(series)) {
      const key = normTitle(x.subject.summary).toLowerCase();
      if (key === '') continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, { label: label(x.subject), file: x.item.file, range: x.subject.summaryRange });
        continue;
      }
      report({
        message: `${label(x.subject)} has the same summary as ${first.label}: give each patch its own title`,
        range: x.subject.summaryRange,
        item: x.index,
        related: [{ file: first.file, range: first.range, message: `${first.label}, the same summary` }],
      });
    }
    return;
  },
};
