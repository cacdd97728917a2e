/**
 * The main thread's side of the check worker (checkWorker.ts): the text findings of an open
 * document are computed off the main thread, so completion, hover and code actions answer while
 * a huge document is being checked.
 *
 * - One job runs at a time; each document has at most one job waiting (the newest text).
 * - A newer version of a document drops the older one's check: a waiting job is replaced, a
 *   running one is told through a shared cell and stops at its next message (it answers null).
 * - Without a worker (the file is missing, or the worker died) the check runs on the main
 *   thread, with the same incremental engine.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { letThreadsCollect } from '../io/leanHeap';
import { pushAll } from '../model/array';
import type { Finding, RuleConfig } from '../rules/types';
import { CheckCancelled, DeltaMismatch, FindingsReceiver, IncrementalDocument, type CheckDelta, type DeltaChunk, type TextShape } from '../check/incremental';
import type { TextKind } from '../parse/textKind';
import { configToken } from '../check/configToken';

export interface CheckJob {
  type: 'check';
  id: number;
  uri: string;
  text: string;
  kind: TextKind;
  config: RuleConfig;
  /** Names `config` (check/configToken.ts): the worker's copy of its spelling list has no identity of its own. */
  token: string;
  /** Start from nothing: the main thread holds none of this document's findings. */
  reset: boolean;
}
export type WorkerRequest = CheckJob | { type: 'forget'; uri: string };
export type CheckReply =
  /** `parts`: how many DeltaParts carried the delta's first messages and outlines, before this. */
  | { type: 'done'; id: number; delta: CheckDelta; parts: number; ruleErrors: [string, string][] }
  | { type: 'checked'; id: number; findings: Finding[]; ruleErrors: [string, string][] }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };
/** What the worker posts: parts of a huge delta while its check goes on, then the job's reply. */
export type WorkerMessage = CheckReply | DeltaPart;
/** A check's result: the text findings, and a huge text's shape (the main thread's model of it need not parse it again). */
export interface Checked {
  findings: Finding[];
  shape: TextShape | null;
}

export interface WorkerData {
  cancel: SharedArrayBuffer;
}

/**
 * PART_MESSAGES messages of a huge delta and their outlines, posted as the worker checks them:
 * a 100 MB mbox's delta is ~90 MB once serialized; kept whole by the worker and then queued
 * whole, it was the server's peak memory. The worker keeps none of a part's findings once it is
 * posted (the main thread holds them, also when the check is then superseded), and the main thread
 * makes its findings and outlines as kept when it arrives (a part is read in ~30 ms, requests are
 * answered between parts).
 */
export interface DeltaPart extends DeltaChunk {
  type: 'part';
  id: number;
}

/** Messages of a delta a part carries. */
export const PART_MESSAGES = 1000;

interface Pending {
  job: CheckJob;
  resolve: (found: Checked | null) => void;
  reject: (error: Error) => void;
}

export type RuleErrorSink = (rule: string, error: unknown) => void;

export class CheckPool {
  private worker: Worker | null = null;
  /** The parts of the running job's delta received so far. */
  private partial: { id: number; messages: CheckDelta['messages']; parsed: TextShape['parsed']; count: number } | null = null;
  private failed = false;
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private running: Pending | null = null;
  private readonly waiting = new Map<string, Pending>();
  private nextId = 1;
  /** Main-thread engines, when no worker runs. */
  private readonly local = new Map<string, { doc: IncrementalDocument; kind: TextKind }>();
  /** The findings the worker gave per document (it keeps none): every delta is applied, current or not. */
  private readonly received = new Map<string, FindingsReceiver>();

  constructor(
    private readonly onRuleError: RuleErrorSink,
    private readonly log: (message: string) => void,
    private readonly script = path.join(__dirname, 'checkWorker.js'),
  ) {}

  /**
   * The text findings (parse problems and text rules) of `text`, the document's newest version,
   * with a huge text's shape; null when a newer version was given before this one was checked.
   */
  textFindings(uri: string, text: string, kind: TextKind, config: RuleConfig): Promise<Checked | null> {
    let reset = false;
    if (!this.received.has(uri)) {
      this.received.set(uri, new FindingsReceiver());
      reset = true;
    }
    const job: CheckJob = { type: 'check', id: this.nextId++, uri, text, kind, config, token: configToken(config), reset };
    const older = this.waiting.get(uri);
    if (older) {
      this.waiting.delete(uri);
      older.resolve(null);
    }
    if (this.running?.job.uri === uri) Atomics.store(this.cancel, 0, this.running.job.id);
    return new Promise<Checked | null>((resolve, reject) => {
      this.waiting.set(uri, { job, resolve, reject });
      this.pump();
    });
  }

  /** The document closed: drop its state in the worker. */
  forget(uri: string): void {
    const older = this.waiting.get(uri);
    if (older) {
      this.waiting.delete(uri);
      older.resolve(null);
    }
    if (this.running?.job.uri === uri) Atomics.store(this.cancel, 0, this.running.job.id);
    this.local.delete(uri);
    this.received.delete(uri);
    this.worker?.postMessage({ type: 'forget', uri } satisfies WorkerRequest);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [uri, pending] = next.value;
    this.waiting.delete(uri);
    this.running = pending;
    const worker = this.ensureWorker();
    if (worker) {
      worker.postMessage(pending.job satisfies WorkerRequest);
      return;
    }
    // No worker: check here, one job a turn of the event loop.
    setImmediate(() => this.finish(pending.job.id, this.runLocal(pending.job)));
  }

