/**
 * BAD_FIXES_TAG (checkpatch WARNING), the format part: a Fixes: line must be exactly
 * `Fixes: <12-40 lowercase hex> ("<title>")` - tag spelt `Fixes:`, one space before the sha and
 * before `(`, the title in `("...")`, on one line. The fix rewrites the line when the sha is long
 * enough and a title is there; the title itself is compared with the repository by
 * FIXES_TITLE_MISMATCH. A too short sha needs the repository: its half of this TYPE
 * (repo/fixesTagFromRepo.ts) reports the same finding with a fix written from the commit, and
 * replaces this one (engine.ts withRepoFindings).
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { parseFixesLine, type FixesTag } from '../shared/commitRef';

const STYLE = `Please use correct Fixes: style 'Fixes: <12+ chars of sha1> ("<title line>")'`;

function problems(f: FixesTag): string {
  const p: string[] = [];
  if (f.tagCase) p.push(`spell the tag 'Fixes:'`);
  if (f.idLength) p.push(`the sha has ${f.sha.length} hex digits, use at least 12`);
  if (f.idCase) p.push('write the sha in lower case');
  if (f.title === null) p.push('the title ("...") is missing');
  else if (!f.quoted) p.push('put the title in double quotes inside the parentheses');
  if (f.tagSpace && f.title !== null) p.push(`use 'Fixes: <sha> ("...")' with single spaces`);
  return p.join('; ');
}

/** The finding's message, `example` being the line as it should read. */
export function badFixesMessage(f: FixesTag, example: string): string {
  return `${STYLE} - ie: '${example}': ${problems(f)}`;
}

export const badFixesTag: TextRule = {
  kind: 'text',
  id: 'BAD_FIXES_TAG',
  severity: 'warning',
  description: `A Fixes: tag is not in the form 'Fixes: <12+ hex> ("title")'.`,
  doc: [
    'The Fixes: tag names the commit that introduced the bug, by at least 12 hex digits of its',
    'sha and its exact title, on one line (never wrapped):',
    '',
    '```',
    'Fixes: 0123456789ab ("mm: rework the reclaim counter")',
    '```',
    '',
    'git makes it for you with `git config --global core.abbrev 12` and',
    '`git config --global pretty.fixes \'Fixes: %h ("%s")\'`, then `git log -1 --pretty=fixes <sha>`.',
    'With a repository open, patchsmith also checks that the commit exists and the title is its',
    'title (FIXES_UNKNOWN_COMMIT, FIXES_TITLE_MISMATCH), and the quick fix writes the tag from the',
    'commit even when the sha is too short to be rewritten from the text alone.',
    '',
    'A sha of 12 to 40 hex digits is accepted, as checkpatch does since it learned',
    '`$git_sha1_min,$git_sha1_max` (12, 40): a longer sha is never ambiguous. checkpatch up to',
    'mid-2024 (the corpus reference) wanted exactly 12 and warned on 13 to 40; that difference is',
    'deliberate and listed in the README and the agreement test.',
    '',
    'Source: checkpatch.pl `BAD_FIXES_TAG`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'BAD_FIXES_TAG', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    for (const l of facts.messageLines) {
      const text = lineText(doc, l);
      const f = parseFixesLine(text, l);
      if (!f || !f.badFormat) continue;
      const sha = f.idLength ? '0123456789ab' : f.sha.toLowerCase();
      const example = `Fixes: ${sha} ("${f.title ?? 'commit title'}")`;
      const ambiguousQuotes = f.title !== null && !f.quoted && (f.title.startsWith('"') || f.title.endsWith('"'));
      const fixable = !f.idLength && f.title !== null && !ambiguousQuotes;
      const r = span(l, 0, f.range.end.character);
      report({
        message: badFixesMessage(f, example),
        range: f.range,
        // The same sha and title in the canonical form.
        ...(fixable ? { fix: { title: `Write '${example}'`, edits: [{ range: r, newText: example }], safety: 'safe' as const } } : {}),
      });
    }
    return;
  },
};
