/**
 * The check of every file `patchsmith check` was given: the same pipeline as check/checkSeries.ts
 * (text findings, repository findings, series findings, combined per file), in this process for
 * a few files, on every core (worker threads, checkFilesWorker.ts) for many.
 *
 * With workers, the models stay where they were parsed: a worker parses a contiguous run of the
 * files (series in a folder sit side by side), computes their text and repository findings and
 * sends back those findings and each message's small grouping summary (series/group.ts
 * MessageSummary), never a model. This thread groups the series from the summaries (the same
 * grouping as in process: planSeries), then sends each series to the worker that holds its first
 * file (with the texts of any member parsed elsewhere) for the series rules, and combines
 * every file's findings itself. Same findings, same order, same exit status as in process.
 *
 * When: WORKER_MIN_FILES files or more, and WORKER_MIN_CORES cores or more. PATCHSMITH_CHECK_WORKERS forces
 * it: `0` always in process, `N` (N >= 1) always N workers, whatever the number of files.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Repository } from '../git/repository';
import type { Finding, RuleConfig } from '../rules/types';
import { combineFindings, configForFile } from '../check';
import { checkTexts } from '../check/streamCheck';
import { planSeries, type MessageSummary, type SeriesPlan } from '../series/group';

/** Fewer files than this are checked in process (starting workers costs more than it saves). */
export const WORKER_MIN_FILES = 200;
/**
 * Fewer cores than this: in process. Each worker compiles and warms up the rules and collects its
 * own garbage; on two cores that costs more than it gains (3,600 corpus patches, idle machine:
 * 2.1-2.2 s in process, 2.7-2.9 s with workers).
 */
export const WORKER_MIN_CORES = 4;
/** Most worker threads `check` starts. */
export const MAX_WORKERS = 8;

export interface CheckInput {
  /** Name shown for the file; unique among the inputs. */
  name: string;
  /** Path given to parseForCheck ('' for standard input). */
  fileName: string;
  text: string;
  config: RuleConfig;
  repo: Repository | null;
}

export interface CheckFilesEnv {
  commitMessage: boolean;
  /** --cover-text: every file is a series' cover letter text. */
  coverText?: boolean;
  /** A message the parser failed on (an internal error). */
  onParseFailure: (name: string, message: string) => void;
  /** A rule threw; `file` names the file or the files of the series. */
  onRuleError: (ruleId: string, error: unknown, file: string) => void;
  /** The parser threw on a whole file (an internal error; the check stops). */
  onCrash: (name: string, error: unknown) => never;
  /** Findings kept per rule and file (CheckEnv.maxPerRule). */
  maxPerRule?: number;
}

// --- protocol (checkFilesWorker.ts is the other side) ---

export interface WorkerFile {
  index: number;
  name: string;
  fileName: string;
  text: string;
  /** Index into WorkerSetup.configs. */
  config: number;
  /** Root of the repository for the repository rules, or null. */
  repoRoot: string | null;
}
export interface WorkerSetup {
  configs: RuleConfig[];
  commitMessage: boolean;
  /** --cover-text: every file is a series' cover letter text. */
  coverText?: boolean;
}
export interface SeriesJob {
  /** Position of the series among all the series (findings are merged in that order). */
  order: number;
  plan: SeriesPlan;
  /** Index of the file whose configuration the series rules use (its first item's). */
  configFile: number;
}
export type ToWorker =
  | { type: 'files'; files: WorkerFile[] }
  | { type: 'series'; jobs: SeriesJob[]; files: WorkerFile[] }
  | { type: 'close' };
export interface RuleErrorReport {
  rule: string;
  file: string;
  message: string;
  stack?: string;
}
export interface FileResult {
  index: number;
  text: Finding[];
  repo: Finding[];
  failures: string[];
  /** Null when the text is no patch to group (isUncheckable). */
  messages: MessageSummary[] | null;
}
export type FromWorker =
  | { type: 'files'; results: FileResult[]; ruleErrors: RuleErrorReport[] }
  /** [job order, file index, findings] */
  | { type: 'series'; found: [number, number, Finding[]][]; ruleErrors: RuleErrorReport[] }
  | { type: 'crash'; name: string; message: string; stack?: string }
  | { type: 'closed' };

/** How many workers to use for `count` files: 0 means in process. */
export function workerCount(count: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env['PATCHSMITH_CHECK_WORKERS'];
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    if (Number.isInteger(n) && n >= 0) return Math.min(n, MAX_WORKERS, Math.max(count, 1));
  }
  const cores = availableParallelism();
  if (count < WORKER_MIN_FILES || cores < WORKER_MIN_CORES) return 0;
  return Math.min(cores, MAX_WORKERS);
}

const WORKER_SCRIPT = path.join(__dirname, 'checkFilesWorker.js');

/** Findings of every input (same order), each combined as checkSeries combines them. */
export async function checkFiles(inputs: readonly CheckInput[], env: CheckFilesEnv): Promise<Finding[][]> {
  const n = workerCount(inputs.length);
  if (n > 0 && existsSync(WORKER_SCRIPT)) return checkInWorkers(inputs, env, n);
  return checkInProcess(inputs, env);
}

export async function checkInProcess(inputs: readonly CheckInput[], env: CheckFilesEnv): Promise<Finding[][]> {
  try {
    // checkSeries over the parsed files; a big mailbox a slice of messages at a time (check/streamCheck.ts).
    return await checkTexts(inputs, {
      commitMessage: env.commitMessage,
      coverText: env.coverText === true,
      onParseFailure: (name, p) => env.onParseFailure(name, `line ${p.range.start.line + 1}: ${p.message}`),
      onRuleError: (id, error, file) => env.onRuleError(id, error, file ?? inputs.map((f) => f.name).join(', ')),
      ...(env.maxPerRule !== undefined ? { maxPerRule: env.maxPerRule } : {}),
    });
  } catch (e) {
    return env.onCrash(inputs.map((f) => f.name).join(', '), e);
  }
}

