/**
 * SERIES_MISSING_COVER: a series of more than one patch without a cover letter (0/N). QEMU
 * requires one (error in the qemu profile); the kernel recommends it (warning).
 */
import type { SeriesRule } from '../types';
import { counterRange, patchItems } from './util';

export const seriesMissingCover: SeriesRule = {
  kind: 'series',
  id: 'SERIES_MISSING_COVER',
  severity: 'warning',
  variants: { 'QEMU requires it': 'error' },
  description: 'A series of several patches has no cover letter.',
  doc: [
    'A series of more than one patch starts with a cover letter, `[PATCH 0/N]`, that says what',
    'the series does as a whole and carries its changelog, diffstat and `base-commit:`. Generate',
    'it with `git format-patch --cover-letter` or `b4 prep`. QEMU requires it; the kernel',
    'recommends it.',
    '',
    'Source: 5.Posting.rst; QEMU submitting-a-patch.rst ("Include a meaningful cover letter").',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, config, report }) {
    if (series.cover) return;
    const patches = patchItems(series);
    const total = series.total ?? patches.length;
    if (total < 2 || patches.length === 0) return;
    const first = patches[0]!;
    report({
      ...(config.profile === 'qemu' ? { variant: 'QEMU requires it' } : {}),
      message: `This ${total}-patch series has no cover letter (0/${total}): add one with git format-patch --cover-letter${config.profile === 'qemu' ? ' (QEMU requires it)' : ''}`,
      range: counterRange(first.subject),
      item: first.index,
    });
  },
};
