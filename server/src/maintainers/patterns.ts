/**
 * MAINTAINERS patterns without backtracking. A repository's MAINTAINERS is untrusted input: its
 * `N:`/`K:` lines are Perl regexes and its `F:`/`X:` lines globs, and a pattern like `N: (a+)+$`
 * (or `F: *a*a*a*a*a*a*b`) on a backtracking engine blocks the language server for minutes.
 *
 *  - N:/K: run on re2js: RE2 semantics (time linear in the input, whatever the pattern), in pure
 *    JavaScript (no native module to build for each Node/Electron/VS Code version and platform,
 *    which the `re2` bindings would need; the extension ships dist/ only). Perl syntax RE2 lacks is
 *    translated; what it cannot express (backreferences, lookahead, atomic groups, possessive
 *    quantifiers) becomes a safe over-approximation (the construct dropped or relaxed, so a
 *    section may be suggested more often, never a hang), with a warning once per pattern.
 *  - F:/X: globs (`*`, `?`, `[...]`, matched as a prefix, as get_maintainer's `m@^$pattern@`)
 *    run on a small position-set matcher: O(path length x pattern length), no RegExp at all.
 */
import { RE2JS } from 're2js';

/** A compiled N:/K: pattern. */
export interface PerlPattern {
  /** As written in MAINTAINERS. */
  readonly source: string;
  /** The RE2 pattern it became. */
  readonly translated: string;
  /** Whether a construct RE2 cannot express was approximated. */
  readonly approximate: boolean;
  /** Whether the pattern matches anywhere in `s`. */
  test(s: string): boolean;
  /** Whether it matches starting at or after `from` (the text before is context for `\b`, lookbehinds). */
  testFrom(s: string, from: number): boolean;
}

let warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`);
const warned = new Set<string>();

/** Where the warnings about approximated patterns go (the language server's log). */
export function setPatternWarningSink(sink: (message: string) => void): void {
  warn = sink;
}

function warnOnce(source: string, message: string): void {
  if (warned.has(source)) return;
  if (warned.size < 10_000) warned.add(source);
  try {
    warn(message);
  } catch {
    // A broken sink must not break matching.
  }
}

/**
 * Perl (with get_maintainer's /x flag) to RE2: unescaped whitespace outside classes dropped,
 * `#` comments cut, Perl-only constructs approximated. Returns the RE2 text and whether anything
 * was approximated; null for an empty pattern.
 */
export function translatePerl(source: string): { re2: string; approximate: string[] } | null {
  let out = '';
  const approximate: string[] = [];
  /** Per open group: whether it is a dropped lookaround (its content is not copied). */
  const dropped: boolean[] = [];
  let skipDepth = 0;
  const emit = (s: string): void => {
    if (skipDepth === 0) out += s;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      if (/[1-9]/.test(next)) {
        // A backreference: whatever text (an over-approximation of "the same text again").
        approximate.push(`backreference \\${next}`);
        emit('(?s:.*)');
      } else if (next === 'Z') emit('(?:\\n?\\z)');
      else if (next === 'h') emit('[\\t ]');
      else if (next === 'H') emit('[^\\t ]');
      else if (next === 'G') approximate.push('\\G');
      else emit(ch + next);
      i++;
      continue;
    }
    if (ch === '[') {
      // `[]...]` and `[^]...]`: a leading `]` is a literal.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      emit(source.slice(i, j + 1));
      i = j;
      continue;
    }
    if (ch === '(') {
      const look = /^\(\?(<?[=!])/.exec(source.slice(i, i + 4));
      if (look) {
        approximate.push(`lookaround (?${look[1]}`);
        dropped.push(true);
        skipDepth++;
        i += look[0].length - 1;
        continue;
      }
      dropped.push(false);
      if (source.startsWith('(?>', i)) {
        approximate.push('atomic group');
        emit('(?:');
        i += 2;
        continue;
      }
      emit(ch);
      continue;
    }
    if (ch === ')') {
      const wasDropped = dropped.pop() ?? false;
      if (wasDropped) {
        skipDepth--;
        // A quantifier after a dropped group quantifies nothing: drop it too.
        const q = /^(?:[*+?]|\{\d*,?\d*\})[?+]?/.exec(source.slice(i + 1));
        if (q) i += q[0].length;
        continue;
      }
      emit(ch);
      continue;
    }
    if ((ch === '+' || ch === '*' || ch === '?' || ch === '}') && source[i + 1] === '+') {
      // Possessive quantifier: relaxed to the greedy one.
      approximate.push('possessive quantifier');
      emit(ch);
      i++;
      continue;
    }
    if (ch === '#') break;
    if (/\s/.test(ch)) continue;
    emit(ch);
  }
  if (out === '') return null;
  return { re2: out, approximate };
}

class Re2Pattern implements PerlPattern {
  constructor(
    readonly source: string,
    readonly translated: string,
    readonly approximate: boolean,
    private readonly re: RE2JS,
  ) {}

  test(s: string): boolean {
    return this.re.test(s);
  }

