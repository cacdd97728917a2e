/**
 * The Repository of a real git work tree: commit look-ups through a persistent
 * `git cat-file --batch`, everything else through short `git` runs (execFile-style, argument
 * arrays, timeouts), and the history index for completions.
 */
import { CatFileBatch } from './catFileBatch';
import { DEFAULT_GIT_TIMEOUT_MS, findRepositoryRoot, runGit } from './exec';
import { HistoryIndex, isoDate, type HistorySnapshot, type RankedPerson } from './historyIndex';
import type { CommitInfo, Identity, Repository, SubsystemPrefix } from './repository';

export interface GitRepositoryOptions {
  /** Timeout of each short git run and of each cat-file answer (ms). Default 10 s. */
  timeoutMs?: number;
  /** Most commits the history index reads. Default 50,000. */
  historyCap?: number;
}

/** What a sha prefix resolves to. */
export type CommitResolution =
  | { status: 'found'; commit: CommitInfo }
  | { status: 'missing' }
  | { status: 'ambiguous' };

const HEX_PREFIX = /^[0-9a-f]{4,64}$/i;

export class GitRepository implements Repository {
  private batch: CatFileBatch | null = null;
  private history: HistoryIndex | null = null;
  private readonly timeoutMs: number;
  private readonly historyCap: number | undefined;
  private disposed = false;

  constructor(
    readonly root: string,
    options: GitRepositoryOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
    this.historyCap = options.historyCap;
  }

  async lookupCommit(shaPrefix: string): Promise<CommitInfo | null> {
    const r = await this.resolveCommit(shaPrefix);
    return r.status === 'found' ? r.commit : null;
  }

  /**
   * Like lookupCommit, but tells an unknown sha from an ambiguous one. A prefix that names one
   * commit and also some tree or blob resolves to the commit (as `git show` does); a prefix of a
   * tag resolves to its commit; a prefix of a tree or blob only is missing.
   *
   * Only object ids count: `cat-file` also resolves ref names, so a branch or tag NAMED
   * `123456789abc` would answer for `Fixes: 123456789abc`. An answer whose object id does not
   * start with the given hex digits is no answer (missing); for an ambiguous prefix the
   * candidates come from `rev-parse --disambiguate`, which lists objects only.
   */
  async resolveCommit(shaPrefix: string): Promise<CommitResolution> {
    const prefix = shaPrefix.trim().toLowerCase();
    if (!HEX_PREFIX.test(prefix) || this.disposed) return { status: 'missing' };
    const first = await this.cat(prefix);
    if (first === null || first.kind === 'missing') return { status: 'missing' };
    // A ref of that name answered, not an object of that id: ask for objects only (below).
    if (first.kind === 'found' && first.oid.startsWith(prefix)) {
      if (first.type === 'commit') {
        const commit = parseCommitObject(first.oid, first.content);
        return commit ? { status: 'found', commit } : { status: 'missing' };
      }
      if (first.type !== 'tag') return { status: 'missing' };
      // An annotated tag object: the commit it names (by its full id, never a ref name).
      const peeled = await this.cat(`${first.oid}^{commit}`);
      if (peeled !== null && peeled.kind === 'found' && peeled.type === 'commit') {
        const commit = parseCommitObject(peeled.oid, peeled.content);
        if (commit) return { status: 'found', commit };
      }
      return { status: 'missing' };
    }
    // Ambiguous among objects, or shadowed by a ref: the commits (or tags of commits) among the
    // objects of that prefix, by full id.
    const candidates = await this.objectsWithPrefix(prefix);
    const commits = new Map<string, CommitInfo>();
    for (const oid of candidates) {
      const peeled = await this.cat(`${oid}^{commit}`);
      if (peeled === null || peeled.kind !== 'found' || peeled.type !== 'commit') continue;
      const commit = parseCommitObject(peeled.oid, peeled.content);
      if (commit) commits.set(commit.sha, commit);
    }
    if (commits.size === 1) return { status: 'found', commit: commits.values().next().value as CommitInfo };
    return commits.size > 1 ? { status: 'ambiguous' } : { status: 'missing' };
  }

