/**
 * People in headers and trailers: `Name <a@b>`, `"Name, Jr." <a@b>`, `<a@b>`, bare `a@b`,
 * optionally followed by a `# note`, `(note)` or `[note]`.
 */
import type { Person } from '../model/types';
import { span } from '../model/range';

/** A run of characters a bare address may hold: no spaces, brackets or quotes. */
const ADDRESS_RUN = /[^\s<>"(),;[\]]+/g;

/**
 * The first bare address: a run of address characters with an `@` inside (not first, not last).
 * What `/[^\s<>"(),;[\]]+@[^\s<>"(),;[\]]+/` finds, in linear time: that pattern backtracks
 * quadratically over a long run without an `@` (a 40,000-character From: took a second).
 */
function bareEmail(text: string): { index: number; text: string } | null {
  for (const m of text.matchAll(ADDRESS_RUN)) {
    const run = m[0];
    const at = run.indexOf('@', 1);
    if (at >= 1 && at <= run.length - 2) return { index: m.index, text: run };
  }
  return null;
}

/**
 * Parses `text` (already RFC 2047 decoded where it came from a header). Ranges are on `line`,
 * at `startCol` plus the offset in `text`. Returns null when there is no email address at all.
 */
export function parsePerson(text: string, line: number, startCol: number): Person | null {
  const at = (from: number, to: number) => span(line, startCol + from, startCol + to);

  const lt = findAngle(text);
  if (lt) {
    const [open, close] = lt;
    const emailText = text.slice(open + 1, close);
    const eLead = emailText.length - emailText.trimStart().length;
    const email = emailText.trim();
    const name = nameBefore(text, open);
    const comment = commentAfter(text, close + 1);
    return {
      name: name.name,
      email,
      comment: comment.text || null,
      nameRange: name.name ? at(name.start, name.end) : null,
      emailRange: at(open + 1 + eLead, open + 1 + eLead + email.length),
      commentRange: comment.text ? at(comment.start, comment.end) : null,
    };
  }

  const bare = bareEmail(text);
  if (!bare) return null;
  let emailStart = bare.index;
  let email = bare.text;
  // Trailing punctuation (`a@b.`) is not part of the address; it stays visible as a comment.
  const trail = /[.,;:'`]+$/.exec(email);
  if (trail) email = email.slice(0, trail.index);
  // A leading quote or punctuation is not part of it either.
  const lead = /^['`]+/.exec(email);
  if (lead) {
    emailStart += lead[0].length;
    email = email.slice(lead[0].length);
  }
  if (!email.includes('@') || email.startsWith('@') || email.endsWith('@')) return null;
  const name = nameBefore(text, emailStart);
  const comment = commentAfter(text, emailStart + email.length);
  return {
    name: name.name,
    email,
    comment: comment.text || null,
    nameRange: name.name ? at(name.start, name.end) : null,
    emailRange: at(emailStart, emailStart + email.length),
    commentRange: comment.text ? at(comment.start, comment.end) : null,
  };
}

/** `Name <email>`, or just the email when there is no name. */
export function formatPerson(p: { name: string; email: string }): string {
  return p.name ? `${p.name} <${p.email}>` : p.email;
}

/** The first `<...>` holding an `@`, outside double quotes. */
function findAngle(text: string): [number, number] | null {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && inQuote) {
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    else if (c === '<' && !inQuote) {
      const close = text.indexOf('>', i + 1);
      if (close < 0) return null;
      if (text.slice(i + 1, close).includes('@')) return [i, close];
      i = close;
    }
  }
  return null;
}

/** The display name before offset `end`: trimmed, surrounding double quotes removed. */
function nameBefore(text: string, end: number): { name: string; start: number; end: number } {
  const before = text.slice(0, end);
  const start = before.length - before.trimStart().length;
  const stop = before.trimEnd().length;
  if (stop <= start) return { name: '', start: end, end };
  let s = start;
  let e = stop;
  let name = text.slice(s, e);
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    s++;
    e--;
    name = text.slice(s, e).replace(/\\(.)/g, '$1');
  }
  return { name, start: s, end: e };
}

/** Whatever follows the address, trimmed (`# note`, `(note)`, `[note]`, stray text). */
function commentAfter(text: string, from: number): { text: string; start: number; end: number } {
  const rest = text.slice(from);
  const lead = rest.length - rest.trimStart().length;
  const trimmed = rest.trim();
  return { text: trimmed, start: from + lead, end: from + lead + trimmed.length };
}
