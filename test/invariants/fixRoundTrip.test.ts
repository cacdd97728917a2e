/**
 * Invariant 3: a fix fixes what it names, and only that. For every finding that carries a fix, on
 * every hand-written fixture and every corpus patch:
 * - its edits apply (they do not overlap each other) and change the text;
 * - re-running the rules on the result reports that rule fewer times than before (a fix may move
 *   lines, so counts are compared rather than positions);
 * - no error-level rule is reported more often than before;
 * - the edits stay within a small window around the finding's lines, except for the rules whose
 *   fix is known to move or regenerate text (MOVING_FIXES below, each with the reason).
 *
 * And `check --fix` as a whole (the safe fixes only, pass after pass as the CLI applies them):
 * - a patch git's own parser accepts (`git apply --numstat`, which needs no tree) stays accepted,
 *   with the same per-file counts: a safe fix never makes a patch inapplicable;
 * - no rule is reported more often afterwards (no new finding);
 * - a second --fix changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { runTextRules, type FileFinding } from '../../server/src/rules/engine';
import { applyEdits, applyFixes } from '../../server/src/rules/fixes';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import type { Fix } from '../../server/src/rules/types';
import { corpusPresent, corpusSamples, fixtureSamples, hostileSamples, NO_CORPUS, strictConfig, type Sample } from './support';

/** Lines around the finding's range an edit may touch. */
const WINDOW = 1;

/**
 * Rules whose fix legitimately edits lines away from the finding, and how far (null: anywhere in
 * the message).
 */
const MOVING_FIXES: Record<string, { why: string }> = {
  DIFFSTAT_MISMATCH: { why: 'regenerates the whole diffstat block (file lines and the summary line) from the diff' },
  CHANGELOG_ABOVE_SEPARATOR: { why: 'moves the changelog block from the commit message to below the --- line' },
  MISSING_SIGN_OFF: { why: "inserts the author's Signed-off-by: line at the end of the trailer block" },
  NO_AUTHOR_SIGN_OFF: { why: "inserts the author's Signed-off-by: line at the end of the trailer block" },
  TRAILER_ORDER: { why: 'rewrites the trailer block in the configured order (the finding names one misplaced trailer)' },
};

function countByRule(findings: readonly FileFinding[], severity?: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (!severity || f.severity === severity) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

function parse(s: Sample, text: string) {
  return parsePatch(text, s.commitMessage ? { commitMessage: true } : {});
}

interface Tally {
  fixes: number;
  problems: string[];
  rules: Set<string>;
}

/** b4's documented trailer order, so that TRAILER_ORDER (off with an empty order) runs too. */
const B4_ORDER = ['fixes*', 'reported*', 'suggested*', 'co-developed-by*', 'signed-off-by*', 'tested*', 'reviewed*', 'acked*', 'cc*', 'link*', '*'];

function checkSample(s: Sample, tally: Tally, trailerOrder: string[] = []): void {
  const config = strictConfig();
  config.trailerOrder = trailerOrder;
  const before = runTextRules(parse(s, s.text), config);
  const withFix = before.filter((f) => f.fix);
  if (withFix.length === 0) return;
  const countBefore = countByRule(before);
  const errorsBefore = countByRule(before, 'error');
  for (const f of withFix) {
    tally.fixes++;
    tally.rules.add(f.rule);
    const where = `${s.name}:${f.range.start.line + 1}: ${f.rule} fix "${f.fix!.title}"`;
    const after = applyEdits(s.text, f.fix!.edits);
    if (after === null) {
      tally.problems.push(`${where}: its edits overlap`);
      continue;
    }
    if (after === s.text) {
      tally.problems.push(`${where}: changes nothing`);
      continue;
    }
    if (!(f.rule in MOVING_FIXES)) {
      const lo = f.range.start.line - WINDOW;
      const hi = f.range.end.line + WINDOW;
      for (const e of f.fix!.edits) {
        if (e.range.start.line < lo || e.range.end.line > hi) {
          tally.problems.push(
            `${where}: edits lines ${e.range.start.line + 1}-${e.range.end.line + 1}, outside ${lo + 1}-${hi + 1} around the finding`,
          );
        }
      }
    }
    const found = runTextRules(parse(s, after), config);
    const n = countByRule(found).get(f.rule) ?? 0;
    if (n >= countBefore.get(f.rule)!) {
      tally.problems.push(`${where}: still reported ${n} time(s) after the fix (${countBefore.get(f.rule)} before)`);
    }
    for (const [rule, k] of countByRule(found, 'error')) {
      const was = errorsBefore.get(rule) ?? 0;
      if (k > was) {
        const first = found.find((x) => x.rule === rule && x.severity === 'error')!;
        tally.problems.push(`${where}: introduces error ${rule} (${was} -> ${k}), e.g. line ${first.range.start.line + 1}: ${first.message}`);
      }
    }
  }
}

function report(t: Tally): string {
  return `${t.problems.length} problem(s) in ${t.fixes} fixes:\n${t.problems.slice(0, 40).join('\n')}`;
}

test('every fix on the hand-written fixtures fixes its finding, adds no error and stays local', () => {
  const tally: Tally = { fixes: 0, problems: [], rules: new Set() };
  for (const s of fixtureSamples()) {
    checkSample(s, tally);
    checkSample(s, tally, B4_ORDER);
  }
  assert.deepEqual(tally.problems, [], report(tally));
  // The fixtures are written to exercise the fixes: most rules with a fix must have been tried.
  for (const rule of ['TRAILING_WHITESPACE', 'DOS_LINE_ENDINGS', 'SUBJECT_TRAILING_PERIOD', 'DIFFSTAT_MISMATCH', 'HUNK_HEADER_MISMATCH', 'TRAILER_ORDER']) {
    assert.ok(tally.rules.has(rule), `a fixture exercises the ${rule} fix (tried: ${[...tally.rules].sort().join(', ')})`);
  }
});

test('every fix on hostile subjects and long runs fixes its finding, adds no error and stays local', () => {
  const tally: Tally = { fixes: 0, problems: [], rules: new Set() };
  for (const s of hostileSamples()) checkSample(s, tally);
  assert.ok(tally.rules.has('SUBJECT_COUNTER_PADDING'), 'the counter fix is tried');
  assert.deepEqual(tally.problems, [], report(tally));
});

test('every fix on the corpus patches fixes its finding, adds no error and stays local', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const tally: Tally = { fixes: 0, problems: [], rules: new Set() };
  for (const s of corpusSamples()) {
    checkSample(s, tally);
    checkSample(s, tally, B4_ORDER);
  }
  assert.ok(tally.fixes > 0, 'the corpus has fixable findings');
  assert.deepEqual(tally.problems, [], report(tally));
});

