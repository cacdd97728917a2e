/**
 * Running git: always a child process with an argument array (never a shell), a timeout, no
 * pager, no terminal prompts, the C locale, and no optional locks (a background tool must not
 * fight the user's own `git status` for index.lock).
 */
import { spawn } from 'node:child_process';

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
 * Run `git <args>` in `cwd`. Never rejects: a failure to start, a timeout or an overflow gives
 * code -1 and `error`.
 */
export function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const maxBuffer = options.maxBuffer ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let failure: string | undefined;

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('git', [...GIT_GLOBAL_ARGS, ...args], {
        cwd,
        env: gitEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (e) {
      resolve({ stdout: '', stderr: '', code: -1, error: errorText(e) });
      return;
    }

    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const result: GitResult = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: failure === undefined ? code : -1,
      };
      if (failure !== undefined) result.error = failure;
      resolve(result);
    };

    // Answer at once: a grandchild (an alias, a hook) may hold the pipes open after git dies.
    const stop = (why: string): void => {
      if (failure === undefined) failure = why;
      child.kill('SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(-1);
    };

    const timer = setTimeout(() => stop(`git ${args[0] ?? ''} timed out after ${timeoutMs} ms`), timeoutMs);

    child.stdout?.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBuffer) {
        stop(`git ${args[0] ?? ''} wrote more than ${maxBuffer} bytes`);
        return;
      }
      out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // Keep the head of stderr only; it is for messages, not data.
      if (errBytes < 1024 * 1024) err.push(chunk);
      errBytes += chunk.length;
    });
    child.on('error', (e) => {
      if (failure === undefined) failure = errorText(e);
      finish(-1);
    });
    child.on('close', (code) => finish(code ?? -1));

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
