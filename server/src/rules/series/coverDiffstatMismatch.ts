/**
 * COVER_DIFFSTAT_MISMATCH: the cover letter's diffstat is the series' net diff (base..tip), so
 * its file set must equal the union of the files the patches change. Counts are net and are
 * not compared. A file a patch creates and a later patch deletes (or renames away) has no net
 * change and may rightly be absent.
 */
import type { DiffFile } from '../../model/types';
import type { SeriesRule } from '../types';
import { statNameMatches } from '../diff/util';
import { patchItems } from './util';
import { pushAll } from '../../model/array';

export const coverDiffstatMismatch: SeriesRule = {
  kind: 'series',
  id: 'COVER_DIFFSTAT_MISMATCH',
  severity: 'warning',
  description: "The cover letter's diffstat does not list the files the patches change.",
  doc: [
    'The cover letter\'s diffstat summarises the whole series (base to tip). Its list of files',
    'must be the files the patches change: a file listed that no patch touches, or a file a',
    'patch changes that is missing, means the cover is stale. Regenerate the cover letter.',
    'The counts are the net change and are not compared with the patches\'.',
    '',
    'Source: git format-patch --cover-letter; RULES.md F4.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ series, report }) {
    const cover = series.cover;
    const ds = cover?.msg.diffstat;
    if (!cover || !ds || ds.files.length === 0) return;
    const patches = patchItems(series);
    const files: DiffFile[] = [];
    for (const p of patches) {
      if (!p.item.msg.diff) return; // a patch without a diff: its files are unknown
      pushAll(files, p.item.msg.diff.files);
    }
    if (files.length === 0) return;
    const coverIndex = series.items.indexOf(cover);

    const touched = new Set<string>();
    for (const f of files) {
      if (f.from !== '/dev/null') touched.add(f.from);
      if (f.to !== '/dev/null') touched.add(f.to);
    }
    const inPatches = (name: string): boolean => [...touched].some((p) => statNameMatches(name, p));
    const listed: string[] = [];
    for (const e of ds.files) {
      listed.push(e.path);
      if (e.oldPath !== null) listed.push(e.oldPath);
      if (inPatches(e.path) || (e.oldPath !== null && inPatches(e.oldPath))) continue;
      report({
        message: `Cover diffstat lists ${e.path}, which no patch of the series changes`,
        range: e.pathRange,
        item: coverIndex,
      });
    }

    // Files with no net change: created then deleted, or renamed away again.
    const created = new Set(files.filter((f) => f.isNew).map((f) => f.to));
    const deleted = new Set(files.filter((f) => f.isDeleted).map((f) => f.from));
    const renamedAway = new Set(files.filter((f) => f.isRename).map((f) => f.from));
    const renamedTo = new Set(files.filter((f) => f.isRename || f.isCopy).map((f) => f.to));
    const missing: string[] = [];
    for (const path of touched) {
      if (listed.some((name) => statNameMatches(name, path))) continue;
      if ((created.has(path) || renamedTo.has(path)) && (deleted.has(path) || renamedAway.has(path))) continue;
      if (renamedAway.has(path)) continue; // shown under its new name
      missing.push(path);
    }
    if (missing.length) {
      report({
        message: `Cover diffstat does not list ${missing.join(', ')}, which the patches change`,
        range: ds.summaryRange ?? ds.files[ds.files.length - 1]!.range,
        item: coverIndex,
      });
    }
    return;
  },
};
