/**
 * Shell-style patterns as Python's fnmatch reads them (b4 matches `b4.trailer-order` with
 * `fnmatch.fnmatch(name.lower(), glob.strip().lower())`): `*` any run of characters, `?` one
 * character, `[abc]`, `[a-z]`, `[!abc]` one character of (or not of) a set; a `[` without its
 * `]` is a literal; there is no escape character.
 *
 * Matched without regular expressions, by the two-pointer algorithm that remembers only the last
 * `*` (backtracking once, to it): O(pattern x text) in the worst case, never exponential, so a
 * configured pattern such as `*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b` cannot hang a check.
 * Characters are code points, as in Python.
 */

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'char'; c: string }
  | { kind: 'set'; negate: boolean; chars: string[]; ranges: [number, number][] };

export interface Glob {
  readonly source: string;
  readonly tokens: readonly Token[];
}

/** Parse a `[...]` body (without the brackets and the `!`) as Python's fnmatch.translate does. */
function parseSet(body: string[], negate: boolean): Token {
  const chars: string[] = [];
  const ranges: [number, number][] = [];
  let k = 0;
  while (k < body.length) {
    // A `-` between two characters makes a range (the first character of the set is never a
    // range's `-`: fnmatch looks for `-` from the second character on).
    if (k + 2 < body.length && body[k + 1] === '-') {
      const lo = body[k]!.codePointAt(0)!;
      const hi = body[k + 2]!.codePointAt(0)!;
      if (lo <= hi) ranges.push([lo, hi]);
      k += 3;
    } else {
      chars.push(body[k]!);
      k++;
    }
  }
  return { kind: 'set', negate, chars, ranges };
}

export function compileGlob(pattern: string): Glob {
  const p = Array.from(pattern);
  const tokens: Token[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    i++;
    if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') {
      tokens.push({ kind: 'any' });
    } else if (c === '[') {
      let j = i;
      if (j < p.length && p[j] === '!') j++;
      if (j < p.length && p[j] === ']') j++;
      while (j < p.length && p[j] !== ']') j++;
      if (j >= p.length) {
        tokens.push({ kind: 'char', c: '[' });
      } else {
        const negate = p[i] === '!';
        tokens.push(parseSet(p.slice(negate ? i + 1 : i, j), negate));
        i = j + 1;
      }
    } else {
      tokens.push({ kind: 'char', c });
    }
  }
  return { source: pattern, tokens };
}

function matchOne(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'char':
      return t.c === c;
    case 'set': {
      const cp = c.codePointAt(0)!;
      const inSet = t.chars.includes(c) || t.ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
      return inSet !== t.negate;
    }
    default:
      return false;
  }
}

/** Whether the whole of `text` matches (case-sensitive, like fnmatch on POSIX). */
export function globMatch(glob: Glob | string, text: string): boolean {
  const tokens = typeof glob === 'string' ? compileGlob(glob).tokens : glob.tokens;
  const s = Array.from(text);
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < s.length) {
    const tok = tokens[p];
    if (tok && tok.kind === 'star') {
      starP = p++;
      starT = t;
    } else if (tok && matchOne(tok, s[t]!)) {
      p++;
      t++;
    } else if (starP >= 0) {
      // Let the last `*` take one more character and retry from there.
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p]!.kind === 'star') p++;
  return p === tokens.length;
}

/**
 * b4's trailer order (`b4.trailer-order`): the patterns trimmed and lower-cased (empty ones
 * dropped); a trailer goes with the first pattern its lower-cased key matches, unmatched ones
 * last. One implementation for TRAILER_ORDER and Sort Trailers.
 */
export class TrailerOrder {
  private readonly globs: Glob[];

  constructor(patterns: readonly string[]) {
    this.globs = patterns.map((p) => p.trim().toLowerCase()).filter((p) => p !== '').map(compileGlob);
  }

  /** No pattern, or only `*`: b4 leaves the order alone. */
  get keepsOrder(): boolean {
    return this.globs.every((g) => g.source === '*');
  }

  /** Index of the first pattern the key matches; the number of patterns when none does. */
  rank(key: string): number {
    const k = key.toLowerCase();
    for (let i = 0; i < this.globs.length; i++) if (globMatch(this.globs[i]!, k)) return i;
    return this.globs.length;
  }

  /** The items in b4's order: stably by rank. */
  sort<T extends { key: string }>(items: readonly T[]): T[] {
    return items
      .map((item, k) => ({ item, k, rank: this.rank(item.key) }))
      .sort((a, b) => a.rank - b.rank || a.k - b.k)
      .map((x) => x.item);
  }
}