/** What `check --fix` does to a text: the safe fixes, pass after pass (as the CLI's 3 passes). */
function safeFix(s: Sample, text: string, passes = 3): string {
  const config = strictConfig();
  for (let pass = 0; pass < passes; pass++) {
    const fixes: Fix[] = [];
    for (const f of runTextRules(parse(s, text), config)) if (f.fix?.safety === 'safe') fixes.push(f.fix);
    const r = applyFixes(text, fixes);
    if (r.text === text) break;
    text = r.text;
  }
  return text;
}

/** git apply's reading of a patch (no tree needed), or null when git calls it corrupt. */
function numstat(text: string): string | null {
  try {
    return execFileSync('git', ['apply', '--numstat', '-'], { input: text, cwd: os.tmpdir(), encoding: 'utf8', timeout: 20_000, stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

function checkFixRun(s: Sample, problems: string[]): boolean {
  const fixed = safeFix(s, s.text);
  if (fixed === s.text) return false;
  const config = strictConfig();
  const before = countByRule(runTextRules(parse(s, s.text), config));
  for (const [rule, n] of countByRule(runTextRules(parse(s, fixed), config))) {
    if (n > (before.get(rule) ?? 0)) problems.push(`${s.name}: --fix introduces ${rule} (${before.get(rule) ?? 0} -> ${n})`);
  }
  if (safeFix(s, fixed) !== fixed) problems.push(`${s.name}: a second --fix changes the text again`);
  if (!s.commitMessage) {
    const was = numstat(s.text);
    if (was !== null) {
      const now = numstat(fixed);
      if (now === null) problems.push(`${s.name}: git apply accepted the patch, and rejects it after --fix`);
      else if (now !== was) problems.push(`${s.name}: --fix changed what git applies:\n${was}->\n${now}`);
    }
  }
  return true;
}

test('check --fix (safe fixes) on the fixtures: git still applies it, no new finding, a second --fix changes nothing', () => {
  const problems: string[] = [];
  let changed = 0;
  for (const s of [...fixtureSamples(), ...hostileSamples()]) if (checkFixRun(s, problems)) changed++;
  assert.ok(changed > 0, 'some fixture has safe fixes');
  assert.deepEqual(problems, []);
});

test('check --fix (safe fixes) on the corpus: git still applies it, no new finding, a second --fix changes nothing', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const problems: string[] = [];
  let changed = 0;
  for (const s of corpusSamples()) if (checkFixRun(s, problems)) changed++;
  t.diagnostic(`${changed} corpus patches changed by --fix`);
  assert.ok(changed > 0, 'the corpus has safe fixes');
  assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problem(s)`);
});