  testFrom(s: string, from: number): boolean {
    if (from <= 0) return this.re.test(s);
    if (from > s.length) return false;
    return this.re.matcher(s).find(from);
  }
}

function compileRe2(text: string): RE2JS | null {
  try {
    return RE2JS.compile(text, RE2JS.LOOKBEHINDS);
  } catch {
    try {
      return RE2JS.compile(text);
    } catch {
      return null;
    }
  }
}

/**
 * An N:/K: value as a linear-time pattern, or null when it cannot be compiled at all (left out,
 * as get_maintainer's Perl would die on it). Warns once per pattern source when approximated.
 */
export function compilePerlPattern(source: string): PerlPattern | null {
  // Lookbehinds first as written: re2js runs captureless lookbehinds in linear time.
  const t = translatePerl(source);
  if (!t) return null;
  if (/\(\?<[=!]/.test(source)) {
    const kept = translatePerlKeepingLookbehinds(source);
    const re = kept ? compileRe2(kept) : null;
    if (re && kept) return new Re2Pattern(source, kept, false, re);
  }
  const re = compileRe2(t.re2);
  if (!re) return null;
  if (t.approximate.length) {
    warnOnce(
      source,
      `patchsmith: MAINTAINERS pattern ${JSON.stringify(source)} uses ${[...new Set(t.approximate)].join(', ')}, which a linear-time engine cannot run; matching an approximation (${t.re2})`,
    );
  }
  return new Re2Pattern(source, t.re2, t.approximate.length > 0, re);
}

/** The /x clean-up only (whitespace and comments), lookbehinds left for re2js's LOOKBEHINDS. */
function translatePerlKeepingLookbehinds(source: string): string | null {
  const masked = source.replace(/\(\?<([=!])/g, '(\u0000$1');
  const t = translatePerl(masked);
  if (!t || t.approximate.length) return null;
  return t.re2.replace(/\(\u0000([=!])/g, '(?<$1');
}

// ---- F:/X: globs --------------------------------------------------------------------------------

/** One glob token: a literal char, `?`, `*`, or a character class. */
type GlobToken = number | 'any' | 'star' | { ranges: number[]; negated: boolean };

export type Glob = readonly GlobToken[];

/**
 * An F:/X: pattern as get_maintainer reads it: `*` any text (including `/`; the caller compares
 * the number of `/`), `?` one character, `[...]` a character class (unclosed: literal `[`).
 */
export function compileGlob(pattern: string): Glob {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (tokens[tokens.length - 1] !== 'star') tokens.push('star');
    } else if (ch === '?') tokens.push('any');
    else if (ch === '[' && pattern.indexOf(']', i + 2) > 0) {
      const end = pattern.indexOf(']', i + 2);
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges: number[] = [];
      for (let k = 0; k < body.length; k++) {
        const from = body.charCodeAt(k);
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push(from, body.charCodeAt(k + 2));
          k += 2;
        } else ranges.push(from, from);
      }
      tokens.push({ ranges, negated });
      i = end;
    } else tokens.push(pattern.charCodeAt(i));
  }
  return tokens;
}

function tokenMatches(t: GlobToken, c: number): boolean {
  if (typeof t === 'number') return t === c;
  if (t === 'any') return c !== 0x0a;
  if (t === 'star') return false;
  let inside = false;
  for (let k = 0; k < t.ranges.length; k += 2) {
    if (c >= t.ranges[k]! && c <= t.ranges[k + 1]!) {
      inside = true;
      break;
    }
  }
  return inside !== t.negated;
}

/**
 * Whether the glob matches a PREFIX of `s` (get_maintainer's unanchored-end `m@^pattern@`). A set
 * of pattern positions advanced one character at a time: never more than |s| x |glob| steps.
 */
let bufA = new Uint8Array(64);
let bufB = new Uint8Array(64);

export function globMatchesPrefix(glob: Glob, s: string): boolean {
  const n = glob.length;
  // Literal leading characters first: most patterns are ruled out there, without the set walk.
  for (let k = 0; k < n; k++) {
    const t = glob[k]!;
    if (typeof t !== 'number') break;
    if (s.charCodeAt(k) !== t) return false;
  }
  if (bufA.length < n + 1) {
    bufA = new Uint8Array(2 * (n + 1));
    bufB = new Uint8Array(2 * (n + 1));
  }
  let states = bufA.subarray(0, n + 1);
  let next = bufB.subarray(0, n + 1);
  states.fill(0);
  const close = (set: Uint8Array): boolean => {
    // A star may match nothing: the position after it is live too.
    for (let k = 0; k < n; k++) if (set[k] && glob[k] === 'star') set[k + 1] = 1;
    return set[n] === 1;
  };
  states[0] = 1;
  if (close(states)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    next.fill(0);
    let any = false;
    for (let k = 0; k < n; k++) {
      if (!states[k]) continue;
      const t = glob[k]!;
      if (t === 'star') {
        if (c !== 0x0a) {
          next[k] = 1;
          any = true;
        }
      } else if (tokenMatches(t, c)) {
        next[k + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    if (close(next)) return true;
    [states, next] = [next, states];
  }
  return false;
}
