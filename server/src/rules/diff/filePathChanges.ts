/**
 * FILE_PATH_CHANGES (checkpatch WARNING): the patch adds, renames or deletes a file but does not
 * touch MAINTAINERS, which may list the path. Once a message.
 *
 * - kernel: as checkpatch reads it, on the first of the diffstat's rename lines
 *   (` lib/{ => crypto}/chacha.c | 20`, and the brace-less ` a.c => b.c |` git writes when the
 *   paths share no directory) and the `new file mode` / `deleted file mode` / `rename from|to`
 *   header lines. Tools that strip the git headers (quilt, OpenWrt's refresh) leave only the
 *   diffstat to show a move.
 * - qemu: QEMU's checkpatch warns once with the list of the added, moved or deleted files, and
 *   leaves out the expected ACPI tables (`tests/data/acpi/`, updated by the bios-tables-test
 *   process), whose entries MAINTAINERS already covers.
 */
import type { DiffFile, DiffstatFile, PatchMessage } from '../../model/types';
import type { Profile, TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { diffFilePath, headerLines } from './util';
import type { Lines } from '../../model/lines';

const PATH_CHANGE = /^(?:(?:new|deleted) file mode\s*\d+\s*|rename (?:from|to) [\w/.-]+\s*)$/;
/** QEMU's checkpatch: the expected tables of bios-tables-test are not MAINTAINERS' business. */
const QEMU_EXEMPT = /^tests\/data\/acpi\//;

interface Change {
  line: number;
  start: number;
  end: number;
  path: string;
}

function touchesMaintainers(msg: PatchMessage): boolean {
  if (msg.diff?.files.some((f) => diffFilePath(f) === 'MAINTAINERS' || f.from === 'MAINTAINERS')) return true;
  return !!msg.diffstat?.files.some((e) => e.path === 'MAINTAINERS');
}

function isMove(e: DiffstatFile): boolean {
  return e.oldPath !== null && e.oldPath !== e.path;
}

/** The path changes of the message, in document order: diffstat moves, then git header lines. */
function changes(lines: Lines, msg: PatchMessage): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const e of msg.diffstat?.files ?? []) {
    if (!isMove(e)) continue;
    seen.add(e.path);
    out.push({ line: e.line, start: e.pathRange.start.character, end: e.pathRange.end.character, path: e.path });
  }
  const headerChange = (f: DiffFile): Change | null => {
    for (const l of headerLines(f)) {
      const text = stripCr(lines.get(l) ?? '');
      if (PATH_CHANGE.test(text)) return { line: l, start: 0, end: text.trimEnd().length, path: diffFilePath(f) };
    }
    return null;
  };
  for (const f of msg.diff?.files ?? []) {
    if (!f.isNew && !f.isDeleted && !f.isRename) continue;
    const c = headerChange(f);
    if (c && !seen.has(c.path)) {
      seen.add(c.path);
      out.push(c);
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

function message(profile: Profile, found: readonly Change[]): string {
  if (profile !== 'qemu') return 'added, moved or deleted file(s), does MAINTAINERS need updating?';
  const paths = found.map((c) => c.path);
  const listed = paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ');
  return `added, moved or deleted file(s), does MAINTAINERS need updating? ${listed}`;
}

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
    'A move is seen in the git headers (`new file mode`, `deleted file mode`, `rename from|to`)',
    'and, as checkpatch reads it, in the diffstat (`lib/{ => crypto}/chacha.c | 20`), which is all',
    'that is left when a tool strips the git headers. patchsmith also reads the brace-less form',
    '(`a.c => b.c |`, the same move when the paths share no directory), which checkpatch misses.',
    '',
    'In the qemu profile the finding lists the files, as QEMU\'s checkpatch does, and the expected',
    'ACPI tables under `tests/data/acpi/` (bios-tables-test) are left out, as QEMU\'s checkpatch',
    'leaves them out.',
    '',
    'Source: checkpatch.pl `FILE_PATH_CHANGES`; QEMU scripts/checkpatch.pl ("added, moved or',
    'deleted file(s) ... Does MAINTAINERS need updating?").',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'FILE_PATH_CHANGES', level: 'WARNING' },
  check({ doc, msg, config, report }) {
    if (!msg.diff && !msg.diffstat) return;
    if (touchesMaintainers(msg)) return;
    let found = changes(doc.lines, msg);
    if (config.profile === 'qemu') found = found.filter((c) => !QEMU_EXEMPT.test(c.path));
    const first = found[0];
    if (!first) return;
    report({ message: message(config.profile, found), range: span(first.line, first.start, first.end) });
  },
};
