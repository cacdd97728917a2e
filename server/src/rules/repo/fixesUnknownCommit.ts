/**
 * FIXES_UNKNOWN_COMMIT (patchsmith WARNING, repository only): the sha of a Fixes: tag names no
 * commit of the repository - checkpatch reports this as UNKNOWN_COMMIT_ID. A Fixes: tag that
 * points nowhere cannot be used to carry the fix to the trees that have the bug.
 */
import type { RepoRule } from '../types';
import { fixesTags, resolveSha } from './util';

export const fixesUnknownCommit: RepoRule = {
  kind: 'repo',
  id: 'FIXES_UNKNOWN_COMMIT',
  severity: 'warning',
  description: 'The commit named by a Fixes: tag is not in the repository.',
  doc: [
    'The sha of the `Fixes:` tag names no commit of this repository: the commit may have been',
    'rebased away (a fix for a commit still in your series has no Fixes: tag; fold it in), live',
    'in a tree you have not pulled, or the sha has a typo.',
    '',
    'Source: checkpatch.pl `UNKNOWN_COMMIT_ID` for `Fixes:` lines; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  async check({ doc, msg, report }, repo) {
    for (const f of fixesTags(doc, msg)) {
      if (f.sha.length < 6) continue;
      const r = await resolveSha(repo, f.sha);
      if (r.status !== 'missing') continue;
      report({
        message: `Fixes: names an unknown commit '${f.sha}', maybe rebased or not pulled?`,
        range: f.shaRange,
      });
    }
    return;
  },
};
