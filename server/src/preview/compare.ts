/**
 * Two versions of one series side by side: which patches are unchanged, changed, new or
 * dropped, and the interdiff of the changed ones.
 */
import { createTwoFilesPatch } from 'diff';
import type { PatchMessage } from '../model/types';
import type { Series, SeriesItem } from '../rules/types';

export type PatchStatus = 'unchanged' | 'changed' | 'new' | 'dropped';

export interface PatchComparison {
  status: PatchStatus;
  current: SeriesItem | null;
  previous: SeriesItem | null;
  /** Unified diff between the two versions' diffs (changed patches only). */
  interdiff: string;
}

function patches(series: Series): SeriesItem[] {
  return series.items.filter((i) => i.msg.kind !== 'cover');
}

function summaryOf(msg: PatchMessage): string {
  return (msg.subject?.summary ?? msg.message.title).trim().toLowerCase();
}

/** The diff part of a message as text, the thing that changes between versions. */
export function diffText(item: SeriesItem): string {
  const d = item.msg.diff;
  if (!d) return '';
  return item.doc.lines.slice(d.startLine, d.endLine + 1).join('\n') + '\n';
}

/** Fraction of the patches' summaries the two series share. */
export function similarity(a: Series, b: Series): number {
  const sa = new Set(patches(a).map((i) => summaryOf(i.msg)));
  const sb = patches(b).map((i) => summaryOf(i.msg));
  if (sa.size === 0 || sb.length === 0) return 0;
  const shared = sb.filter((s) => sa.has(s)).length;
  return shared / Math.max(sa.size, sb.length);
}

/** For each series, the newest earlier version of it among the others (same work, lower version). */
export function previousVersions(all: readonly Series[]): Map<Series, Series> {
  const result = new Map<Series, Series>();
  for (const s of all) {
    let best: Series | null = null;
    for (const o of all) {
      if (o === s || o.version >= s.version) continue;
      const coverMatch =
        !!s.cover && !!o.cover && summaryOf(s.cover.msg) === summaryOf(o.cover.msg) && summaryOf(s.cover.msg) !== '';
      if (!coverMatch && similarity(s, o) < 0.5) continue;
      if (!best || o.version > best.version) best = o;
    }
    if (best) result.set(s, best);
  }
  return result;
}

export function compareSeries(current: Series, previous: Series): PatchComparison[] {
  const prev = patches(previous);
  const used = new Set<SeriesItem>();
  const out: PatchComparison[] = [];
  for (const item of patches(current)) {
    const key = summaryOf(item.msg);
    const match = prev.find((p) => !used.has(p) && summaryOf(p.msg) === key);
    if (!match) {
      out.push({ status: 'new', current: item, previous: null, interdiff: '' });
      continue;
    }
    used.add(match);
    const before = diffText(match);
    const after = diffText(item);
    if (before === after) {
      out.push({ status: 'unchanged', current: item, previous: match, interdiff: '' });
    } else {
      const patch = createTwoFilesPatch(`v${previous.version}`, `v${current.version}`, before, after, '', '', {
        context: 3,
      });
      // Drop the `Index`/`===` preamble lines: keep from the `---` header on.
      const start = patch.indexOf('--- ');
      out.push({ status: 'changed', current: item, previous: match, interdiff: start >= 0 ? patch.slice(start) : patch });
    }
  }
  for (const p of prev) {
    if (!used.has(p)) out.push({ status: 'dropped', current: null, previous: p, interdiff: '' });
  }
  return out;
}
