/**
 * COMMIT_LOG_WRONG_LINK (checkpatch WARNING): `Link:` or `Closes:` (exactly so spelt) followed by
 * something that is not an http(s) URL (`Closes: #1267`, `Link: <msgid>`).
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, lineText } from '../shared/commitLog';

export const commitLogWrongLink: TextRule = {
  kind: 'text',
  id: 'COMMIT_LOG_WRONG_LINK',
  severity: 'warning',
  description: "'Link:' or 'Closes:' is not followed by a public http(s) URL.",
  doc: [
    '`Link:` and `Closes:` take a public http(s) URL: private bug trackers, bare issue numbers',
    '(`Closes: #123`) and message-ids in angle brackets are not useful to readers of the history.',
    'For a mailing-list message use `https://lore.kernel.org/r/<message-id>`.',
    '',
    'Source: checkpatch.pl `COMMIT_LOG_WRONG_LINK`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_LOG_WRONG_LINK', level: 'WARNING' },
  check({ doc, msg, facts, report }) {
    if (!isCommit(msg)) return;
    for (const l of facts.log.logLines) {
      const text = lineText(doc, l);
      const m = /^(\s*)(\w+:)(\s*)(\S+)/.exec(text);
      if (!m || (m[2] !== 'Link:' && m[2] !== 'Closes:')) continue;
      const value = m[4]!;
      if (/^https?:\/\//.test(value)) continue;
      const start = m[1]!.length + m[2]!.length + m[3]!.length;
      const msgid = /^<([^<>\s]+@[^<>\s]+)>$/.exec(value);
      report({
        message: `'${m[2]}' should be followed by a public http(s) link`,
        range: span(l, start, start + value.length),
        ...(msgid
          ? {
              fix: {
                title: 'Use the lore link of the message-id',
                edits: [{ range: span(l, start, start + value.length), newText: `https://lore.kernel.org/r/${msgid[1]}` }],
                // Assumes the list is archived on lore.kernel.org.
                safety: 'unsafe' as const,
              },
            }
          : {}),
      });
    }
    return;
  },
};
