/**
 * DIFFSTAT_MISMATCH: the diffstat below `---` does not describe the diff: a file listed that the
 * diff does not touch, a file of the diff missing from it, a per-file count that differs, or a
 * summary line (` K files changed, X insertions(+), Y deletions(-)`) that does not add up.
 * The quick fix regenerates the diffstat as `git format-patch` writes it (width 72).
 *
 * git scales the `+`/`-` bar when it does not fit, so the bar is only compared when it is
 * unscaled (its length equals the count); the count (added + deleted) is always compared.
 */
import type { DiffFile, Diffstat, DiffstatFile, Range } from '../../model/types';
import type { Fix, TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { diffFilePath, fileCounts, formatDiffstat, signatureCut, statEntryMatches } from './util';
import type { Lines } from '../../model/lines';

export const diffstatMismatch: TextRule = {
  kind: 'text',
  id: 'DIFFSTAT_MISMATCH',
  severity: 'warning',
  description: 'The diffstat does not match the diff.',
  doc: [
    'The diffstat (` path | N ++-`, then ` K files changed, X insertions(+), Y deletions(-)`)',
    'summarises the diff below it. After hand-editing a patch it can go stale: a file listed',
    'that the diff does not touch, a file missing, wrong counts. Reviewers read it first, so',
    'keep it true. The quick fix regenerates it exactly as `git format-patch` does.',
    '',
    'Source: git format-patch; RULES.md "Beyond checkpatch".',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: null,
  check({ doc, msg, report }) {
    const ds = msg.diffstat;
    const diff = msg.diff;
    if (msg.kind !== 'patch' || !ds || !diff || ds.files.length === 0 || diff.files.length === 0) return;
    // Collected first: every finding carries the one fix, the diffstat regenerated.
    const found: { message: string; range: Range }[] = [];
    const push = (message: string, range: Range): void => {
      found.push({ message, range });
    };

    const cut = signatureCut(doc.lines, msg);
    const counts = new Map(diff.files.map((f) => [f, fileCounts(f, cut)]));
    const used = new Set<DiffFile>();
    const firstMatch = matcher(diff.files, used);
    for (const entry of ds.files) {
      const f = firstMatch(entry);
      if (!f) {
        push(`Diffstat lists ${entry.path}, which the diff does not change`, entry.pathRange);
        continue;
      }
      used.add(f);
      if (entry.changes === null || f.binary) continue;
      const { added, deleted } = counts.get(f)!;
      const changes = added + deleted;
      if (entry.changes !== changes) {
        push(
          `Diffstat says ${entry.changes} changed line${plural(entry.changes)} for ${entry.path}; the diff has ${changes} ` +
            `(${added} added, ${deleted} deleted)`,
          entry.countRange,
        );
      } else if (barIsExact(ds, entry) && (entry.added !== added || entry.deleted !== deleted)) {
        push(
          `Diffstat bar for ${entry.path} shows ${entry.added} added and ${entry.deleted} deleted; the diff has ` +
            `${added} added and ${deleted} deleted`,
          entry.countRange,
        );
      }
    }
    const missing = diff.files.filter((f) => !used.has(f));
    if (missing.length) {
      const last = ds.files[ds.files.length - 1]!;
      const names = missing.map(diffFilePath);
      push(
        `Diffstat does not list ${names.join(', ')}, which the diff changes`,
        ds.summaryRange ?? last.range,
      );
    }

    if (ds.summaryLine !== null) {
      const text = stripCr(doc.lines.get(ds.summaryLine) ?? '');
      const files = diff.files.length;
      const ins = sum(diff.files, (f) => (f.binary ? 0 : counts.get(f)!.added));
      const del = sum(diff.files, (f) => (f.binary ? 0 : counts.get(f)!.deleted));
      const check = (re: RegExp, written: number | null, actual: number, what: string): void => {
        if (written === null || written === actual) return;
        const m = re.exec(text);
        const range = m ? span(ds.summaryLine!, m.index, m.index + m[1]!.length) : ds.summaryRange!;
        push(`Diffstat summary says ${written} ${what}; the diff has ${actual}`, range);
      };
      check(/(\d+) files? changed/, ds.filesChanged, files, `file${plural(ds.filesChanged ?? 0)} changed`);
      // An absent part means 0 (git leaves out `0 deletions(-)` when there are insertions).
      check(/(\d+) insertions?\(\+\)/, ds.insertions ?? 0, ins, `insertion${plural(ds.insertions ?? 0)}`);
      check(/(\d+) deletions?\(-\)/, ds.deletions ?? 0, del, `deletion${plural(ds.deletions ?? 0)}`);
    }

    if (found.length === 0) return;
    // Counts from a damaged hunk are not the patch's: no diffstat is derived from them.
    const intact = diff.files.every((f) => f.hunks.every((h) => h.damage === null));
    const fix = intact ? regenerate(doc.lines, ds, diff.files.map((f) => ({ ...f, ...counts.get(f)! }))) : null;
    for (const f of found) report(fix ? { ...f, fix } : f);
  },
};

/** The bar shows exact counts: not scaled, and as long as the count. */
function barIsExact(ds: Diffstat, entry: DiffstatFile): boolean {
  return !ds.scaled && entry.added + entry.deleted === entry.changes;
}

function regenerate(lines: Lines, ds: Diffstat, files: readonly DiffFile[]): Fix | null {
  const generated = formatDiffstat(files);
  if (!generated) return null;
  const first = ds.files[0]!.line;
  const last = ds.summaryLine ?? ds.files[ds.files.length - 1]!.line;
  // Only a contiguous block of stat lines (no mode lines in between) is replaced.
  const lastFileLine = ds.files[ds.files.length - 1]!.line;
  if (lastFileLine - first + 1 !== ds.files.length || (ds.summaryLine !== null && ds.summaryLine !== lastFileLine + 1)) {
    return null;
  }
  const endCol = stripCr(lines.get(last) ?? '').length;
  return {
    title: 'Regenerate the diffstat from the diff',
    // Counts recomputed from the diff, as git format-patch writes them.
    safety: 'safe',
    edits: [{ range: { start: { line: first, character: 0 }, end: { line: last, character: endCol } }, newText: generated.join('\n') }],
  };
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

function sum<T>(items: readonly T[], f: (x: T) => number): number {
  let s = 0;
  for (const x of items) s += f(x);
  return s;
}

/**
 * The first diff file not `used` that a diffstat entry names (statEntryMatches), without trying
 * every file for every entry (a diff of thousands of files): by exact path through an index;
 * shortened names (`.../tail`) and renames or copies (their printed forms) are tried in order.
 */
function matcher(files: readonly DiffFile[], used: ReadonlySet<DiffFile>): (entry: DiffstatFile) => DiffFile | undefined {
  const byPath = new Map<string, { at: number; list: number[] }>();
  const renames: number[] = [];
  files.forEach((f, i) => {
    const p = diffFilePath(f);
    const slot = byPath.get(p);
    if (slot) slot.list.push(i);
    else byPath.set(p, { at: 0, list: [i] });
    if (f.isRename || f.isCopy) renames.push(i);
  });
  return (entry) => {
    if (entry.path.startsWith('...')) return files.find((x) => !used.has(x) && statEntryMatches(entry, x));
    let best = -1;
    const slot = byPath.get(entry.path);
    if (slot) {
      while (slot.at < slot.list.length && used.has(files[slot.list[slot.at]!]!)) slot.at++;
      if (slot.at < slot.list.length) best = slot.list[slot.at]!;
    }
    // Without `...`, only a rename or copy can match other than by its exact path.
    for (const i of renames) {
      if (best >= 0 && i >= best) break;
      const f = files[i]!;
      if (!used.has(f) && statEntryMatches(entry, f)) return f;
    }
    return best >= 0 ? files[best] : undefined;
  };
}
