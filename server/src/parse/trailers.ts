/**
 * The trailer block of a commit message, found exactly as git 2.39 finds it (trailer.c:
 * find_patch_start, ignore_non_trailer, find_trailer_start, trailer_info_get, parse_trailer,
 * unfold_value), so that our trailers equal `git interpret-trailers --parse`.
 */
import type { Person, Range, Trailer, TrailerBlock } from '../model/types';
import { linesRange, range, span, stripCr } from '../model/range';
import { parsePerson } from './person';
import type { Lines } from '../model/lines';

export interface TrailerOptions {
  /** The region starts with the title (bare commit message): the first paragraph is never trailers. */
  titleInRegion: boolean;
  /** git's core.commentChar, default `#`. */
  commentChar?: string;
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const CUT_LINE = '------------------------ >8 ------------------------';
const NOTE_LINE = /^\s*\[.*\]\s*$/;
/** `https://...` values are links, not people, even with an `@` in them. */
const URL_VALUE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** C's isspace() in the C locale. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** git's is_blank_line(): only whitespace. */
function isBlankLine(text: string): boolean {
  for (const c of text) if (!isSpace(c)) return false;
  return true;
}

/** git's strbuf_trim(). */
function cTrim(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isSpace(text[a])) a++;
  while (b > a && isSpace(text[b - 1])) b--;
  return text.slice(a, b);
}

/**
 * git's find_separator() with the default separators (`:`): the offset of the separator after
 * a token of alphanumerics and `-` and optional spaces/tabs, or -1.
 */
export function findTrailerSeparator(line: string): number {
  let whitespaceFound = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === ':') return i;
    if (!whitespaceFound && /[A-Za-z0-9-]/.test(c)) continue;
    if (i !== 0 && (c === ' ' || c === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** git's unfold_value(): each line break and the whitespace after it become one space. */
function unfoldValue(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i++];
    if (c === '\n') {
      while (i < value.length && isSpace(value[i])) i++;
      out += ' ';
    } else {
      out += c;
    }
  }
  return cTrim(out);
}

/**
 * Finds and parses the trailer block of the commit message in lines [start, end). For a mail the
 * region is the body after in-body headers (the title is the Subject, outside the region:
 * `titleInRegion: false`); for a bare commit message it starts with the title. Returns null when
 * git would find no trailers.
 */
export function parseTrailerBlock(
  lines: Lines,
  start: number,
  end: number,
  opts: TrailerOptions,
): TrailerBlock | null {
  end = Math.min(end, lines.length);
  if (end <= start) return null;
  const cc = opts.commentChar ?? '#';
  const text = (i: number): string => lines.get(i) ?? '';
  const isComment = (t: string) => cc.length > 0 && t.startsWith(cc);

  // find_patch_start: a line starting with `---` and whitespace (the line break counts).
  let patchStart = end;
  for (let i = start; i < end; i++) {
    const t = text(i);
    if (t.startsWith('---') && (t.length === 3 || isSpace(t[3]))) {
      patchStart = i;
      break;
    }
  }

  const trailerEnd = ignoreNonTrailer(lines, start, end, patchStart, cc, opts.titleInRegion);
  const trailerStart = findTrailerStart(lines, start, trailerEnd, cc, opts.titleInRegion);
  if (trailerStart < 0) return null;

  // trailer_info_get: lines starting with whitespace continue the previous trailer line.
  interface Entry {
    /** The trailer's first line and its continuation lines. */
    line: number;
    continuations: number[];
    raw: string;
    separator: number;
  }
  const entries: Entry[] = [];
  let last: Entry | null = null;
  for (let i = trailerStart; i < trailerEnd; i++) {
    const t = text(i);
    if (last && (t.length === 0 || isSpace(t[0]))) {
      last.continuations.push(i);
      last.raw += t + '\n';
      continue;
    }
    const entry: Entry = { line: i, continuations: [], raw: t + '\n', separator: findTrailerSeparator(t) };
    entries.push(entry);
    last = entry.separator >= 1 ? entry : null;
  }

  const trailers: Trailer[] = [];
  const nonTrailerLines: number[] = [];
  entries.forEach((entry, e) => {
    if (isComment(text(entry.line))) return;
    if (entry.separator < 1) {
      for (const l of [entry.line, ...entry.continuations]) if (!isBlankLine(text(l))) nonTrailerLines.push(l);
      return;
    }
    const next = entries[e + 1];
    const noteLine = next && NOTE_LINE.test(stripCr(text(next.line))) ? next.line : null;
    trailers.push(makeTrailer(lines, entry.line, entry.continuations, entry.raw, entry.separator, noteLine));
  });

  let lastLine = trailerEnd - 1;
  while (lastLine > trailerStart && isBlankLine(text(lastLine))) lastLine--;
  return {
    startLine: trailerStart,
    endLine: lastLine,
    range: linesRange(lines, trailerStart, lastLine),
    trailers,
    nonTrailerLines,
  };
}

