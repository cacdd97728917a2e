/**
 * A persistent `git cat-file --batch`: one process answers any number of object look-ups, each
 * a line written to its stdin. Requests are answered in order, so a FIFO queue pairs answers with
 * requests. The process starts on the first request, and again after it exits; `dispose` ends it.
 *
 * Output per request (git-cat-file(1), BATCH OUTPUT):
 *   `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`, or `<name> ambiguous\n`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { errorText, gitEnv, GIT_GLOBAL_ARGS } from './exec';

export type CatFileResult =
  | { kind: 'found'; oid: string; type: string; size: number; content: Buffer }
  | { kind: 'missing'; name: string }
  | { kind: 'ambiguous'; name: string };

export interface CatFileBatchOptions {
  /** A request unanswered for this long kills the process (it restarts on the next one). Default 10 s. */
  timeoutMs?: number;
}

interface Pending {
  name: string;
  resolve(result: CatFileResult): void;
  reject(error: Error): void;
}

export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Pending[] = [];
  /** Bytes received and not yet consumed. */
  private buffer: Buffer = Buffer.alloc(0);
  /** Header of the object whose content is still arriving. */
  private header: { oid: string; type: string; size: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly timeoutMs: number;

  constructor(
    readonly cwd: string,
    options: CatFileBatchOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Processes started so far (for tests: restarts after an exit). */
  starts = 0;

  /**
   * Look up an object by any name `git cat-file` understands (sha, sha prefix, `HEAD`,
   * `abc123^{commit}`). Rejects when git cannot run, is killed, or the name cannot be sent
   * (a newline in it).
   */
  request(name: string): Promise<CatFileResult> {
    if (this.disposed) return Promise.reject(new Error('cat-file batch disposed'));
    if (name === '' || /[\n\r\0]/.test(name)) {
      return Promise.reject(new Error(`not an object name: ${JSON.stringify(name)}`));
    }
    return new Promise<CatFileResult>((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = this.ensureProcess();
      } catch (e) {
        reject(new Error(errorText(e)));
        return;
      }
      this.queue.push({ name, resolve, reject });
      this.armTimer();
      child.stdin.write(name + '\n');
    });
  }

  /** Number of requests sent and not answered. */
  get pending(): number {
    return this.queue.length;
  }

  /** Kill the process and fail the waiting requests. Further requests reject. */
  dispose(): void {
    this.disposed = true;
    this.stop(new Error('cat-file batch disposed'));
  }

  private ensureProcess(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    // A long-lived process answering many requests: spawn (argument array, no shell) rather than
    // execFile, which buffers until exit; every request has its own timeout below.
    const child = spawn('git', [...GIT_GLOBAL_ARGS, 'cat-file', '--batch'], {
      cwd: this.cwd,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.starts++;
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.header = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    // Ambiguity hints and errors go to stderr; read them so the pipe never fills.
    child.stderr.on('data', () => undefined);
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => {
      if (this.child === child) this.stop(new Error(`git cat-file: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.stop(new Error(`git cat-file exited (${signal ?? code})`));
    });
    return child;
  }

  /** Consume complete answers from the buffer. */
  private drain(): void {
    for (;;) {
      if (this.header === null) {
        const eol = this.buffer.indexOf(0x0a);
        if (eol < 0) return;
        const line = this.buffer.toString('utf8', 0, eol);
        this.buffer = this.buffer.subarray(eol + 1);
        const next = this.queue[0];
        if (!next) continue; // an answer nobody waits for (cannot happen; be robust)
        if (line.endsWith(' missing') || line.endsWith(' ambiguous')) {
          this.queue.shift();
          const kind = line.endsWith(' missing') ? 'missing' : 'ambiguous';
          next.resolve({ kind, name: line.slice(0, line.lastIndexOf(' ')) });
          this.armTimer();
          continue;
        }
        const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(line);
        if (!m) {
          this.stop(new Error(`git cat-file: unexpected output ${JSON.stringify(line)}`));
          return;
        }
        this.header = { oid: m[1]!, type: m[2]!, size: Number(m[3]) };
      }
      const header = this.header;
      if (this.buffer.length < header.size + 1) return;
      // Copy: the content must not pin the (possibly large) chunk it arrived in.
      const content = Buffer.from(this.buffer.subarray(0, header.size));
      this.buffer = this.buffer.subarray(header.size + 1);
      this.header = null;
      const next = this.queue.shift();
      this.armTimer();
      next?.resolve({ kind: 'found', oid: header.oid, type: header.type, size: header.size, content });
    }
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.stop(new Error(`git cat-file did not answer within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  /** End the current process (if any) and reject everything waiting on it. */
  private stop(error: Error): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    this.child = null;
    this.header = null;
    this.buffer = Buffer.alloc(0);
    if (child) {
      child.stdin.end();
      child.kill();
    }
    const waiting = this.queue.splice(0);
    for (const p of waiting) p.reject(error);
  }
}
