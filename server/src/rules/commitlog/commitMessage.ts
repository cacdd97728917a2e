/**
 * COMMIT_MESSAGE (checkpatch WARNING): "Missing commit description". checkpatch counts the
 * non-blank lines of the commit log plus the line that ends it when that is the first
 * Signed-off-by or the `---` separator, and warns below two: a title with only a sign-off under
 * it has no description.
 */
import type { TextRule } from '../types';
import { linesRange } from '../../model/range';
import { isBlank, isCommit, lineText } from '../shared/commitLog';

export const commitMessage: TextRule = {
  kind: 'text',
  id: 'COMMIT_MESSAGE',
  severity: 'warning',
  description: 'The commit message has no description, only a title (and a sign-off).',
  doc: [
    'Every patch needs a description under its title: what the problem is, why it matters and',
    'how the patch solves it. checkpatch counts the non-blank lines up to and including the first',
    '`Signed-off-by:` and warns when there are fewer than two.',
    '',
    'Source: checkpatch.pl `COMMIT_MESSAGE`; Documentation/process/submitting-patches.rst',
    '"Describe your changes".',
    '',
    'Right:',
    '```',
    'Subject: [PATCH] mm: fix the reclaim counter on memcg offline',
    '',
    'The counter is not decremented when the memcg goes offline, so ...',
    '',
    'Signed-off-by: Jane Doe <jane@example.org>',
    '```',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_MESSAGE', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    if (!isCommit(msg)) return;
    const log = facts.log;
    let count = 0;
    for (const l of log.logLines) if (!isBlank(lineText(doc, l))) count++;
    // checkpatch counts the line that ends the log when it is the first sign-off or the `---`
    // separator (a bare commit message gets its `---` from format-patch).
    const separator = msg.kind === 'commit-message' || (msg.notes !== null && msg.notes.separatorLine !== null);
    if (log.firstSignOff >= 0 || separator) count++;
    if (count >= 2) return;
    const range = msg.message.titleRange ?? linesRange(doc.lines, msg.startLine, msg.startLine);
    report({
      message: 'Missing commit description - Add an appropriate one',
      range,
    });
    return;
  },
};
