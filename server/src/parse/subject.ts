/**
 * Patch subjects: `Re:` and the leading `[...]` groups (PATCH, RFC, RESEND, vN, M/N and other
 * prefixes, in any order, as b4 reads them), the summary `git am` makes the commit title of, and
 * the `subsys: ` prefix of the summary.
 */
import type { Header, Position, Range, Subject, SubjectTag, SubjectTagKind } from '../model/types';
import { span, stripCr } from '../model/range';
import { pushAll } from '../model/array';
import type { Lines } from '../model/lines';

/** Maps offsets [a, b) of the parsed text to a document range. */
type ToRange = (a: number, b: number) => Range;

const REPLY = /^(re|aw|fwd?)[ \t]*:[ \t]*/i;
const WORD_VERSION = /^(patch|rfc|resend)-?(v\d+)$/i;
const VERSION = /^v(\d+)$/i;
const COUNTER = /^(\d{1,4})\/(\d{1,4})$/;
/** A leading `subsys: ` segment: one token, no spaces. */
const SUBSYSTEM_SEGMENT = /^([\w./,+-]+): +/;

/**
 * Parses the Subject header (possibly folded, possibly RFC 2047 encoded). Ranges are exact for
 * plain subjects, folded or not; for encoded ones every range is the header's value range.
 */
export function parseSubject(header: Header, lines: Lines): Subject {
  const fallback: ToRange = () => header.valueRange;
  if (header.value !== header.rawValue) return parseWith(header.value, fallback);

  // Unfolding removed the line breaks only: offsets map 1:1 onto the concatenated value parts.
  const segments: { line: number; col: number; text: string }[] = [];
  const first = header.valueRange.start;
  segments.push({ line: first.line, col: first.character, text: stripCr(lines.get(first.line) ?? '').slice(first.character) });
  for (let l = first.line + 1; l <= header.range.end.line; l++) {
    segments.push({ line: l, col: 0, text: stripCr(lines.get(l) ?? '') });
  }
  const joined = segments.map((s) => s.text).join('');
  if (!joined.startsWith(header.value)) return parseWith(header.value, fallback);

  const at = (offset: number, isEnd: boolean): Position => {
    let base = 0;
    for (const s of segments) {
      const len = s.text.length;
      if (isEnd ? offset <= base + len : offset < base + len) return { line: s.line, character: s.col + offset - base };
      base += len;
    }
    const last = segments[segments.length - 1]!; // the first segment is always there
    return { line: last.line, character: last.col + last.text.length };
  };
  return parseWith(header.value, (a, b) => ({ start: at(a, a === b), end: at(b, true) }));
}

/** Parses a single-line subject (in-body `Subject:` value, commit title) found at (line, col). */
export function parseSubjectText(text: string, line: number, col: number): Subject {
  return parseWith(text, (a, b) => span(line, col + a, col + b));
}

function parseWith(text: string, toRange: ToRange): Subject {
  const tags: SubjectTag[] = [];
  const groups: { text: string; range: Range }[] = [];
  let isReply = false;

  let p = skipSpace(text, 0);
  for (;;) {
    const reply = REPLY.exec(text.slice(p));
    if (reply) {
      isReply = true;
      p = skipSpace(text, p + reply[0].length);
      continue;
    }
    if (text[p] !== '[') break;
    const close = matchingBracket(text, p);
    if (close < 0) break;
    groups.push({ text: text.slice(p, close + 1), range: toRange(p, close + 1) });
    for (const [a, b] of tokens(text, p + 1, close)) pushAll(tags, classify(text.slice(a, b), a, toRange));
    p = skipSpace(text, close + 1);
  }

  const summary = text.slice(p).trimEnd();
  const summaryStart = p;
  const summaryEnd = p + summary.length;

  let subsystem: string | null = null;
  let subsystemRange: Range | null = null;
  let q = 0;
  let lastEnd = -1;
  for (let m = SUBSYSTEM_SEGMENT.exec(summary); m; m = SUBSYSTEM_SEGMENT.exec(summary.slice(q))) {
    lastEnd = q + m[1]!.length;
    q += m[0].length;
  }
  if (lastEnd > 0) {
    subsystem = summary.slice(0, lastEnd);
    subsystemRange = toRange(summaryStart, summaryStart + lastEnd);
  }

  const first = (kind: SubjectTagKind) => tags.find((t) => t.kind === kind);
  const version = first('version');
  const counter = first('counter');
  const counts = counter ? COUNTER.exec(counter.text) : null;
  // Both groups of COUNTER are required: a match has them.
  const numberText = counts ? counts[1]! : null;
  const totalText = counts ? counts[2]! : null;

  return {
    raw: text,
    prefixes: tags.map((t) => t.text),
    tags,
    groups,
    patch: !!first('patch'),
    rfc: !!first('rfc'),
    resend: !!first('resend'),
    version: version ? parseInt(version.text.slice(1), 10) : null,
    number: numberText !== null ? parseInt(numberText, 10) : null,
    total: totalText !== null ? parseInt(totalText, 10) : null,
    numberWidth: numberText?.length ?? null,
    totalWidth: totalText?.length ?? null,
    otherPrefixes: tags.filter((t) => t.kind === 'other').map((t) => t.text),
    isReply,
    summary,
    summaryRange: toRange(summaryStart, summaryEnd),
    subsystem,
    subsystemRange,
  };
}

function skipSpace(text: string, p: number): number {
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  return p;
}

/** The `]` closing the `[` at `open` (nested brackets count), or -1. */
function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Tokens of a group's inside: split on whitespace, commas and nested brackets. */
function tokens(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = from; i <= to; i++) {
    const sep = i === to || /[\s,[\]]/.test(text.charAt(i));
    if (sep && start >= 0) {
      out.push([start, i]);
      start = -1;
    } else if (!sep && start < 0) {
      start = i;
    }
  }
  return out;
}

function classify(token: string, offset: number, toRange: ToRange): SubjectTag[] {
  const tag = (kind: SubjectTagKind, a: number, b: number): SubjectTag => ({
    kind,
    text: token.slice(a, b),
    range: toRange(offset + a, offset + b),
  });
  const split = WORD_VERSION.exec(token);
  if (split) {
    const word = split[1]!;
    const version = split[2]!;
    return [tag(wordKind(word), 0, word.length), tag('version', token.length - version.length, token.length)];
  }
  if (VERSION.test(token)) return [tag('version', 0, token.length)];
  if (COUNTER.test(token)) return [tag('counter', 0, token.length)];
  return [tag(wordKind(token), 0, token.length)];
}

function wordKind(word: string): SubjectTagKind {
  const w = word.toLowerCase();
  if (w.startsWith('rfc')) return 'rfc';
  if (w.startsWith('resend')) return 'resend';
  if (w.startsWith('patch')) return 'patch';
  return 'other';
}
