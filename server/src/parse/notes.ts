/**
 * The notes area: what follows the `---` separator up to the diff (or the signature). `git am`
 * discards it, so it holds what must not go into the commit (RULES.md D1-D3): the version
 * changelog (`Changes in v3:`, `v2 -> v3:`), `base-commit:`, b4's `change-id:` and
 * `prerequisite-*:` lines, a range-diff or interdiff against the previous version, and git's
 * diffstat at its end.
 */
import type { NotesArea, Range } from '../model/types';
import { span, stripCr } from '../model/range';
import { parseDiffstat } from './diffstat';
import type { Lines } from '../model/lines';

/** Version changelog headers, matched at the start of a line (case-insensitive). */
const CHANGELOG_RES: readonly RegExp[] = [
  // Changes in v3: / Changes since v2: / Changes from V1 / Change log since v2 / Changes compared to v1
  /^changes?(?:[ -]?log)?\s+(?:in|since|from|for|to|of|against|vs\.?|versus|compared to|between)\s+(?:version\s*|v)\d+/i,
  // Changes v1 -> v2: / Changes in v2 -> v3 / Changes v2:
  /^changes?(?:[ -]?log)?\s+(?:in\s+)?(?:version\s*|v)\d+\s*(?:(?:->|=>|→|\.\.|-|to)\s*v?\d+\s*)?:?\s*(?:$|[-:])/i,
  // v2 -> v3: / V1 -> V2 / v1..v2 / v2 - v3
  /^v\d+\s*(?:->|=>|→|\.\.|-|to)\s*v\d+\b/i,
  // v2: / V3 changes: / v2 changes
  /^v\d+(?:\s+changes?)?\s*:/i,
  /^v\d+\s+changes?\s*$/i,
  // Changelog: / Change log / Changes:
  /^(?:changelog|change log|changes)\s*:?\s*$/i,
  // Since v1: / From v2:
  /^(?:since|from)\s+v\d+\s*:/i,
];

const RANGE_DIFF_RE = /^range-diff(?:\s+(?:against|vs\.?|versus|since)\s+v?\d+)?\s*:\s*$/i;
const INTERDIFF_RE = /^interdiff(?:\s+(?:against|vs\.?|versus|since)\s+v?\d+)?\s*:\s*$/i;
const BASE_COMMIT_RE = /^base-commit:[ \t]*(\S+)\s*$/i;
const CHANGE_ID_RE = /^change-id:[ \t]*(\S+)\s*$/i;
const PREREQ_RE = /^(prerequisite-(?:patch-id|change-id|message-id|base-commit)):[ \t]*(.*?)\s*$/i;

/** Whether a line is a version changelog header (`Changes in v3:`, `v2 -> v3:`, `V2:`). */
export function isChangelogLine(text: string): boolean {
  const t = stripCr(text).trimEnd();
  return CHANGELOG_RES.some((re) => re.test(t));
}

/** The metadata lines of a notes area or cover letter (no diffstat, no bounds). */
export type NotesMetadata = Pick<
  NotesArea,
  'changelogLines' | 'baseCommit' | 'changeId' | 'prerequisites' | 'rangeDiffLine' | 'interdiffLine'
>;

/**
 * Scan [start,end) for changelog headers, `base-commit:`, `change-id:`, `prerequisite-*:`,
 * `Range-diff`/`Interdiff` header lines. The first base-commit/change-id wins; ranges cover the
 * value. Lines inside an indented range-diff/interdiff body never match (they are indented).
 */
export function scanNotesMetadata(lines: Lines, start: number, end: number): NotesMetadata {
  const changelogLines: number[] = [];
  const prerequisites: NotesMetadata['prerequisites'][number][] = [];
  let baseCommit: NotesMetadata['baseCommit'] = null;
  let changeId: NotesMetadata['changeId'] = null;
  let rangeDiffLine: number | null = null;
  let interdiffLine: number | null = null;
  const last = Math.min(end, lines.length);
  for (let i = Math.max(0, start); i < last; i++) {
    const text = stripCr(lines.get(i) ?? '');
    let m: RegExpExecArray | null;
    if ((m = BASE_COMMIT_RE.exec(text))) {
      baseCommit ??= { sha: m[1] ?? '', line: i, range: valueSpan(i, text, m[1] ?? '') };
    } else if ((m = CHANGE_ID_RE.exec(text))) {
      changeId ??= { value: m[1] ?? '', line: i, range: valueSpan(i, text, m[1] ?? '') };
    } else if ((m = PREREQ_RE.exec(text))) {
      prerequisites.push({ key: m[1] ?? '', value: m[2] ?? '', line: i });
    } else if (RANGE_DIFF_RE.test(text)) {
      rangeDiffLine ??= i;
    } else if (INTERDIFF_RE.test(text)) {
      interdiffLine ??= i;
    } else if (isChangelogLine(text)) {
      changelogLines.push(i);
    }
  }
  return { changelogLines, baseCommit, changeId, prerequisites, rangeDiffLine, interdiffLine };
}

function valueSpan(line: number, text: string, value: string): Range {
  const colon = text.indexOf(':');
  const at = text.indexOf(value, colon + 1);
  return span(line, at, at + value.length);
}

/**
 * The notes area after line `from` (the `---` separator, or in a git cover letter the blurb's
 * last line: `separatorLine` is then null), up to `end` (the diff start or the signature,
 * exclusive). startLine is the line after `from`; endLine (inclusive) is the last non-blank line
 * before git's diffstat (or before `end`); endLine < startLine when the notes are empty. Metadata
 * is looked for in the whole region, diffstat excluded (a cover letter's `base-commit:` follows
 * its diffstat), then in `tail` (b4 puts `base-commit:`/`change-id:` after the diff).
 */
export function parseNotes(
  lines: Lines,
  from: number,
  end: number,
  separatorLine: number | null = from,
  tail: NotesMetadata | null = null,
): NotesArea {
  const startLine = from + 1;
  const last = Math.min(end, lines.length);
  const diffstat = parseDiffstat(lines, startLine, last);
  let endLine = (diffstat ? diffstat.startLine : last) - 1;
  while (endLine >= startLine && stripCr(lines.get(endLine) ?? '').trim() === '') endLine--;
  const before = scanNotesMetadata(lines, startLine, diffstat ? diffstat.startLine : last);
  const after = diffstat ? scanNotesMetadata(lines, diffstat.endLine + 1, last) : null;
  return {
    separatorLine,
    startLine,
    endLine: Math.max(endLine, startLine - 1),
    changelogLines: [...before.changelogLines, ...(after?.changelogLines ?? [])],
    baseCommit: before.baseCommit ?? after?.baseCommit ?? tail?.baseCommit ?? null,
    changeId: before.changeId ?? after?.changeId ?? tail?.changeId ?? null,
    prerequisites: [...before.prerequisites, ...(after?.prerequisites ?? []), ...(tail?.prerequisites ?? [])],
    rangeDiffLine: before.rangeDiffLine ?? after?.rangeDiffLine ?? null,
    interdiffLine: before.interdiffLine ?? after?.interdiffLine ?? null,
  };
}
