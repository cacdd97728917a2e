/**
 * One git repository as the language server uses it: the Repository for the repo rules, and
 * answers for completion and hover that never wait on git for long: identity and MAINTAINERS are
 * loaded once up front, people and commits come from the history index as far as it has read,
 * and slower look-ups (subsystem prefixes) are cached and raced against a short deadline.
 */
import { GitRepository } from '../git/gitRepository';
import type { CommitInfo, Identity, SubsystemPrefix } from '../git/repository';
import type { RankedPerson } from '../git/historyIndex';
import { loadMaintainers, maintainersFor, type Maintainers } from '../maintainers/maintainers';

export interface MaintainerEntry {
  section: string;
  role: 'maintainer' | 'reviewer' | 'list';
  name: string;
  email: string;
}

/** Resolve with the promise's value, or `fallback` when it takes longer than `ms`. */
export function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/** How often (at most) HEAD is re-checked for a new history. */
const HEAD_RECHECK_MS = 5_000;

export class RepoService {
  readonly repo: GitRepository;
  private identityValue: Identity | null | undefined;
  private readonly identityPromise: Promise<Identity | null>;
  private maintainers: Maintainers | null = null;
  private maintainersPromise: Promise<Maintainers | null>;
  private readonly prefixCache = new Map<string, Promise<SubsystemPrefix[]>>();
  private lastHeadCheck = 0;
  private disposed = false;

  constructor(
    readonly root: string,
    historyCap: number,
  ) {
    this.repo = new GitRepository(root, { historyCap });
    this.identityPromise = this.repo.identity().then(
      (id) => (this.identityValue = id),
      () => (this.identityValue = null),
    );
    this.maintainersPromise = this.loadMaintainers();
    if (historyCap > 0) this.refreshHistory();
  }

  private maintainersLoaded = false;

  private loadMaintainers(): Promise<Maintainers | null> {
    return loadMaintainers(this.root).then(
      (m) => {
        this.maintainersLoaded = true;
        return (this.maintainers = m);
      },
      () => {
        this.maintainersLoaded = true;
        return null;
      },
    );
  }

  /** Start (or refresh, when HEAD moved) the background history read; at most every few seconds. */
  refreshHistory(): void {
    const now = Date.now();
    if (this.disposed || now - this.lastHeadCheck < HEAD_RECHECK_MS) return;
    this.lastHeadCheck = now;
    this.repo.historyIndex().index().catch(() => undefined);
  }

  /** Identity, waiting at most `ms` for the first `git config` answer. */
  async identity(ms = 300): Promise<Identity | null> {
    if (this.identityValue !== undefined) return this.identityValue;
    return within(this.identityPromise, ms, null);
  }

  /**
   * MAINTAINERS entries for the touched paths. MAINTAINERS is read and indexed once, in the
   * background (in slices, see loadMaintainers); until it is ready the answer has no MAINTAINERS
   * people (a completion says it is incomplete and is asked again). `ms`: how long to wait for
   * the first read (none by default: a completion never waits on a 16 MB file).
   */
  async maintainersFor(paths: readonly string[], content: string, ms = 0): Promise<MaintainerEntry[]> {
    const m = this.maintainers ?? (ms > 0 ? await within(this.maintainersPromise, ms, null) : null);
    if (!m || paths.length === 0) return [];
    return maintainersFor(m, [...paths], content);
  }

  /** Whether MAINTAINERS has been read (or there is none). */
  get maintainersReady(): boolean {
    return this.maintainersLoaded;
  }

  /** Resolves when the current MAINTAINERS read is done (tests, benchmarks). */
  maintainersDone(): Promise<unknown> {
    return this.maintainersPromise;
  }

  /** Reload MAINTAINERS (it changed on disk). */
  reloadMaintainers(): void {
    this.maintainersPromise = this.loadMaintainers();
  }

  /** People ranked from the history read so far (never waits for git). */
  people(query: string | undefined, limit: number): RankedPerson[] {
    this.refreshHistory();
    const snap = this.repo.historyIndex().current;
    return snap ? snap.rankPeople(query, limit) : [];
  }

  /** One person as the history knows them. */
  person(email: string): RankedPerson | null {
    const snap = this.repo.historyIndex().current;
    return snap ? snap.person(email) : null;
  }

  /** Commits for Fixes: completion from the history read so far; a sha beyond it is looked up. */
  async searchCommits(query: string, limit: number, ms = 300): Promise<CommitInfo[]> {
    this.refreshHistory();
    const snap = this.repo.historyIndex().current;
    const found = snap ? snap.searchCommits(query, limit) : [];
    if (found.length === 0 && /^[0-9a-f]{7,40}$/i.test(query.trim())) {
      const c = await within(this.repo.lookupCommit(query.trim()), ms, null);
      if (c) return [c];
    }
    return found;
  }

  /** `subsys: comp` prefixes used for the paths (cached; `null` while git is still answering). */
  async subsystemPrefixes(paths: readonly string[], limit: number, ms = 300): Promise<SubsystemPrefix[] | null> {
    const key = [...paths].sort().join('\0');
    let p = this.prefixCache.get(key);
    if (!p) {
      p = this.repo.subsystemPrefixes([...paths], limit).catch(() => []);
      this.prefixCache.set(key, p);
      if (this.prefixCache.size > 200) this.prefixCache.delete(this.prefixCache.keys().next().value as string);
    }
    return within<SubsystemPrefix[] | null>(p, ms, null);
  }

  /** How far the history has been read. */
  historyStatus(): { commits: number; complete: boolean } {
    const snap = this.repo.historyIndex().current;
    return snap ? { commits: snap.progress, complete: snap.complete } : { commits: 0, complete: false };
  }

  /** Resolves when the history has been read (tests, benchmarks). */
  async historyDone(): Promise<void> {
    const snap = await this.repo.historyIndex().index();
    await snap.done;
  }

  dispose(): void {
    this.disposed = true;
    this.repo.dispose();
  }
}
