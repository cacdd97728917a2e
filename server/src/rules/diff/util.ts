/**
 * Helpers for the diff-sanity rules: the paths of a diff file, matching diffstat names (which
 * git may shorten to `.../tail` or write as `dir/{old => new}/file`), and a diffstat generator
 * that writes exactly what `git format-patch` writes (git 2.39 diff.c show_stats, width 72).
 */
import type { DiffFile, DiffHunk, DiffstatFile, PatchMessage } from '../../model/types';
import { stripCr } from '../../model/range';
import type { Lines } from '../../model/lines';
import type { HunkLines } from '../../model/hunkLines';

/** The path a diff file is known by: the new path, or the old one for a deletion. */
export function diffFilePath(f: DiffFile): string {
  return f.to === '/dev/null' ? f.from : f.to;
}

/** Whether git would C-quote this path in a diffstat (core.quotePath): then we don't regenerate. */
export function needsQuoting(path: string): boolean {
  return /[\x00-\x1f"\\\x7f-\uffff]/.test(path);
}

/** Whether a diffstat name (possibly shortened to `...tail`) names this path. */
export function statNameMatches(statPath: string, path: string): boolean {
  if (statPath === path) return true;
  if (statPath.startsWith('...')) {
    const tail = statPath.slice(3);
    return tail.length > 0 && path.endsWith(tail);
  }
  return false;
}

/** Whether a diffstat entry names this diff file (by new path, old path or the rename form). */
export function statEntryMatches(entry: DiffstatFile, f: DiffFile): boolean {
  const path = diffFilePath(f);
  if (statNameMatches(entry.path, path)) return true;
  if (f.isRename || f.isCopy) {
    if (entry.oldPath !== null && statNameMatches(entry.oldPath, f.from) && statNameMatches(entry.path, f.to)) return true;
    // A shortened rename (`.../{a => b}/c`) may only be recognisable by its printed form.
    const printed = renameName(f.from, f.to);
    if (statNameMatches(entry.path, printed)) return true;
    if (entry.oldPath !== null && statNameMatches(`${entry.oldPath} => ${entry.path}`, printed)) return true;
  }
  return false;
}

/** git's pprint_rename: `a/{b => c}/d` with the common prefix and suffix pulled out. */
export function renameName(a: string, b: string): string {
  let pfx = 0;
  for (let i = 0; i < a.length && i < b.length && a[i] === b[i]; i++) {
    if (a[i] === '/') pfx = i + 1;
  }
  let sfx = 0;
  const adjust = pfx ? 1 : 0;
  // Walk back from the terminating NUL (index length) as git does, comparing characters.
  let i = a.length;
  let j = b.length;
  while (pfx - adjust <= i && pfx - adjust <= j && charAt(a, i) === charAt(b, j)) {
    if (charAt(a, i) === '/') sfx = a.length - i;
    i--;
    j--;
  }
  const aMid = Math.max(0, a.length - pfx - sfx);
  const bMid = Math.max(0, b.length - pfx - sfx);
  const mid = `${a.slice(pfx, pfx + aMid)} => ${b.slice(pfx, pfx + bMid)}`;
  return pfx + sfx ? `${a.slice(0, pfx)}{${mid}}${a.slice(a.length - sfx)}` : mid;
}

/** The character at i, '\0' at the end (C strings). */
function charAt(s: string, i: number): string {
  return i >= s.length ? '\0' : s[i]!;
}

/** The name git prints for a diff file in a diffstat. */
export function statName(f: DiffFile): string {
  return f.isRename || f.isCopy ? renameName(f.from, f.to) : diffFilePath(f);
}

function scaleLinear(it: number, width: number, maxChange: number): number {
  if (!it) return 0;
  return 1 + Math.floor((it * (width - 1)) / maxChange);
}

/**
 * The diffstat lines git format-patch writes for these files (the ` path | N +-` lines and the
 * ` K files changed, ...` summary, without the `--summary` mode lines). Null when git's output
 * cannot be reproduced from the text: binary files (their byte counts are not in the patch) or
 * names git would quote.
 */
export function formatDiffstat(files: readonly DiffFile[], width = 72): string[] | null {
  if (files.length === 0) return null;
  const entries: { name: string; added: number; deleted: number }[] = [];
  for (const f of files) {
    if (f.binary) return null;
    const name = statName(f);
    if (needsQuoting(f.from) || needsQuoting(f.to)) return null;
    entries.push({ name, added: f.added, deleted: f.deleted });
  }
  let maxLen = 0;
  let maxChange = 0;
  for (const e of entries) {
    maxLen = Math.max(maxLen, e.name.length);
    maxChange = Math.max(maxChange, e.added + e.deleted);
  }
  const numberWidth = String(maxChange).length;
  if (width < 16 + 6 + numberWidth) width = 16 + 6 + numberWidth;
  let graphWidth = maxChange;
  let nameWidth = maxLen;
  if (nameWidth + numberWidth + 6 + graphWidth > width) {
    const limit = Math.floor((width * 3) / 8) - numberWidth - 6;
    if (graphWidth > limit) graphWidth = Math.max(limit, 6);
    if (nameWidth > width - numberWidth - 6 - graphWidth) nameWidth = width - numberWidth - 6 - graphWidth;
    else graphWidth = width - numberWidth - 6 - nameWidth;
  }

  const out: string[] = [];
  let adds = 0;
  let dels = 0;
  for (const e of entries) {
    let name = e.name;
    let prefix = '';
    let len = nameWidth;
    if (nameWidth < name.length) {
      prefix = '...';
      len -= 3;
      name = name.slice(name.length - len);
      const slash = name.indexOf('/');
      if (slash >= 0) name = name.slice(slash);
    }
    const padding = Math.max(0, len - name.length);
    let add = e.added;
    let del = e.deleted;
    adds += add;
    dels += del;
    if (graphWidth <= maxChange) {
      let total = scaleLinear(add + del, graphWidth, maxChange);
      if (total < 2 && add && del) total = 2;
      if (add < del) {
        add = scaleLinear(add, graphWidth, maxChange);
        del = total - add;
      } else {
        del = scaleLinear(del, graphWidth, maxChange);
        add = total - del;
      }
    }
    const changes = e.added + e.deleted;
    out.push(
      ` ${prefix}${name}${' '.repeat(padding)} | ${String(changes).padStart(numberWidth)}${changes ? ' ' : ''}` +
        '+'.repeat(add) +
        '-'.repeat(del),
    );
  }
  out.push(summaryLine(entries.length, adds, dels));
  return out;
}

/** ` 3 files changed, 10 insertions(+), 2 deletions(-)` as git writes it. */
export function summaryLine(files: number, insertions: number, deletions: number): string {
  let s = files === 1 ? ` ${files} file changed` : ` ${files} files changed`;
  if (insertions || deletions === 0) s += insertions === 1 ? `, ${insertions} insertion(+)` : `, ${insertions} insertions(+)`;
  if (deletions || insertions === 0) s += deletions === 1 ? `, ${deletions} deletion(-)` : `, ${deletions} deletions(-)`;
  return s;
}

/** Document lines of a file's extended header (from its first line up to its first hunk). */
export function headerLines(f: DiffFile): number[] {
  const end = f.hunks.length ? f.hunks[0]!.headerLine - 1 : f.headerRange.end.line;
  const out: number[] = [];
  for (let l = f.startLine; l <= end; l++) out.push(l);
  return out;
}

/** Lines that may follow a hunk legitimately (next hunk, next file, signature, base-commit). */
const AFTER_HUNK = /^(@@|diff |--- |\+\+\+ |Index: |-- ?$|base-commit: |prerequisite-|change-id: )/;

/**
 * The text line that cut this hunk short, when it is one: the hunk has fewer lines than its
 * header declares and the next line is neither blank nor a legitimate follower. That is a
 * wrapped last line, not a stale header. -1 otherwise.
 */
export function hunkCutBy(lines: Lines, msg: PatchMessage, h: DiffHunk, cut = signatureCut(lines, msg)): number {
  const v = hunkView(h, cut);
  if (v.oldCount >= h.oldLines && v.newCount >= h.newLines) return -1;
  const last = msg.signature ? msg.signature.line - 1 : msg.endLine;
  const next = v.endLine + 1;
  if (next > last) return -1;
  const text = stripCr(lines.get(next) ?? '');
  if (text.trim() === '' || AFTER_HUNK.test(text)) return -1;
  return next;
}

/** Every line that cut a hunk of the message short (see hunkCutBy). */
export function wrappedLines(lines: Lines, msg: PatchMessage): number[] {
  const out: number[] = [];
  const cut = signatureCut(lines, msg);
  for (const f of msg.diff?.files ?? []) {
    for (const h of f.hunks) {
      const l = hunkCutBy(lines, msg, h, cut);
      if (l >= 0) out.push(l);
    }
  }
  return out;
}

/**
 * Whether a short hunk is completed by the whitespace-only lines after it. WORKAROUND for a
 * parser bug: when a message has no mail signature, the parser ends the diff at the last line
 * that is not whitespace-only, so a final context line that is a lone space (` `) or empty is
 * cut off the last hunk. git apply counts those lines; so do we here.
 */
export function completedByTrailingBlankContext(lines: Lines, msg: PatchMessage, h: DiffHunk): boolean {
  if (signatureCut(lines, msg) >= 0) return false;
  const oldShort = h.oldLines - h.actualOldLines;
  const newShort = h.newLines - h.actualNewLines;
  if (oldShort <= 0 || oldShort !== newShort) return false;
  const last = msg.signature ? msg.signature.line - 1 : msg.endLine;
  let n = 0;
  for (let l = h.endLine + 1; l <= last && n < oldShort; l++) {
    const text = stripCr(lines.get(l) ?? '');
    if (text !== '' && !/^ [ \t]*$/.test(text)) return false;
    n++;
  }
  return n === oldShort;
}

/**
 * The mail signature's `-- ` line when the parser took it into the last hunk, else -1.
 * When a hand edit leaves the last hunk shorter than its header says, git apply (and so the
 * parser, which follows it) reads on and takes the signature's `-- ` line as the removal of a
 * `- ` line. For the user it is still the signature: the rules look at the hunk without it.
 * Recognised when no signature was found, the `-- ` line is a removal in the last hunk of the
 * last file, and at most 10 non-blank lines follow it, none of which looks like diff.
 */
export function signatureCut(lines: Lines, msg: PatchMessage): number {
  if (msg.signature || !msg.diff) return -1;
  const file = msg.diff.files[msg.diff.files.length - 1];
  const h = file?.hunks[file.hunks.length - 1];
  if (!h) return -1;
  let at = -1;
  for (let i = 0; i < h.lines.length && at < 0; i++) {
    if (h.lines.kind(i) === 'del' && stripCr(lines.get(h.lines.line(i)) ?? '') === '-- ') at = h.lines.line(i);
  }
  if (at < 0) return -1;
  let nonBlank = 0;
  for (let l = at + 1; l <= msg.endLine; l++) {
    const t = stripCr(lines.get(l) ?? '');
    if (t.trim() === '') continue;
    if (/^([-+ \\@]|diff )/.test(t) || ++nonBlank > 10) return -1;
  }
  return at;
}

export interface HunkView {
  /** Old and new lines the hunk holds (context and removals; context and additions). */
  oldCount: number;
  newCount: number;
  endLine: number;
  lines: HunkLines;
}

/** The hunk as the user sees it: without a swallowed signature (see signatureCut). */
export function hunkView(h: DiffHunk, cut: number): HunkView {
  if (cut < 0 || cut < h.headerLine || cut > h.endLine) {
    return { oldCount: h.actualOldLines, newCount: h.actualNewLines, endLine: h.endLine, lines: h.lines };
  }
  // Body lines are in document order: the kept ones are the first n.
  let n = 0;
  while (n < h.lines.length && h.lines.line(n) < cut) n++;
  const kept = h.lines.head(n);
  let oldCount = 0;
  let newCount = 0;
  for (let i = 0; i < n; i++) {
    const kind = kept.kind(i);
    if (kind === 'normal' || kind === 'del') oldCount++;
    if (kind === 'normal' || kind === 'add') newCount++;
  }
  return { oldCount, newCount, endLine: n ? kept.line(n - 1) : h.headerLine, lines: kept };
}

/** Added and deleted lines of a file, without a swallowed signature. */
export function fileCounts(f: DiffFile, cut: number): { added: number; deleted: number } {
  if (cut < 0 || cut < f.startLine || cut > f.endLine) return { added: f.added, deleted: f.deleted };
  let added = 0;
  let deleted = 0;
  for (const h of f.hunks) {
    const body = hunkView(h, cut).lines;
    for (let i = 0; i < body.length; i++) {
      const kind = body.kind(i);
      if (kind === 'add') added++;
      else if (kind === 'del') deleted++;
    }
  }
  return { added, deleted };
}

/**
 * Calls `fn` with the document line of every added line of the message's diff. No object and no
 * string a line: this runs on every keystroke, and over every line of a 2M-line patch; read the
 * line through `Lines.lengthOf`/`codeAt` and cut its text only when there is something to report.
 */
export function forEachAddedLine(msg: PatchMessage, fn: (line: number) => void): void {
  for (const file of msg.diff?.files ?? []) {
    for (const hunk of file.hunks) {
      const body = hunk.lines;
      for (let i = 0; i < body.length; i++) if (body.kind(i) === 'add') fn(body.line(i));
    }
  }
}

/**
 * Where the run of trailing spaces, tabs, form feeds and vertical tabs before column `end`
 * starts (`end` when there is none). A backwards scan: `/[ \t]+$/` is quadratic on a long run of
 * blanks followed by text (a 30,000-blank line took 0.4 s).
 */
export function trailingBlankStart(text: string, end = text.length): number {
  let i = end;
  while (i > 0 && isTrailingBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether the UTF-16 code unit is a space, tab, form feed or vertical tab (what trailingBlankStart skips). */
export function isTrailingBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0c || code === 0x0b;
}
