/**
 * The title part of checkpatch's GIT_COMMIT_ID (ERROR, repository only): the title quoted in
 * `commit <sha> ("<title>")` is not the title of that commit. Reported under checkpatch's own
 * TYPE so that `--ignore GIT_COMMIT_ID` lists carry over; the text rule of the same id checks the
 * form. The fix writes the reference from the repository (one-line references).
 */
import type { Finding, RepoRule } from '../types';
import { commitWordRefs, resolveSha, short12 } from './util';

export const commitTitleMismatch: RepoRule = {
  kind: 'repo',
  id: 'GIT_COMMIT_ID',
  severity: 'error',
  description: 'The title quoted for a referenced commit is not its real title.',
  doc: [
    'A commit reference quotes the commit\'s title exactly, so that it can be found even when the',
    'sha is ambiguous or rewritten:',
    '',
    '```',
    'commit 0123456789ab ("mm: rework the reclaim counter")',
    '```',
    '',
    'The quick fix writes the reference from the repository (`git log -1 --format=\'%h ("%s")\'`).',
    '',
    'Source: checkpatch.pl `GIT_COMMIT_ID` (the title comparison, done when git is available).',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  async check({ doc, msg }, repo) {
    const out: Finding[] = [];
    for (const ref of commitWordRefs(doc, msg)) {
      if (ref.title === null || ref.sha.length < 5 || ref.sha.length > 40) continue;
      const r = await resolveSha(repo, ref.sha);
      if (r.status !== 'found') continue;
      const real = r.commit.title;
      if (ref.title === real) continue;
      const text = `${ref.initChar}ommit ${short12(r.commit.sha)} ("${real}")`;
      const finding: Finding = {
        rule: 'GIT_COMMIT_ID',
        severity: 'error',
        message: `The title of commit ${short12(r.commit.sha)} is "${real}", not "${ref.title}": write '${text}'`,
        range: ref.range,
      };
      if (ref.singleLine) finding.fix = { title: `Write '${text}'`, edits: [{ range: ref.range, newText: text }] };
      out.push(finding);
    }
    return out;
  },
};
