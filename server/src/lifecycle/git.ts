/**
 * git for the series commands: runGit (execFile, argument arrays, timeouts) wrapped so that a
 * failure becomes a SeriesError carrying git's own first line of explanation.
 */
import { runGit, type RunGitOptions } from '../git/exec';

/** A failure the user can act on: printed as one line, exit status 2 (or 1 where stated). */
export class SeriesError extends Error {}

/** Slow operations (format-patch, range-diff, rewriting a branch) get a longer timeout. */
export const SLOW_GIT_MS = 120_000;

/** `git <args>` in `cwd`; its stdout, or a SeriesError with git's message. */
export async function git(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<string> {
  const r = await runGit(cwd, args, { timeoutMs: SLOW_GIT_MS, ...options });
  if (r.code !== 0) {
    const why = r.error ?? (r.stderr.trim().split('\n').filter(Boolean).pop() || `exit status ${r.code}`);
    throw new SeriesError(`git ${args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''} failed: ${why}`);
  }
  return r.stdout;
}

/** `git <args>`; null when git exits non-zero (an answer, e.g. a missing config key). */
export async function gitMaybe(cwd: string, args: readonly string[], options: RunGitOptions = {}): Promise<string | null> {
  const r = await runGit(cwd, args, { timeoutMs: SLOW_GIT_MS, ...options });
  if (r.error) throw new SeriesError(`git ${args[0] ?? ''}: ${r.error}`);
  return r.code === 0 ? r.stdout : null;
}

/** The full sha of a revision, or null. */
export async function revParse(cwd: string, rev: string): Promise<string | null> {
  const out = await gitMaybe(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return out ? out.trim() : null;
}