class WorkerLink {
  private readonly waiting: ((msg: FromWorker) => void)[] = [];
  private failure: Error | null = null;
  constructor(readonly worker: Worker) {
    worker.on('message', (msg: FromWorker) => this.waiting.shift()?.(msg));
    const fail = (e: Error): void => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w({ type: 'crash', name: 'worker', message: e.message });
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`check worker exited (${code})`)));
  }
  ask(msg: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.resolve({ type: 'crash', name: 'worker', message: this.failure.message });
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.worker.postMessage(msg);
    });
  }
}

function asError(r: { message: string; stack?: string }): Error {
  const e = new Error(r.message);
  if (r.stack !== undefined) e.stack = r.stack;
  return e;
}

async function checkInWorkers(inputs: readonly CheckInput[], env: CheckFilesEnv, count: number): Promise<Finding[][]> {
  const configs: RuleConfig[] = [];
  const configIndex = new Map<RuleConfig, number>();
  const wire: WorkerFile[] = inputs.map((s, index) => {
    let c = configIndex.get(s.config);
    if (c === undefined) {
      c = configs.length;
      configs.push(s.config);
      configIndex.set(s.config, c);
    }
    return { index, name: s.name, fileName: s.fileName, text: s.text, config: c, repoRoot: s.repo?.root ?? null };
  });
  const setup: WorkerSetup = { configs, commitMessage: env.commitMessage, coverText: env.coverText === true };
  const links = Array.from({ length: count }, () => new WorkerLink(new Worker(WORKER_SCRIPT, { workerData: setup })));
  try {
    // 1. Contiguous runs of files, about equal in bytes, several a worker: taken in turn by
    //    whichever worker is free. `holder` remembers where each file's model is.
    const total = wire.reduce((sum, f) => sum + f.text.length, 0);
    const target = Math.max(1, total / (count * 8));
    const runs: WorkerFile[][] = [];
    let run: WorkerFile[] = [];
    let size = 0;
    for (const f of wire) {
      run.push(f);
      size += f.text.length;
      if (size >= target) {
        runs.push(run);
        run = [];
        size = 0;
      }
    }
    if (run.length) runs.push(run);
    const results: (FileResult | undefined)[] = new Array(inputs.length);
    const holder = new Int32Array(inputs.length).fill(-1);
    const ruleErrors: RuleErrorReport[][] = [];
    let next = 0;
    const stop: { crash: { name: string; message: string; stack?: string } | null } = { crash: null };
    await Promise.all(
      links.map(async (link, w) => {
        while (next < runs.length && !stop.crash) {
          const mine = runs[next++]!;
          const reply = await link.ask({ type: 'files', files: mine });
          if (reply.type === 'crash') {
            stop.crash ??= reply;
            return;
          }
          if (reply.type !== 'files') continue;
          for (const r of reply.results) {
            results[r.index] = r;
            holder[r.index] = w;
          }
          ruleErrors[mine[0]!.index] = reply.ruleErrors;
        }
      }),
    );
    if (stop.crash) return env.onCrash(stop.crash.name, asError(stop.crash));
    // Reports in file order, as in process.
    for (let i = 0; i < inputs.length; i++) for (const msg of results[i]!.failures) env.onParseFailure(inputs[i]!.name, msg);
    for (const list of ruleErrors) for (const r of list ?? []) env.onRuleError(r.rule, asError(r), r.file);

    // 2. Series, grouped here from the summaries, checked where their first file is.
    const checkable: number[] = [];
    for (let i = 0; i < inputs.length; i++) if (results[i]!.messages) checkable.push(i);
    const plans = planSeries(checkable.map((i) => ({ file: inputs[i]!.name, messages: results[i]!.messages! })));
    const jobs: SeriesJob[][] = links.map(() => []);
    const extra: Map<number, WorkerFile>[] = links.map(() => new Map());
    for (const [order, p] of plans.entries()) {
      const plan: SeriesPlan = {
        ...p,
        items: p.items.map((r) => ({ file: checkable[r.file]!, message: r.message })),
        cover: p.cover ? { file: checkable[p.cover.file]!, message: p.cover.message } : null,
      };
      const first = plan.items[0]?.file ?? checkable[0]!;
      const w = holder[first]!;
      jobs[w]!.push({ order, plan, configFile: first });
      for (const it of plan.items) if (holder[it.file] !== w) extra[w]!.set(it.file, wire[it.file]!);
    }
    const byPlan: [number, number, Finding[]][] = [];
    const replies = await Promise.all(links.map((link, w) => (jobs[w]!.length ? link.ask({ type: 'series', jobs: jobs[w]!, files: [...extra[w]!.values()] }) : null)));
    for (const reply of replies) {
      if (!reply) continue;
      if (reply.type === 'crash') return env.onCrash(reply.name, asError(reply));
      if (reply.type !== 'series') continue;
      for (const r of reply.ruleErrors) env.onRuleError(r.rule, asError(r), r.file);
      for (const entry of reply.found) byPlan.push(entry);
    }
    byPlan.sort((a, b) => a[0] - b[0]);
    const series = inputs.map((): Finding[] => []);
    for (const [, i, found] of byPlan) for (const f of found) series[i]!.push(f);
    return inputs.map((s, i) => {
      const r = results[i]!;
      return combineFindings({ text: r.text, repo: r.repo, series: series[i]! }, configForFile(s.config, s.name), env.maxPerRule);
    });
  } finally {
    await Promise.all(links.map((l) => l.ask({ type: 'close' }).then(() => l.worker.terminate())));
  }
}
