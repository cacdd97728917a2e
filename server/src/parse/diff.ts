/**
 * The diff part of a patch: git diffs (`diff --git`), quilt/svn diffs (`Index: `), plain
 * `diff -u` output and bare unified diffs (`---`/`+++`/`@@`).
 *
 * The parser follows `git apply` (apply.c) rather than a generic diff parser, because what
 * matters to a patch author is what `git apply`/`git am` will make of the mail:
 *  - a hunk body is read until the counts of its `@@ -a,b +c,d @@` header are used up (a missing
 *    count means 1); an empty line inside the body is an empty context line (GNU diff does
 *    that, git accepts it); a `\ No newline at end of file` line counts in neither side and may
 *    follow the last counted line;
 *  - a line inside the declared count that starts with none of `+`, `-`, ` `, `\` is a damaged
 *    (usually wrapped) line: CORRUPTED_PATCH, and the line is skipped;
 *  - a body that ends (next header, end of the region) before its counts are used up, or whose
 *    counts go below zero: HUNK_COUNT (git apply: "corrupt patch");
 *  - lines right after a complete hunk that still look like hunk lines (a line added by hand
 *    without fixing the header): git apply silently drops them. They are kept in the hunk (and
 *    in its actual counts) and reported once as CORRUPTED_PATCH;
 *  - a malformed `@` hunk header, and diff-looking lines outside any hunk, are CORRUPTED_PATCH.
 * Ranges are exact document positions (0-based lines). parse-diff does not serve the model: it
 * neither keeps document lines nor follows git's counting rules (it counts `\ No newline` as a
 * change, reads no damage), and both matter here. It is a devDependency instead, as an
 * independent reading: test/parse/parseDiffDifferential.test.ts checks that on every
 * well-formed corpus diff both parsers see the same files, hunks and line counts.
 */
import type { Diff, DiffFile, DiffHunk, DiffLine, ParseProblem } from '../model/types';
import { linesRange, span, stripCr } from '../model/range';
import type { Lines } from '../model/lines';
import { HunkTable, type HunkLines } from '../model/hunkLines';

export const HUNK_HEADER_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

type FileStartKind = 'git' | 'index' | 'diff' | 'unified';

/**
 * First line in [start,end) that starts a diff: `diff --git `, `Index: ` (quilt/svn, when a
 * `---`/`+++`/`@@` header follows), `diff -...` (plain diff, when a `--- ` line follows), or a
 * bare `--- ` line directly followed by `+++ ` and `@@ -`. -1 when there is none.
 */
export function findDiffStart(lines: Lines, start: number, end: number): number {
  const last = Math.min(end, lines.length);
  for (let i = Math.max(0, start); i < last; i++) {
    if (fileStartKind(lines, i, last) !== null) return i;
  }
  return -1;
}

function textAt(lines: Lines, i: number, end: number): string | null {
  return i < end && i >= 0 && i < lines.length ? stripCr(lines.get(i) ?? '') : null;
}

function isUnifiedHeaderAt(lines: Lines, i: number, end: number): boolean {
  return (
    (textAt(lines, i, end) ?? '').startsWith('--- ') &&
    (textAt(lines, i + 1, end) ?? '').startsWith('+++ ') &&
    (textAt(lines, i + 2, end) ?? '').startsWith('@@ -')
  );
}

function fileStartKind(lines: Lines, i: number, end: number): FileStartKind | null {
  const t = textAt(lines, i, end);
  if (t === null) return null;
  if (t.startsWith('diff --git ')) return 'git';
  if (t.startsWith('Index: ')) {
    let j = i + 1;
    if (/^=+$/.test(textAt(lines, j, end) ?? '')) j++;
    return isUnifiedHeaderAt(lines, j, end) ? 'index' : null;
  }
  if (t.startsWith('diff -')) {
    return (textAt(lines, i + 1, end) ?? '').startsWith('--- ') ? 'diff' : null;
  }
  if (isUnifiedHeaderAt(lines, i, end)) return 'unified';
  return null;
}

