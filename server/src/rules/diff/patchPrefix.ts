/**
 * PATCH_PREFIX (checkpatch WARNING): a -p0 patch, whose paths have no `a/` `b/` (or other)
 * leading directory; `git am` and `patch -p1` strip one component and miss the files.
 * checkpatch decides this by looking for the first path component in the source tree; without
 * a tree we flag only what is decidable from the text: a `diff --git` whose two names are the
 * same path (`git diff --no-prefix`), or a path with no directory at all.
 */
import type { DiffFile } from '../../model/types';
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { headerLines } from './util';
import type { Lines } from '../../model/lines';

function isP0(lines: Lines, f: DiffFile): boolean {
  if (f.prefixed) return false;
  const first = stripCr(lines.get(f.startLine) ?? '');
  if (first.startsWith('diff --git ')) {
    const rest = first.slice('diff --git '.length);
    const half = (rest.length - 1) / 2;
    return Number.isInteger(half) && rest[half] === ' ' && rest.slice(0, half) === rest.slice(half + 1);
  }
  const paths = [f.from, f.to].filter((p) => p !== '/dev/null');
  return paths.length > 0 && paths.some((p) => !p.includes('/'));
}

export const patchPrefix: TextRule = {
  kind: 'text',
  id: 'PATCH_PREFIX',
  severity: 'warning',
  description: 'The patch is a -p0 patch (paths without a/ b/ prefixes).',
  doc: [
    'Patches are applied with `git am` / `patch -p1`, which strip the first path component',
    '(`a/`, `b/`). A patch made with `git diff --no-prefix` or `diff` run inside the tree has no',
    'such component, so the paths come out wrong. Regenerate it with `git format-patch` (without',
    '`--no-prefix`), or with `diff -u old/dir new/dir`.',
    '',
    'Source: checkpatch.pl `PATCH_PREFIX`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'PATCH_PREFIX', level: 'WARNING' },
  check({ doc, msg, report }) {
    for (const f of msg.diff?.files ?? []) {
      if (!isP0(doc.lines, f)) continue;
      // Underline the old path on the `--- ` line, else the `diff --git` names.
      let range = span(f.startLine, 0, stripCr(doc.lines.get(f.startLine) ?? '').length);
      for (const l of headerLines(f)) {
        const text = stripCr(doc.lines.get(l) ?? '');
        if (text.startsWith('--- ')) {
          const tab = text.indexOf('\t');
          range = span(l, 4, tab > 4 ? tab : text.trimEnd().length);
          break;
        }
      }
      if (range.start.line === f.startLine && stripCr(doc.lines.get(f.startLine) ?? '').startsWith('diff --git ')) {
        range = span(f.startLine, 'diff --git '.length, range.end.character);
      }
      report({
        message: 'patch paths have no a/ b/ prefix, appears to be a -p0 patch: regenerate it without --no-prefix',
        range,
      });
      return;
    }
    return;
  },
};
