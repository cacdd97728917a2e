/**
 * The patch model: what the parser makes of a patch email, a cover letter or a bare commit
 * message. Every part carries its exact range in the document: 0-based lines and UTF-16
 * columns, as LSP uses (a JavaScript string index is a UTF-16 column).
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Something the parser could not make sense of. It never throws; it reports these. */
export interface ParseProblem {
  code: string;
  message: string;
  range: Range;
}

export interface Header {
  /** Header name as written (`Subject`, `message-id`). */
  name: string;
  /** Unfolded (newlines removed, leading whitespace of continuation kept) and RFC 2047 decoded. */
  value: string;
  /** Unfolded but not decoded. */
  rawValue: string;
  /** The whole header including continuation lines. */
  range: Range;
  nameRange: Range;
  valueRange: Range;
  /** True for in-body `From:`/`Subject:`/`Date:` lines at the top of the body. */
  inBody: boolean;
}

export interface Person {
  name: string;
  email: string;
  /** Text after the address (`# note`, `(note)`), trimmed; empty when none. */
  comment: string;
  nameRange?: Range;
  emailRange?: Range;
  commentRange?: Range;
}

export type SubjectTagKind = 'patch' | 'rfc' | 'resend' | 'version' | 'counter' | 'other';

export interface SubjectTag {
  kind: SubjectTagKind;
  /** The token as written (`PATCHv3` is split into `PATCH` and `v3`, each with its own range). */
  text: string;
  range: Range;
}

export interface Subject {
  /** The decoded, unfolded Subject value. */
  raw: string;
  /** Every token inside the leading `[...]` groups, in order, as written. */
  prefixes: string[];
  tags: SubjectTag[];
  /** `[...]` groups as written, e.g. `[PATCH v2 1/3]`, with ranges. */
  groups: { text: string; range: Range }[];
  patch: boolean;
  rfc: boolean;
  resend: boolean;
  /** `v2` -> 2; null when the subject has none. */
  version: number | null;
  number: number | null;
  total: number | null;
  /** Digits written for number and total (`01/12` -> 2 and 2). 0 when absent. */
  numberWidth: number;
  totalWidth: number;
  /** Prefixes that are none of PATCH, RFC, RESEND, vN, M/N (`net-next`, `kvm-unit-tests`). */
  otherPrefixes: string[];
  /** Leading `Re:`/`Aw:`/`Fwd:` seen. */
  isReply: boolean;
  /** Subject minus `Re:` and every leading `[...]` group, as `git am` makes the commit title. */
  summary: string;
  summaryRange: Range;
  /** `KVM: x86` for `KVM: x86: fix foo`; null when the summary has no `subsys:` prefix. */
  subsystem: string | null;
  subsystemRange?: Range;
}

export interface Trailer {
  /** Key as written, without trailing spaces (`Signed-off-by`). */
  key: string;
  /** The separator character (`:`) */
  separator: string;
  /** Value with continuation lines joined as git joins them (single spaces). */
  value: string;
  /** Line of the key (0-based). */
  line: number;
  /** Lines of continuation (RFC 822 folding), may be empty. */
  continuationLines: number[];
  /** From the key to the end of the last continuation line. */
  range: Range;
  keyRange: Range;
  separatorRange: Range;
  /** Value on the first line only (continuations have their own lines). */
  valueRange: Range;
  /** Whitespace between key and separator (`Key : v`). */
  spaceBeforeSeparator: string;
  /** Whitespace between separator and value. */
  spaceAfterSeparator: string;
  /** For person trailers and any value that looks like `Name <email>`. */
  person?: Person;
  /** A `[bracketed note]` line right after the trailer (b4), when present. */
  noteLine?: number;
}

export interface TrailerBlock {
  /** First and last line (inclusive) of the block (the last paragraph of the message). */
  startLine: number;
  endLine: number;
  range: Range;
  trailers: Trailer[];
  /** Lines of the block that are neither trailers nor continuations (25% rule). */
  nonTrailerLines: number[];
}

/** The commit message: from the first body line (after in-body headers) to the cut (`---`, diff). */
export interface CommitMessage {
  /** First line of the message body (0-based document line) and last line (inclusive). */
  startLine: number;
  endLine: number;
  range: Range;
  /** Title: the subject summary for mails; first paragraph for a bare commit message. */
  title: string;
  titleRange: Range | null;
  /** Document lines holding the body (excluding title for bare messages), excluding `#` comments. */
  bodyLines: number[];
  trailerBlock: TrailerBlock | null;
  /** `#` comment lines (bare commit messages) */
  commentLines: number[];
  /** The `# ------------------------ >8 ------------------------` line, if any. */
  scissorsLine: number | null;
}

export interface NotesArea {
  /** The `---` separator line; -1 in a git cover letter, whose notes follow the blurb directly. */
  separatorLine: number;
  /** Lines after the separator up to the diffstat / diff / signature (exclusive of those). */
  startLine: number;
  endLine: number;
  /** `Changes in v3:`, `v2 -> v3:`, `Changes since v1:` etc. lines. */
  changelogLines: number[];
  baseCommit?: { sha: string; line: number; range: Range };
  changeId?: { value: string; line: number; range: Range };
  prerequisites: { key: string; value: string; line: number }[];
  /** `Range-diff against v2:` / `Interdiff against v2:` header lines. */
  rangeDiffLine: number | null;
  interdiffLine: number | null;
}

export interface DiffstatFile {
  path: string;
  /** For renames `old => new` or `{a => b}/c`, the new path is `path`; the old one here. */
  oldPath?: string;
  added: number;
  deleted: number;
  /** The number written after `|` (changes), or -1 for `Bin`. */
  changes: number;
  binary: boolean;
  line: number;
  range: Range;
  pathRange: Range;
  /** Range of the count and the +/- bar. */
  countRange: Range;
}

