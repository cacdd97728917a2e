/**
 * Temporary git repositories for tests: `makeRepo()` makes one (initialised, with a user
 * configured and isolated from the machine's global and system git config), `commit()` adds
 * commits with files, authors and fixed dates, `fastImport()` writes thousands of commits in
 * one `git fast-import` run. Every git run uses execFile with an argument array and a timeout.
 *
 *   const dir = await makeRepo();
 *   const sha = await commit(dir, { message: 'net: fix foo\n\nSigned-off-by: A <a@example.org>\n',
 *                                   files: { 'drivers/net/foo.c': 'int x;\n' } });
 *   ...
 *   await removeRepo(dir);
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PersonSpec {
  name: string;
  email: string;
}

export interface CommitSpec {
  /** The whole commit message (title, body, trailers). */
  message: string;
  /** Files to write (content) or delete (null), paths relative to the repository root. */
  files?: Record<string, string | null>;
  /** Default: the repository's user. `"Name <email>"` or an object. */
  author?: PersonSpec | string;
  /** Default: the author. */
  committer?: PersonSpec | string;
  /**
   * Author (and committer) date: a Date, Unix seconds, or anything git accepts
   * (`2024-03-05T10:20:30+01:00`). Default: 2024-01-01T00:00:00Z plus one hour per commit made
   * by this helper in this repository, so histories are deterministic and ordered.
   */
  date?: Date | number | string;
  /** Committer date when it differs from `date`. */
  commitDate?: Date | number | string;
}

export interface MakeRepoOptions {
  /** user.name / user.email of the repository (default `Test User <test@example.org>`); null leaves them unset. */
  user?: PersonSpec | null;
  /** Initial branch (default `main`). */
  branch?: string;
  /** Extra `git config` entries. */
  config?: Record<string, string>;
  /** Commits to make right away, in order. */
  commits?: CommitSpec[];
  /** Directory name prefix under the OS temp dir. */
  prefix?: string;
}

export const DEFAULT_USER: PersonSpec = { name: 'Test User', email: 'test@example.org' };

const BASE_DATE = Date.UTC(2024, 0, 1) / 1000;
const GIT_TIMEOUT_MS = 60_000;

/** Commits made by `commit()` per repository (for default dates). */
const commitCounters = new Map<string, number>();

/**
 * The environment for git in tests: no global or system config (a developer's
 * commit.gpgsign or hooks must not leak in), no prompts, C locale. Also applied to this process
 * by `isolateGitConfig()` so the code under test sees the same.
 */
export function testGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE']) {
    delete env[name];
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: process.platform === 'win32' ? 'NUL' : '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * Make this test process (and every git it starts, including the code under test) ignore the
 * machine's global and system git config. Call once at the top of a test file that depends on
 * config being absent (e.g. identity() without user.name).
 */
export function isolateGitConfig(): void {
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = process.platform === 'win32' ? 'NUL' : '/dev/null';
}

/** Run git in `dir`; resolves stdout, rejects with git's stderr on failure. */
export function git(dir: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: dir, env: testGitEnv(options.env), timeout: GIT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(' ')} failed in ${dir}: ${stderr || error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** A new temporary repository (initialised, user configured unless `user: null`). */
export async function makeRepo(options: MakeRepoOptions = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), options.prefix ?? 'patchsmith-git-'));
  await git(dir, ['init', '-q', '-b', options.branch ?? 'main']);
  const user = options.user === undefined ? DEFAULT_USER : options.user;
  const config: Record<string, string> = {
    'commit.gpgsign': 'false',
    'tag.gpgsign': 'false',
    'core.autocrlf': 'false',
    ...options.config,
  };
  if (user) {
    config['user.name'] = user.name;
    config['user.email'] = user.email;
  }
  for (const [key, value] of Object.entries(config)) await git(dir, ['config', key, value]);
  commitCounters.set(dir, 0);
  for (const spec of options.commits ?? []) await commit(dir, spec);
  return dir;
}

