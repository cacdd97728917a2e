/**
 * patchsmith's own LSP requests and notifications, shared by the server and the VS Code client
 * (the client imports the types only). Standard LSP carries everything else.
 */

/** Server-side commands (workspace/executeCommand). Arguments: [uri: string, ...]. */
export const ServerCommands = {
  /**
   * [uri, line?] - add the user's Signed-off-by at the right place (applied via
   * workspace/applyEdit), in the message at `line` (0-based; default: the first message).
   */
  signOff: 'patchsmith.server.signOff',
  /** [uri, key: string, value: string, line?] - add `key: value` in the trailer block of the message at `line`. */
  addTrailer: 'patchsmith.server.addTrailer',
  /** [uri] - vN -> vN+1 in every subject of the series and a `Changes in vN+1:` stub in the cover. */
  bumpVersion: 'patchsmith.server.bumpVersion',
  /** [uri, line?] - sort the trailers of the message at `line`, or of every message (configured b4 trailer order; submitter's SoB last). */
  sortTrailers: 'patchsmith.server.sortTrailers',
  /** [uri, key, value] - add the trailer to every patch of the series. */
  addTrailerToSeries: 'patchsmith.server.addTrailerToSeries',
} as const;

export interface PersonCandidate {
  name: string;
  email: string;
  /** Where it came from: "you (git config)", "maintainer: KVM X86", "12 commits since 2024". */
  source: string;
}

/** `patchsmith/people` - candidates for a person trailer of the document. */
export const PeopleRequest = 'patchsmith/people';
export interface PeopleParams {
  uri: string;
  key?: string;
  /** 0-based line (the cursor's): candidates for the message there, in an mbox; default: the first message. */
  line?: number;
}
export type PeopleResult = PersonCandidate[];

/** `patchsmith/seriesInfo` - the series of a document, for the status bar. */
export const SeriesInfoRequest = 'patchsmith/seriesInfo';
export interface SeriesInfoParams {
  uri: string;
  /** 0-based line (the cursor's): describe the message there, in an mbox; default: the first message. */
  line?: number;
}
export interface SeriesInfoResult {
  /** "v3 2/7", "1/1", "cover v2 0/5" */
  label: string;
  /** Problems (errors + warnings) over the whole series. */
  problems: number;
  seriesKey: string | null;
  /**
   * The 0-based lines for which this answer holds (those of the message described; the first
   * message also owns the lines before it, the last one those after it), so that a client asks
   * again only when the cursor leaves them. Absent from older servers.
   */
  lines?: MessageLines;
}
export interface MessageLines {
  first: number;
  last: number;
}

/** `patchsmith/listSeries` - every series found in the workspace, for the tree view. */
export const ListSeriesRequest = 'patchsmith/listSeries';
export interface SeriesEntry {
  key: string;
  label: string;
  items: { uri: string; label: string; problems: number }[];
}
export type ListSeriesResult = SeriesEntry[];

/** `patchsmith/seriesPreview` - rendered HTML body of the series of a document. */
export const SeriesPreviewRequest = 'patchsmith/seriesPreview';
export interface SeriesPreviewParams {
  uri: string;
  /** Nonce for the inline script (webview CSP); omitted for standalone pages. */
  nonce?: string;
  /** 'webview' uses VS Code CSS variables and posts messages; 'standalone' is a full page. */
  mode: 'webview' | 'standalone';
}
export interface SeriesPreviewResult {
  html: string;
  seriesKey: string | null;
}

/** `patchsmith/seriesChanged` notification (server -> client): a series' content or problems changed. */
export const SeriesChangedNotification = 'patchsmith/seriesChanged';
export interface SeriesChangedParams {
  uris: string[];
}

/** `patchsmith/repositoryStatus` - the repository of a document and how far its history is read. */
export const RepositoryStatusRequest = 'patchsmith/repositoryStatus';
export interface RepositoryStatusParams {
  uri: string;
}
export interface RepositoryStatusResult {
  /** Top level of the repository; null without one (no git, none found, untrusted workspace). */
  root: string | null;
  /** Commits of the history indexed so far (for completions). */
  historyCommits: number;
  /** Whether the history read has ended (all read, capped or failed). */
  historyComplete: boolean;
}

/**
 * `patchsmith/checkpatchStatus` notification (server -> client): the repository's checkpatch.pl
 * started (`running: true`) or ended on a large patch, for a status item while it runs.
 */
export const CheckpatchStatusNotification = 'patchsmith/checkpatchStatus';
export interface CheckpatchStatusParams {
  uri: string;
  running: boolean;
  /** The script, when running. */
  script?: string;
}

/**
 * `patchsmith/branchSeries` - the series of the repository's branches (the `patchsmith series`
 * engine: server/src/lifecycle), for the Patch Series view and the series commands. Refused in
 * an untrusted workspace (git never runs there).
 */
export const BranchSeriesRequest = 'patchsmith/branchSeries';
export type BranchSeriesParams =
  | { action: 'list' }
  | { action: 'start'; root: string; branch?: string; base?: string }
  | { action: 'cover'; root: string; branch: string }
  | { action: 'setCover'; root: string; branch: string; text: string }
  | { action: 'format'; root: string; branch: string }
  | { action: 'send'; root: string; branch: string; force?: boolean; toSelf?: boolean }
  | { action: 'reroll'; root: string; branch: string }
  | { action: 'trailers'; root: string; branch: string; from: string; dryRun?: boolean };

export interface BranchSeriesCommit {
  sha: string;
  subject: string;
  acked: number;
  reviewed: number;
  tested: number;
}

export interface BranchSeriesEntry {
  root: string;
  branch: string;
  version: number;
  baseBranch: string;
  commits: BranchSeriesCommit[];
  /** Versions sent so far (`v1`...). */
  sent: string[];
  /** Whether the branch is checked out. */
  current: boolean;
  /** What `check` finds on the formatted series (errors and warnings). */
  problems: number;
  /** Why the series could not be read (e.g. its base is gone); absent when fine. */
  error?: string;
}

export interface BranchSeriesRecipient {
  header: 'To' | 'Cc';
  address: string;
  reason: string;
}

export interface BranchSeriesFormatted {
  dir: string;
  files: string[];
  subjects: string[];
  recipients: BranchSeriesRecipient[];
  errors: number;
  findings: { file: string; line: number; severity: string; rule: string; message: string }[];
  /** `git range-diff` with the previous version (with the diffs), when there is one. */
  rangeDiff: string | null;
}

export type BranchSeriesResult =
  | { ok: true; series?: BranchSeriesEntry[]; text?: string; formatted?: BranchSeriesFormatted; message?: string }
  | { ok: false; message: string };
