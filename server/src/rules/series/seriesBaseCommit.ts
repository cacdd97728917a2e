/**
 * SERIES_BASE_COMMIT: `base-commit:` appears once per series (cover letter or patch 1). Two
 * different base commits in one series are contradictory (warning); the same one repeated is
 * merely redundant (CHECK level). A missing base-commit is not reported.
 */
import type { SeriesRule } from '../types';
import { span, stripCr } from '../../model/range';
import { baseCommitLines } from '../cover/util';

export const seriesBaseCommit: SeriesRule = {
  kind: 'series',
  id: 'SERIES_BASE_COMMIT',
  severity: 'warning',
  variants: { repeated: 'information' },
  description: 'The series names more than one base-commit.',
  doc: [
    '`base-commit:` says which commit the whole series applies to; it appears once, in the cover',
    'letter (or in patch 1 without a cover). Two different base commits in one series cannot both',
    'be right: regenerate the series with `git format-patch --base=<commit>` (or `b4 prep`).',
    '',
    'Source: submitting-patches.rst ("Providing base tree information"); RULES.md F7.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const found: { item: number; line: number; sha: string; valueStart: number }[] = [];
    series.items.forEach((it, index) => {
      for (const l of baseCommitLines(it.doc.lines, it.msg)) {
        const text = stripCr(it.doc.lines.get(l) ?? '');
        const m = /^base-commit:[ \t]*(\S*)/i.exec(text);
        if (m) found.push({ item: index, line: l, sha: m[1]!.toLowerCase(), valueStart: m[0].length - m[1]!.length });
      }
    });
    if (found.length < 2) return;
    const first = found[0]!;
    const firstFile = series.items[first.item]!.file;
    const firstRange = span(first.line, first.valueStart, first.valueStart + first.sha.length);
    for (const f of found.slice(1)) {
      const same = f.sha === first.sha || (f.sha.length >= 7 && first.sha.startsWith(f.sha)) || (first.sha.length >= 7 && f.sha.startsWith(first.sha));
      report({
        ...(same ? { variant: 'repeated' } : {}),
        message: same
          ? `base-commit repeated (already in ${firstFile}): once per series is enough`
          : `base-commit ${f.sha} differs from ${first.sha} in ${firstFile}: a series has one base`,
        range: span(f.line, f.valueStart, f.valueStart + f.sha.length),
        item: f.item,
        related: [{ file: firstFile, range: firstRange, message: `base-commit ${first.sha}` }],
      });
    }
    return;
  },
};
