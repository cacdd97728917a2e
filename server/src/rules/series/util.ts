/**
 * Helpers for the series rules: which items are patches, where to underline, majorities.
 */
import type { Range, Subject } from '../../model/types';
import type { Series, SeriesItem } from '../types';

export interface Indexed {
  item: SeriesItem;
  /** Index into Series.items. */
  index: number;
}

/** Items that carry a (non-reply) subject, with their index. */
export function subjectItems(series: Series): (Indexed & { subject: Subject })[] {
  const out: (Indexed & { subject: Subject })[] = [];
  series.items.forEach((item, index) => {
    const s = item.msg.subject;
    if (s && !s.isReply && item.msg.kind !== 'commit-message') out.push({ item, index, subject: s });
  });
  return out;
}

/** The patches of the series (not the cover letter). */
export function patchItems(series: Series): (Indexed & { subject: Subject })[] {
  return subjectItems(series).filter((x) => x.item.msg.kind === 'patch' && x.item !== series.cover);
}

/** The `M/N` counter's range, else the first `[...]` group's, else the summary's. */
export function counterRange(s: Subject): Range {
  return s.tags.find((t) => t.kind === 'counter')?.range ?? s.groups[0]?.range ?? s.summaryRange;
}

/** The most frequent value (the first seen wins a tie); undefined for an empty list. */
export function majority<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** `3/12` as the item's subject writes it, or `[PATCH]` when it has no counter. */
export function label(s: Subject): string {
  return s.tags.find((t) => t.kind === 'counter')?.text ?? s.groups[0]?.text ?? s.summary;
}

/** Titles compare with runs of whitespace collapsed (git wraps shortlog titles). */
export function normTitle(t: string): string {
  return t.replace(/\s+/g, ' ').trim();
}
