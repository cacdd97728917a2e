/**
 * Cover letters (patch 0/N), in the two layouts of RULES.md E2/E3.
 *
 * git format-patch --cover-letter:
 *     <blurb, or "*** BLURB HERE ***">
 *
 *     Author Name (2):
 *       subsys: first title
 *       subsys: a title longer than 72 columns is wrapped by git with a
 *         4-space continuation
 *
 *      path | 3 +-
 *      1 file changed, ...
 *      create mode 100644 path
 *
 *     base-commit: <sha>
 *
 * b4 (DEFAULT_COVER_TEMPLATE; shortlog from plain `git shortlog`: 6-space indent, unwrapped):
 *     <cover text>
 *
 *     ---
 *     Changes in v2: ...            (optional section between `---` lines)
 *     ---
 *     Author Name (2):
 *           subsys: first title
 *
 *      path | 3 +-
 *      1 file changed, ...
 *     ---
 *     base-commit: <sha>
 *     change-id: 20240101-slug-0123456789ab
 *
 *     Best regards,
 *
 * The shortlog is the last run of `Name (N):` groups (separated by blank lines only) before the
 * diffstat; the blurb runs from the body start to the line before the first `---`, the
 * shortlog, the diffstat or a `base-commit:`/`change-id:` line, whichever comes first.
 * The diffstat and base-commit/change-id are not part of CoverLetter: use parseDiffstat and
 * parseNotes/scanNotesMetadata on the same region.
 */
import type { CoverLetter, Range, ShortlogEntry, ShortlogGroup } from '../model/types';
import { range, span, stripCr } from '../model/range';
import { parseDiffstat } from './diffstat';
import { isChangelogLine } from './notes';
import type { Lines } from '../model/lines';

const GROUP_RE = /^(\S.*?) \((\d+)\):\s*$/;
const METADATA_RE = /^(?:base-commit|change-id|prerequisite-[\w-]+):/i;
const BLURB_MARKER = '*** BLURB HERE ***';
const SUBJECT_MARKER = '*** SUBJECT HERE ***';

/**
 * Parse the cover letter body [bodyStart,bodyEnd) (after the headers, up to the signature,
 * exclusive). `subjectSummary` is accepted for the caller's convenience; the subject's own
 * `*** SUBJECT HERE ***` marker is the caller's (the subject is not in the region).
 */
export function parseCover(
  lines: Lines,
  bodyStart: number,
  bodyEnd: number,
  subjectSummary: string,
): CoverLetter {
  void subjectSummary;
  const first = Math.max(0, bodyStart);
  const last = Math.min(bodyEnd, lines.length);
  const text = (i: number): string => stripCr(lines.get(i) ?? '');
  const blank = (i: number): boolean => text(i).trim() === '';

  const templateMarkers: CoverLetter['templateMarkers'][number][] = [];
  const changelogLines: number[] = [];
  for (let i = first; i < last; i++) {
    const t = text(i);
    if (t.startsWith('#')) continue; // b4 strips comment lines before sending
    for (const marker of [BLURB_MARKER, SUBJECT_MARKER]) {
      const at = t.indexOf(marker);
      if (at >= 0) templateMarkers.push({ text: marker, line: i, range: span(i, at, at + marker.length) });
    }
    const editme = /\bEDITME\b/.exec(t);
    if (editme) {
      const marked = t.slice(editme.index).trimEnd();
      templateMarkers.push({ text: marked, line: i, range: span(i, editme.index, editme.index + marked.length) });
    }
    if (isChangelogLine(t)) changelogLines.push(i);
  }

  const diffstat = parseDiffstat(lines, first, last);
  const shortlogLimit = diffstat ? diffstat.startLine : last;
  const shortlog = findShortlog(lines, first, shortlogLimit);

  let blurbLimit = shortlog.length > 0 ? (shortlog[0]?.line ?? last) : shortlogLimit;
  for (let i = first; i < blurbLimit; i++) {
    const t = text(i);
    if (t === '---' || METADATA_RE.test(t)) {
      blurbLimit = i;
      break;
    }
  }
  let blurbStartLine = first;
  while (blurbStartLine < blurbLimit && blank(blurbStartLine)) blurbStartLine++;
  let blurbEndLine = blurbLimit - 1;
  while (blurbEndLine >= blurbStartLine && blank(blurbEndLine)) blurbEndLine--;
  if (blurbEndLine < blurbStartLine) {
    blurbStartLine = first;
    blurbEndLine = first - 1;
  }

  let shortlogRange: Range | null = null;
  const firstGroup = shortlog[0];
  const lastGroup = shortlog[shortlog.length - 1];
  if (firstGroup && lastGroup) {
    const lastEntry = lastGroup.entries[lastGroup.entries.length - 1];
    const endPos = lastEntry ? lastEntry.range.end : lastGroup.range.end;
    shortlogRange = range(firstGroup.line, 0, endPos.line, endPos.character);
  }

  return { templateMarkers, blurbStartLine, blurbEndLine, shortlog, shortlogRange, changelogLines };
}

/** The last run of shortlog groups in [start,end): groups separated only by blank lines. */
function findShortlog(lines: Lines, start: number, end: number): ShortlogGroup[] {
  const runs: ShortlogGroup[][] = [];
  let current: ShortlogGroup[] = [];
  let i = start;
  while (i < end) {
    const group = parseGroup(lines, i, end);
    if (group) {
      current.push(group.group);
      i = group.next;
      continue;
    }
    if (stripCr(lines.get(i) ?? '').trim() !== '' && current.length > 0) {
      runs.push(current);
      current = [];
    }
    i++;
  }
  if (current.length > 0) runs.push(current);
  return runs[runs.length - 1] ?? [];
}

function indentOf(text: string): number {
  return text.length - text.replace(/^ +/, '').length;
}

function parseGroup(lines: Lines, at: number, end: number): { group: ShortlogGroup; next: number } | null {
  const header = stripCr(lines.get(at) ?? '');
  const m = GROUP_RE.exec(header);
  if (!m || at + 1 >= end) return null;
  const firstEntry = stripCr(lines.get(at + 1) ?? '');
  const indent = indentOf(firstEntry);
  if (indent < 1 || firstEntry.trim() === '') return null;
  const author = m[1] ?? '';
  const count = Number(m[2] ?? 0);
  const countAt = header.lastIndexOf(`(${m[2] ?? ''}):`) + 1;
  const entries: ShortlogEntry[] = [];
  let j = at + 1;
  for (; j < end; j++) {
    const t = stripCr(lines.get(j) ?? '');
    if (t.trim() === '') break;
    const ind = indentOf(t);
    const body = t.trimEnd();
    const prev = entries[entries.length - 1];
    if (ind === indent || (ind > indent && !prev)) {
      entries.push({ title: body.slice(ind), line: j, range: span(j, ind, body.length) });
    } else if (ind > indent && prev) {
      // git wraps titles at 72 columns with a 4-space continuation: join with one space.
      entries[entries.length - 1] = {
        ...prev,
        title: `${prev.title} ${body.slice(ind)}`,
        range: range(prev.range.start.line, prev.range.start.character, j, body.length),
      };
    } else break;
  }
  return {
    group: {
      author,
      count,
      line: at,
      range: span(at, 0, header.trimEnd().length),
      countRange: span(at, countAt, countAt + (m[2] ?? '').length),
      entries,
    },
    next: j,
  };
}
