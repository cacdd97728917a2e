/**
 * AUTHOR_IDENTITY_MISMATCH (patchsmith CHECK, repository only): the patch is yours but its author
 * is not who `git config user.name`/`user.email` say you are. "Yours" means the first
 * Signed-off-by (the author's, by convention) has your address. Reported when:
 * - the author's address differs from yours (the commit was made under another identity: an old
 *   `user.email`, a work/personal mix-up); or
 * - the address is yours but the name is spelt differently.
 * Patches you send for someone else (their From:, their sign-off first) are not reported.
 * The fix sets the From: value to your identity when the header can be rewritten exactly.
 */
import type { RepoRule } from '../types';
import { parseEmail } from '../shared/email';

export const authorIdentityMismatch: RepoRule = {
  kind: 'repo',
  id: 'AUTHOR_IDENTITY_MISMATCH',
  severity: 'information',
  description: 'Your patch is authored under another identity than git config user.name/user.email.',
  doc: [
    'The first Signed-off-by: of the patch is yours (`git config user.email`), but the From:',
    'author is a different address or spells your name differently. Usually the commit was made',
    'with another identity (an old `user.email`, a work/personal mix-up); fix the configuration',
    'and run `git commit --amend --reset-author`, or correct the From: line of the patch.',
    '',
    'Source: submitting-patches.rst (the From: author must match the sign-off); QEMU',
    'submitting-a-patch.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: null,
  async check({ doc, msg, facts, report }, repo) {
    if (msg.kind !== 'patch' || !msg.author || !msg.authorHeader) return;
    const so = facts.signOffs;
    if (so.lines.length === 0) return;
    const me = await repo.identity();
    if (!me || !me.email) return;
    const myEmail = me.email.toLowerCase();
    const first = parseEmail(so.lines[0]!.value);
    if (first.address.toLowerCase() !== myEmail) return;
    const author = msg.author;
    const sameAddress = author.email.toLowerCase() === myEmail;
    if (sameAddress && author.name === me.name) return;
    const mine = `${me.name} <${me.email}>`;
    const theirs = author.name ? `${author.name} <${author.email}>` : author.email;
    const message = sameAddress
      ? `The author's name '${author.name}' differs from git config user.name '${me.name}'`
      : `The patch is signed off first by you (${me.email}) but its author is ${theirs}: git config says you are ${mine}`;
    const h = msg.authorHeader;
    const exact = h.value === h.rawValue && h.valueRange.start.line === h.valueRange.end.line;
    // A mail header needs RFC 2047 encoding for non-ASCII names; an in-body From: does not.
    const writable = exact && (h.inBody || /^[\x20-\x7e]*$/.test(mine));
    report({
      message,
      range: h.valueRange,
      // Which identity is right (the patch's or git config's) is the user's call.
      ...(writable ? { fix: { title: `Set the author to ${mine}`, edits: [{ range: h.valueRange, newText: mine }], safety: 'unsafe' as const } } : {}),
    });
  },
};
