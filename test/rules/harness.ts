/**
 * The one rule test harness, shared by every rule test (text, repository and series rules):
 * run a rule through the engine (profiles, strict, severities as users get them), pin ranges
 * to tokens of the text, apply a finding's fix, and `ruleTester`, ESLint's RuleTester for
 * patchsmith: a table of valid texts (no finding) and invalid ones (the findings, each with its
 * message, range, severity, fix safety and the text its fix gives).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { mergeConfig } from '../../server/src/config/layer';
import { applyEdits } from '../../server/src/rules/fixes';
import { runRepoRules, runSeriesRules, runTextRules } from '../../server/src/rules/engine';
import type {
  Finding,
  FixSafety,
  Profile,
  RepoRule,
  RuleConfig,
  Series,
  SeriesFinding,
  SeriesRule,
  Severity,
  TextRule,
} from '../../server/src/rules/types';
import type { Range } from '../../server/src/model/types';
import type { Repository } from '../../server/src/git/repository';

/** The configuration of a profile, strict (CHECK-level rules on), with `extra` on top. */
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

/** Findings of one series rule. */
export function runSeries(rule: SeriesRule, series: Series, cfg: RuleConfig | Profile = config()): SeriesFinding[] {
  return runSeriesRules(series, typeof cfg === 'string' ? config(cfg) : cfg, { rules: [rule] });
}

/** A one-line range. */
export const range = (line: number, a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });

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

/** 0-based number of the first line equal to `line`. */
export function lineNo(text: string, line: string): number {
  const i = text.split('\n').indexOf(line);
  assert.ok(i >= 0, `fixture has no line ${JSON.stringify(line)}`);
  return i;
}

/** The text with its first line equal to `from` replaced by `to`. */
export function replaceLine(text: string, from: string, to: string): string {
  const lines = text.split('\n');
  lines[lineNo(text, from)] = to;
  return lines.join('\n');
}

/** Replace exactly one occurrence of `from` (asserting it is there). */
export function replace(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture has ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** The text after applying the finding's fix (asserting there is one). */
export function fixed(text: string, f: Finding | undefined): string {
  assert.ok(f, 'a finding');
  assert.ok(f.fix, `${f.rule} offers a fix`);
  const out = applyEdits(text, f.fix.edits);
  assert.ok(out !== null, 'the fix edits do not overlap');
  return out;
}

/** How a case is read and configured. */
interface CaseInput {
  /** Test name (default: the first line of the text that differs, or the index). */
  name?: string;
  text: string;
  /** Read as a bare commit message (COMMIT_EDITMSG). */
  commitMessage?: boolean;
  /** Profile (default kernel) and configuration on top of it. */
  profile?: Profile;
  config?: Partial<RuleConfig>;
}

export type ValidCase = CaseInput | string;

export interface ExpectedFinding {
  /** Default: the rule's id. */
  rule?: string;
  message?: string | RegExp;
  range?: Range;
  severity?: Severity;
  /** The text after this finding's fix; null: the finding has no fix. */
  output?: string | null;
  safety?: FixSafety;
}

export interface InvalidCase extends CaseInput {
  /** The findings in order (as many as reported). */
  errors: ExpectedFinding[];
}

/**
 * Register one test per case: valid texts give no finding, invalid ones exactly the expected
 * findings, and each fix gives its expected text.
 */
export function ruleTester(rule: TextRule, cases: { valid?: readonly ValidCase[]; invalid?: readonly InvalidCase[] }): void {
  (cases.valid ?? []).forEach((c, i) => {
    const v = typeof c === 'string' ? { text: c } : c;
    test(`${rule.id} valid: ${v.name ?? `#${i}`}`, () => {
      const found = run(rule, v.text, config(v.profile, v.config), v.commitMessage);
      assert.deepEqual(found.map((f) => `${f.rule}: ${f.message}`), []);
    });
  });
  (cases.invalid ?? []).forEach((c, i) => {
    test(`${rule.id} invalid: ${c.name ?? `#${i}`}`, () => {
      const found = run(rule, c.text, config(c.profile, c.config), c.commitMessage);
      assert.equal(found.length, c.errors.length, `findings: ${JSON.stringify(found.map((f) => f.message))}`);
      c.errors.forEach((e, k) => {
        const f = found[k]!;
        assert.equal(f.rule, e.rule ?? rule.id);
        if (typeof e.message === 'string') assert.equal(f.message, e.message);
        else if (e.message) assert.match(f.message, e.message);
        if (e.range) assert.deepEqual(f.range, e.range, `range of finding ${k}`);
        if (e.severity) assert.equal(f.severity, e.severity);
        if (e.output === null) assert.equal(f.fix, undefined, `finding ${k} has no fix`);
        else if (e.output !== undefined) assert.equal(fixed(c.text, f), e.output);
        if (e.safety) assert.equal(f.fix?.safety, e.safety);
      });
    });
  });
}
