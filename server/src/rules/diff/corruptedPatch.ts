/**
 * CORRUPTED_PATCH (checkpatch ERROR, once a message): inside a hunk, a line that starts with
 * none of `+`, `-`, space or `\`: usually a long line wrapped by the mailer. Taken from the
 * parser's CORRUPTED_PATCH problems, except lines it appended to a hunk whose counts were used
 * up (hand-added lines: HUNK_HEADER_MISMATCH reports those), plus the text line that cuts a hunk
 * short (a wrapped last line: the parser reports the short hunk only).
 * A hunk whose context lines lost their leading space (a mail client's whitespace damage, which
 * the parser recognises when the header's counts then agree) is reported once per hunk, with the
 * repair: the spaces given back (unsafe: derived from a damaged part; check it with git apply).
 */
import type { Range } from '../../model/types';
import type { TextRule } from '../types';
import { span, stripCr } from '../../model/range';
import { signatureCut, wrappedLines } from './util';

export const corruptedPatch: TextRule = {
  kind: 'text',
  id: 'CORRUPTED_PATCH',
  severity: 'error',
  description: 'A hunk holds a line that is not part of a diff (line wrapped?).',
  doc: [
    'Every line of a hunk starts with `+`, `-`, a space or `\\ No newline at end of file`. A line',
    'that does not is usually a long line the mail client wrapped; `git am` rejects the patch.',
    'Send with `git send-email`, or set the mailer not to wrap (see Documentation/process/email-clients.rst).',
    'Context lines that lost their leading space (whitespace damage) are recognised when the hunk',
    'header\'s counts then agree; the quick fix gives the spaces back.',
    '',
    'Source: checkpatch.pl `CORRUPTED_PATCH`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'CORRUPTED_PATCH', level: 'ERROR' },
  check({ doc, msg, report }) {
    for (const f of msg.diff?.files ?? []) {
      for (const h of f.hunks) {
        if (h.damage?.kind !== 'lost-leading-space') continue;
        const first = h.damage.lines[0]!;
        const n = h.damage.lines.length;
        report({
          message: `patch seems to be corrupt: ${n} context line${n === 1 ? '' : 's'} of this hunk lost ${n === 1 ? 'its' : 'their'} leading space (whitespace damaged by the mail client?)`,
          range: span(first, 0, stripCr(doc.lines.get(first) ?? '').length),
          fix: {
            title: `Give the ${n} context line${n === 1 ? '' : 's'} of the hunk back ${n === 1 ? 'its' : 'their'} leading space`,
            edits: h.damage.lines.map((l) => ({ range: span(l, 0, 0), newText: ' ' })),
            safety: 'unsafe',
          },
        });
      }
    }
    const candidates: Range[] = [];
    const problems = msg.problems.filter((p) => p.code === 'CORRUPTED_PATCH');
    if (problems.length) {
      // Built only for damaged patches: this runs on every keystroke.
      const inHunk = new Set<number>();
      for (const f of msg.diff?.files ?? []) for (const h of f.hunks) for (let i = 0; i < h.lines.length; i++) inHunk.add(h.lines.line(i));
      // Lines after a signature the last hunk swallowed are the signature's, not the diff's.
      const cut = signatureCut(doc.lines, msg);
      for (const p of problems) {
        if (cut >= 0 && p.range.start.line > cut) continue;
        if (!inHunk.has(p.range.start.line)) candidates.push(p.range);
      }
    }
    for (const l of wrappedLines(doc.lines, msg)) candidates.push(span(l, 0, stripCr(doc.lines.get(l) ?? '').length));
    if (!candidates.length) return;
    candidates.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    report({ message: 'patch seems to be corrupt (line wrapped?)', range: candidates[0]! });
  },
};
