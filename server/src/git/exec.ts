/**
 * Running git: always execFile with an argument array (never a shell), a timeout, no
 * pager, no terminal prompts, the C locale, and no optional locks (a background tool must not
 * fight the user's own `git status` for index.lock).
 */
import { execFile, type ChildProcess } from 'node:child_process';

export interface GitResult {
  stdout: string;
  stderr: string;
  /** Exit status; -1 when git could not be started, was killed by the timeout or overflowed maxBuffer. */
  code: number;
  /** Set when git could not run or was stopped (timeout, maxBuffer); absent on a normal exit. */
  error?: string;
}

export interface RunGitOptions {
  /** Kill git after this many milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Written to git's stdin, which is then closed. */
  input?: string | Buffer;
  /** Most bytes of stdout kept (default 64 MiB); beyond it git is killed and code is -1. */
  maxBuffer?: number;
  /** Extra environment variables (e.g. GIT_AUTHOR_* when rewriting a commit). */
  env?: Readonly<Record<string, string>>;
  /** Aborted: git is not started (or is killed), code -1 and `error` 'cancelled'. */
  signal?: AbortSignal;
}

/**
 * Most git processes of runGit running at once: a burst of look-ups (an mbox of hundreds of
 * patches, each with Fixes: tags) queues here instead of forking hundreds of gits. The
 * persistent `cat-file --batch` and the history reader are one process each, outside this cap.
 */
export const MAX_CONCURRENT_GIT = 4;

let running = 0;
let peak = 0;
const waiting: (() => void)[] = [];

/** How many runGit processes run now, and the most that ever ran at once (tests, bench). */
export function gitProcessStats(): { running: number; peak: number; queued: number } {
  return { running, peak, queued: waiting.length };
}

function acquire(signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (running < MAX_CONCURRENT_GIT) {
    running++;
    peak = Math.max(peak, running);
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const go = (): void => {
      signal?.removeEventListener('abort', cancel);
      if (signal?.aborted) {
        release();
        resolve(false);
        return;
      }
      peak = Math.max(peak, running);
      resolve(true);
    };
    const cancel = (): void => {
      const i = waiting.indexOf(go);
      if (i >= 0) waiting.splice(i, 1);
      resolve(false);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    waiting.push(go);
  });
}

/** Give the slot to the next waiting run (which keeps `running` as it is), or free it. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

export const DEFAULT_GIT_TIMEOUT_MS = 10_000;

/** Variables that would point git somewhere other than `cwd`. */
const LOCATION_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR'];

/** The environment every git child gets: the caller's, made quiet, non-interactive and predictable. */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of LOCATION_VARIABLES) delete env[name];
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  env.PAGER = 'cat';
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_ASKPASS = '';
  env.SSH_ASKPASS = '';
  return env;
}

/** Arguments placed before the subcommand of every invocation. */
export const GIT_GLOBAL_ARGS: readonly string[] = ['--no-pager', '-c', 'color.ui=false', '-c', 'core.quotepath=off'];

/**
 * Run `git <args>` in `cwd` with execFile (an argument array, never a shell). Never rejects: a
 * failure to start, a timeout or an overflow gives code -1 and `error`.
 */
export async function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  if (!(await acquire(options.signal))) return { stdout: '', stderr: '', code: -1, error: 'cancelled' };
  try {
    return await runGitNow(cwd, args, options);
  } finally {
    release();
  }
}

function runGitNow(cwd: string, args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const maxBuffer = options.maxBuffer ?? 64 * 1024 * 1024;
  const what = `git ${args[0] ?? ''}`;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = execFile(
        'git',
        [...GIT_GLOBAL_ARGS, ...args],
        {
          cwd,
          env: options.env ? { ...gitEnv(), ...options.env } : gitEnv(),
          timeout: timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer,
          encoding: 'buffer',
          windowsHide: true,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        (error, stdout, stderr) => {
          const result: GitResult = {
            stdout: stdout.toString('utf8'),
            // Keep the head of stderr only; it is for messages, not data.
            stderr: stderr.subarray(0, 1024 * 1024).toString('utf8'),
            code: 0,
          };
          if (error) {
            const code: unknown = error.code;
            if (typeof code === 'number') {
              result.code = code; // git ran and exited non-zero: its answer, not our error
            } else {
              result.code = -1;
              if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') result.error = `${what} wrote more than ${maxBuffer} bytes`;
              else if (options.signal?.aborted) result.error = 'cancelled';
              else if (error.killed) result.error = `${what} timed out after ${timeoutMs} ms`;
              else result.error = errorText(error);
            }
          }
          resolve(result);
        },
      );
    } catch (e) {
      resolve({ stdout: '', stderr: '', code: -1, error: errorText(e) });
      return;
    }
    // git may exit before reading its input; that is its answer, not our error.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/**
 * The top-level directory of the work tree containing `dir`; null when `dir` is not inside a
 * work tree (or is a bare repository, or does not exist) or git is missing. Never throws.
 */
export async function findRepositoryRoot(dir: string, timeoutMs = DEFAULT_GIT_TIMEOUT_MS): Promise<string | null> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel'], { timeoutMs });
  if (result.code !== 0) return null;
  const root = result.stdout.replace(/\r?\n$/, '');
  return root === '' ? null : root;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
