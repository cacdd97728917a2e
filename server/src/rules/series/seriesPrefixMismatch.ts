/**
 * SERIES_PREFIX_MISMATCH: the extra subject prefixes (RFC, RESEND, a tree name such as
 * `net-next`) are the same on the cover letter and on every patch.
 */
import type { Subject } from '../../model/types';
import type { SeriesRule } from '../types';
import { label, majority, subjectItems } from './util';

/** The extra prefixes of a subject, canonical: upper case, sorted, joined. */
function extras(s: Subject): string[] {
  const set = new Set<string>();
  if (s.rfc) set.add('RFC');
  if (s.resend) set.add('RESEND');
  for (const p of s.otherPrefixes) set.add(p.toUpperCase());
  return [...set].sort();
}

function show(list: readonly string[]): string {
  return list.length ? list.join(' ') : 'none';
}

export const seriesPrefixMismatch: SeriesRule = {
  kind: 'series',
  id: 'SERIES_PREFIX_MISMATCH',
  severity: 'warning',
  description: 'Patches of the series carry different extra prefixes (RFC, RESEND, tree).',
  doc: [
    'Extra subject prefixes (`RFC`, `RESEND`, the target tree such as `net-next`) describe the',
    'whole posting, so the cover letter and every patch carry the same ones:',
    '`[PATCH RFC net-next v2 0/4]`, `[PATCH RFC net-next v2 1/4]`, ... Use',
    '`git format-patch --subject-prefix="PATCH net-next" --rfc` for all of them.',
    '',
    'Source: submitting-patches.rst; netdev-FAQ.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const all = subjectItems(series);
    if (all.length < 2) return;
    const keyed = all.map((x) => ({ ...x, extras: extras(x.subject) }));
    const cover = keyed.find((x) => x.item === series.cover);
    const refKey = cover ? cover.extras.join(' ') : majority(keyed.map((x) => x.extras.join(' ')))!;
    const ref = refKey ? refKey.split(' ') : [];
    for (const x of keyed) {
      if (x.extras.join(' ') === refKey) continue;
      const missing = ref.filter((p) => !x.extras.includes(p));
      const extra = x.extras.filter((p) => !ref.includes(p));
      const parts: string[] = [];
      if (missing.length) parts.push(`lacks ${missing.join(', ')}`);
      if (extra.length) parts.push(`adds ${extra.join(', ')}`);
      report({
        message: `${label(x.subject)} ${parts.join(' and ')}: the series' extra prefixes are ${show(ref)}${cover ? ' (as on its cover letter)' : ''}`,
        range: x.subject.groups[0]?.range ?? x.subject.summaryRange,
        item: x.index,
        ...(cover
          ? { related: [{ file: cover.item.file, range: cover.subject.groups[0]?.range ?? cover.subject.summaryRange, message: `the cover letter's prefixes: ${show(ref)}` }] }
          : {}),
      });
    }
    return;
  },
};
