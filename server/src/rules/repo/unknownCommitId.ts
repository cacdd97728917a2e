/**
 * UNKNOWN_COMMIT_ID (checkpatch WARNING, repository only): `commit <sha>` in the commit log names
 * no commit of the repository (rebased away, not pulled, or a typo). Fixes: tags are
 * FIXES_UNKNOWN_COMMIT's; ambiguous short shas are not reported.
 */
import type { RepoRule } from '../types';
import { commitWordRefs, resolveSha } from './util';

export const unknownCommitId: RepoRule = {
  kind: 'repo',
  id: 'UNKNOWN_COMMIT_ID',
  severity: 'warning',
  description: 'A commit referenced in the commit message is not in the repository.',
  doc: [
    'The commit message refers to `commit <sha>`, but the repository has no such commit: it may',
    'have been rebased away, live in a tree you have not pulled, or the sha has a typo. Refer to',
    'commits as they are in the tree the patch is for.',
    '',
    'Source: checkpatch.pl `UNKNOWN_COMMIT_ID`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'UNKNOWN_COMMIT_ID', level: 'WARNING' },
  async check({ doc, msg, report }, repo) {
    for (const ref of commitWordRefs(doc, msg)) {
      if (ref.sha.length < 6 || ref.sha.length > 40) continue;
      const r = await resolveSha(repo, ref.sha);
      if (r.status !== 'missing') continue;
      report({
        message: `Unknown commit id '${ref.sha}', maybe rebased or not pulled?`,
        range: ref.shaRange,
      });
    }
    return;
  },
};
