/**
 * `git range-diff` between two versions of a series: which patches are unchanged, changed, new
 * or dropped (the one-line summary git prints per pair), and the full output for a preview.
 */
import { git } from './git';
import type { RangeEntry, RangeStatus } from './cover';

const PAIR = /^\s*(\d+|-+):\s+([0-9a-f]+|-+) ([=!<>]) \s*(\d+|-+):\s+([0-9a-f]+|-+) (.*)$/;

const STATUS: Record<string, RangeStatus> = { '=': 'unchanged', '!': 'changed', '>': 'new', '<': 'dropped' };

/** Parses the pair lines of range-diff output (the diff lines under `!` pairs are skipped). */
export function parseRangeDiff(output: string): RangeEntry[] {
  const out: RangeEntry[] = [];
  for (const line of output.split('\n')) {
    const m = PAIR.exec(line);
    if (!m) continue;
    const num = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : null);
    out.push({ status: STATUS[m[3]!]!, oldIndex: num(m[1]!), newIndex: num(m[4]!), subject: m[6]!.trim() });
  }
  return out;
}

/** range-diff of `oldBase..oldTip` against `newBase..newTip`; with `patch` the diffs of changed pairs too. */
export async function rangeDiff(cwd: string, oldRange: string, newRange: string, patch = false): Promise<string> {
  return git(cwd, ['range-diff', '--no-color', ...(patch ? [] : ['--no-patch']), oldRange, newRange]);
}
