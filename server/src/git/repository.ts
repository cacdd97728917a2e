/**
 * What the rules and the language server need from a git repository. The real implementation
 * (gitRepository.ts) runs git with execFile and argument arrays, a timeout, and a persistent
 * `git cat-file --batch`; tests use it against real temporary repositories.
 */

export interface CommitInfo {
  /** Full 40-hex sha. */
  sha: string;
  /** First line of the message. */
  title: string;
  authorName: string;
  authorEmail: string;
  /** Author date, ISO 8601. */
  authorDate: string;
}

export interface Identity {
  name: string;
  email: string;
}

export interface Repository {
  /** Top-level directory. */
  readonly root: string;
  /** Resolve a sha (prefix of at least 4 hex) to a commit; null when unknown or ambiguous. */
  lookupCommit(shaPrefix: string): Promise<CommitInfo | null>;
  /** Whether the commit is an ancestor of HEAD. */
  isReachableFromHead(sha: string): Promise<boolean>;
  /** `git config user.name` / `user.email`; null when unset. */
  identity(): Promise<Identity | null>;
  /** Stop background processes. */
  dispose(): void;
}
