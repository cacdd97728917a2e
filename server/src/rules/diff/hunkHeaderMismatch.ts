/**
 * HUNK_HEADER_MISMATCH: a hunk header's line counts (`@@ -a,B +c,D @@`) differ from the lines
 * the hunk holds. `git apply` rejects such a patch ("corrupt patch at line N"); it is the
 * commonest damage from editing a patch by hand. The fix rewrites the counts.
 */
import type { TextEdit, TextRule } from '../types';
import { span } from '../../model/range';
import { completedByTrailingBlankContext, hunkCutBy, hunkView, signatureCut } from './util';

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export const hunkHeaderMismatch: TextRule = {
  kind: 'text',
  id: 'HUNK_HEADER_MISMATCH',
  severity: 'error',
  description: "A hunk header's line counts do not match the hunk.",
  doc: [
    'The hunk header `@@ -start,count +start,count @@` declares how many old (context and `-`)',
    'and new (context and `+`) lines follow. When a patch is edited by hand these go stale and',
    '`git apply`/`git am` reject it as corrupt. The quick fix recounts them.',
    '',
    'Source: git apply; RULES.md "Beyond checkpatch".',
    '',
    'A hunk with 3 context lines and 2 added lines is `@@ -10,3 +10,5 @@`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: null,
  check({ doc, msg, report }) {
    const cut = signatureCut(doc.lines, msg);
    for (const file of msg.diff?.files ?? []) {
      for (const h of file.hunks) {
        const view = hunkView(h, cut);
        const actualOld = view.oldCount;
        const actualNew = view.newCount;
        if (h.oldLines === actualOld && h.newLines === actualNew) continue;
        if (completedByTrailingBlankContext(doc.lines, msg, h)) continue;
        const text = doc.lines.get(h.headerLine) ?? '';
        const m = HEADER.exec(text);
        if (!m) continue;
        // Columns of the four numbers (start/count may be absent: count 1).
        const oldStartCol = 4;
        const oldStartEnd = oldStartCol + m[1]!.length;
        const oldCountEnd = m[2] !== undefined ? oldStartEnd + 1 + m[2].length : oldStartEnd;
        const newStartCol = oldCountEnd + 2;
        const newStartEnd = newStartCol + m[3]!.length;
        const newCountEnd = m[4] !== undefined ? newStartEnd + 1 + m[4].length : newStartEnd;
        const edits: TextEdit[] = [];
        const recount = (count: string | undefined, startEnd: number, countEnd: number, actual: number): void => {
          const declared = count === undefined ? 1 : parseInt(count, 10);
          if (declared === actual) return;
          edits.push({ range: span(h.headerLine, startEnd, countEnd), newText: `,${actual}` });
        };
        recount(m[2], oldStartEnd, oldCountEnd, actualOld);
        recount(m[4], newStartEnd, newCountEnd, actualNew);
        const fixed =
          `-${m[1]}${actualOld === 1 && m[2] === undefined ? '' : `,${actualOld}`}` +
          ` +${m[3]}${actualNew === 1 && m[4] === undefined ? '' : `,${actualNew}`}`;
        report({
          message:
            `Hunk header declares ${h.oldLines} old and ${h.newLines} new lines but the hunk has ` +
            `${actualOld} and ${actualNew}: git apply rejects it; write ${fixed}`,
          range: span(h.headerLine, oldStartCol - 1, newCountEnd),
          // A hunk cut short by a wrapped line is damaged text: recounting would hide that.
          // Nor is a fix derived from a hunk the parser found damaged.
          ...(h.damage === null && hunkCutBy(doc.lines, msg, h, cut) < 0 ? {
                // What is left to recount are lines after the declared end, which git apply
                // ignores today: counting them in is a guess at intent, and a context or removed
                // line added by hand may not apply.
                fix: { title: `Recount the hunk header: ${fixed}`, edits, safety: 'unsafe' as const },
              } : {}),
        });
      }
    }
    return;
  },
};
