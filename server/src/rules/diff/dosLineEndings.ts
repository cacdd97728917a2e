/**
 * DOS_LINE_ENDINGS (checkpatch ERROR): an added line carries a carriage return (`\r\n` line
 * ending). Reported per line; the fix removes the `\r` at the end of the line.
 */
import type { Finding, TextRule } from '../types';
import { span } from '../../model/range';

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
  check({ doc, msg }) {
    const out: Finding[] = [];
    for (const file of msg.diff?.files ?? []) {
      for (const hunk of file.hunks) {
        for (const dl of hunk.lines) {
          if (dl.kind !== 'add') continue;
          const raw = doc.lines[dl.line] ?? '';
          const cr = raw.indexOf('\r');
          if (cr < 0) continue;
          const atEnd = cr === raw.length - 1;
          const range = span(dl.line, cr, cr + 1);
          out.push({
            rule: 'DOS_LINE_ENDINGS',
            severity: 'error',
            message: 'DOS line endings',
            range,
            ...(atEnd ? { fix: { title: 'Remove the carriage return', edits: [{ range, newText: '' }] } } : {}),
          });
        }
      }
    }
    return out;
  },
};