  /** Full ids of the objects whose id starts with `prefix` (at most a few dozen are asked about). */
  private async objectsWithPrefix(prefix: string): Promise<string[]> {
    const r = await runGit(this.root, ['rev-parse', `--disambiguate=${prefix}`], { timeoutMs: this.timeoutMs });
    if (r.code !== 0) return [];
    return r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[0-9a-f]{40,64}$/.test(l) && l.startsWith(prefix))
      .slice(0, 32);
  }

  async isReachableFromHead(sha: string): Promise<boolean> {
    if (!HEX_PREFIX.test(sha)) return false;
    const r = await runGit(this.root, ['merge-base', '--is-ancestor', sha, 'HEAD'], { timeoutMs: this.timeoutMs });
    return r.code === 0;
  }

  async identity(): Promise<Identity | null> {
    const [name, email] = await Promise.all([this.config('user.name'), this.config('user.email')]);
    if (name === null || email === null) return null;
    return { name, email };
  }

  /** Full sha of HEAD; null without commits. */
  async headSha(): Promise<string | null> {
    const r = await runGit(this.root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { timeoutMs: this.timeoutMs });
    const sha = r.stdout.trim();
    return r.code === 0 && sha !== '' ? sha : null;
  }

  /** The history index (created on first use; `index()` starts reading in the background). */
  historyIndex(): HistoryIndex {
    if (!this.history) this.history = new HistoryIndex(this.root, { cap: this.historyCap });
    return this.history;
  }

  /** The history snapshot of the current HEAD, partial while it is being read. */
  async historySnapshot(): Promise<HistorySnapshot> {
    return this.historyIndex().index();
  }

  /**
   * Commits for a `Fixes:` completion: a hex query matches sha prefixes (falling back to a
   * look-up for commits beyond the index), other text matches title words. Newest first.
   */
  async searchCommits(query: string, limit: number): Promise<CommitInfo[]> {
    if (this.disposed || limit <= 0) return [];
    const snapshot = await this.historySnapshot();
    const found = snapshot.searchCommits(query, limit);
    const q = query.trim();
    if (found.length === 0 && HEX_PREFIX.test(q)) {
      const commit = await this.lookupCommit(q);
      if (commit) return [commit];
    }
    return found;
  }

  /** People of the history matching the query (see HistorySnapshot.rankPeople). */
  async rankPeople(query: string | undefined, limit: number): Promise<RankedPerson[]> {
    if (this.disposed) return [];
    const snapshot = await this.historySnapshot();
    return snapshot.rankPeople(query, limit);
  }

  /**
   * The `subsys: comp` prefixes of the subjects of the last 200 non-merge commits that touched
   * `paths` (repository-relative), most used first (ties: most recent first).
   */
  async subsystemPrefixes(paths: string[], limit: number): Promise<SubsystemPrefix[]> {
    const wanted = paths.filter((p) => p !== '' && p !== '/dev/null');
    if (wanted.length === 0 || limit <= 0 || this.disposed) return [];
    const r = await runGit(
      this.root,
      ['--literal-pathspecs', 'log', '--no-merges', '--no-show-signature', '--format=%s', '-n', '200', 'HEAD', '--', ...wanted],
      { timeoutMs: this.timeoutMs },
    );
    if (r.code !== 0) return [];
    return rankPrefixes(r.stdout.split('\n'), limit);
  }

  dispose(): void {
    this.disposed = true;
    this.batch?.dispose();
    this.batch = null;
    this.history?.dispose();
  }

  private async cat(name: string) {
    if (!this.batch) this.batch = new CatFileBatch(this.root, { timeoutMs: this.timeoutMs });
    try {
      return await this.batch.request(name);
    } catch {
      return null;
    }
  }

  private async config(key: string): Promise<string | null> {
    const r = await runGit(this.root, ['config', '--get', key], { timeoutMs: this.timeoutMs });
    const value = r.stdout.replace(/\r?\n$/, '');
    return r.code === 0 && value.trim() !== '' ? value : null;
  }
}

