/**
 * MISSING_FIXES_TAG (checkpatch WARNING): the message quotes a sanitizer report (`BUG: KASAN: `,
 * `UBSAN: `), a `Call Trace:`, mentions syzkaller or stable@ (a `Cc: stable@...` trailer counts),
 * yet has no `Fixes:` tag and is not a revert. Like checkpatch, the text after `---` counts too.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, lineText } from '../shared/commitLog';
import { parseFixesLine } from '../shared/commitRef';

const NEEDS_FIXES = /((?:BUG: K.|UB)SAN: |Call Trace:|stable@|syzkaller)/;

export const missingFixesTag: TextRule = {
  kind: 'text',
  id: 'MISSING_FIXES_TAG',
  severity: 'warning',
  description: 'The message describes a bug fix (sanitizer report, Call Trace, stable@) but has no Fixes: tag.',
  doc: [
    'A patch that fixes a bug should say which commit introduced it, so that the fix is carried',
    'to every tree that has the bug:',
    '',
    '```',
    'Fixes: 0123456789ab ("mm: rework the reclaim counter")',
    '```',
    '',
    'checkpatch infers a bug fix from a quoted `BUG: KASAN: `/`UBSAN: ` report, a `Call Trace:`,',
    'a mention of syzkaller or of stable@ (e.g. `Cc: stable@vger.kernel.org`). Reverts are exempt.',
    '',
    'Source: checkpatch.pl `MISSING_FIXES_TAG`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'MISSING_FIXES_TAG', level: 'WARNING' },
  check({ doc, msg, report }) {
    if (!isCommit(msg)) return;
    if (msg.kind === 'patch' && !msg.diff) return;
    let last: number;
    if (msg.kind === 'commit-message') {
      last = msg.message.scissorsLine !== null ? msg.message.scissorsLine - 1 : msg.endLine;
    } else {
      last = msg.diff ? msg.diff.startLine - 1 : msg.endLine;
      if (msg.diffstat) last = Math.min(last, msg.diffstat.startLine - 1);
    }
    const comments = new Set(msg.message.commentLines);
    let trigger: { line: number; at: number; text: string } | null = null;
    for (let l = msg.message.startLine; l <= last; l++) {
      if (comments.has(l)) continue;
      const text = lineText(doc, l);
      if (/^This reverts commit/.test(text)) return;
      if (parseFixesLine(text, l)) return;
      const m = NEEDS_FIXES.exec(text);
      if (m) trigger = { line: l, at: m.index, text: m[1]! };
    }
    if (!trigger) return;
    report({
      message: `The commit message has '${trigger.text.trimEnd()}', perhaps it also needs a 'Fixes:' tag?`,
      range: span(trigger.line, trigger.at, trigger.at + trigger.text.trimEnd().length),
    });
    return;
  },
};
