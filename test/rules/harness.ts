/**
 * The one rule test harness, shared by every rule test (text, repository and series rules):
 * run a rule through the engine (profiles, strict, severities as users get them), pin ranges
 * to tokens of the text, apply a finding's fix, and the table testers, ESLint's RuleTester for
 * patchsmith: `ruleTester` (text rules), `repoRuleTester` (repository rules, against a real git
 * repository) and `seriesRuleTester` (series rules, on several files grouped as the server groups
 * them). Each takes a table of valid cases (no finding) and invalid ones: every finding the rule
 * reports, in order, with its id, message, range, severity, fix safety and the text its fix gives;
 * a fixed text is checked again, and the rule must report fewer findings of that id there.
 *
 *   ruleTester(subjectTrailingPeriod, {
 *     valid: [withSubject('Subject: [PATCH] net: fix a, b, etc.')],
 *     invalid: [{ text: bad, errors: [{ range: range(3, 47, 48), output: PATCH, safety: 'safe' }] }],
 *   });
 *
 * Tables whose texts are only known once a fixture is set up (a repository's commit ids) are
 * given as a function: its cases then run as subtests of one test named for the rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { mergeConfig } from '../../server/src/config/layer';
import { applyEdits } from '../../server/src/rules/fixes';
import { runRepoRules, runSeriesRules, runTextRules } from '../../server/src/rules/engine';
import { groupSeries } from '../../server/src/series/group';
import type {
  Finding,
  FixSafety,
  Profile,
  RelatedLocation,
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

/** How a case is configured. */
interface CaseConfig {
  /** Test name (default: the index). */
  name?: string;
  /** Profile (default kernel, strict) and configuration on top of it. */
  profile?: Profile;
  config?: Partial<RuleConfig>;
}

/** A case of a text or repository rule. */
interface CaseInput extends CaseConfig {
  text: string;
  /** Read as a bare commit message (COMMIT_EDITMSG). */
  commitMessage?: boolean;
  /** Repository rules: another repository than the tester's for this case. */
  repo?: Repository;
}

export type ValidCase = CaseInput | string;

export interface ExpectedFinding {
  /** Default: the rule's id. */
  rule?: string;
  /** The whole message, or a pattern it matches (a part of it). */
  message?: string | RegExp;
  range?: Range;
  severity?: Severity;
  /**
   * The text after this finding's fix; null: the finding has no fix. Required when the finding
   * has a fix (as ESLint's RuleTester requires `output`), so no fix goes untested.
   */
  output?: string | null;
  safety?: FixSafety;
  /** The fix's title (the quick fix's label). */
  fixTitle?: string;
  /** The other places the finding names. */
  related?: RelatedLocation[];
}

export interface InvalidCase extends CaseInput {
  /** The findings in order (as many as reported). */
  errors: ExpectedFinding[];
}

/** A table of cases, or a function giving it once the fixtures are there (see the top). */
export type Cases<V, I> = { valid?: readonly V[]; invalid?: readonly I[] } | (() => { valid?: readonly V[]; invalid?: readonly I[] } | Promise<{ valid?: readonly V[]; invalid?: readonly I[] }>);

type Table<V, I> = { valid?: readonly V[]; invalid?: readonly I[] };

/** Registers the cases: one test each, or subtests of one test when the table comes later. */
function register<V, I extends { name?: string }>(
  id: string,
  cases: Cases<V, I>,
  nameOf: (v: V) => string | undefined,
  checkValid: (v: V) => Promise<void>,
  checkInvalid: (c: I) => Promise<void>,
): void {
  const label = (kind: string, name: string | undefined, i: number): string => `${kind}: ${name ?? `#${i}`}`;
  if (typeof cases === 'function') {
    test(id, async (t) => {
      const table: Table<V, I> = await cases();
      assert.ok((table.valid?.length ?? 0) + (table.invalid?.length ?? 0) > 0, 'the table has cases');
      for (const [i, v] of (table.valid ?? []).entries()) await t.test(label('valid', nameOf(v), i), () => checkValid(v));
      for (const [i, c] of (table.invalid ?? []).entries()) await t.test(label('invalid', c.name, i), () => checkInvalid(c));
    });
    return;
  }
  (cases.valid ?? []).forEach((v, i) => test(`${id} ${label('valid', nameOf(v), i)}`, () => checkValid(v)));
  (cases.invalid ?? []).forEach((c, i) => test(`${id} ${label('invalid', c.name, i)}`, () => checkInvalid(c)));
}

const describe = (found: readonly Finding[]): string[] => found.map((f) => `${f.rule}: ${f.message}`);

/** Compares one finding with its expectation (everything but the fix's output). */
function checkFinding(f: Finding, e: ExpectedFinding, ruleId: string, k: number): void {
  assert.equal(f.rule, e.rule ?? ruleId, `id of finding ${k}`);
  if (typeof e.message === 'string') assert.equal(f.message, e.message, `message of finding ${k}`);
  else if (e.message) assert.match(f.message, e.message, `message of finding ${k}`);
  if (e.range) assert.deepEqual(f.range, e.range, `range of finding ${k}`);
  if (e.severity) assert.equal(f.severity, e.severity, `severity of finding ${k}`);
  if (e.safety) assert.equal(f.fix?.safety, e.safety, `fix safety of finding ${k}`);
  if (e.fixTitle !== undefined) assert.equal(f.fix?.title, e.fixTitle, `fix title of finding ${k}`);
  if (e.related) assert.deepEqual(f.related, e.related, `related locations of finding ${k}`);
  if (e.output === null) assert.equal(f.fix, undefined, `finding ${k} has no fix`);
  else if (f.fix) assert.ok(e.output !== undefined, `finding ${k} (${f.message}) has a fix: give its output`);
  else assert.equal(e.output, undefined, `finding ${k} (${f.message}) has no fix, but an output is expected`);
}

