/**
 * Email addresses in signature lines, the way checkpatch.pl reads and rewrites them
 * (`parse_email`, `format_email`, `reformat_email`, `same_email_addresses`). Ported closely so
 * that BAD_SIGN_OFF's "might be better as" suggestions and the From:/Signed-off-by: comparison
 * agree with checkpatch, including its quirks (names with "must quote" characters are quoted,
 * a trailing `.`, `,` or `"` after the address is dropped).
 */

export interface ParsedEmail {
  /** Display name; quoted (`"A. B"`) when it holds characters other than word, space and `-`. */
  name: string;
  /** `(comment)` groups found in the name part, concatenated. */
  nameComment: string;
  address: string;
  /** Whatever follows the address (`# note`, `(note)`, stray text). */
  comment: string;
}

/** Perl's trim(): leading and trailing whitespace (JavaScript's trim() strips the same \s set). */
function trim(s: string): string {
  return s.trim();
}

/** `s` without leading and trailing characters of `chars` (a linear `/^[..]+|[..]+$/g`). */
function strip(s: string, chars: string, leading = true): string {
  let a = 0;
  let b = s.length;
  if (leading) while (a < b && chars.includes(s[a]!)) a++;
  while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** checkpatch's "must quote" test: anything but ASCII word characters, space and `-`. */
function mustQuote(name: string): boolean {
  return /[^\w \-]/.test(name);
}

function quote(name: string): string {
  return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
}

/**
 * The leftmost balanced `( ... )` group in `s` (Perl's recursive $balanced_parens), in one pass:
 * every `(` is matched to its `)` with a stack.
 */
function balancedParens(s: string): { start: number; end: number } | null {
  const open: number[] = [];
  let best: { start: number; end: number } | null = null;
  for (let j = 0; j < s.length; j++) {
    const c = s[j];
    if (c === '(') open.push(j);
    else if (c === ')' && open.length) {
      const start = open.pop()!;
      if (!best || start < best.start) best = { start, end: j + 1 };
    }
  }
  return best;
}

/** JavaScript's `\s`, by character code (no regex, no one-character string per test). */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * `/^(.*)<(\S+@\S+)>(.*)$/` in linear time (the regex backtracks cubically on text full of `<`
 * and `@` without `>`): the last `<` from which a run of non-space characters holds an `@` (not
 * first) and, at least one character later, a `>`; the run's last such `>` and the last `@`
 * before it, as the greedy groups choose them.
 */
function matchNameAddress(t: string): [string, string, string] | null {
  // No `<`, `@` or `>`: no match, and nothing to allocate (most values).
  const firstLt = t.indexOf('<');
  if (firstLt < 0 || t.indexOf('@', firstLt) < 0 || t.indexOf('>', firstLt) < 0) return null;
  if (LINE_TERMINATOR.test(t)) return null;
  const n = t.length;
  // Usually the last `<` matches (`Name <addr>`): tried first by scanning, without tables.
  const last = t.lastIndexOf('<');
  let end = last + 1;
  while (end < n && !isSpaceCode(t.charCodeAt(end))) end++;
  const q0 = t.lastIndexOf('>', end - 1);
  if (q0 >= last + 3) {
    const a0 = t.lastIndexOf('@', q0 - 2);
    if (a0 >= last + 2) return [t.slice(0, last), t.slice(last + 1, q0), t.slice(q0 + 1)];
  }
  const nextSpace = new Int32Array(n + 1);
  nextSpace[n] = n;
  for (let i = n - 1; i >= 0; i--) nextSpace[i] = isSpaceCode(t.charCodeAt(i)) ? i : nextSpace[i + 1]!;
  const lastGt = new Int32Array(n + 1); // largest index < i holding '>', or -1
  const lastAt = new Int32Array(n + 1); // largest index < i holding '@', or -1
  lastGt[0] = -1;
  lastAt[0] = -1;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    lastGt[i + 1] = c === 0x3e ? i : lastGt[i]!;
    lastAt[i + 1] = c === 0x40 ? i : lastAt[i]!;
  }
  for (let p = t.lastIndexOf('<'); p >= 0; p = p > 0 ? t.lastIndexOf('<', p - 1) : -1) {
    const end = nextSpace[p + 1]!;
    const q = lastGt[end]!;
    if (q < p + 3) continue;
    const a = lastAt[q - 1]!;
    if (a < p + 2) continue;
    return [t.slice(0, p), t.slice(p + 1, q), t.slice(q + 1)];
  }
  return null;
}

