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

/** A person known from the history, for trailer completions. */
export interface PersonSuggestion {
  name: string;
  email: string;
  /** Commits they appear in (author, committer or person trailer). */
  commits: number;
  /** "12 commits since 2024", "3 commits, last 2021-07". */
  description: string;
}

/** A `subsys: comp` subject prefix used by earlier commits touching some files. */
export interface SubsystemPrefix {
  prefix: string;
  count: number;
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

  // Optional extras (the git implementation has them; test fakes may leave them out).

  /** Sha prefix (4+ hex) or words of the title, over the indexed history; newest first. */
  searchCommits?(query: string, limit: number): Promise<CommitInfo[]>;
  /** `subsys: comp` prefixes of the last commits touching these paths, most used first. */
  subsystemPrefixes?(paths: string[], limit: number): Promise<SubsystemPrefix[]>;
  /** People from the history whose name or email words start with the query words, most frequent first. */
  rankPeople?(query: string | undefined, limit: number): Promise<PersonSuggestion[]>;
  /** Full sha of HEAD; null in a repository without commits. */
  headSha?(): Promise<string | null>;
}
