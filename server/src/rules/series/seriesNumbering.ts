/**
 * SERIES_NUMBERING: the `M/N` counters of a series: every patch carries one, all with the same
 * N; M runs 1..N with no gaps or duplicates; the cover letter is 0/N. (Zero-padding is checked
 * per mail by SUBJECT_COUNTER_PADDING, which implies one width across the series.)
 */
import type { RelatedLocation, SeriesFinding, SeriesRule } from '../types';
import { counterRange, label, majority, patchItems, subjectItems } from './util';

export const seriesNumbering: SeriesRule = {
  kind: 'series',
  id: 'SERIES_NUMBERING',
  severity: 'warning',
  description: 'The M/N counters of the series have gaps, duplicates or different totals.',
  doc: [
    'Every patch of a series carries `M/N` with the same N, M runs from 1 to N without gaps or',
    'duplicates, and the cover letter is `0/N`. A gap usually means a patch was not sent (or not',
    'regenerated); a different N, a patch left over from another version.',
    '',
    'Source: submitting-patches.rst; git format-patch -n; b4.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const all = subjectItems(series);
    const patches = patchItems(series);
    const totals = all.map((x) => x.subject.total).filter((t): t is number => t !== null);
    if (totals.length === 0 || all.length < 2) return;
    const n = majority(totals)!;
    const push = (index: number, message: string, range: SeriesFinding['range'], related?: RelatedLocation[]): void => {
      report({ message, range, item: index, ...(related ? { related } : {}) });
    };

    for (const x of all) {
      const s = x.subject;
      if (s.number === null || s.total === null) {
        push(x.index, `${label(s)} has no M/N counter, but it is part of a ${n}-patch series: write ${pad(1, n)}/${n}-style numbers`, counterRange(s));
      } else if (s.total !== n) {
        push(x.index, `${label(s)} says the series has ${s.total} patches; the rest of the series says ${n}`, counterRange(s));
      } else if (x.item === series.cover && s.number !== 0) {
        push(x.index, `The cover letter is numbered ${label(s)}: it should be ${pad(0, n)}/${n}`, counterRange(s));
      }
    }

    const seen = new Map<number, number>();
    for (const x of patches) {
      const s = x.subject;
      if (s.number === null || s.total !== n) continue;
      if (s.number < 1 || s.number > n) {
        push(x.index, `Patch number ${label(s)} is outside 1..${n}`, counterRange(s));
        continue;
      }
      const first = seen.get(s.number);
      if (first !== undefined) {
        const other = series.items[first]!;
        push(x.index, `Patch ${label(s)} appears twice in the series (also ${other.file})`, counterRange(s), [
          { file: other.file, range: other.msg.subject ? counterRange(other.msg.subject) : counterRange(s), message: `also patch ${label(s)}` },
        ]);
      } else {
        seen.set(s.number, x.index);
      }
    }
    const numbered = patches.filter((x) => x.subject.number !== null && x.subject.total === n);
    if (numbered.length === 0) return;
    for (let m = 1; m <= n; m++) {
      if (seen.has(m)) continue;
      // One finding a run of missing numbers (a `1/30` typo must not give 29 of them).
      let last = m;
      while (last + 1 <= n && !seen.has(last + 1)) last++;
      // Attach the gap to the next patch after it, else to the last patch.
      const after = numbered.find((x) => x.subject.number! > last) ?? numbered[numbered.length - 1]!;
      const what = last === m ? `Patch ${pad(m, n)}/${n} is` : `Patches ${pad(m, n)}/${n} to ${pad(last, n)}/${n} are`;
      push(after.index, `${what} missing from the series`, counterRange(after.subject));
      m = last;
    }
    return;
  },
};

function pad(m: number, n: number): string {
  return String(m).padStart(String(n).length, '0');
}