/** The repository containing `dir`, or null when there is none (or git is missing). */
export async function openRepository(dir: string, options: GitRepositoryOptions = {}): Promise<GitRepository | null> {
  const root = await findRepositoryRoot(dir, options.timeoutMs);
  return root === null ? null : new GitRepository(root, options);
}

/** Parse a raw commit object (as `git cat-file commit` prints it). */
export function parseCommitObject(sha: string, content: Buffer): CommitInfo | null {
  const blank = content.indexOf('\n\n');
  const headerEnd = blank < 0 ? content.length : blank;
  // latin1 keeps every byte as one char, so the author line can be decoded once the commit's
  // `encoding` header (which may come after it) is known.
  const headers = content.toString('latin1', 0, headerEnd).split('\n');
  let encoding = 'utf-8';
  let authorLine: string | null = null;
  for (const line of headers) {
    if (line.startsWith('author ') && authorLine === null) authorLine = line;
    else if (line.startsWith('encoding ')) encoding = line.slice('encoding '.length).trim();
  }
  if (authorLine === null) return null;
  const author = /^author (.*?) ?<([^<>]*)> (\d+) ([+-])(\d\d)(\d\d)\s*$/.exec(decode(Buffer.from(authorLine, 'latin1'), encoding));
  if (!author) return null;
  const message = decode(blank < 0 ? Buffer.alloc(0) : content.subarray(blank + 2), encoding);
  const offset = (author[4] === '-' ? -1 : 1) * (Number(author[5]) * 60 + Number(author[6]));
  return {
    sha,
    title: subjectOf(message),
    authorName: author[1]!,
    authorEmail: author[2]!,
    authorDate: isoDate(Number(author[3]), offset),
  };
}

/** git's `%s`: the first paragraph of the message, its lines joined with spaces. */
export function subjectOf(message: string): string {
  const lines = message.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const parts: string[] = [];
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) parts.push(lines[i]!.replace(/\s+$/, ''));
  return parts.join(' ');
}

/**
 * The `subsys: comp` prefix of a commit subject (`KVM: x86: Fix foo` -> `KVM: x86`); null when
 * the subject has none (or is a revert, whose prefix belongs to the reverted commit).
 */
export function subjectPrefix(subject: string): string | null {
  const parts = subject.trim().split(/:\s+/);
  if (parts.length < 2) return null;
  const prefix: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    // A prefix component: a word of identifier-ish characters (`net`, `x86/mmu`, `dt-bindings`);
    // the first may be two words (`perf tools`, `tools headers`).
    const component = i === 0 ? /^[A-Za-z0-9_][\w.,/+#*-]*( [\w.,/+#*-]+)?$/ : /^[A-Za-z0-9_][\w.,/+#*-]*$/;
    if (!component.test(part)) break;
    prefix.push(part);
  }
  if (prefix.length === 0 || prefix.length === parts.length) return null;
  if (parts.slice(prefix.length).join(': ').trim() === '') return null;
  return prefix.join(': ');
}

/** Count the prefixes of these subjects, most used first, ties most recent (earliest in the list) first. */
export function rankPrefixes(subjects: readonly string[], limit: number): SubsystemPrefix[] {
  const counts = new Map<string, number>();
  for (const s of subjects) {
    const p = subjectPrefix(s);
    if (p !== null) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  // Map iteration order is first appearance; the sort is stable.
  return [...counts.entries()]
    .map(([prefix, count]) => ({ prefix, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

function decode(bytes: Buffer, encoding: string): string {
  if (/^utf-?8$/i.test(encoding)) return bytes.toString('utf8');
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
