/**
 * FIXES_TITLE_MISMATCH (patchsmith WARNING, repository only): the title in a Fixes: tag is not the
 * title of the commit it names, or the title is missing - the title part of checkpatch's
 * BAD_FIXES_TAG. The fix rewrites the tag from the repository: `Fixes: <12 hex> ("<title>")`.
 */
import type { RepoRule } from '../types';
import { span } from '../../model/range';
import { fixesTags, resolveSha, short12 } from './util';

export const fixesTitleMismatch: RepoRule = {
  kind: 'repo',
  id: 'FIXES_TITLE_MISMATCH',
  severity: 'warning',
  description: 'The title in a Fixes: tag is missing or is not the title of that commit.',
  doc: [
    'A Fixes: tag quotes the exact title of the commit it names:',
    '',
    '```',
    'Fixes: 0123456789ab ("mm: rework the reclaim counter")',
    '```',
    '',
    'The quick fix writes the tag from the repository, as',
    '`git log -1 --abbrev=12 --format=\'Fixes: %h ("%s")\' <sha>` would.',
    '',
    'Source: checkpatch.pl `BAD_FIXES_TAG` (the title comparison, done when git is available);',
    'submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  async check({ doc, msg, report }, repo) {
    for (const f of fixesTags(doc, msg)) {
      const r = await resolveSha(repo, f.sha);
      if (r.status !== 'found') continue;
      const real = r.commit.title;
      if (f.title === real) continue;
      const text = `Fixes: ${short12(r.commit.sha)} ("${real}")`;
      const message =
        f.title === null
          ? `Fixes: tag lacks the title of commit ${short12(r.commit.sha)}: write '${text}'`
          : `The title of commit ${short12(r.commit.sha)} is "${real}", not "${f.title}": write '${text}'`;
      report({
        message,
        range: f.range,
        fix: { title: `Write '${text}'`, edits: [{ range: span(f.line, 0, f.range.end.character), newText: text }], safety: 'safe' },
      });
    }
    return;
  },
};