  private runLocal(job: CheckJob): CheckReply {
    let entry = this.local.get(job.uri);
    if (!entry || entry.kind !== job.kind) {
      entry = { doc: new IncrementalDocument(job.kind), kind: job.kind };
      this.local.set(job.uri, entry);
    }
    const doc = entry.doc;
    try {
      const ruleErrors: [string, string][] = [];
      const onRuleError = (rule: string, e: unknown): number => ruleErrors.push([rule, e instanceof Error ? e.message : String(e)]);
      const findings = doc.check(job.text, job.config, { onRuleError, configToken: job.token }, () =>
        Atomics.load(this.cancel, 0) === job.id,
      );
      return { type: 'checked', id: job.id, findings, ruleErrors };
    } catch (error) {
      if (error instanceof CheckCancelled) return { type: 'cancelled', id: job.id };
      return { type: 'failed', id: job.id, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * A part of the running job's delta: its findings held from now on (the worker keeps none of
   * them, also when this check is superseded), they and its outlines made as kept (the last steps
   * only file them).
   */
  private takePart(part: DeltaPart): void {
    const pending = this.running;
    // The document closed (its worker state is forgotten too).
    const receiver = pending?.job.id === part.id ? this.received.get(pending.job.uri) : undefined;
    if (!receiver) return;
    receiver.hold(part.messages, part.parsed);
    if (this.partial?.id !== part.id) this.partial = { id: part.id, messages: [], parsed: [], count: 0 };
    pushAll(this.partial.messages, part.messages);
    pushAll(this.partial.parsed, part.parsed);
    this.partial.count++;
  }

  /** The whole delta of a reply: the parts received before it, then its own messages and outlines. */
  private whole(reply: CheckReply & { type: 'done' }): CheckDelta | null {
    const partial = this.partial?.id === reply.id ? this.partial : null;
    this.partial = null;
    if ((partial?.count ?? 0) !== reply.parts) return null;
    if (!partial) return reply.delta;
    pushAll(partial.messages, reply.delta.messages);
    const delta: CheckDelta = { ...reply.delta, messages: partial.messages };
    if (reply.delta.shape) {
      pushAll(partial.parsed, reply.delta.shape.parsed);
      delta.shape = { ...reply.delta.shape, parsed: partial.parsed };
    }
    return delta;
  }

  /** Check this text again from nothing: the findings held here no longer match what the worker gave. */
  private again(pending: Pending, why: string): void {
    this.log(`patchsmith: ${why}: checking ${pending.job.uri} again`);
    this.received.get(pending.job.uri)?.clear();
    if (!this.waiting.has(pending.job.uri)) this.waiting.set(pending.job.uri, { ...pending, job: { ...pending.job, id: this.nextId++, reset: true } });
    else pending.resolve(null);
  }

  private finish(id: number, reply: CheckReply): void {
    const pending = this.running;
    if (!pending || pending.job.id !== id) return;
    this.running = null;
    if (reply.type !== 'done' && this.partial?.id === id) this.partial = null;
    if (reply.type === 'done') {
      for (const [rule, message] of reply.ruleErrors) this.onRuleError(rule, new Error(message));
      const receiver = this.received.get(pending.job.uri);
      // The document closed while its check ran (forget): nothing to give it.
      if (!receiver) {
        this.partial = null;
        pending.resolve(null);
        this.pump();
        return;
      }
      const delta = this.whole(reply);
      if (!delta) {
        // Never expected (a worker's messages arrive in order): what it gave is unknown here.
        this.again(pending, "a part of the check worker's result is missing");
        this.pump();
        return;
      }
      try {
        pending.resolve({ findings: receiver.apply(delta), shape: delta.shape ?? null });
      } catch (error) {
        if (!(error instanceof DeltaMismatch)) throw error;
        // Never expected (deltas arrive in order).
        this.again(pending, error.message);
      }
    } else if (reply.type === 'checked') {
      for (const [rule, message] of reply.ruleErrors) this.onRuleError(rule, new Error(message));
      pending.resolve({ findings: reply.findings, shape: null });
    } else if (reply.type === 'cancelled') pending.resolve(null);
    else pending.reject(new Error(reply.message));
    this.pump();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    if (!existsSync(this.script)) {
      this.failed = true;
      this.log(`patchsmith: no check worker at ${this.script}: checking on the main thread`);
      return null;
    }
    letThreadsCollect();
    const worker = new Worker(this.script, { workerData: { cancel: this.cancel.buffer as SharedArrayBuffer } satisfies WorkerData });
    worker.on('message', (msg: WorkerMessage) => (msg.type === 'part' ? this.takePart(msg) : this.finish(msg.id, msg)));
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failed = true;
      this.log(`patchsmith: the check worker stopped (${why}): checking on the main thread`);
      // The job it was running is checked here instead.
      const pending = this.running;
      if (pending) setImmediate(() => this.finish(pending.job.id, this.runLocal(pending.job)));
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
