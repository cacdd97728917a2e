/**
 * FILE_PATH_CHANGES (checkpatch WARNING, kernel only): the patch adds, renames or deletes a
 * file but does not touch MAINTAINERS, which may list the path. Once a message, on the first
 * `new file mode` / `deleted file mode` / `rename from|to` line.
 */
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { diffFilePath, headerLines } from './util';

const PATH_CHANGE = /^(?:(?:new|deleted) file mode\s*\d+\s*|rename (?:from|to) [\w/.-]+\s*)$/;

export const filePathChanges: TextRule = {
  kind: 'text',
  id: 'FILE_PATH_CHANGES',
  severity: 'warning',
  description: 'Files are added, moved or deleted without updating MAINTAINERS.',
  doc: [
    'The patch adds, renames or deletes files. MAINTAINERS maps paths to maintainers and lists;',
    'a new driver or a moved directory usually needs an entry there (or a change to an existing',
    '`F:` pattern). If the existing patterns already cover the paths, ignore this.',
    '',
    'Source: checkpatch.pl `FILE_PATH_CHANGES`.',
  ].join('\n'),
  profiles: ['kernel'],
  origin: { checkpatch: 'FILE_PATH_CHANGES', level: 'WARNING' },
  check({ doc, msg, report }) {
    const diff = msg.diff;
    if (!diff) return;
    if (diff.files.some((f) => diffFilePath(f) === 'MAINTAINERS' || f.from === 'MAINTAINERS')) return;
    if (msg.diffstat?.files.some((e) => e.path === 'MAINTAINERS')) return;
    for (const f of diff.files) {
      for (const l of headerLines(f)) {
        const text = stripCr(doc.lines[l] ?? '');
        if (!PATH_CHANGE.test(text)) continue;
        report({
          message: 'added, moved or deleted file(s), does MAINTAINERS need updating?',
          range: span(l, 0, text.trimEnd().length),
        });
        return;
      }
    }
    return;
  },
};
