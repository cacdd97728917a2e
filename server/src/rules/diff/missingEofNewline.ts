/**
 * MISSING_EOF_NEWLINE (checkpatch WARNING): an added line is followed by `\ No newline at end of
 * file`: the patch leaves the file without a final newline. The fix deletes the marker line, so
 * the added line ends with a newline.
 */
import type { DiffFile } from '../../model/types';
import type { TextRule } from '../types';
import { headerLines } from './util';
import { range, span, stripCr } from '../../model/range';
import type { Lines } from '../../model/lines';

const SYMLINK = '120000';

/** The file is a symbolic link: its mode (new file mode, new mode, or the index line's) is 120000. */
function isSymlink(lines: Lines, file: DiffFile): boolean {
  if (file.newMode !== null) return file.newMode === SYMLINK;
  if (file.isDeleted) return file.oldMode === SYMLINK;
  return headerLines(file).some((l) => /^index [0-9a-f]+\.\.[0-9a-f]+ 120000\s*$/.test(stripCr(lines.get(l) ?? '')));
}

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
    'Symbolic links (mode 120000) are exempt, unlike in checkpatch: the content of a link is its',
    'target, which git stores without a newline; adding one would break the link.',
    '',
    'Source: checkpatch.pl `MISSING_EOF_NEWLINE`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'MISSING_EOF_NEWLINE', level: 'WARNING' },
  check({ doc, msg, report }) {
    for (const file of msg.diff?.files ?? []) {
      // A symbolic link's content is its target, which never ends with a newline.
      if (isSymlink(doc.lines, file)) continue;
      for (const hunk of file.hunks) {
        const body = hunk.lines;
        for (let k = 1; k < body.length; k++) {
          if (body.kind(k) !== 'nonewline' || body.kind(k - 1) !== 'add' || body.line(k - 1) !== body.line(k) - 1) continue;
          const marker = body.line(k);
          const text = stripCr(doc.lines.get(marker) ?? '');
          if (!text.startsWith('\\')) continue;
          const remove =
            marker + 1 < doc.lines.length
              ? range(marker, 0, marker + 1, 0)
              : range(marker - 1, (doc.lines.get(marker - 1) ?? '').length, marker, (doc.lines.get(marker) ?? '').length);
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
