/**
 * DOS_LINE_ENDINGS (checkpatch ERROR): an added line carries a carriage return (`\r\n` line
 * ending). Reported per line; the fix removes the `\r` at the end of the line. Ranges stop at
 * the end of the line's text (LSP counts `\r\n` as one line break): the finding and its fix span
 * the line break, from the `\r` to the start of the next line.
 */
import type { TextRule } from '../types';
import { range, span } from '../../model/range';
import { forEachAddedLine, trailingBlankStart } from './util';

export const dosLineEndings: TextRule = {
  kind: 'text',
  id: 'DOS_LINE_ENDINGS',
  severity: 'error',
  description: 'An added line has a DOS (CR LF) line ending.',
  doc: [
    'Added lines end with a carriage return (`\\r\\n`, DOS line endings). Kernel and QEMU sources',
    'use Unix line endings. The quick fix removes the `\\r`; fix the editor or the tool that',
    'produced the file (`dos2unix`).',
    '',
    'Source: checkpatch.pl `DOS_LINE_ENDINGS`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'DOS_LINE_ENDINGS', level: 'ERROR' },
  check({ doc, msg, report }) {
    // One search over the message instead of one a line: most patches have no CR at all.
    if (!doc.lines.join(msg.startLine, msg.endLine + 1).includes('\r')) return;
    forEachAddedLine(msg, (line) => {
      const raw = doc.lines.get(line) ?? '';
      const cr = raw.indexOf('\r');
      if (cr < 0) return;
      const atEnd = cr === raw.length - 1;
      const message = 'DOS line endings';
      if (!atEnd) {
        // A carriage return inside the line: part of the line's text, no automatic fix.
        report({ message, range: span(line, cr, cr + 1) });
      } else if (line + 1 < doc.lines.length) {
        // The `\r` of `\r\n` is part of the line break (LSP positions stop before it): the
        // range runs from the end of the text to the next line, the fix writes a bare `\n`.
        const lineBreak = range(line, cr, line + 1, 0);
        // checkpatch reports TRAILING_WHITESPACE only when there is no CR: whitespace before
        // the CR would appear as a new error once the CR is gone, so the fix takes it too.
        const ws = cr - Math.max(1, trailingBlankStart(raw, cr));
        const fix =
          ws > 0
            ? { title: 'Remove the carriage return and the trailing whitespace', edits: [{ range: range(line, cr - ws, line + 1, 0), newText: '\n' }], safety: 'safe' as const }
            : { title: 'Remove the carriage return', edits: [{ range: lineBreak, newText: '\n' }], safety: 'safe' as const };
        report({ message, range: lineBreak, fix });
      } else {
        // The last line of a text without a final newline: no position after the `\r`.
        report({ message, range: span(line, cr, cr) });
      }
    });
    return;
  },
};
