/**
 * The repository half of checkpatch's GIT_COMMIT_ID (ERROR): the title quoted in
 * `commit <sha> ("<title>")` is not the title of that commit; or the title is right but the form
 * is not (a sha shorter than 12 hex digits, which the text rule cannot lengthen), reported as the
 * text rule reports it, now with a fix. Reported under checkpatch's own TYPE so that
 * `--ignore GIT_COMMIT_ID` lists carry over; on the same range as the text rule's finding, which
 * it replaces (engine.ts withRepoFindings). The fix writes the reference from the repository
 * (one-line references).
 */
import type { RepoRule } from '../types';
import { commitIdMessage } from '../commitlog/gitCommitId';
import { lineText } from '../shared/commitLog';
import { fitsLine } from '../shared/commitRef';
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
    'The quick fix writes the reference from the repository (`git log -1 --format=\'%h ("%s")\'`),',
    'also when only the form is wrong and the sha is too short to be rewritten from the text alone.',
    '',
    'Source: checkpatch.pl `GIT_COMMIT_ID` (the title comparison, done when git is available).',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'GIT_COMMIT_ID', level: 'ERROR' },
  /** qemu: no such rule in QEMU's checkpatch (see gitCommitId.ts): a right title is a CHECK, a wrong one a warning. */
  variants: { 'qemu-title-right': 'information', 'qemu-title-wrong': 'warning' },
  async check({ doc, msg, config, report }, repo) {
    for (const ref of commitWordRefs(doc, msg)) {
      if (ref.title === null || ref.sha.length < 5 || ref.sha.length > 40) continue;
      const r = await resolveSha(repo, ref.sha);
      if (r.status !== 'found') continue;
      const real = r.commit.title;
      if (ref.title === real && !ref.badFormat) continue;
      let text = `${ref.initChar}ommit ${short12(r.commit.sha)} ("${real}")`;
      let message = `The title of commit ${short12(r.commit.sha)} is "${real}", not "${ref.title}": write '${text}'`;
      if (ref.title === real) {
        // Only the form is wrong: the text rule's finding, with the sha from the repository when
        // it is too short (a long enough one is kept as written, as the text rule's fix does).
        const sha = ref.sha.length >= 12 ? ref.sha.toLowerCase() : short12(r.commit.sha);
        text = `${ref.initChar}ommit ${sha} ("${real}")`;
        message = commitIdMessage(ref, text);
      }
      const written = lineText(doc, ref.line).slice(ref.range.start.character, ref.range.end.character);
      report({
        ...(config.profile === 'qemu' ? { variant: ref.title === real ? 'qemu-title-right' : 'qemu-title-wrong' } : {}),
        message,
        range: ref.range,
        // The commit's own sha and title, from the repository.
        ...(ref.singleLine && text !== written
          ? {
              fix: {
                title: `Write '${text}'`,
                edits: [{ range: ref.range, newText: text }],
                safety: fitsLine(lineText(doc, ref.line), ref.range, text, config.maxLineLength),
              },
            }
          : {}),
      });
    }
    return;
  },
};
