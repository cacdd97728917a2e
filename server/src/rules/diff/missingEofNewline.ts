/**
 * MISSING_EOF_NEWLINE (checkpatch WARNING): an added line is followed by `\ No newline at end of
 * file`: the patch leaves the file without a final newline. The fix deletes the marker line, so
 * the added line ends with a newline.
 */
import type { TextRule } from '../types';
import { range, span, stripCr } from '../../model/range';

export const missingEofNewline: TextRule = {
  kind: 'text',
  id: 'MISSING_EOF_NEWLINE',
  severity: 'warning',
  description: 'The patch leaves a file without a newline at its end.',
  doc: [
    'An added line followed by `\\ No newline at end of file` leaves the file without a final',
    'newline; tools (and the next patch to append a line) trip over it. End the file with a',
    'newline. The quick fix removes the marker line.',
    '',
    'Source: checkpatch.pl `MISSING_EOF_NEWLINE`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'MISSING_EOF_NEWLINE', level: 'WARNING' },
  check({ doc, msg, report }) {
    for (const file of msg.diff?.files ?? []) {
      for (const hunk of file.hunks) {
        for (let k = 1; k < hunk.lines.length; k++) {
          const dl = hunk.lines[k]!;
          const prev = hunk.lines[k - 1]!;
          if (dl.kind !== 'nonewline' || prev.kind !== 'add' || prev.line !== dl.line - 1) continue;
          const marker = dl.line;
          const text = stripCr(doc.lines[marker] ?? '');
          if (!text.startsWith('\\')) continue;
          const remove =
            marker + 1 < doc.lines.length
              ? range(marker, 0, marker + 1, 0)
              : range(marker - 1, (doc.lines[marker - 1] ?? '').length, marker, (doc.lines[marker] ?? '').length);
          report({
            message: 'adding a line without newline at end of file',
            range: span(marker, 0, text.length),
            fix: { title: 'End the file with a newline (remove the marker)', edits: [{ range: remove, newText: '' }], safety: 'safe' },
          });
        }
      }
    }
    return;
  },
};
