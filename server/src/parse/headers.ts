/**
 * RFC 822 mail headers (with folding and RFC 2047 words) and git mailinfo's in-body headers.
 */
import type { Header, ParseProblem } from '../model/types';
import { range, span, stripCr } from '../model/range';
import { decodeRfc2047 } from './rfc2047';
import type { Lines } from '../model/lines';

/** `Name: value`, the name being printable ASCII without `:` and space. */
const HEADER_LINE = /^([!-9;-~]+):/;
const CONTINUATION = /^[ \t]/;
/** git mailinfo's in-body headers (case-insensitive, colon right after the name). */
const IN_BODY_HEADER = /^(from|subject|date):/i;

function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/**
 * Builds a header from its first line and the continuation lines up to `last` (inclusive).
 * Unfolding removes the line breaks only, so the raw value maps 1:1 onto the lines.
 */
function makeHeader(lines: Lines, first: number, last: number, nameLength: number, inBody: boolean): Header {
  const firstText = stripCr(lines.get(first)!);
  const name = firstText.slice(0, nameLength);
  let unfolded = firstText.slice(nameLength + 1);
  for (let i = first + 1; i <= last; i++) unfolded += stripCr(lines.get(i)!);

  const leading = firstText.slice(nameLength + 1).length - firstText.slice(nameLength + 1).trimStart().length;
  const rawValue = unfolded.trim();
  const valueStartCol = nameLength + 1 + leading;

  // End of the value: the last line of the header whose text is not just the fold's whitespace.
  let endLine = first;
  let endCol = firstText.trimEnd().length;
  for (let i = last; i > first; i--) {
    const t = stripCr(lines.get(i)!).trimEnd();
    if (t.length > 0) {
      endLine = i;
      endCol = t.length;
      break;
    }
  }
  const valueRange =
    rawValue.length === 0
      ? span(first, firstText.length, firstText.length)
      : range(first, Math.min(valueStartCol, firstText.length), endLine, endCol);
  const lastText = stripCr(lines.get(last)!);
  return {
    name,
    value: decodeRfc2047(rawValue).trim(),
    rawValue,
    range: range(first, 0, last, lastText.length),
    nameRange: span(first, 0, nameLength),
    valueRange,
    inBody,
  };
}

/**
 * Parses the header block starting at line `start` (up to `end`, exclusive). The block ends at
 * the first blank line (`next` is that line) or at the first line that is neither a header nor a
 * continuation (`next` is that line). A stray line followed by more headers before the blank line
 * is reported as BAD_HEADER and skipped.
 */
export function parseHeaderBlock(
  lines: Lines,
  start: number,
  end: number,
  inBody = false,
): { headers: Header[]; next: number; problems: ParseProblem[] } {
  const headers: Header[] = [];
  const problems: ParseProblem[] = [];
  const stop = Math.min(end, lines.length);
  let i = start;
  while (i < stop) {
    const text = stripCr(lines.get(i)!);
    if (isBlank(text)) break;
    const m = HEADER_LINE.exec(text);
    if (m) {
      let last = i;
      while (last + 1 < stop && CONTINUATION.test(lines.get(last + 1)!) && !isBlank(stripCr(lines.get(last + 1)!))) last++;
      headers.push(makeHeader(lines, i, last, m[1]!.length, inBody));
      i = last + 1;
      continue;
    }
    // Neither a header nor a continuation of one: the end of the block, unless more headers follow.
    if (!headerFollows(lines, i + 1, stop)) break;
    problems.push({
      code: 'BAD_HEADER',
      message: CONTINUATION.test(text)
        ? 'Continuation line without a header before it'
        : 'Not a mail header (expected "Name: value") inside the header block',
      range: span(i, 0, text.length),
    });
    i++;
  }
  return { headers, next: i, problems };
}

/** Whether a header line comes after line `from`, skipping stray non-blank lines. */
function headerFollows(lines: Lines, from: number, stop: number): boolean {
  for (let i = from; i < stop; i++) {
    const text = stripCr(lines.get(i)!);
    if (isBlank(text)) return false;
    if (HEADER_LINE.test(text)) return true;
  }
  return false;
}

/** The first header of that name (case-insensitive). */
export function findHeader(headers: readonly Header[], name: string): Header | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted);
}

/**
 * git mailinfo's in-body headers: after leading blank lines, consecutive `From:`, `Subject:` and
 * `Date:` lines (with continuations) at the top of the body override the mail headers. A blank
 * line after them is dropped. `next` is the first line of the actual message; with no in-body
 * headers it is the first non-blank line at or after `start`.
 */
export function parseInBodyHeaders(
  lines: Lines,
  start: number,
  end: number,
): { headers: Header[]; next: number } {
  const stop = Math.min(end, lines.length);
  let i = start;
  while (i < stop && stripCr(lines.get(i)!) === '') i++;
  const first = i;
  const headers: Header[] = [];
  while (i < stop) {
    const text = stripCr(lines.get(i)!);
    if (!IN_BODY_HEADER.test(text)) break;
    let last = i;
    while (last + 1 < stop && CONTINUATION.test(lines.get(last + 1)!)) last++;
    headers.push(makeHeader(lines, i, last, text.indexOf(':'), true));
    i = last + 1;
  }
  if (headers.length === 0) return { headers, next: first };
  if (i < stop && stripCr(lines.get(i)!) === '') i++;
  return { headers, next: i };
}
