/**
 * SERIES_TOO_LONG (CHECK level): more than 15 patches in one posting ([SP]: "do not send more
 * than 15 patches at once to the vger mailing lists").
 */
import type { SeriesRule } from '../types';
import { counterRange, patchItems } from './util';

const LIMIT = 15;

export const seriesTooLong: SeriesRule = {
  kind: 'series',
  id: 'SERIES_TOO_LONG',
  severity: 'information',
  description: 'The series has more than 15 patches.',
  doc: [
    'Large series are hard to review; submitting-patches.rst asks not to send more than 15',
    'patches at once to the vger lists. Consider splitting the series into smaller,',
    'independently reviewable parts.',
    '',
    'Source: submitting-patches.rst ("Don\'t get discouraged - or impatient").',
  ].join('\n'),
  profiles: ['kernel'],
  origin: null,
  check({ series, report }) {
    const patches = patchItems(series);
    const total = Math.max(series.total ?? 0, patches.length);
    if (total <= LIMIT) return;
    const at = series.items.findIndex((it) => it === series.cover);
    const first = at >= 0 ? { index: at, subject: series.cover!.msg.subject } : patches[0] ? { index: patches[0].index, subject: patches[0].subject } : null;
    if (!first || !first.subject) return;
    report({
      message: `The series has ${total} patches: more than ${LIMIT} at once is hard to review; consider splitting it`,
      range: counterRange(first.subject),
      item: first.index,
    });
    return;
  },
};