/**
 * Checks the findings of an invalid case of a text or repository rule, applies each fix and
 * runs the rule again on the fixed text: fewer findings of that id.
 */
async function checkFindings(ruleId: string, c: InvalidCase, find: (text: string) => Promise<Finding[]>): Promise<void> {
  const found = await find(c.text);
  assert.equal(found.length, c.errors.length, `findings: ${JSON.stringify(describe(found))}`);
  for (const [k, e] of c.errors.entries()) {
    const f = found[k]!;
    checkFinding(f, e, ruleId, k);
    if (typeof e.output !== 'string') continue;
    const out = fixed(c.text, f);
    assert.equal(out, e.output, `text after the fix of finding ${k}`);
    const count = (list: readonly Finding[]): number => list.filter((x) => x.rule === f.rule).length;
    const again = await find(out);
    assert.ok(count(again) < count(found), `the fix of finding ${k} (${f.message}) leaves ${JSON.stringify(describe(again))}`);
  }
}

const caseOf = (v: ValidCase): CaseInput => (typeof v === 'string' ? { text: v } : v);

/**
 * A text rule's table: valid texts give no finding, invalid ones exactly the expected findings,
 * and each fix gives its expected text.
 */
export function ruleTester(rule: TextRule, cases: Cases<ValidCase, InvalidCase>): void {
  const find = (c: CaseInput) => async (text: string): Promise<Finding[]> => run(rule, text, config(c.profile, c.config), c.commitMessage);
  register(
    rule.id,
    cases,
    (v) => caseOf(v).name,
    async (v) => assert.deepEqual(describe(await find(caseOf(v))(caseOf(v).text)), []),
    (c) => checkFindings(rule.id, c, find(c)),
  );
}

/**
 * A repository rule's table, run against `repo()` (a real git repository in a temporary folder,
 * made by the test file's `before` hook; test/helpers/gitRepo.ts) or a case's own `repo`.
 */
export function repoRuleTester(rule: RepoRule, repo: () => Repository, cases: Cases<ValidCase, InvalidCase>): void {
  const find = (c: CaseInput) => (text: string): Promise<Finding[]> => runRepo(rule, text, c.repo ?? repo(), config(c.profile, c.config));
  register(
    rule.id,
    cases,
    (v) => caseOf(v).name,
    async (v) => assert.deepEqual(describe(await find(caseOf(v))(caseOf(v).text)), []),
    (c) => checkFindings(rule.id, c, find(c)),
  );
}

/** Files (path -> text) grouped as the language server groups them; exactly one series. */
export function seriesOf(files: Readonly<Record<string, string>>): Series {
  const all = groupSeries(Object.entries(files).map(([file, text]) => ({ file, doc: parsePatch(text) })));
  assert.equal(all.length, 1, `one series expected, got ${all.map((s) => s.key).join(' | ')}`);
  return all[0]!;
}

/** A case of a series rule: the files of the series (path -> text), grouped by `seriesOf`. */
export interface SeriesCase extends CaseConfig {
  files: Readonly<Record<string, string>>;
}

export interface ExpectedSeriesFinding extends ExpectedFinding {
  /** The path of the file the finding belongs to. */
  file?: string;
}

export interface InvalidSeriesCase extends SeriesCase {
  errors: ExpectedSeriesFinding[];
}

/**
 * A series rule's table: valid series give no finding, invalid ones exactly the expected
 * findings, each on its file; a fix is applied to its file and the series checked again.
 */
export function seriesRuleTester(rule: SeriesRule, cases: Cases<SeriesCase, InvalidSeriesCase>): void {
  const find = (c: SeriesConfigured, files: Readonly<Record<string, string>>): { series: Series; found: SeriesFinding[] } => {
    const series = seriesOf(files);
    return { series, found: runSeries(rule, series, config(c.profile, c.config)) };
  };
  register(
    rule.id,
    cases,
    (v) => v.name,
    async (v) => assert.deepEqual(describe(find(v, v.files).found), []),
    async (c) => {
      const { series, found } = find(c, c.files);
      assert.equal(found.length, c.errors.length, `findings: ${JSON.stringify(describe(found))}`);
      for (const [k, e] of c.errors.entries()) {
        const f = found[k]!;
        checkFinding(f, e, rule.id, k);
        const file = series.items[f.item]!.file;
        if (e.file !== undefined) assert.equal(file, e.file, `file of finding ${k}`);
        if (typeof e.output !== 'string') continue;
        const text = c.files[file];
        assert.ok(text !== undefined, `finding ${k} is on a file of the case`);
        const out = fixed(text, f);
        assert.equal(out, e.output, `text after the fix of finding ${k}`);
        const count = (list: readonly Finding[]): number => list.filter((x) => x.rule === f.rule).length;
        const again = find(c, { ...c.files, [file]: out }).found;
        assert.ok(count(again) < count(found), `the fix of finding ${k} (${f.message}) leaves ${JSON.stringify(describe(again))}`);
      }
    },
  );
}

type SeriesConfigured = CaseConfig;
