/**
 * The rule engine: runs the registered rules over a document, its repository or a series, and
 * applies the configuration (profile, ignore list, --strict, severity overrides).
 *
 * Filtering, as checkpatch does it:
 * - a rule runs only in the profiles it lists, and not when its id is in `config.ignore`;
 * - information-level (checkpatch CHECK) rules and findings appear only with `strict`, unless
 *   the user gave that id an explicit severity in `.patchsmith.json` (an explicit choice wins);
 * - `severity[id] = 'off'` disables an id, any other value replaces the finding's severity.
 * A finding may carry another id than the rule that made it (one module, several TYPEs, each
 * declared in the rule's `reports` metadata); the ignore list and overrides apply to the
 * finding's own id too.
 *
 * Rules report through `context.report({ message, range, fix? })`: the engine fills in the id and
 * the severity from the rule's metadata (`variant` names one of its declared severity cases).
 * Text and repository rules of one message share one MessageFacts (the commit log, signature
 * lines...), computed lazily, once.
 *
 * A rule that throws does not break the run: its findings for that message are dropped and
 * `onRuleError` is told (the CLI logs it once per rule; the server logs it to its output).
 * This runs on every keystroke: no copies of the document, one array of results.
 */
import type { PatchDocument } from '../model/types';
import type { Repository } from '../git/repository';
import type {
  Finding,
  RepoRule,
  Report,
  Rule,
  RuleConfig,
  RuleContext,
  RuleMeta,
  Series,
  SeriesFinding,
  SeriesRule,
  Severity,
  TextRule,
} from './types';
import * as registry from './registry';
import { pushAll } from '../model/array';
import { memoizeRepository } from '../git/memoRepository';
import { MessageFacts } from './facts';

/** A finding of a text or repo rule, tagged with the index of its message in `doc.messages`. */
export interface FileFinding extends Finding {
  messageIndex: number;
}

export interface EngineOptions {
  /** Called when a rule throws (or rejects); the rule's findings for that message are dropped. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Repository rules: aborted, no new git look-up starts and the run gives no findings. */
  signal?: AbortSignal;
}

/** Options for tests and special callers: run these rules instead of the registered ones. */
export interface TextEngineOptions extends EngineOptions {
  rules?: readonly TextRule[];
}
export interface RepoEngineOptions extends EngineOptions {
  rules?: readonly RepoRule[];
}
export interface SeriesEngineOptions extends EngineOptions {
  rules?: readonly SeriesRule[];
}

interface RuleHead {
  id: string;
  severity: Severity;
  variants?: Readonly<Record<string, Severity>>;
  profiles: readonly string[];
}

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

function idEnabled(meta: RuleHead, config: RuleConfig): boolean {
  if (config.ignore.has(meta.id)) return false;
  const override = config.severity[meta.id];
  if (override === 'off') return false;
  if (override === undefined && !config.strict) {
    // Information-level (CHECK) ids run only with --strict, unless one of their cases is louder.
    let top = meta.severity;
    for (const v of Object.values(meta.variants ?? {})) if (RANK[v] > RANK[top]) top = v;
    if (top === 'information' || top === 'hint') return false;
  }
  return true;
}

/** Whether a rule runs at all under this configuration (its own id is enabled). */
export function isRuleEnabled(rule: RuleHead, config: RuleConfig): boolean {
  return rule.profiles.includes(config.profile) && idEnabled(rule, config);
}

/** The id and default severity of a report: the rule's metadata, or a declared other id's. */
export function reportedAs(rule: RuleMeta & { reports?: readonly RuleMeta[] }, r: Report): { id: string; severity: Severity } {
  let meta: RuleMeta = rule;
  if (r.id !== undefined && r.id !== rule.id) {
    const other = rule.reports?.find((m) => m.id === r.id);
    if (!other) throw new Error(`rule ${rule.id} reports ${r.id}, which its metadata does not declare`);
    meta = other;
  }
  if (r.variant === undefined) return { id: meta.id, severity: meta.severity };
  const severity = meta.variants?.[r.variant];
  if (severity === undefined) throw new Error(`rule ${meta.id} has no variant '${r.variant}'`);
  return { id: meta.id, severity };
}

/** A finding from a report, or null when the configuration hides it. */
function toFinding(rule: Rule, r: Report, config: RuleConfig): Finding | null {
  const { id, severity } = reportedAs(rule, r);
  const f: Finding = { rule: id, severity, message: r.message, range: r.range };
  if (r.fix) f.fix = r.fix;
  if (r.related && r.related.length) f.related = r.related;
  const shown = effectiveSeverity(f, config);
  if (shown === null) return null;
  f.severity = shown;
  return f;
}

function ruleContext(base: Omit<RuleContext, 'report'>, rule: Rule, config: RuleConfig, sink: Finding[]): RuleContext {
  return {
    doc: base.doc,
    msg: base.msg,
    config: base.config,
    facts: base.facts,
    report(r: Report): void {
      const f = toFinding(rule, r, config);
      if (f) sink.push(f);
    },
  };
}

/** The severity a finding is shown with, or null when the configuration hides it. */
export function effectiveSeverity(finding: Finding, config: RuleConfig): Severity | null {
  const id = finding.rule;
  if (config.ignore.has(id)) return null;
  const override = config.severity[id];
  if (override === 'off') return null;
  if (override !== undefined) return override;
  if (finding.severity === 'information' && !config.strict) return null;
  return finding.severity;
}