export interface DiffstatSummaryMode {
  /** `create mode 100644 path`, `delete mode`, `mode change`, `rename ...`, `copy ...` */
  kind: 'create' | 'delete' | 'mode' | 'rename' | 'copy';
  text: string;
  line: number;
  range: Range;
}

export interface Diffstat {
  startLine: number;
  endLine: number;
  files: DiffstatFile[];
  /** From the summary line; -1 if absent. */
  filesChanged: number;
  insertions: number;
  deletions: number;
  summaryLine: number | null;
  summaryRange: Range | null;
  modes: DiffstatSummaryMode[];
  /** True when bars were computed by git with `+`/`-` counts that are scaled (can't tell per-file added/deleted exactly). */
  scaled: boolean;
}

export interface DiffLine {
  kind: 'add' | 'del' | 'normal' | 'nonewline';
  /** Document line. */
  line: number;
  /** Content without the first char. */
  text: string;
}

export interface DiffHunk {
  header: string;
  headerLine: number;
  headerRange: Range;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines counted from the body actually present (what `git apply` would see). */
  actualOldLines: number;
  actualNewLines: number;
  /** Last document line of the hunk (inclusive). */
  endLine: number;
  lines: DiffLine[];
  /**
   * What the parser found damaged in the hunk, or null. No fix is derived from a damaged hunk
   * (its counts say nothing reliable), except the repair of the damage itself.
   */
  damage: HunkDamage | null;
}

/**
 * Damage to a hunk:
 * - `lost-leading-space`: context lines that lost their leading space (a mail client's
 *   whitespace damage; git apply says "corrupt patch"). Recognised only when reading those lines
 *   as context makes the body agree exactly with the header's counts; the hunk's lines and actual
 *   counts are then that reading, and `lines` are the document lines to give their space back.
 * - `corrupt`: the body disagrees with the header (cut short, wrapped lines): HUNK_COUNT or
 *   CORRUPTED_PATCH.
 */
export type HunkDamage = { kind: 'lost-leading-space'; lines: number[] } | { kind: 'corrupt' };

export interface DiffFile {
  /** Old and new paths without `a/` `b/` prefixes; `/dev/null` for creations/deletions. */
  from: string;
  to: string;
  added: number;
  deleted: number;
  binary: boolean;
  isNew: boolean;
  isDeleted: boolean;
  isRename: boolean;
  isCopy: boolean;
  oldMode?: string;
  newMode?: string;
  /** Index line hashes when present. */
  index?: string;
  /** The `diff --git` line (or `---` line for non-git diffs). */
  startLine: number;
  endLine: number;
  range: Range;
  headerRange: Range;
  hunks: DiffHunk[];
  /** Whether paths used a/ b/ prefixes (false: -p0 patch). */
  prefixed: boolean;
}

export interface Diff {
  startLine: number;
  endLine: number;
  files: DiffFile[];
}

export interface MailSignature {
  /** The `-- ` line. */
  line: number;
  endLine: number;
  /** Following text (git version, b4 "Name <email>"). */
  text: string;
  range: Range;
}

export interface ShortlogEntry {
  title: string;
  line: number;
  range: Range;
}

export interface ShortlogGroup {
  author: string;
  count: number;
  line: number;
  range: Range;
  countRange: Range;
  entries: ShortlogEntry[];
}

export interface CoverLetter {
  /** git's `*** SUBJECT HERE ***`, `*** BLURB HERE ***`, b4 `EDITME`: template lines left. */
  templateMarkers: { text: string; line: number; range: Range }[];
  blurbStartLine: number;
  blurbEndLine: number;
  shortlog: ShortlogGroup[];
  /** Range of the shortlog region. */
  shortlogRange: Range | null;
  /** Lines of `Changes in vN:` sections. */
  changelogLines: number[];
}

export type MessageKind = 'patch' | 'cover' | 'commit-message';

export interface PatchMessage {
  kind: MessageKind;
  /** First and last line (inclusive) of this message in the document. */
  startLine: number;
  endLine: number;
  range: Range;
  /** The mbox `From <sha> Mon Sep 17 00:00:00 2001` line. */
  mboxFrom: { sha: string; line: number; range: Range } | null;
  /** Mail headers in order (not in-body ones). */
  headers: Header[];
  /** In-body `From:`/`Subject:`/`Date:` lines. */
  inBodyHeaders: Header[];
  /** Line range of the header block (inclusive), null for bare commit messages. */
  headerEndLine: number | null;
  subject: Subject | null;
  /** Effective author: in-body From: wins over the mail header. */
  author: Person | null;
  /** The header that gave the author. */
  authorHeader: Header | null;
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The `Content-Type` charset, lowercase, when declared. */
  charset: string | null;
  message: CommitMessage;
  notes: NotesArea | null;
  diffstat: Diffstat | null;
  diff: Diff | null;
  signature: MailSignature | null;
  cover: CoverLetter | null;
  problems: ParseProblem[];
}

export interface PatchDocument {
  /** The text split into lines (without `\n`; a trailing `\r` stays on the line). */
  lines: string[];
  messages: PatchMessage[];
  /** Problems not tied to a message (e.g. empty input). */
  problems: ParseProblem[];
}

export interface ParseOptions {
  /** Treat input as a bare commit message (COMMIT_EDITMSG). */
  commitMessage?: boolean;
  /** Treat input as a series' cover letter text (branch description, `*.cover`): parse/coverText.ts. */
  coverText?: boolean;
  /** Comment character for bare messages (git's core.commentChar), default `#`. */
  commentChar?: string;
}