/** Make a commit (an empty one when `files` is absent); resolves its full sha. */
export async function commit(dir: string, spec: CommitSpec): Promise<string> {
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    const full = path.join(dir, file);
    if (content === null) {
      await rm(full, { force: true });
    } else {
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
  }
  if (spec.files && Object.keys(spec.files).length > 0) await git(dir, ['add', '-A', '--', ...Object.keys(spec.files)]);

  const n = commitCounters.get(dir) ?? 0;
  commitCounters.set(dir, n + 1);
  const date = gitDate(spec.date ?? BASE_DATE + n * 3600);
  const env: Record<string, string> = {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: spec.commitDate !== undefined ? gitDate(spec.commitDate) : date,
  };
  const author = spec.author === undefined ? undefined : toPerson(spec.author);
  const committer = spec.committer === undefined ? author : toPerson(spec.committer);
  if (author) Object.assign(env, { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email });
  if (committer) Object.assign(env, { GIT_COMMITTER_NAME: committer.name, GIT_COMMITTER_EMAIL: committer.email });

  await git(dir, ['commit', '-q', '--allow-empty', '--allow-empty-message', '--no-verify', '--cleanup=verbatim', '-F', '-'], {
    input: spec.message,
    env,
  });
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}

export interface FastImportCommit {
  message: string;
  author: PersonSpec;
  /** Default: the author. */
  committer?: PersonSpec;
  /** Unix seconds. */
  date: number;
  /** Time zone like `+0100` (default `+0000`). */
  tz?: string;
  /** Files to write, paths relative to the root. */
  files?: Record<string, string>;
}

/**
 * Append commits to `branch` (default `main`) with one `git fast-import` run: thousands of
 * commits a second. Accepts any iterable (a generator for very large histories). The work tree
 * and index are not updated (tests of history don't need them). Resolves the number of commits.
 */
export async function fastImport(dir: string, commits: Iterable<FastImportCommit>, branch = 'main'): Promise<number> {
  const ref = `refs/heads/${branch}`;
  let parent: string | null = null;
  try {
    parent = (await git(dir, ['rev-parse', '--verify', '-q', `${ref}^{commit}`])).trim() || null;
  } catch {
    parent = null;
  }
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env: testGitEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  const write = async (text: string): Promise<void> => {
    if (!child.stdin.write(text)) await new Promise<void>((resolve) => child.stdin.once('drain', () => resolve()));
  };

  let count = 0;
  let pending = '';
  for (const c of commits) {
    const committer = c.committer ?? c.author;
    const tz = c.tz ?? '+0000';
    let block = `commit ${ref}\n`;
    block += `author ${c.author.name} <${c.author.email}> ${c.date} ${tz}\n`;
    block += `committer ${committer.name} <${committer.email}> ${c.date} ${tz}\n`;
    block += `data ${Buffer.byteLength(c.message)}\n${c.message}\n`;
    if (count === 0 && parent !== null) block += `from ${parent}\n`;
    for (const [file, content] of Object.entries(c.files ?? {})) {
      block += `M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`;
    }
    pending += block + '\n';
    count++;
    if (pending.length > 256 * 1024) {
      await write(pending);
      pending = '';
    }
  }
  await write(pending + 'done\n');
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  if (count > 0) {
    // Make the work tree match, cheaply, when the branch is checked out (keeps `git status` sane).
    const head = (await git(dir, ['symbolic-ref', '-q', 'HEAD']).catch(() => '')).trim();
    if (head === ref) await git(dir, ['reset', '-q', '--hard', ref]);
  }
  return count;
}

/** Delete a repository made by makeRepo. */
export async function removeRepo(dir: string): Promise<void> {
  commitCounters.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

function toPerson(p: PersonSpec | string): PersonSpec {
  if (typeof p !== 'string') return p;
  const m = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(p);
  if (!m) throw new Error(`not "Name <email>": ${p}`);
  return { name: m[1]!, email: m[2]! };
}

function gitDate(d: Date | number | string): string {
  if (d instanceof Date) return `@${Math.floor(d.getTime() / 1000)} +0000`;
  if (typeof d === 'number') return `@${Math.floor(d)} +0000`;
  return d;
}
