/**
 * Running a checkpatch.pl: `perl SCRIPT [--show-types] [--strict] [--fix] [--no-color] FILE`
 * from its folder (discover.ts), on the text as edited, written to a temporary file (checkpatch
 * writes its `--fix` copy next to its input, so a file in a private temporary folder rather than
 * standard input). No shell: the process is spawned with an argument array, in its own process
 * group, so a timeout, an abort or too much output kills it and anything it started.
 *
 * What the script supports is read from its text once per version of the script (options.ts);
 * a script that refuses to run outside its tree ("Must be run from the top-level dir. of a
 * kernel tree") is run again with `--no-tree`, remembered for that script.
 *
 * Every failure is a value with one clear message, never a throw: no perl, a script that dies,
 * exits with a status checkpatch never uses, prints something that is not checkpatch's report,
 * prints too much, or takes too long.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckpatchLocation } from './discover';
import { scriptOptions } from './options';
import { parseCheckpatchOutput, type CheckpatchReport } from './parseOutput';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

export interface RunOptions {
  timeoutMs?: number;
  /** Most bytes of output (stdout and stderr together) read before the process is killed. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /** The perl to run (default `perl`, from PATH). */
  perl?: string;
  /** Name of the temporary input file (the patch's own name: checkpatch prints it). */
  fileName?: string;
  /** Always pass --no-tree (the corpus was made so). */
  noTree?: boolean;
  /** Ask for `--fix` (when the script has it). */
  fix?: boolean;
  /** Pass `--strict` (when the script has it). */
  strict?: boolean;
}

export type FailureKind = 'no-perl' | 'timeout' | 'too-much-output' | 'failed' | 'garbage' | 'aborted';

export type RunResult =
  | { ok: true; reports: CheckpatchReport[]; output: string; fixed: string | null; ms: number }
  | { ok: false; kind: FailureKind; message: string };

/** Scripts that needed --no-tree (not inside the tree they belong to). */
const needsNoTree = new Set<string>();

const live = new Set<ChildProcess>();
let exitHook = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function safeName(name: string | undefined): string {
  const base = name ? path.basename(name).replace(/[^A-Za-z0-9._-]/g, '_') : '';
  return base && base !== '.' && base !== '..' ? base : 'patch.patch';
}

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  failure: { kind: FailureKind; message: string } | null;
}

function runProcess(perl: string, args: readonly string[], cwd: string, timeoutMs: number, maxBytes: number, signal?: AbortSignal): Promise<Spawned> {
  return new Promise((resolve) => {
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const c of live) killGroup(c);
      });
    }
    let child: ChildProcess;
    try {
      child = spawn(perl, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    } catch (e) {
      resolve({ code: null, signal: null, stdout: '', stderr: '', failure: { kind: 'no-perl', message: `cannot run ${perl}: ${String(e)}` } });
      return;
    }
    live.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let failure: Spawned['failure'] = null;
    let done = false;
    const stop = (f: NonNullable<Spawned['failure']>): void => {
      if (failure) return;
      failure = f;
      killGroup(child);
      // A grandchild may hold the pipes open after the group is killed: do not wait for them.
      setTimeout(() => finish(null, null), 1000).unref();
    };
    const timer = setTimeout(() => stop({ kind: 'timeout', message: `it ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped` }), timeoutMs);
    const onAbort = (): void => stop({ kind: 'aborted', message: 'a newer version of the text arrived' });
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
    const take = (list: Buffer[]) => (chunk: Buffer) => {
      if (failure) return;
      bytes += chunk.length;
      if (bytes > maxBytes) {
        stop({ kind: 'too-much-output', message: `it printed more than ${Math.round(maxBytes / 1024 / 1024)} MB and was stopped` });
        return;
      }
      list.push(chunk);
    };
    child.stdout!.on('data', take(out));
    child.stderr!.on('data', take(err));
    const finish = (code: number | null, sig: NodeJS.Signals | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      live.delete(child);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ code, signal: sig, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), failure });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (!failure) {
        failure = e.code === 'ENOENT' ? { kind: 'no-perl', message: `${perl} was not found (install perl to run checkpatch.pl)` } : { kind: 'failed', message: `cannot run ${perl}: ${e.message}` };
      }
      finish(null, null);
    });
    child.on('close', (code, sig) => finish(code, sig));
  });
}

function firstLines(text: string, n = 2): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, n)
    .join(' ')
    .slice(0, 300);
}

/** Run the script on `text`. */
export async function runCheckpatch(location: CheckpatchLocation, text: string, opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const caps = await scriptOptions(location.script);
  if (!caps) return { ok: false, kind: 'failed', message: `cannot read ${location.script}` };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patchsmith-checkpatch-'));
  try {
    const file = path.join(dir, safeName(opts.fileName));
    await fs.writeFile(file, text);
    const perl = opts.perl ?? 'perl';
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const fix = opts.fix !== false && caps.fix;
    const argsFor = (noTree: boolean): string[] => [
      location.script,
      ...(caps.showTypes ? ['--show-types'] : []),
      ...(opts.strict !== false && caps.strict ? ['--strict'] : []),
      ...caps.noColor,
      ...(fix ? ['--fix'] : []),
      ...(noTree ? ['--no-tree'] : []),
      file,
    ];
    let noTree = opts.noTree === true || needsNoTree.has(location.script);
    let r = await runProcess(perl, argsFor(noTree), location.cwd, timeoutMs, maxBytes, opts.signal);
    if (!r.failure && !noTree && caps.noTree && /Must be run from the top-level dir/.test(r.stdout + r.stderr)) {
      needsNoTree.add(location.script);
      noTree = true;
      r = await runProcess(perl, argsFor(noTree), location.cwd, timeoutMs, maxBytes, opts.signal);
    }
    if (r.failure) return { ok: false, ...r.failure };
    if (r.code !== 0 && r.code !== 1) {
      const why = firstLines(r.stderr) || firstLines(r.stdout) || (r.signal ? `killed by ${r.signal}` : `exit status ${String(r.code)}`);
      return { ok: false, kind: 'failed', message: `it failed (${r.signal ? r.signal : `exit status ${String(r.code)}`}): ${why}` };
    }
    const parsed = parseCheckpatchOutput(r.stdout);
    if (!parsed.sawTotal && parsed.reports.length === 0 && r.stdout.trim() !== '') {
      return { ok: false, kind: 'garbage', message: `its output is not a checkpatch report: ${firstLines(r.stdout)}` };
    }
    let fixed: string | null = null;
    if (fix) {
      try {
        fixed = await fs.readFile(`${file}.EXPERIMENTAL-checkpatch-fixes`, 'utf8');
      } catch {
        fixed = null; // Nothing to fix, or nothing it knows how to.
      }
    }
    return { ok: true, reports: parsed.reports, output: r.stdout, fixed, ms: Date.now() - started };
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
