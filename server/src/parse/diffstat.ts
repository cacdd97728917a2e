/**
 * git's diffstat (`git diff --stat`, `format-patch`), as written in the notes area of a patch
 * or in a cover letter:
 *
 *    path/to/file.c                 |  12 ++++--
 *    .../very/long/path/file.c      |   3 +-
 *    lib/{sub => other}/moved.c     |   0
 *    old.c => new.c                 |   2 +-
 *    blob.bin                       | Bin 0 -> 1234 bytes
 *    3 files changed, 39 insertions(+), 5 deletions(-)
 *    create mode 100644 path              (--summary lines, in cover letters)
 *
 * The diffstat is anchored on its LAST summary line in the region (user notes and range-diffs
 * come before it); file lines are the run of file lines right above it, `--summary` lines the
 * run right below. Without a summary line, a run of file lines that ends the region is taken.
 */
import type { Diffstat, DiffstatFile, DiffstatSummaryMode } from '../model/types';
import { span, stripCr } from '../model/range';
import { unquoteCPath } from './diff';
import type { Lines } from '../model/lines';

const SUMMARY_RE = /^ (\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?\s*$/;
const FILE_RE = /^ (\S.*?) *\| +(?:(\d+)(?: (\+*)(-*))?|(Bin)(?: (\d+) -> (\d+) bytes)?)\s*$/;
const MODE_RES: readonly [DiffstatSummaryMode['kind'], RegExp][] = [
  ['create', /^ create mode \d+ \S/],
  ['delete', /^ delete mode \d+ \S/],
  ['mode', /^ mode change \d+ => \d+ \S/],
  ['rename', /^ rename .+ \(\d+%\)\s*$/],
  ['copy', /^ copy .+ \(\d+%\)\s*$/],
];

/** Whether a line has the shape of a diffstat file line (` path | 3 +-`, ` path | Bin ...`). */
export function isDiffstatFileLine(text: string): boolean {
  return FILE_RE.test(stripCr(text));
}

/** Whether a line is a diffstat summary (` 3 files changed, 39 insertions(+), 5 deletions(-)`). */
export function isDiffstatSummaryLine(text: string): boolean {
  return SUMMARY_RE.test(stripCr(text));
}

/** Find git's diffstat in [start,end); null when there is none. */
export function parseDiffstat(lines: Lines, start: number, end: number): Diffstat | null {
  const first = Math.max(0, start);
  const last = Math.min(end, lines.length);
  let summaryLine = -1;
  for (let i = last - 1; i >= first; i--) {
    if (SUMMARY_RE.test(stripCr(lines.get(i) ?? ''))) {
      summaryLine = i;
      break;
    }
  }
  let fileEnd: number; // exclusive
  if (summaryLine >= 0) fileEnd = summaryLine;
  else {
    // No summary: only a run of file lines that ends the region counts.
    let i = last - 1;
    while (i >= first && stripCr(lines.get(i) ?? '').trim() === '') i--;
    if (i < first || !FILE_RE.test(stripCr(lines.get(i) ?? ''))) return null;
    fileEnd = i + 1;
  }
  let fileStart = fileEnd;
  while (fileStart - 1 >= first && FILE_RE.test(stripCr(lines.get(fileStart - 1) ?? ''))) fileStart--;

  const files: DiffstatFile[] = [];
  let scaled = false;
  for (let i = fileStart; i < fileEnd; i++) {
    const file = parseFileLine(lines, i);
    if (!file) continue;
    if (file.changes !== null && file.changes > 0 && file.added + file.deleted !== file.changes) scaled = true;
    files.push(file);
  }

  let filesChanged: number | null = null;
  let insertions: number | null = null;
  let deletions: number | null = null;
  let summaryRange: Diffstat['summaryRange'] = null;
  let endLine = fileEnd - 1;
  const modes: DiffstatSummaryMode[] = [];
  if (summaryLine >= 0) {
    const text = stripCr(lines.get(summaryLine) ?? '');
    const m = SUMMARY_RE.exec(text);
    filesChanged = m?.[1] !== undefined ? Number(m[1]) : null;
    insertions = Number(m?.[2] ?? 0);
    deletions = Number(m?.[3] ?? 0);
    summaryRange = span(summaryLine, 1, text.trimEnd().length);
    endLine = summaryLine;
    for (let i = summaryLine + 1; i < last; i++) {
      const t = stripCr(lines.get(i) ?? '');
      const kind = MODE_RES.find(([, re]) => re.test(t))?.[0];
      if (!kind) break;
      const body = t.slice(1).trimEnd();
      modes.push({ kind, text: body, line: i, range: span(i, 1, 1 + body.length) });
      endLine = i;
    }
  }

  return {
    startLine: fileStart < fileEnd ? fileStart : summaryLine,
    endLine,
    files,
    filesChanged,
    insertions,
    deletions,
    summaryLine: summaryLine >= 0 ? summaryLine : null,
    summaryRange,
    modes,
    scaled,
  };
}

function parseFileLine(lines: Lines, line: number): DiffstatFile | null {
  const text = stripCr(lines.get(line) ?? '');
  const m = FILE_RE.exec(text);
  if (!m) return null;
  const name = m[1] ?? '';
  const { path, oldPath } = splitName(name);
  const bar = text.indexOf('|', 1 + name.length);
  let countStart = bar + 1;
  while (text[countStart] === ' ') countStart++;
  const countEnd = text.trimEnd().length;
  const binary = m[5] === 'Bin';
  return {
    path,
    oldPath,
    added: binary ? 0 : (m[3] ?? '').length,
    deleted: binary ? 0 : (m[4] ?? '').length,
    changes: binary ? null : Number(m[2] ?? 0),
    binary,
    line,
    range: span(line, 1, countEnd),
    pathRange: span(line, 1, 1 + name.length),
    countRange: span(line, countStart, countEnd),
  };
}

/** ` old => new`, ` pfx{old => new}sfx` (git's pprint_rename), C-quoted names. `.../` truncation is kept as written. */
function splitName(name: string): { path: string; oldPath: string | null } {
  const brace = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(name);
  if (brace) {
    const [, pfx = '', a = '', b = '', sfx = ''] = brace;
    return { path: tidy(pfx + b + sfx), oldPath: tidy(pfx + a + sfx) };
  }
  const arrow = name.indexOf(' => ');
  if (arrow > 0) {
    return { path: unquoteCPath(name.slice(arrow + 4)), oldPath: unquoteCPath(name.slice(0, arrow)) };
  }
  return { path: unquoteCPath(name), oldPath: null };
}

/** `a/{ => b}/c` gives `a//c` for the old side: collapse the double slash. */
function tidy(path: string): string {
  return path.replace(/\/\/+/g, '/').replace(/^\//, '');
}
