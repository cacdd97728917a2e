/**
 * The repository half of BAD_FIXES_TAG (checkpatch WARNING): the tag names a commit the repository
 * has and quotes its title exactly, but the line is not in the form
 * `Fixes: <12+ hex> ("<title>")` - typically a sha shorter than 12 hex digits, which the text
 * rule cannot lengthen. Same id, range and message as the text rule's finding, now with a fix
 * written from the commit; engine.ts `withRepoFindings` makes it replace the text rule's. A
 * wrong or missing title is FIXES_TITLE_MISMATCH's (its fix rewrites the whole line too).
 */
import type { RepoRule } from '../types';
import { span } from '../../model/range';
import { badFixesMessage } from '../trailers/badFixesTag';
import { fixesTags, resolveSha, short12 } from './util';

export const fixesTagFromRepo: RepoRule = {
  kind: 'repo',
  id: 'BAD_FIXES_TAG',
  severity: 'warning',
  description: `A Fixes: tag is not in the form 'Fixes: <12+ hex> ("title")' (fixed from the repository).`,
  doc: [
    'The Fixes: tag names the commit that introduced the bug, by at least 12 hex digits of its',
    'sha and its exact title, on one line:',
    '',
    '```',
    'Fixes: 0123456789ab ("mm: rework the reclaim counter")',
    '```',
    '',
    'With a repository, the quick fix writes the tag from the commit, as',
    '`git log -1 --abbrev=12 --format=\'Fixes: %h ("%s")\' <sha>` would, also when the sha is too',
    'short to be rewritten from the text alone.',
    '',
    'Source: checkpatch.pl `BAD_FIXES_TAG`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'BAD_FIXES_TAG', level: 'WARNING' },
  async check({ doc, msg, report }, repo) {
    for (const f of fixesTags(doc, msg)) {
      if (!f.badFormat || f.title === null) continue;
      const r = await resolveSha(repo, f.sha);
      if (r.status !== 'found' || f.title !== r.commit.title) continue;
      // A long enough sha is kept as written (lower case), as the text rule's fix does.
      const sha = f.idLength ? short12(r.commit.sha) : f.sha.toLowerCase();
      const text = `Fixes: ${sha} ("${r.commit.title}")`;
      report({
        message: badFixesMessage(f, text),
        range: f.range,
        fix: { title: `Write '${text}'`, edits: [{ range: span(f.line, 0, f.range.end.character), newText: text }], safety: 'safe' },
      });
    }
    return;
  },
};
