/**
 * A worker thread of `patchsmith check` with many files (dist/checkFilesWorker.js; protocol and
 * design: checkFiles.ts). It parses the files it is given and keeps their models for the series
 * step; it answers with findings and grouping summaries only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PatchDocument } from '../model/types';
import type { Repository } from '../git/repository';
import type { Finding, Series, SeriesItem } from '../rules/types';
import { configForFile, isUncheckable, parseFailures, parseForCheck, repoFindings, seriesFindingsByFile, textFindings } from '../check';
import { openRepository } from '../git/gitRepository';
import { summarizeMessage } from '../series/group';
import type { FileResult, FromWorker, RuleErrorReport, ToWorker, WorkerFile, WorkerSetup } from './checkFiles';

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const docs = new Map<number, { file: WorkerFile; doc: PatchDocument }>();
  const repos = new Map<string, Promise<Repository | null>>();
  const repoAt = (root: string | null): Promise<Repository | null> => {
    if (root === null) return Promise.resolve(null);
    let r = repos.get(root);
    if (!r) repos.set(root, (r = openRepository(root)));
    return r;
  };

  class Crash extends Error {
    constructor(
      readonly file: string,
      readonly error: unknown,
    ) {
      super(error instanceof Error ? error.message : String(error));
    }
  }
  const parse = (f: WorkerFile): PatchDocument => {
    let doc: PatchDocument;
    try {
      doc = parseForCheck(f.text, f.fileName, { commitMessage: setup.commitMessage, coverText: setup.coverText === true });
    } catch (e) {
      throw new Crash(f.name, e);
    }
    docs.set(f.index, { file: f, doc });
    return doc;
  };
  const reporter = (errors: RuleErrorReport[], file: string) => (rule: string, error: unknown) => {
    const report: RuleErrorReport = { rule, file, message: error instanceof Error ? error.message : String(error) };
    if (error instanceof Error && error.stack !== undefined) report.stack = error.stack;
    errors.push(report);
  };

  const checkFiles = async (files: WorkerFile[]): Promise<FromWorker> => {
    const ruleErrors: RuleErrorReport[] = [];
    const parsed = files.map((f) => ({ f, doc: parse(f) }));
    const results: FileResult[] = parsed.map(({ f, doc }) => ({
      index: f.index,
      text: textFindings(doc, configForFile(setup.configs[f.config]!, f.name), { onRuleError: reporter(ruleErrors, f.name) }),
      repo: [],
      failures: parseFailures(doc).map((p) => `line ${p.range.start.line + 1}: ${p.message}`),
      messages: isUncheckable(doc) ? null : doc.messages.map(summarizeMessage),
    }));
    await Promise.all(
      parsed.map(async ({ f, doc }, i) => {
        const repo = await repoAt(f.repoRoot);
        results[i]!.repo = await repoFindings(doc, configForFile(setup.configs[f.config]!, f.name), repo, { onRuleError: reporter(ruleErrors, f.name) });
      }),
    );
    return { type: 'files', results, ruleErrors };
  };

  const checkSeries = (msg: Extract<ToWorker, { type: 'series' }>): FromWorker => {
    const ruleErrors: RuleErrorReport[] = [];
    for (const f of msg.files) parse(f);
    const found: [number, number, Finding[]][] = [];
    const indexOf = new Map<string, number>();
    for (const job of msg.jobs) {
      const items = new Map<string, SeriesItem>();
      const item = (ref: { file: number; message: number }): SeriesItem => {
        const key = `${ref.file}:${ref.message}`;
        let it = items.get(key);
        if (!it) {
          const { file, doc } = docs.get(ref.file)!;
          indexOf.set(file.name, file.index);
          it = { file: file.name, doc, msg: doc.messages[ref.message]! };
          items.set(key, it);
        }
        return it;
      };
      const p = job.plan;
      const series: Series = { key: p.key, version: p.version, total: p.total, items: p.items.map(item), cover: p.cover ? item(p.cover) : null };
      const first = docs.get(job.configFile)!.file;
      const names = [...new Set(series.items.map((it) => it.file))].join(', ');
      for (const [name, list] of seriesFindingsByFile(series, configForFile(setup.configs[first.config]!, first.name), { onRuleError: reporter(ruleErrors, names) })) {
        const at = indexOf.get(name);
        if (at !== undefined && list.length) found.push([job.order, at, list]);
      }
    }
    return { type: 'series', found, ruleErrors };
  };

  const answer = async (msg: ToWorker): Promise<FromWorker> => {
    try {
      if (msg.type === 'files') return await checkFiles(msg.files);
      if (msg.type === 'series') return checkSeries(msg);
      for (const r of repos.values()) (await r)?.dispose();
      docs.clear();
      return { type: 'closed' };
    } catch (e) {
      const name = e instanceof Crash ? e.file : 'check worker';
      const cause = e instanceof Crash ? e.error : e;
      const reply: FromWorker = { type: 'crash', name, message: cause instanceof Error ? cause.message : String(cause) };
      if (cause instanceof Error && cause.stack !== undefined) reply.stack = cause.stack;
      return reply;
    }
  };
  // One request at a time, answered in order.
  let queue = Promise.resolve();
  port.on('message', (msg: ToWorker) => {
    queue = queue.then(async () => port.postMessage(await answer(msg)));
  });
}
