/**
 * CHANGELOG_ABOVE_SEPARATOR (patchsmith WARNING): a version changelog (`Changes in v2:`,
 * `v1 -> v2:`, `Changes since v1:`) in the commit message, above the `---` line. It would end up
 * in the git history; it belongs below `---`, where `git am` drops it (RULES.md D2).
 *
 * The section runs from its header to the trailer block (or the end of the message) as long as
 * its paragraphs look like changelog (headers, `-`/`*` bullets, indented lines). The fix moves
 * it right below `---`, creating the `---` line before the diffstat/diff when there is none.
 */
import type { PatchDocument, PatchMessage } from '../../model/types';
import type { TextEdit, TextRule } from '../types';
import { range } from '../../model/range';
import { isChangelogLine } from '../../parse/notes';
import { isBlank, isCommit, lineText, trimmedSpan } from '../shared/commitLog';

/** A changelog header that names a version (`Changes:` alone may be ordinary description). */
export function isVersionChangelogHeader(text: string): boolean {
  return isChangelogLine(text.trim()) && /(?:\bv\d+|version\s*\d+)/i.test(text);
}

function isChangelogBody(text: string): boolean {
  return /^\s+\S/.test(text) || /^[-*+o•]\s/.test(text) || /^\[v?\d+\]/.test(text) || isVersionChangelogHeader(text);
}

interface Section {
  start: number;
  /** Last line (inclusive) of the section. */
  end: number;
  /** Whether the section runs to the trailer block or the end of the message (movable). */
  movable: boolean;
}

function findSection(doc: PatchDocument, msg: PatchMessage, lines: readonly number[]): Section | null {
  const trailerStart = msg.message.trailerBlock?.startLine ?? Number.POSITIVE_INFINITY;
  const body = lines.filter((l) => l < trailerStart);
  const k = body.findIndex((l) => isVersionChangelogHeader(lineText(doc, l)));
  if (k < 0) return null;
  const start = body[k]!;
  let end = start;
  let movable = true;
  // Paragraph by paragraph: a following paragraph stays in the section when it looks like changelog.
  let i = k + 1;
  let paragraphStart = true;
  for (; i < body.length; i++) {
    const text = lineText(doc, body[i]!);
    if (isBlank(text)) {
      paragraphStart = true;
      continue;
    }
    if (paragraphStart && !isChangelogBody(text) && body[i - 1] !== undefined && isBlank(lineText(doc, body[i - 1]!))) {
      movable = false;
      break;
    }
    paragraphStart = false;
    end = body[i]!;
  }
  return { start, end, movable };
}

function buildFix(doc: PatchDocument, msg: PatchMessage, s: Section, cutLine: number): TextEdit[] | null {
  const sectionText = [];
  for (let l = s.start; l <= s.end; l++) sectionText.push(doc.lines.get(l)!.replace(/\r$/, ''));
  const moved = sectionText.join('\n');
  const trailerStart = msg.message.trailerBlock?.startLine;
  const edits: TextEdit[] = [];
  if (trailerStart !== undefined && trailerStart > s.end) {
    // Text, blank, section, blank, trailers -> text, blank, trailers.
    edits.push({ range: range(s.start, 0, trailerStart, 0), newText: '' });
  } else {
    // The section ends the message: cut from the end of the text before it to its end.
    let from = s.start;
    while (from - 1 >= msg.message.startLine && isBlank(lineText(doc, from - 1))) from--;
    const endCol = lineText(doc, s.end).length;
    if (from <= msg.message.startLine) edits.push({ range: range(s.start, 0, s.end, endCol), newText: '' });
    else edits.push({ range: range(from - 1, lineText(doc, from - 1).length, s.end, endCol), newText: '' });
  }
  if (msg.kind === 'commit-message') {
    if (cutLine >= 0) {
      edits.push({ range: range(cutLine + 1, 0, cutLine + 1, 0), newText: `${moved}\n\n` });
    } else {
      const last = msg.message.endLine;
      edits.push({ range: range(last, lineText(doc, last).length, last, lineText(doc, last).length), newText: `\n---\n${moved}` });
    }
    return edits;
  }
  const sep = msg.notes?.separatorLine ?? null;
  if (sep !== null) {
    edits.push({ range: range(sep + 1, 0, sep + 1, 0), newText: `${moved}\n\n` });
    return edits;
  }
  const at = msg.diffstat ? msg.diffstat.startLine : msg.diff ? msg.diff.startLine : -1;
  if (at < 0) return null;
  edits.push({ range: range(at, 0, at, 0), newText: `---\n${moved}\n\n` });
  return edits;
}

export const changelogAboveSeparator: TextRule = {
  kind: 'text',
  id: 'CHANGELOG_ABOVE_SEPARATOR',
  severity: 'warning',
  description: "A version changelog ('Changes in v2:') is in the commit message, above the --- line.",
  doc: [
    'The changes between versions of a patch are for reviewers: put them below the `---` line',
    '(or in the cover letter), where `git am` drops them, not in the commit message.',
    '',
    '```',
    'Signed-off-by: Jane Doe <jane@example.org>',
    '---',
    'Changes in v2:',
    '- use the existing helper instead of open-coding it',
    '',
    ' mm/vmscan.c | 4 ++--',
    '```',
    '',
    'The quick fix moves the section below `---` (and adds the `---` line when there is none).',
    '',
    'Source: submitting-patches.rst ("the patch changelog ... after the --- line"); QEMU',
    'submitting-a-patch.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, facts, report }) {
    if (!isCommit(msg)) return;
    const log = facts.log;
    const s = findSection(doc, msg, log.messageLines);
    if (!s) return;
    const header = lineText(doc, s.start);
    const [a, b] = trimmedSpan(header);
    const edits = s.movable ? buildFix(doc, msg, s, log.cutLine) : null;
    report({
      message: `The version changelog '${header.trim()}' is above the --- line and would go into the git history; move it below ---`,
      range: range(s.start, a, s.start, b),
      // Where the changelog ends is read from its layout: a guess.
      ...(edits ? { fix: { title: 'Move the changelog below ---', edits, safety: 'unsafe' as const } } : {}),
    });
  },
};