/** Decode a C-style quoted path as git writes it (`"a/caf\303\251"`); input without quotes is returned as is. */
export function unquoteCPath(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === '\\' && i + 1 < body.length) {
      const n = body[i + 1] ?? '';
      const oct = /^[0-3][0-7]{2}/.exec(body.slice(i + 1, i + 4));
      if (oct) {
        bytes.push(parseInt(oct[0], 8));
        i += 3;
        continue;
      }
      const code = simple[n];
      if (code !== undefined) {
        bytes.push(code);
        i += 1;
        continue;
      }
    }
    for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Length of a leading C-quoted string in `text` (starting with `"`), or -1. */
function quotedLength(text: string): number {
  if (!text.startsWith('"')) return -1;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

function stripFirstComponent(path: string): string {
  const slash = path.indexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** The two names of a `diff --git A B` line, with their prefixes, as git_header_name() finds them. */
function gitHeaderNames(rest: string): [string, string] | null {
  const q1 = quotedLength(rest);
  if (q1 > 0) {
    const first = unquoteCPath(rest.slice(0, q1));
    const second = rest.slice(q1).replace(/^ +/, '');
    return [first, unquoteCPath(second)];
  }
  const q2 = rest.indexOf(' "');
  if (q2 >= 0 && quotedLength(rest.slice(q2 + 1)) === rest.length - q2 - 1) {
    return [rest.slice(0, q2), unquoteCPath(rest.slice(q2 + 1))];
  }
  // Unquoted names may contain spaces: take the split whose halves name the same file.
  for (let i = rest.indexOf(' '); i >= 0; i = rest.indexOf(' ', i + 1)) {
    const a = rest.slice(0, i);
    const b = rest.slice(i + 1);
    if (stripFirstComponent(a) === stripFirstComponent(b)) return [a, b];
  }
  const bIdx = rest.lastIndexOf(' b/');
  if (bIdx > 0) return [rest.slice(0, bIdx), rest.slice(bIdx + 1)];
  const sp = rest.indexOf(' ');
  return sp > 0 ? [rest.slice(0, sp), rest.slice(sp + 1)] : null;
}

/** The name on a `--- `/`+++ ` line: C-unquoted, or up to a tab (timestamps, svn revisions). */
function headerLineName(value: string): string {
  const q = quotedLength(value);
  if (q > 0) return unquoteCPath(value.slice(0, q));
  const tab = value.indexOf('\t');
  return (tab >= 0 ? value.slice(0, tab) : value).trimEnd();
}

const DEV_NULL = '/dev/null';
/** Prefix pairs git writes: default a/ b/ and diff.mnemonicPrefix's. */
const GIT_PREFIX_PAIRS: readonly [string, string][] = [
  ['a/', 'b/'],
  ['i/', 'w/'],
  ['c/', 'w/'],
  ['c/', 'i/'],
  ['o/', 'w/'],
  ['1/', '2/'],
];

function gitPrefixed(oldName: string | null, newName: string | null): boolean {
  return GIT_PREFIX_PAIRS.some(
    ([p, q]) =>
      (oldName === null || oldName === DEV_NULL || oldName.startsWith(p)) &&
      (newName === null || newName === DEV_NULL || newName.startsWith(q)) &&
      !(oldName === null && newName === null),
  );
}

function firstComponent(path: string): string | null {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(0, slash) : null;
}

/** Traditional diffs: prefixed (as for `patch -p1`) when the first components differ (`a/x` `b/x`, `foo.orig/x` `foo/x`). */
function traditionalPrefixed(oldName: string, newName: string): boolean {
  if (oldName === DEV_NULL) return firstComponent(newName) !== null;
  if (newName === DEV_NULL) return firstComponent(oldName) !== null;
  const a = firstComponent(oldName);
  const b = firstComponent(newName);
  return a !== null && b !== null && a !== b;
}

function strip(name: string, prefixed: boolean): string {
  return name === DEV_NULL || !prefixed ? name : stripFirstComponent(name);
}

const BASE85_LINE = /^[A-Za-z][0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]*$/;
const BINARY_BLOCK_START = /^(?:literal|delta) \d+$/;

interface FileParse {
  file: DiffFile;
  next: number;
}

/**
 * Parse [start,end) (from findDiffStart up to the signature or the end of the message).
 * Never throws: damage is reported as ParseProblem (CORRUPTED_PATCH, HUNK_COUNT).
 */
export function parseDiff(
  lines: Lines,
  start: number,
  end: number,
): { diff: Diff; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const files: DiffFile[] = [];
  const last = Math.min(end, lines.length);
  let i = Math.max(0, start);
  const table = new HunkTable(lines, i, last);
  while (i < last) {
    const kind = fileStartKind(lines, i, last);
    if (kind !== null) {
      const parsed = parseFile(lines, i, last, kind, problems, table);
      files.push(parsed.file);
      i = parsed.next;
      continue;
    }
    i = skipNonFileLines(lines, i, last, problems, null, table).next;
  }
  const lastFile = files[files.length - 1];
  const diff: Diff = {
    startLine: files[0]?.startLine ?? Math.max(0, start),
    endLine: lastFile ? lastFile.endLine : Math.max(0, start) - 1,
    files,
  };
  return { diff, problems };
}

function problem(code: string, message: string, r: DiffFile['range']): ParseProblem {
  return { code, message, range: r };
}

function lineSpan(lines: Lines, i: number): DiffFile['range'] {
  return span(i, 0, stripCr(lines.get(i) ?? '').length);
}

function parseFile(
  lines: Lines,
  first: number,
  end: number,
  kind: FileStartKind,
  problems: ParseProblem[],
  table: HunkTable,
): FileParse {
  let oldName: string | null = null;
  let newName: string | null = null;
  let headerOld: string | null = null;
  let headerNew: string | null = null;
  let renameFrom: string | null = null;
  let renameTo: string | null = null;
  let isNew = false;
  let isDeleted = false;
  let isRename = false;
  let isCopy = false;
  let binary = false;
  let oldMode: string | null = null;
  let newMode: string | null = null;
  let index: string | null = null;
  let j = first + 1;
  let headerEnd = first;
  let binaryEnd = -1;

  if (kind === 'git') {
    const names = gitHeaderNames(stripCr(lines.get(first) ?? '').slice('diff --git '.length));
    if (names) [headerOld, headerNew] = names;
    for (; j < end; j++) {
      const t = stripCr(lines.get(j) ?? '');
      let m: RegExpExecArray | null;
      if ((m = /^old mode (\d+)\s*$/.exec(t))) oldMode = m[1] ?? null;
      else if ((m = /^new mode (\d+)\s*$/.exec(t))) newMode = m[1] ?? null;
      else if ((m = /^deleted file mode (\d+)\s*$/.exec(t))) {
        isDeleted = true;
        oldMode = m[1] ?? null;
      } else if ((m = /^new file mode (\d+)\s*$/.exec(t))) {
        isNew = true;
        newMode = m[1] ?? null;
      } else if ((m = /^(rename|copy) (from|to|old|new) (.*)$/.exec(t))) {
        if (m[1] === 'rename') isRename = true;
        else isCopy = true;
        const name = headerLineName(m[3] ?? '');
        if (m[2] === 'from' || m[2] === 'old') renameFrom = name;
        else renameTo = name;
      } else if (/^(?:dis)?similarity index /.test(t)) {
        /* nothing to keep */
      } else if ((m = /^index ([0-9a-fA-F]+\.\.[0-9a-fA-F]+|[0-9a-fA-F]+(?:,[0-9a-fA-F]+)+\.\.[0-9a-fA-F]+)/.exec(t))) {
        index = m[1] ?? null;
      } else if (t.startsWith('--- ')) oldName = headerLineName(t.slice(4));
      else if (t.startsWith('+++ ')) newName = headerLineName(t.slice(4));
      else if (/^Binary files .* differ$/.test(t)) binary = true;
      else if (t === 'GIT binary patch') {
        binary = true;
        headerEnd = j;
        binaryEnd = skipBinaryBlocks(lines, j + 1, end);
        j = binaryEnd + 1;
        break;
      } else break;
      headerEnd = j;
    }
  } else {
    // Index: / diff -... / bare ---: skip to the --- line, then ---/+++.
    if (kind === 'index' && /^=+$/.test(stripCr(lines.get(j) ?? ''))) j++;
    if (kind === 'unified') j = first;
    oldName = headerLineName(stripCr(lines.get(j) ?? '').slice(4));
    newName = headerLineName(stripCr(lines.get(j + 1) ?? '').slice(4));
    headerEnd = j + 1;
    j += 2;
  }

  // Names and prefixes.
  let prefixed: boolean;
  if (kind === 'git') {
    const oldForPrefix = headerOld ?? oldName;
    const newForPrefix = headerNew ?? newName;
    prefixed = gitPrefixed(oldForPrefix, newForPrefix);
  } else {
    prefixed = traditionalPrefixed(oldName ?? DEV_NULL, newName ?? DEV_NULL);
  }
  let from = oldName !== null ? strip(oldName, prefixed) : renameFrom ?? (headerOld !== null ? strip(headerOld, prefixed) : '');
  let to = newName !== null ? strip(newName, prefixed) : renameTo ?? (headerNew !== null ? strip(headerNew, prefixed) : '');
  if (from === DEV_NULL) isNew = true;
  if (to === DEV_NULL) isDeleted = true;
  if (isNew) from = DEV_NULL;
  if (isDeleted) to = DEV_NULL;

  const hunks: DiffHunk[] = [];
  let lastHunk: DiffHunk | null = null;
  while (j < end && fileStartKind(lines, j, end) === null) {
    const t = stripCr(lines.get(j) ?? '');
    if (HUNK_HEADER_RE.test(t)) {
      const hunk = parseHunk(lines, j, end, problems, table);
      hunks.push(hunk);
      lastHunk = hunk;
      j = hunk.endLine + 1;
      continue;
    }
    const skipped = skipNonFileLines(lines, j, end, problems, lastHunk, table);
    if (skipped.hunk) hunks[hunks.length - 1] = skipped.hunk;
    j = skipped.next;
    lastHunk = null;
  }
  let fileEnd = Math.max(headerEnd, binaryEnd);
  let added = 0;
  let deleted = 0;
  for (const hunk of hunks) {
    fileEnd = Math.max(fileEnd, hunk.endLine);
    for (let i = 0; i < hunk.lines.length; i++) {
      const kind = hunk.lines.kind(i);
      if (kind === 'add') added++;
      else if (kind === 'del') deleted++;
    }
  }

  const file: DiffFile = {
    from,
    oldMode,
    newMode,
    index,
    to,
    added: binary ? 0 : added,
    deleted: binary ? 0 : deleted,
    binary,
    isNew,
    isDeleted,
    isRename,
    isCopy,
    startLine: first,
    endLine: fileEnd,
    range: linesRange(lines, first, fileEnd),
    headerRange: linesRange(lines, first, headerEnd),
    hunks,
    prefixed,
  };
  return { file, next: j };
}

/** After `GIT binary patch`: one or two `literal N`/`delta N` blocks of base85 lines, each ended by a blank line. Returns the last non-blank line. */
function skipBinaryBlocks(lines: Lines, from: number, end: number): number {
  let j = from;
  let lastNonBlank = from - 1;
  for (let block = 0; block < 2 && j < end; block++) {
    if (!BINARY_BLOCK_START.test(stripCr(lines.get(j) ?? ''))) break;
    lastNonBlank = j;
    j++;
    while (j < end && BASE85_LINE.test(stripCr(lines.get(j) ?? ''))) lastNonBlank = j++;
    while (j < end && stripCr(lines.get(j) ?? '').trim() === '') j++;
  }
  return lastNonBlank;
}

function looksLikeHunkLine(t: string): boolean {
  if (t === '---' || t === '--' || t === '-- ') return false;
  const c = t[0];
  if (c === '\\') return t.startsWith('\\ ');
  return (c === '+' || c === '-' || c === ' ') && t.trim() !== '';
}

/**
 * Lines that belong to no hunk and start no file: blank lines and text are skipped; a malformed
 * `@` hunk header and runs of diff-looking lines are reported (once per run). A run directly
 * after `hunk` is appended to it (a line added by hand without fixing the header).
 * Returns the index of the next line to look at (a hunk header, a file start or the end).
 */
function skipNonFileLines(
  lines: Lines,
  from: number,
  end: number,
  problems: ParseProblem[],
  hunk: DiffHunk | null,
  table: HunkTable,
): { next: number; hunk: DiffHunk | null } {
  let j = from;
  const t = stripCr(lines.get(j) ?? '');
  if (t.startsWith('@') && !HUNK_HEADER_RE.test(t)) {
    problems.push(
      problem('CORRUPTED_PATCH', 'Malformed hunk header: git apply expects "@@ -start,count +start,count @@"', lineSpan(lines, j)),
    );
    j++;
    // The body of the malformed hunk is part of the same damage.
    while (j < end && fileStartKind(lines, j, end) === null) {
      const lt = stripCr(lines.get(j) ?? '');
      if (lt !== '' && !'+- \\'.includes(lt[0] ?? '')) break;
      j++;
    }
    return { next: j, hunk: null };
  }
  if (!looksLikeHunkLine(t)) return { next: j + 1, hunk: null };
  const runStart = j;
  // Lines after a hunk whose counts are used up still belong to it (as git apply reads the text).
  const extra = table.builder();
  let extraOld = 0;
  let extraNew = 0;
  while (j < end && fileStartKind(lines, j, end) === null && looksLikeHunkLine(stripCr(lines.get(j) ?? ''))) {
    const lt = stripCr(lines.get(j) ?? '');
    if (hunk) {
      const kind: DiffLine['kind'] = lt[0] === '+' ? 'add' : lt[0] === '-' ? 'del' : lt[0] === '\\' ? 'nonewline' : 'normal';
      extra.push(kind, j);
      if (kind === 'normal' || kind === 'del') extraOld++;
      if (kind === 'normal' || kind === 'add') extraNew++;
    }
    j++;
  }
  const extended: DiffHunk | null =
    hunk && j > runStart
    ? makeHunk(
        hunk.header,
        hunk.headerLine,
        hunk.headerRange,
        hunk.oldStart,
        hunk.oldLines,
        hunk.newStart,
        hunk.newLines,
        hunk.actualOldLines + extraOld,
        hunk.actualNewLines + extraNew,
        j - 1,
        hunk.lines.concat(extra.build()),
        hunk.damage,
      )
    : null;
  const n = j - runStart;
  const what = n === 1 ? '1 line' : `${n} lines`;
  problems.push(
    problem(
      'CORRUPTED_PATCH',
      hunk
        ? `${what} after the end of the hunk "${hunk.header}" (its header counts are used up): git apply ignores ${n === 1 ? 'it' : 'them'}; fix the hunk header's line counts`
        : `${what} outside any hunk ${n === 1 ? 'looks' : 'look'} like diff content: git apply ignores ${n === 1 ? 'it' : 'them'}`,
      lineSpan(lines, runStart),
    ),
  );
  return { next: j, hunk: extended };
}

const SPACE = 0x20;
const MINUS = 0x2d;
const PLUS = 0x2b;
const BACKSLASH = 0x5c;
const AT = 0x40;
const CR = 0x0d;

function parseHunk(lines: Lines, headerLine: number, end: number, problems: ParseProblem[], table: HunkTable): DiffHunk {
  const header = stripCr(lines.get(headerLine) ?? '');
  const m = HUNK_HEADER_RE.exec(header);
  const oldStart = Number(m?.[1] ?? 0);
  const oldLines = m?.[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m?.[3] ?? 0);
  const newLines = m?.[4] === undefined ? 1 : Number(m[4]);
  const body = table.builder();
  let oldLeft = oldLines;
  let newLeft = newLines;
  let actualOld = 0;
  let actualNew = 0;
  let k = headerLine + 1;
  let endLine = headerLine;
  const problemsBefore = problems.length;
  while (k < end && (oldLeft > 0 || newLeft > 0)) {
    // The first character, without cutting the line out of the text (a 2M-line patch).
    const n = lines.lengthOf(k);
    const c = n <= 0 || (n === 1 && lines.codeAt(k, 0) === CR) ? SPACE : lines.codeAt(k, 0);
    if (c === SPACE || c === MINUS || c === PLUS) {
      const kind: DiffLine['kind'] = c === SPACE ? 'normal' : c === MINUS ? 'del' : 'add';
      body.push(kind, k);
      if (kind !== 'add') {
        oldLeft--;
        actualOld++;
      }
      if (kind !== 'del') {
        newLeft--;
        actualNew++;
      }
    } else if (c === BACKSLASH) {
      body.push('nonewline', k);
    } else {
      // Not a hunk line. A header or the end of the diff: the body is short. Anything else
      // followed by more hunk lines: a damaged (wrapped) line, skipped as git would not.
      if ((c === AT && lines.codeAt(k, 1) === AT) || fileStartKind(lines, k, end) !== null || !continuesHunk(lines, k + 1, end)) break;
      problems.push(
        problem('CORRUPTED_PATCH', 'Patch seems to be corrupt (line wrapped?): hunk lines must start with "+", "-", " " or "\\"', lineSpan(lines, k)),
      );
    }
    endLine = k;
    k++;
  }
  // A `\ No newline at end of file` after the last counted line belongs to the hunk.
  if (k < end && stripCr(lines.get(k) ?? '').startsWith('\\ ')) {
    body.push('nonewline', k);
    endLine = k;
  }
  const damaged = oldLeft !== 0 || newLeft !== 0 || problems.length > problemsBefore;
  const repaired = damaged ? readWithLostSpaces(lines, headerLine, end, oldLines, newLines, table) : null;
  const headerRange = span(headerLine, 0, header.length);
  if (repaired) {
    // Whitespace damage, recognised: the hunk is what it was before the mail client stripped the
    // spaces; the rules report the damage once (CORRUPTED_PATCH) with its repair.
    problems.length = problemsBefore;
    return makeHunk(header, headerLine, headerRange, oldStart, oldLines, newStart, newLines, oldLines, newLines, repaired.endLine, repaired.body, {
      kind: 'lost-leading-space',
      lines: repaired.stripped,
    });
  }
  if (oldLeft !== 0 || newLeft !== 0) {
    problems.push(
      problem(
        'HUNK_COUNT',
        `Hunk header "${header.replace(/ @@.*$/, ' @@')}" declares ${oldLines} old and ${newLines} new lines but the body has ${actualOld} and ${actualNew}: git apply rejects the patch`,
        span(headerLine, 0, header.length),
      ),
    );
  }
  return makeHunk(header, headerLine, headerRange, oldStart, oldLines, newStart, newLines, actualOld, actualNew, endLine, body.build(), damaged ? { kind: 'corrupt' } : null);
}

/**
 * A hunk, every field written out: an object spread (`{ ...head, endLine }`) took V8's slow path
 * and was most of the parser's time on a patch of 48,000 hunks.
 */
function makeHunk(
  header: string,
  headerLine: number,
  headerRange: DiffHunk['headerRange'],
  oldStart: number,
  oldLines: number,
  newStart: number,
  newLines: number,
  actualOldLines: number,
  actualNewLines: number,
  endLine: number,
  lines: DiffHunk['lines'],
  damage: DiffHunk['damage'],
): DiffHunk {
  return { header, headerLine, headerRange, oldStart, oldLines, newStart, newLines, actualOldLines, actualNewLines, endLine, lines, damage };
}

/**
 * The hunk read as if every line that is not a hunk line were a context line that lost its
 * leading space: when that reading uses up the header's counts exactly, and such lines are (by
 * far) most of the context, the hunk has whitespace damage. Null otherwise. A header, a file start or the end of the
 * region ends the body; counts that go below zero fail.
 */
function readWithLostSpaces(
  lines: Lines,
  headerLine: number,
  end: number,
  oldLines: number,
  newLines: number,
  table: HunkTable,
): { body: HunkLines; endLine: number; stripped: number[] } | null {
  const body = table.builder();
  const stripped: number[] = [];
  let lostText = 0;
  let kept = 0;
  let oldLeft = oldLines;
  let newLeft = newLines;
  let k = headerLine + 1;
  let endLine = headerLine;
  while (k < end && (oldLeft > 0 || newLeft > 0)) {
    const raw = lines.get(k) ?? '';
    const t = stripCr(raw);
    const c = t[0];
    if (c === '\\') {
      body.push('nonewline', k);
    } else {
      if (c !== '+' && c !== '-' && c !== ' ' && t !== '' && (t.startsWith('@@') || fileStartKind(lines, k, end) !== null)) return null;
      const lost = t !== '' && c !== '+' && c !== '-' && c !== ' ';
      const kind: DiffLine['kind'] = lost || t === '' || c === ' ' ? 'normal' : c === '-' ? 'del' : 'add';
      // An empty line is an empty context line either way; the repair gives it its space too.
      if (lost || t === '') stripped.push(k);
      if (lost) lostText++;
      else if (c === ' ') kept++;
      body.push(kind, k, lost);
      if (kind !== 'add') oldLeft--;
      if (kind !== 'del') newLeft--;
      if (oldLeft < 0 || newLeft < 0) return null;
    }
    endLine = k;
    k++;
  }
  // A mail client strips the spaces of (nearly) every context line: a wrapped line or trailing
  // text among intact context lines is not whitespace damage.
  if (oldLeft !== 0 || newLeft !== 0 || lostText < 2 || kept * 2 >= lostText) return null;
  let next = k;
  if (k < end && stripCr(lines.get(k) ?? '').startsWith('\\ ')) {
    body.push('nonewline', k);
    endLine = k;
    next = k + 1;
  }
  // The repaired hunk must end where a hunk can end (the next hunk, the next file, the end of the
  // diff, or only blank lines before it): garbage right after it is corruption, not lost spaces.
  if (!endsHunkRegion(lines, next, end)) return null;
  return { body: body.build(), endLine, stripped };
}

/** Whether a hunk may end right before line k: the end of the region, a hunk header, a file start, or only blank lines left. */
function endsHunkRegion(lines: Lines, k: number, end: number): boolean {
  if (k >= end) return true;
  const t = stripCr(lines.get(k) ?? '');
  if (t.startsWith('@@') || fileStartKind(lines, k, end) !== null) return true;
  for (let j = k; j < end; j++) if (stripCr(lines.get(j) ?? '').trim() !== '') return false;
  return true;
}

/** Whether line k can continue a hunk body (a hunk line or an empty context line). */
function continuesHunk(lines: Lines, k: number, end: number): boolean {
  if (k >= end) return false;
  const t = stripCr(lines.get(k) ?? '');
  if (t === '') return true;
  const c = t[0];
  return c === '+' || c === '-' || c === ' ' || c === '\\';
}
