/**
 * EMAIL_SUBJECT (checkpatch WARNING): the subject names the tool that found the problem
 * (checkpatch, sparse, smatch) instead of describing the change. `checkpatch: ...` used as a
 * subsystem prefix is allowed, as in checkpatch (`\b(checkpatch|sparse|smatch)\b[^:]`).
 */
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { mailSubjectHeader } from './util';

const TOOL = /\b(checkpatch|sparse|smatch)\b/gi;
const MESSAGE = 'A patch subject line should describe the change not the tool that found it';

export const emailSubject: TextRule = {
  kind: 'text',
  id: 'EMAIL_SUBJECT',
  severity: 'warning',
  description: 'The subject names the tool that found the problem instead of the change.',
  doc: [
    'The subject line should say what the patch changes, not which tool (checkpatch, sparse,',
    'smatch) found the problem. A tool name used as the subsystem prefix (`checkpatch: ...`) is fine.',
    '',
    'Source: checkpatch.pl `EMAIL_SUBJECT`.',
    '',
    'Instead of `Subject: [PATCH] net: fix sparse warnings`, write',
    '`Subject: [PATCH] net: annotate the endianness of foo_hdr fields`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'EMAIL_SUBJECT', level: 'WARNING' },
  check({ doc, msg, report }) {
    const h = mailSubjectHeader(msg);
    if (!h) return;
    if (h.value !== h.rawValue) {
      // RFC 2047 encoded: the decoded text has no exact columns; underline the value.
      for (const m of h.value.matchAll(TOOL)) {
        const next = h.value[m.index! + m[0].length];
        if (next !== undefined && next !== ':') {
          report({ message: MESSAGE, range: h.valueRange });
          break;
        }
      }
      return;
    }
    const last = h.range.end.line;
    for (let l = h.range.start.line; l <= last; l++) {
      const text = stripCr(doc.lines.get(l) ?? '');
      const from = l === h.range.start.line ? h.valueRange.start.character : 0;
      for (const m of text.matchAll(TOOL)) {
        const at = m.index!;
        if (at < from) continue;
        const end = at + m[0].length;
        // checkpatch's `[^:]` needs some character after the word that is not a colon; at the end
        // of a folded line the fold's whitespace follows.
        const next = end < text.length ? text[end] : l < last ? ' ' : undefined;
        if (next === undefined || next === ':') continue;
        report({
          message: `${MESSAGE}: '${m[0]}' is the tool; say what the patch changes`,
          range: span(l, at, end),
        });
        return;
      }
    }
    return;
  },
};
