/**
 * EXECUTE_PERMISSIONS (checkpatch ERROR): a new file, or a mode change, gives a source file
 * execute permission (`new file mode 100755`). Scripts are exempt as in checkpatch: paths
 * containing `scripts/` and `.py`, `.pl`, `.awk`, `.sh` files.
 */
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { diffFilePath, headerLines } from './util';

/** checkpatch: `^new (file )?mode.*[7531]\d{0,2}$`: an execute bit in the last three digits. */
const NEW_MODE = /^new (?:file )?mode\s+(\d+)\s*$/;
const EXEC_BITS = /[7531]\d{0,2}$/;

export const executePermissions: TextRule = {
  kind: 'text',
  id: 'EXECUTE_PERMISSIONS',
  severity: 'error',
  description: 'A source file is given execute permission.',
  doc: [
    'The patch creates a file with execute permission (`new file mode 100755`) or adds execute',
    'bits (`new mode 100755`) to a file that is not a script. Source files are `100644`.',
    'Regenerate the patch after `chmod -x FILE` (git keeps the mode). Files under `scripts/`',
    'and `.py`, `.pl`, `.awk`, `.sh` files are exempt.',
    '',
    'Source: checkpatch.pl `EXECUTE_PERMISSIONS`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'EXECUTE_PERMISSIONS', level: 'ERROR' },
  check({ doc, msg, report }) {
    for (const f of msg.diff?.files ?? []) {
      const path = diffFilePath(f);
      if (/scripts\//.test(path) || /\.(py|pl|awk|sh)$/.test(path)) continue;
      for (const l of headerLines(f)) {
        const text = stripCr(doc.lines.get(l) ?? '');
        const m = NEW_MODE.exec(text);
        if (!m || !EXEC_BITS.test(m[1]!)) continue;
        const col = text.lastIndexOf(m[1]!);
        report({
          message: `do not set execute permissions for source files: ${path} gets mode ${m[1]}; use 100644`,
          range: span(l, col, col + m[1]!.length),
        });
      }
    }
    return;
  },
};
