/**
 * A Repository for one check: every sha is looked up once however many rules (and messages of an
 * mbox) ask about it, and once `signal` is aborted (the document changed again, the request was
 * cancelled) no new look-up starts: they reject with CancelledError instead of answering
 * "unknown commit", so a cancelled check never reports anything it did not find out.
 */
import type { CommitInfo, Identity, Repository } from './repository';
import type { CommitResolution } from './gitRepository';

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

interface Resolving {
  resolveCommit(shaPrefix: string): Promise<CommitResolution>;
}

export function memoizeRepository(repo: Repository, signal?: AbortSignal): Repository {
  const lookups = new Map<string, Promise<CommitInfo | null>>();
  const resolutions = new Map<string, Promise<CommitResolution>>();
  const reachable = new Map<string, Promise<boolean>>();
  let identity: Promise<Identity | null> | undefined;
  const once = <T>(cache: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    let p = cache.get(key);
    if (!p) {
      p = run();
      cache.set(key, p);
    }
    return p;
  };
  const memo: Repository & Partial<Resolving> = {
    root: repo.root,
    lookupCommit: (sha) => once(lookups, sha.toLowerCase(), () => repo.lookupCommit(sha)),
    isReachableFromHead: (sha) => once(reachable, sha.toLowerCase(), () => repo.isReachableFromHead(sha)),
    identity: () => {
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return (identity ??= repo.identity());
    },
    // The check does not own the repository: it stays open for the next one.
    dispose: () => undefined,
  };
  const resolving = repo as Repository & Partial<Resolving>;
  if (typeof resolving.resolveCommit === 'function') {
    const resolve = resolving.resolveCommit.bind(repo);
    memo.resolveCommit = (sha) => once(resolutions, sha.toLowerCase(), () => resolve(sha));
  }
  if (repo.searchCommits) memo.searchCommits = repo.searchCommits.bind(repo);
  if (repo.subsystemPrefixes) memo.subsystemPrefixes = repo.subsystemPrefixes.bind(repo);
  if (repo.rankPeople) memo.rankPeople = repo.rankPeople.bind(repo);
  if (repo.headSha) memo.headSha = repo.headSha.bind(repo);
  return memo;
}
