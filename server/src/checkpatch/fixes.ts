/**
 * Quick fixes from `checkpatch.pl --fix`: checkpatch writes its corrected copy of the input to
 * `FILE.EXPERIMENTAL-checkpatch-fixes`. The copy is diffed line by line against the input; each
 * changed run of lines becomes an unsafe fix ("Do _NOT_ trust the results", says checkpatch) for
 * the checkpatch findings on those lines. A pure insertion goes to the findings on the line it
 * precedes or follows; a pure deletion to the findings on the deleted lines.
 */
import { pushAll } from '../model/array';
import { diffArrays } from 'diff';
import type { Fix, TextEdit } from '../rules/types';
import { type CheckpatchFinding, splitLines } from './toFindings';

/** More changed lines than this: the copy is not a fix of this text (or not worth diffing). */
const MAX_EDIT = 500;
const TITLE_CHARS = 60;

interface Change {
  /** First input line replaced (0-based) and how many. */
  start: number;
  removed: number;
  added: string[];
}

/** The changed runs of lines between the input and checkpatch's fixed copy (null: unrelated texts). */
export function fixedChanges(input: string, fixed: string): Change[] | null {
  const a = splitLines(input);
  const b = splitLines(fixed);
  // checkpatch ends every line it writes with a newline: an input without one gains it, which is no fix.
  if (a[a.length - 1] !== '' && b[b.length - 1] === '') b.pop();
  const parts = diffArrays(a, b, { maxEditLength: MAX_EDIT });
  if (!parts) return null;
  const out: Change[] = [];
  let line = 0;
  let current: Change | null = null;
  for (const p of parts) {
    if (!p.added && !p.removed) {
      if (current) out.push(current);
      current = null;
      line += p.value.length;
      continue;
    }
    current ??= { start: line, removed: 0, added: [] };
    if (p.removed) {
      current.removed += p.value.length;
      line += p.value.length;
    } else {
      pushAll(current.added, p.value);
    }
  }
  if (current) out.push(current);
  return out;
}

function title(c: Change): string {
  if (c.added.length === 0) return `checkpatch.pl --fix: delete ${c.removed === 1 ? 'this line' : `${c.removed} lines`}`;
  const first = c.added.find((l) => l.trim() !== '') ?? '';
  const shown = first.replace(/^\+/, '').trim();
  const cut = shown.length > TITLE_CHARS ? `${shown.slice(0, TITLE_CHARS - 1)}…` : shown;
  return c.removed === 0 ? `checkpatch.pl --fix: insert "${cut}"` : `checkpatch.pl --fix: "${cut}"`;
}

function toFix(c: Change, lines: readonly string[]): Fix {
  const endLine = c.start + c.removed;
  const lineCount = lines.length;
  let edit: TextEdit;
  if (endLine < lineCount) {
    edit = {
      range: { start: { line: c.start, character: 0 }, end: { line: endLine, character: 0 } },
      newText: c.added.map((l) => `${l}\n`).join(''),
    };
  } else {
    // Up to the end of a text whose last line has no newline.
    edit = {
      range: { start: { line: c.start, character: 0 }, end: { line: lineCount - 1, character: lines[lineCount - 1]!.length } },
      newText: c.added.join('\n'),
    };
  }
  return { title: title(c), edits: [edit], safety: 'unsafe' };
}

/** The checkpatch findings with the fixes of `fixed` (checkpatch's corrected copy of `input`). */
export function withCheckpatchFixes(findings: readonly CheckpatchFinding[], input: string, fixed: string | null): CheckpatchFinding[] {
  if (fixed === null) return [...findings];
  const changes = fixedChanges(input, fixed);
  if (!changes || changes.length === 0) return [...findings];
  const lines = splitLines(input);
  return findings.map((f) => {
    if (f.fix) return f;
    const l = f.range.start.line;
    const c =
      changes.find((x) => x.removed > 0 && l >= x.start && l < x.start + x.removed) ??
      changes.find((x) => x.removed === 0 && (x.start === l || x.start === l + 1));
    return c ? { ...f, fix: toFix(c, lines) } : f;
  });
}
