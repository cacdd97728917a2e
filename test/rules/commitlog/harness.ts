/**
 * Small helpers for the commit-message, trailer and repository rule tests: run one rule on a
 * text, find the exact range of a token in the text, apply a finding's fix.
 */
import assert from 'node:assert/strict';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { mergeConfig } from '../../../server/src/config/layer';
import { applyEdits } from '../../../server/src/rules/fixes';
import { runRepoRules, runTextRules } from '../../../server/src/rules/engine';
import type { Finding, Profile, RepoRule, RuleConfig, TextRule } from '../../../server/src/rules/types';
import type { Range } from '../../../server/src/model/types';
import type { Repository } from '../../../server/src/git/repository';

export function config(profile: Profile = 'kernel', extra: Partial<RuleConfig> = {}): RuleConfig {
  return { ...mergeConfig([{ profile, strict: true }]), ...extra };
}

function strip(found: (Finding & { messageIndex: number })[]): Finding[] {
  return found.map(({ messageIndex, ...f }) => {
    void messageIndex;
    return f;
  });
}

/** Findings of one text rule on a patch (or, with commitMessage, a bare commit message). */
export function run(rule: TextRule, text: string, cfg: RuleConfig = config(), commitMessage = false): Finding[] {
  return strip(runTextRules(parsePatch(text, { commitMessage }), cfg, { rules: [rule] }));
}

/** Findings of one repository rule. */
export async function runRepo(rule: RepoRule, text: string, repo: Repository, cfg: RuleConfig = config()): Promise<Finding[]> {
  return strip(await runRepoRules(parsePatch(text), cfg, repo, { rules: [rule] }));
}

/**
 * The range of the `nth` (0-based) occurrence of `needle` in `text`. With `within`, the needle is
 * searched inside the first occurrence of `within` (to pin a token on a given line).
 */
export function rangeOf(text: string, needle: string, within?: string, nth = 0): Range {
  let base = 0;
  if (within !== undefined) {
    base = text.indexOf(within);
    assert.ok(base >= 0, `fixture has ${JSON.stringify(within)}`);
  }
  let at = base - 1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0 && (within === undefined || at < base + within.length), `fixture has ${JSON.stringify(needle)}`);
  }
  return { start: posOf(text, at), end: posOf(text, at + needle.length) };
}

function posOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The whole of line `n` (0-based) as a range, without its line break. */
export function lineRange(text: string, n: number): Range {
  const line = text.split('\n')[n]!;
  return { start: { line: n, character: 0 }, end: { line: n, character: line.length } };
}

/** The text after applying the finding's fix (asserting there is one). */
export function fixed(text: string, f: Finding | undefined): string {
  assert.ok(f, 'a finding');
  assert.ok(f.fix, `${f.rule} offers a fix`);
  const out = applyEdits(text, f.fix.edits);
  assert.ok(out !== null, 'the fix edits do not overlap');
  return out;
}

/** Replace exactly one occurrence of `from` (asserting it is there). */
export function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture has ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
