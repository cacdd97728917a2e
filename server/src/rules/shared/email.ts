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

/** Perl's trim(): leading and trailing whitespace. */
function trim(s: string): string {
  return s.replace(/^\s+|\s+$/g, '');
}

/** checkpatch's "must quote" test: anything but ASCII word characters, space and `-`. */
function mustQuote(name: string): boolean {
  return /[^\w \-]/.test(name);
}

function quote(name: string): string {
  return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
}

/** The first balanced `( ... )` group in `s` at or after `from` (Perl's recursive $balanced_parens). */
function balancedParens(s: string, from = 0): { start: number; end: number } | null {
  for (let i = s.indexOf('(', from); i >= 0; i = s.indexOf('(', i + 1)) {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s[j];
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) return { start: i, end: j + 1 };
      }
    }
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

  let m: RegExpExecArray | null;
  if ((m = /^(.*)<(\S+@\S+)>(.*)$/.exec(formatted))) {
    name = m[1]!;
    address = m[2]!;
    comment = m[3] ?? '';
  } else if ((m = /^\s*<(\S+@\S+)>(.*)$/.exec(formatted))) {
    address = m[1]!;
    comment = m[2] ?? '';
  } else if ((m = /(\S+@\S+)(.*)$/.exec(formatted))) {
    address = m[1]!;
    comment = m[2] ?? '';
    name = formatted.slice(0, m.index);
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
  name = name.replace(/^[ "]+|[ "]+$/g, '');
  name = trim(`${quoted} ${name}`);

  address = trim(address).replace(/^<|>$/g, '');
  comment = trim(comment);

  if (mustQuote(name)) name = quote(name);
  return { name, nameComment, address, comment };
}

/** checkpatch's format_email(): the canonical text for a parsed address ("" when there is none). */
export function formatEmail(e: ParsedEmail): string {
  let name = e.name.replace(/^[ "]+|[ "]+$/g, '');
  const address = trim(e.address).replace(/(?:\.|,|")+$/, '');
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