/**
 * git's ignore_non_trailer() over [start, patchStart): the end of the message without trailing
 * comment lines, empty lines, an old `Conflicts:` block and anything from the scissors line on.
 * git works on byte offsets where 0 means "unset"; `offset0` reproduces that quirk for a run
 * starting at the very first byte of the message.
 */
function ignoreNonTrailer(
  lines: Lines,
  start: number,
  end: number,
  patchStart: number,
  cc: string,
  titleInRegion: boolean,
): number {
  const scissors = `${cc} ${CUT_LINE}`;
  // wt_status_locate_end searches the whole message, but a scissors line after the `---` cut
  // makes git 2.39 underflow and loop forever; there is nothing to match, so stop at the cut.
  let cutoff = patchStart;
  for (let i = start; i < patchStart; i++) {
    if ((lines.get(i) ?? '').startsWith(scissors)) {
      cutoff = i;
      break;
    }
  }
  const offset0 = (i: number) => titleInRegion && i === start;
  let boc: number | null = null;
  let inConflicts = false;
  for (let i = start; i < cutoff; i++) {
    const t = lines.get(i) ?? '';
    if ((cc.length > 0 && t.startsWith(cc)) || t === '') {
      if (boc === null && !offset0(i)) boc = i;
    } else if (t === 'Conflicts:') {
      inConflicts = true;
      if (boc === null && !offset0(i)) boc = i;
    } else if (inConflicts && t.startsWith('\t')) {
      // a pathname in the conflicts block
    } else if (boc !== null) {
      boc = null;
      inConflicts = false;
    }
  }
  return boc ?? cutoff;
}

/**
 * git's find_trailer_start(): the first line of the last paragraph when it is a trailer block,
 * else -1. Without the title in the region, a blank line before `start` stands for the one
 * between the Subject and the body.
 */
function findTrailerStart(
  lines: Lines,
  start: number,
  end: number,
  cc: string,
  titleInRegion: boolean,
): number {
  const isComment = (t: string) => cc.length > 0 && t.startsWith(cc);
  let endOfTitle = start - 1;
  if (titleInRegion) {
    endOfTitle = start;
    while (endOfTitle < end) {
      const t = lines.get(endOfTitle) ?? '';
      if (!isComment(t) && isBlankLine(t)) break;
      endOfTitle++;
    }
  }

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  for (let l = end - 1; l >= endOfTitle; l--) {
    const t = l < start ? '' : lines.get(l) ?? '';
    if (isComment(t)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlankLine(t)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return l + 1;
      if (trailerLines > 0 && nonTrailerLines === 0) return l + 1;
      return -1;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => t.startsWith(p))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    if (findTrailerSeparator(t) >= 1 && !isSpace(t[0])) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (isSpace(t[0])) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return -1;
}

/**
 * One trailer from its first line and continuation lines; `raw` is the lines joined as git joins
 * them (each ending in \n).
 */
function makeTrailer(
  lines: Lines,
  line: number,
  continuations: readonly number[],
  raw: string,
  separator: number,
  noteLine: number | null,
): Trailer {
  const first = stripCr(lines.get(line) ?? '');
  const key = cTrim(raw.slice(0, separator));
  const value = unfoldValue(cTrim(raw.slice(separator + 1)));
  const spaceBeforeSeparator = first.slice(key.length, separator);
  const spaceAfterSeparator = /^[ \t]*/.exec(first.slice(separator + 1))?.[0] ?? '';
  const valueStart = separator + 1 + spaceAfterSeparator.length;
  const valueEnd = Math.max(valueStart, first.trimEnd().length);
  const continuationLines = continuations.filter((l) => !isBlankLine(lines.get(l) ?? ''));
  const lastLine = continuationLines[continuationLines.length - 1] ?? line;
  const lastText = stripCr(lines.get(lastLine) ?? '');
  const whole: Range = range(line, 0, lastLine, lastText.trimEnd().length);

  let person: Person | null = null;
  if (value.includes('@') && !URL_VALUE.test(value)) {
    if (continuationLines.length === 0) {
      person = parsePerson(first.slice(valueStart, valueEnd), line, valueStart);
    } else {
      // Folded: offsets of the joined value do not map onto the lines; point at the whole value.
      const folded = parsePerson(value, line, valueStart);
      const where = range(line, valueStart, lastLine, lastText.trimEnd().length);
      person = folded && {
        ...folded,
        emailRange: where,
        nameRange: folded.name ? where : folded.nameRange,
        commentRange: folded.comment ? where : folded.commentRange,
      };
    }
  }
  return {
    key,
    separator: ':',
    value,
    line,
    continuationLines,
    range: whole,
    keyRange: span(line, 0, key.length),
    separatorRange: span(line, separator, separator + 1),
    valueRange: span(line, valueStart, valueEnd),
    spaceBeforeSeparator,
    spaceAfterSeparator,
    person,
    noteLine,
  };
}

/** The line `git interpret-trailers --parse` prints for the trailer. */
export function formatTrailerForGit(t: Trailer): string {
  return `${t.key}${t.separator || ':'} ${t.value}`;
}