/**
 * `/(\S+@\S+)(.*)$/` in linear time: the first whitespace-delimited token (after the last line
 * terminator) with an `@` that is neither its first nor its last character.
 */
function matchBareAddress(t: string): { index: number; address: string; rest: string } | null {
  let from = 0;
  for (let i = t.length - 1; i >= 0; i--) {
    if (LINE_TERMINATOR.test(t[i]!)) {
      from = i + 1;
      break;
    }
  }
  let i = from;
  while (i < t.length) {
    while (i < t.length && isSpaceCode(t.charCodeAt(i))) i++;
    let e = i;
    while (e < t.length && !isSpaceCode(t.charCodeAt(e))) e++;
    const at = t.indexOf('@', i + 1);
    if (at >= 0 && at <= e - 2) return { index: i, address: t.slice(i, e), rest: t.slice(e) };
    i = e;
  }
  return null;
}

/** checkpatch's parse_email(). */
export function parseEmail(formatted: string): ParsedEmail {
  let name = '';
  let quoted = '';
  let nameComment = '';
  let address = '';
  let comment = '';

  // checkpatch's three regexes, matched in linear time (see matchNameAddress, matchBareAddress);
  // its second, `^\s*<(\S+@\S+)>(.*)$`, only matches where the first already did.
  const full = matchNameAddress(formatted);
  const bare = full ? null : matchBareAddress(formatted);
  if (full) {
    [name, address, comment] = full;
  } else if (bare) {
    address = bare.address;
    comment = bare.rest;
    name = formatted.slice(0, bare.index);
    name = trim(name).replace(/^"|"$/g, '');
    // A name without brackets around the address (`joe smith joe@smith.com`) is invalid.
    if (name !== '' && !/^<[^>]+>$/.test(address)) {
      name = '';
      address = '';
      comment = '';
    }
  }

  // Comments in the name, except inside its quoted part: "John D. (Doe)" keeps its parens.
  const q = /"(.+)"/.exec(name);
  if (q) {
    quoted = q[1]!;
    name = name.slice(0, q.index) + name.slice(q.index + q[0].length);
  }
  for (;;) {
    const p = balancedParens(name);
    if (!p) break;
    let s = p.start;
    while (s > 0 && /\s/.test(name[s - 1]!)) s--;
    let e = p.end;
    while (e < name.length && /\s/.test(name[e]!)) e++;
    nameComment += trim(name.slice(p.start, p.end));
    name = name.slice(0, s) + ' ' + name.slice(e);
  }
  name = strip(name, ' "');
  name = trim(`${quoted} ${name}`);

  address = trim(address).replace(/^<|>$/g, '');
  comment = trim(comment);

  if (mustQuote(name)) name = quote(name);
  return { name, nameComment, address, comment };
}

/** checkpatch's format_email(): the canonical text for a parsed address ("" when there is none). */
export function formatEmail(e: ParsedEmail): string {
  let name = strip(e.name, ' "');
  const address = strip(trim(e.address), '.,"', false);
  if (mustQuote(name)) name = quote(name);
  let nameComment = trim(e.nameComment);
  if (nameComment !== '') nameComment = ` ${nameComment}`;
  let comment = trim(e.comment);
  if (comment !== '') comment = ` ${comment}`;
  const formatted = name === '' ? address : `${name}${nameComment} <${address}>`;
  return formatted + comment;
}

/** checkpatch's reformat_email(). */
export function reformatEmail(email: string): string {
  return formatEmail(parseEmail(email));
}

/** checkpatch's same_email_addresses(): name, address and both comments equal (case matters). */
export function sameEmailAddresses(a: string, b: string): boolean {
  const x = parseEmail(a);
  const y = parseEmail(b);
  return x.name === y.name && x.address === y.address && x.nameComment === y.nameComment && x.comment === y.comment;
}

/** `user+tag@host` -> `user@host` (RFC 5233 subaddress removed), as checkpatch compares them. */
export function withoutSubaddress(address: string): string {
  const m = /^(\S+)\+\S+(@.*)$/.exec(address);
  return m ? m[1]! + m[2]! : address;
}
