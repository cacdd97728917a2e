/**
 * COMMIT_COMMENT_SYMBOL (checkpatch WARNING): a commit-log line starting with `#`. When the
 * patch is applied and the commit edited, git drops such lines as comments. The fix indents the
 * line by one space, as checkpatch's --fix does.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';

export const commitCommentSymbol: TextRule = {
  kind: 'text',
  id: 'COMMIT_COMMENT_SYMBOL',
  severity: 'warning',
  description: "A commit message line starts with '#', which git drops as a comment.",
  doc: [
    'git treats lines starting with `#` as comments when the commit message is edited, so they',
    'silently disappear. Indent the line (`  #include <foo.h>`) or reword it.',
    '',
    'Source: checkpatch.pl `COMMIT_COMMENT_SYMBOL`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_COMMENT_SYMBOL', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    // In a bare commit message `#` lines are git's own comments.
    if (msg.kind !== 'patch') return;
    for (const l of facts.log.logLines) {
      if (!lineText(doc, l).startsWith('#')) continue;
      report({
        message: "Commit log lines starting with '#' are dropped by git as comments",
        range: span(l, 0, 1),
        fix: { title: 'Indent the line by one space', edits: [{ range: span(l, 0, 0), newText: ' ' }], safety: 'safe' },
      });
    }
    return;
  },
};
