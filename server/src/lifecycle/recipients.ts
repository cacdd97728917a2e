/**
 * Who a series goes to (pure): MAINTAINERS (the get_maintainer-compatible matcher: maintainers
 * To, reviewers and lists Cc), every Reviewed-by, Acked-by, Tested-by and Cc person of the
 * patches (Cc), and the To:/Cc: lines of the cover letter (the user's own additions). Each
 * address once (case-insensitive): To wins over Cc, the first spelling wins; the sender is left out.
 */
import { maintainersFor, type Maintainers } from '../maintainers/maintainers';
import type { PatchMessage } from '../model/types';
import { parsePerson } from '../parse/person';

export interface Recipient {
  name: string;
  email: string;
  /** Why: `maintainer: SECTION`, `reviewer: SECTION`, `list: SECTION`, `Reviewed-by`, `cover`. */
  reason: string;
}

export interface Recipients {
  to: Recipient[];
  cc: Recipient[];
}

/** Trailer keys whose people are Cc'd on the series. */
export const CC_TRAILERS: ReadonlySet<string> = new Set(['reviewed-by', 'acked-by', 'tested-by', 'cc']);

/** `Name <email>` with the name quoted when RFC 5322 needs it (a comma, a dot, parentheses...). */
export function formatAddress(r: { name: string; email: string }): string {
  if (r.name === '') return r.email;
  const name = /[()<>[\]:;@\\,."]/.test(r.name) ? `"${r.name.replace(/(["\\])/g, '\\$1')}"` : r.name;
  return `${name} <${r.email}>`;
}

/** A `Name <email>` or bare address as written in a cover To:/Cc: line; null without an address. */
export function parseAddress(text: string): { name: string; email: string } | null {
  const p = parsePerson(text, 0, 0);
  if (!p || p.email === '') return null;
  return { name: p.name.replace(/^"(.*)"$/, '$1'), email: p.email };
}

export interface RecipientInputs {
  maintainers: Maintainers | null;
  /** The formatted patches (not the cover), each with its text for K: keywords. */
  patches: readonly { message: PatchMessage; text: string }[];
  coverTo: readonly string[];
  coverCc: readonly string[];
  /** The sender's address: never a recipient. */
  self: string | null;
}

export function collectRecipients(input: RecipientInputs): Recipients {
  const seen = new Set<string>();
  const out: Recipients = { to: [], cc: [] };
  if (input.self) seen.add(input.self.toLowerCase());
  const add = (list: Recipient[], r: Recipient): void => {
    const k = r.email.toLowerCase();
    if (seen.has(k)) return;
    seen.add(k);
    list.push(r);
  };
  // To first, over all sources, so that a maintainer who also reviewed stays in To.
  for (const t of input.coverTo) {
    const a = parseAddress(t);
    if (a) add(out.to, { ...a, reason: 'cover' });
  }
  const matches = input.maintainers
    ? input.patches.map((p) => {
        const paths = (p.message.diff?.files ?? []).flatMap((f) => [f.from, f.to]);
        return maintainersFor(input.maintainers!, paths, p.text);
      })
    : [];
  for (const list of matches) {
    for (const m of list) if (m.role === 'maintainer') add(out.to, { name: m.name, email: m.email, reason: `maintainer: ${m.section}` });
  }
  for (const t of input.coverCc) {
    const a = parseAddress(t);
    if (a) add(out.cc, { ...a, reason: 'cover' });
  }
  for (const list of matches) {
    for (const m of list) if (m.role !== 'maintainer') add(out.cc, { name: m.name, email: m.email, reason: `${m.role}: ${m.section}` });
  }
  for (const p of input.patches) {
    for (const t of p.message.message.trailerBlock?.trailers ?? []) {
      if (!CC_TRAILERS.has(t.key.toLowerCase()) || !t.person || t.person.email === '') continue;
      add(out.cc, { name: t.person.name, email: t.person.email, reason: t.key });
    }
  }
  return out;
}
