/**
 * INVALID_UTF8 (checkpatch CHECK): a line that was not valid UTF-8. The editor decodes the file
 * as UTF-8, replacing invalid bytes with U+FFFD, so those characters mark the damage. Like
 * checkpatch, this looks at every line before the diff (headers, log, notes, diffstat) and at
 * added lines. (checkpatch also reports ASCII control characters here; that is left out: the
 * message is about the encoding.)
 */
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';

const REPLACEMENT_RUN = /\ufffd+/;
const MESSAGE = 'Invalid UTF-8, patch and commit message should be encoded in UTF-8';

export const invalidUtf8: TextRule = {
  kind: 'text',
  id: 'INVALID_UTF8',
  severity: 'information',
  description: 'A line of the mail or an added line is not valid UTF-8.',
  doc: [
    'Patches and commit messages are UTF-8. A byte sequence that is not valid UTF-8 (a Latin-1',
    'name, a binary byte pasted into the text) shows up as the replacement character `\uFFFD`.',
    'Re-encode the text as UTF-8 (`iconv -f latin1 -t utf-8`) or fix the source of the bytes.',
    '',
    'Source: checkpatch.pl `INVALID_UTF8`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'INVALID_UTF8', level: 'CHECK' },
  check({ doc, msg, report }) {
    // One search over the message first: a line at a time cut 2M strings out of a huge patch.
    if (!doc.lines.join(msg.startLine, msg.endLine + 1).includes('\ufffd')) return;
    const checkLine = (l: number): void => {
      const m = REPLACEMENT_RUN.exec(stripCr(doc.lines.get(l) ?? ''));
      if (m) report({ message: MESSAGE, range: span(l, m.index, m.index + m[0].length) });
    };
    const stop = msg.diff && msg.diff.files.length ? msg.diff.files[0]!.startLine : msg.endLine + 1;
    for (let l = msg.startLine; l < stop && l <= msg.endLine; l++) checkLine(l);
    for (const file of msg.diff?.files ?? []) {
      for (const hunk of file.hunks) {
        const body = hunk.lines;
        for (let i = 0; i < body.length; i++) if (body.kind(i) === 'add') checkLine(body.line(i));
      }
    }
    return;
  },
};
