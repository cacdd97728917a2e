/**
 * The mail signature: a `-- ` (dash dash space) line followed by a short text, the git version
 * that `git format-patch` writes (`2.39.5`) or b4's `Name <email>`. b4 ignores everything after
 * `\n-- \n` (RULES.md D5).
 *
 * Approach: scan backwards from the end of the region. The signature is the last `-- ` line
 * (optionally followed by `\r`) such that
 *  - no line after it looks like a diff line (`@@`, `diff --git`, `+`, `-`, ` `, `\`), so that a
 *    `-- ` met while walking back through the tail of a hunk is never taken,
 *  - at most 10 non-blank lines follow it, and
 *  - it is not inside the body of the nearest hunk above it: `-- ` inside a hunk is the removal
 *    of a `- ` line. The nearest `@@ -a,b +c,d @@` header above is walked forward with git
 *    apply's counting rules; if the hunk's declared lines reach the `-- ` line, it is diff.
 */
import type { MailSignature } from '../model/types';
import { linesRange, stripCr } from '../model/range';
import type { Lines } from '../model/lines';

const MAX_SIGNATURE_LINES = 10;
const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

export function findSignature(lines: Lines, start: number, end: number): MailSignature | null {
  const first = Math.max(0, start);
  const last = Math.min(end, lines.length) - 1;
  let nonBlankAfter = 0;
  for (let i = last; i >= first; i--) {
    const text = stripCr(lines.get(i) ?? '');
    if (text === '-- ') {
      if (insideHunk(lines, first, i)) return null;
      let endLine = i;
      for (let j = last; j > i; j--) {
        if (stripCr(lines.get(j) ?? '').trim() !== '') {
          endLine = j;
          break;
        }
      }
      const body: string[] = [];
      for (let j = i + 1; j <= endLine; j++) body.push(stripCr(lines.get(j) ?? ''));
      return { line: i, endLine, text: body.join('\n').trim(), range: linesRange(lines, i, endLine) };
    }
    if (text.trim() === '') continue;
    if (looksLikeDiffLine(text)) return null;
    nonBlankAfter++;
    if (nonBlankAfter > MAX_SIGNATURE_LINES) return null;
  }
  return null;
}

function looksLikeDiffLine(text: string): boolean {
  const c = text[0];
  return c === '+' || c === '-' || c === ' ' || c === '\\' || text.startsWith('@@') || text.startsWith('diff --git');
}

/** Whether line `target` lies within the declared body of the nearest hunk above it. */
function insideHunk(lines: Lines, first: number, target: number): boolean {
  let header = -1;
  for (let i = target - 1; i >= first; i--) {
    const text = stripCr(lines.get(i) ?? '');
    if (text.startsWith('@@ -')) {
      header = i;
      break;
    }
  }
  if (header < 0) return false;
  const m = HUNK_HEADER.exec(stripCr(lines.get(header) ?? ''));
  if (!m) return false;
  let oldLeft = m[1] === undefined ? 1 : Number(m[1]);
  let newLeft = m[2] === undefined ? 1 : Number(m[2]);
  for (let i = header + 1; i <= target; i++) {
    if (oldLeft <= 0 && newLeft <= 0) return false;
    const text = stripCr(lines.get(i) ?? '');
    const c = text[0];
    if (text === '' || c === ' ') {
      oldLeft--;
      newLeft--;
    } else if (c === '-') oldLeft--;
    else if (c === '+') newLeft--;
    else if (c !== '\\') return false;
    if (i === target) return true;
  }
  return false;
}
