/**
 * GERRIT_CHANGE_ID (checkpatch ERROR): a Gerrit `Change-Id:` line in the commit message (before
 * the `---` line and the diff). b4's `change-id:` below `---` is fine. The fix removes the line.
 */
import type { TextRule } from '../types';
import { range, span } from '../../model/range';
import { isCommit, lineText, trimmedSpan } from '../shared/commitLog';

export const gerritChangeId: TextRule = {
  kind: 'text',
  id: 'GERRIT_CHANGE_ID',
  severity: 'error',
  description: "A Gerrit 'Change-Id:' line is in the commit message.",
  doc: [
    '`Change-Id:` lines are added by Gerrit\'s commit-msg hook and mean nothing upstream: remove',
    'them before sending. (b4\'s `change-id:` line below the `---` separator of a cover letter or',
    'a single patch is not part of the commit and is fine.)',
    '',
    'Source: checkpatch.pl `GERRIT_CHANGE_ID`.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'GERRIT_CHANGE_ID', level: 'ERROR' },
  check({ doc, msg, facts, report }) {
    if (!isCommit(msg)) return;
    for (const l of facts.log.messageLines) {
      const text = lineText(doc, l);
      if (!/^\s*change-id:/i.test(text)) continue;
      const [a, b] = trimmedSpan(text);
      const remove = l + 1 < doc.lines.length ? range(l, 0, l + 1, 0) : range(l, 0, l, doc.lines.get(l)!.length);
      report({
        message: "Remove Gerrit Change-Id's before submitting upstream",
        range: span(l, a, b),
        fix: { title: 'Remove the Change-Id line', edits: [{ range: remove, newText: '' }], safety: 'safe' },
      });
    }
    return;
  },
};