function report(opts: EngineOptions | undefined, ruleId: string, error: unknown): void {
  if (!opts?.onRuleError || opts.signal?.aborted) return;
  try {
    opts.onRuleError(ruleId, error);
  } catch {
    // A broken logger must not break the run either.
  }
}

function pushTagged(out: FileFinding[], found: readonly Finding[], messageIndex: number): void {
  for (const f of found) out.push({ ...f, messageIndex });
}

/** Run the text rules over every message of the document. */
export function runTextRules(doc: PatchDocument, config: RuleConfig, opts?: TextEngineOptions): FileFinding[] {
  const rules = opts?.rules ?? registry.textRules();
  const out: FileFinding[] = [];
  const messages = doc.messages;
  // Decided once, not once a message (an mbox of thousands of messages).
  const enabled = rules.filter((rule) => isRuleEnabled(rule, config));
  for (let m = 0; m < messages.length; m++) {
    const msg = messages[m]!;
    const base = { doc, msg, config, facts: new MessageFacts(doc, msg) };
    for (const rule of enabled) {
      const found: Finding[] = [];
      try {
        rule.check(ruleContext(base, rule, config, found));
      } catch (error) {
        report(opts, rule.id, error);
        continue;
      }
      if (found.length) pushTagged(out, found, m);
    }
  }
  return out;
}

/** Run the repository rules over every message; nothing (quietly) without a repository. */
export async function runRepoRules(
  doc: PatchDocument,
  config: RuleConfig,
  repo: Repository | null,
  opts?: RepoEngineOptions,
): Promise<FileFinding[]> {
  if (!repo || opts?.signal?.aborted) return [];
  // One look-up per sha for the whole run, however many rules and messages name it.
  repo = memoizeRepository(repo, opts?.signal);
  const rules = opts?.rules ?? registry.repoRules();
  const jobs: Promise<void>[] = [];
  // Collected per (message, rule) slot so the result order does not depend on timing.
  const slots: (readonly Finding[] | null)[] = [];
  const slotMessage: number[] = [];
  for (let m = 0; m < doc.messages.length; m++) {
    const msg = doc.messages[m]!;
    const base = { doc, msg, config, facts: new MessageFacts(doc, msg) };
    for (const rule of rules) {
      if (!isRuleEnabled(rule, config)) continue;
      const slot = slots.length;
      slots.push(null);
      slotMessage.push(m);
      const found: Finding[] = [];
      let pending: Promise<void>;
      try {
        pending = rule.check(ruleContext(base, rule, config, found), repo);
      } catch (error) {
        report(opts, rule.id, error);
        continue;
      }
      jobs.push(
        Promise.resolve(pending).then(
          () => {
            slots[slot] = found;
          },
          (error: unknown) => report(opts, rule.id, error),
        ),
      );
    }
  }
  await Promise.all(jobs);
  if (opts?.signal?.aborted) return [];
  const out: FileFinding[] = [];
  for (let i = 0; i < slots.length; i++) {
    const found = slots[i];
    if (found && found.length) pushTagged(out, found, slotMessage[i]!);
  }
  return out;
}

/**
 * Run the series rules over one series. A series is judged from the members that are there: a
 * message alone (a lone `[PATCH 4/4]` checked by itself, a cover letter without its patches)
 * has no sibling to compare with, so no series rule runs on it - its counter alone never says
 * that a cover or other patches are missing, nor how long the series is.
 */
export function runSeriesRules(series: Series, config: RuleConfig, opts?: SeriesEngineOptions): SeriesFinding[] {
  if (series.items.length < 2) return [];
  const rules = opts?.rules ?? registry.seriesRules();
  const out: SeriesFinding[] = [];
  for (const rule of rules) {
    if (!isRuleEnabled(rule, config)) continue;
    const found: SeriesFinding[] = [];
    try {
      rule.check({
        series,
        config,
        report(r) {
          const f = toFinding(rule, r, config);
          if (f) found.push({ ...f, item: r.item });
        },
      });
    } catch (error) {
      report(opts, rule.id, error);
      continue;
    }
    for (const f of found) out.push(f);
  }
  return out;
}

function findingKey(f: Finding): string {
  const r = f.range;
  return `${f.rule}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * The findings of a document with its repository findings: a repository finding replaces the
 * other findings of the same rule id on the same range. One checkpatch TYPE may have a text rule
 * and a repository rule (BAD_FIXES_TAG, GIT_COMMIT_ID): the text rule sees a Fixes: tag or a
 * commit reference whose sha is too short and cannot fix it; the repository rule knows the
 * commit and reports the same problem with a fix, or its wrong title. One finding is shown, the
 * better informed one. Findings are otherwise kept as they are, in order (`base`, then `repo`).
 */
export function withRepoFindings<T extends Finding>(base: readonly T[], repo: readonly T[]): T[] {
  if (repo.length === 0) return [...base];
  const replaced = new Set(repo.map(findingKey));
  const out = base.filter((f) => !replaced.has(findingKey(f)));
  pushAll(out, repo);
  return out;
}

/** Document order: by line, then column, then rule id (deterministic output). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
