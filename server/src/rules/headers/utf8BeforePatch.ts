/**
 * UTF8_BEFORE_PATCH (checkpatch WARNING): the mail declares a charset other than UTF-8 in its
 * Content-Type header, yet the commit log holds 8-bit UTF-8 text; `git am` would decode it with
 * the declared charset and garble it. Like checkpatch, the "possible commit log" runs from the
 * end of the mail headers to the first Signed-off-by:, the `---` line or the diff.
 */
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';

const NON_ASCII_RUN = /[^\x00-\x7f\ufffd]+/;
const SIGN_OFF = /^\s*signed-off-by:/i;

export const utf8BeforePatch: TextRule = {
  kind: 'text',
  id: 'UTF8_BEFORE_PATCH',
  severity: 'warning',
  description: 'The commit log holds UTF-8 text but the mail declares another charset.',
  doc: [
    'The mail\'s `Content-Type:` header declares a charset other than UTF-8 (for example',
    '`charset="us-ascii"` or `iso-8859-1`), while the commit log contains non-ASCII UTF-8 text.',
    '`git am` decodes the body with the declared charset, so the text arrives garbled.',
    'Declare `Content-Type: text/plain; charset=UTF-8` (git send-email does when it sees 8-bit',
    'text) or remove the header.',
    '',
    'Source: checkpatch.pl `UTF8_BEFORE_PATCH`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'UTF8_BEFORE_PATCH', level: 'WARNING' },
  check({ doc, msg, report }) {
    const charset = msg.charset;
    if (charset === null || /utf-?8/i.test(charset) || msg.headerEndLine === null) return;
    const stop = msg.diff ? msg.diff.startLine : msg.endLine + 1;
    for (let l = msg.headerEndLine + 1; l < stop && l <= msg.endLine; l++) {
      const text = stripCr(doc.lines.get(l) ?? '');
      if (/^---\s*$/.test(text)) break;
      const m = NON_ASCII_RUN.exec(text);
      if (m) {
        report({
          message: `8-bit UTF-8 used in possible commit log, but Content-Type declares charset ${charset}: declare charset=UTF-8`,
          range: span(l, m.index, m.index + m[0].length),
        });
      }
      if (SIGN_OFF.test(text)) break;
    }
    return;
  },
};
