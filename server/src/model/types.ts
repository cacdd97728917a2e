/**
 * The patch model: what the parser makes of a patch email, a cover letter or a bare commit
 * message. Every part carries its exact range in the document: 0-based lines and UTF-16
 * columns, as LSP uses (a JavaScript string index is a UTF-16 column).
 *
 * Absent is spelled `null`, always: a part, number, line, range or text the input does not have
 * is `null` (a property that is always there), never `-1`, `''`, `0` or a missing property.
 * Inputs (ParseOptions) are the exception: their fields are optional, as options are. Left to
 * do: Person.name is still '' for an address without a name.
 *
 * Lines are not kept as strings: a document's lines and a hunk's body lines are tables read on
 * demand (model/lines.ts, model/hunkLines.ts), so a huge patch costs its text and a few bytes a
 * line.
 */
import type { Lines } from './lines';
import type { HunkLines } from './hunkLines';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Something the parser could not make sense of. It never throws; it reports these. */
export interface ParseProblem {
  readonly code: string;
  readonly message: string;
  readonly range: Range;
}

export interface Header {
  /** Header name as written (`Subject`, `message-id`). */
  readonly name: string;
  /** Unfolded (newlines removed, leading whitespace of continuation kept) and RFC 2047 decoded. */
  readonly value: string;
  /** Unfolded but not decoded. */
  readonly rawValue: string;
  /** The whole header including continuation lines. */
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
  /** True for in-body `From:`/`Subject:`/`Date:` lines at the top of the body. */
  readonly inBody: boolean;
}

export interface Person {
  /** The display name; still '' when the address has none (the one '' left, see the header). */
  readonly name: string;
  readonly email: string;
  /** Text after the address (`# note`, `(note)`), trimmed; null when none. */
  readonly comment: string | null;
  /** Null when there is no name. */
  readonly nameRange: Range | null;
  readonly emailRange: Range | null;
  /** Null when there is no comment. */
  readonly commentRange: Range | null;
}

export type SubjectTagKind = 'patch' | 'rfc' | 'resend' | 'version' | 'counter' | 'other';

export interface SubjectTag {
  readonly kind: SubjectTagKind;
  /** The token as written (`PATCHv3` is split into `PATCH` and `v3`, each with its own range). */
  readonly text: string;
  readonly range: Range;
}

export interface Subject {
  /** The decoded, unfolded Subject value. */
  readonly raw: string;
  /** Every token inside the leading `[...]` groups, in order, as written. */
  readonly prefixes: readonly string[];
  readonly tags: readonly SubjectTag[];
  /** `[...]` groups as written, e.g. `[PATCH v2 1/3]`, with ranges. */
  readonly groups: readonly { readonly text: string; readonly range: Range }[];
  readonly patch: boolean;
  readonly rfc: boolean;
  readonly resend: boolean;
  /** `v2` -> 2; null when the subject has none. */
  readonly version: number | null;
  readonly number: number | null;
  readonly total: number | null;
  /** Digits written for number and total (`01/12` -> 2 and 2); null when the subject has none. */
  readonly numberWidth: number | null;
  readonly totalWidth: number | null;
  /** Prefixes that are none of PATCH, RFC, RESEND, vN, M/N (`net-next`, `kvm-unit-tests`). */
  readonly otherPrefixes: readonly string[];
  /** Leading `Re:`/`Aw:`/`Fwd:` seen. */
  readonly isReply: boolean;
  /** Subject minus `Re:` and every leading `[...]` group, as `git am` makes the commit title. */
  readonly summary: string;
  readonly summaryRange: Range;
  /** `KVM: x86` for `KVM: x86: fix foo`; null when the summary has no `subsys:` prefix. */
  readonly subsystem: string | null;
  readonly subsystemRange: Range | null;
}

export interface Trailer {
  /** Key as written, without trailing spaces (`Signed-off-by`). */
  readonly key: string;
  /** The separator character (`:`) */
  readonly separator: string;
  /** Value with continuation lines joined as git joins them (single spaces). */
  readonly value: string;
  /** Line of the key (0-based). */
  readonly line: number;
  /** Lines of continuation (RFC 822 folding), may be empty. */
  readonly continuationLines: readonly number[];
  /** From the key to the end of the last continuation line. */
  readonly range: Range;
  readonly keyRange: Range;
  readonly separatorRange: Range;
  /** Value on the first line only (continuations have their own lines). */
  readonly valueRange: Range;
  /** Whitespace between key and separator (`Key : v`). */
  readonly spaceBeforeSeparator: string;
  /** Whitespace between separator and value. */
  readonly spaceAfterSeparator: string;
  /** For person trailers and any value that looks like `Name <email>`; null otherwise. */
  readonly person: Person | null;
  /** A `[bracketed note]` line right after the trailer (b4); null when none. */
  readonly noteLine: number | null;
}

export interface TrailerBlock {
  /** First and last line (inclusive) of the block (the last paragraph of the message). */
  readonly startLine: number;
  readonly endLine: number;
  readonly range: Range;
  readonly trailers: readonly Trailer[];
  /** Lines of the block that are neither trailers nor continuations (25% rule). */
  readonly nonTrailerLines: readonly number[];
}

/** The commit message: from the first body line (after in-body headers) to the cut (`---`, diff). */
export interface CommitMessage {
  /** First line of the message body (0-based document line) and last line (inclusive). */
  readonly startLine: number;
  readonly endLine: number;
  readonly range: Range;
  /** Title: the subject summary for mails; first paragraph for a bare commit message. */
  readonly title: string;
  readonly titleRange: Range | null;
  /** Document lines holding the body (excluding title for bare messages), excluding `#` comments. */
  readonly bodyLines: readonly number[];
  readonly trailerBlock: TrailerBlock | null;
  /** `#` comment lines (bare commit messages) */
  readonly commentLines: readonly number[];
  /** The `# ------------------------ >8 ------------------------` line, if any. */
  readonly scissorsLine: number | null;
}

export interface NotesArea {
  /** The `---` separator line; null in a git cover letter, whose notes follow the blurb directly. */
  readonly separatorLine: number | null;
  /** Lines after the separator up to the diffstat / diff / signature (exclusive of those). */
  readonly startLine: number;
  readonly endLine: number;
  /** `Changes in v3:`, `v2 -> v3:`, `Changes since v1:` etc. lines. */
  readonly changelogLines: readonly number[];
  readonly baseCommit: { readonly sha: string; readonly line: number; readonly range: Range } | null;
  readonly changeId: { readonly value: string; readonly line: number; readonly range: Range } | null;
  readonly prerequisites: readonly { readonly key: string; readonly value: string; readonly line: number }[];
  /** `Range-diff against v2:` / `Interdiff against v2:` header lines. */
  readonly rangeDiffLine: number | null;
  readonly interdiffLine: number | null;
}

export interface DiffstatFile {
  readonly path: string;
  /** For renames `old => new` or `{a => b}/c`, the new path is `path`; the old one here (else null). */
  readonly oldPath: string | null;
  readonly added: number;
  readonly deleted: number;
  /** The number written after `|` (changes); null for `Bin`. */
  readonly changes: number | null;
  readonly binary: boolean;
  readonly line: number;
  readonly range: Range;
  readonly pathRange: Range;
  /** Range of the count and the +/- bar. */
  readonly countRange: Range;
}

export interface DiffstatSummaryMode {
  /** `create mode 100644 path`, `delete mode`, `mode change`, `rename ...`, `copy ...` */
  readonly kind: 'create' | 'delete' | 'mode' | 'rename' | 'copy';
  readonly text: string;
  readonly line: number;
  readonly range: Range;
}

export interface Diffstat {
  readonly startLine: number;
  readonly endLine: number;
  readonly files: readonly DiffstatFile[];
  /** From the summary line; null without one. */
  readonly filesChanged: number | null;
  /** From the summary line (0 when it names none); null without a summary line. */
  readonly insertions: number | null;
  readonly deletions: number | null;
  readonly summaryLine: number | null;
  readonly summaryRange: Range | null;
  readonly modes: readonly DiffstatSummaryMode[];
  /** True when bars were computed by git with `+`/`-` counts that are scaled (can't tell per-file added/deleted exactly). */
  readonly scaled: boolean;
}

export interface DiffLine {
  readonly kind: 'add' | 'del' | 'normal' | 'nonewline';
  /** Document line. */
  readonly line: number;
  /** Content without the first char. */
  readonly text: string;
}

export interface DiffHunk {
  readonly header: string;
  readonly headerLine: number;
  readonly headerRange: Range;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Lines counted from the body actually present (what `git apply` would see). */
  readonly actualOldLines: number;
  readonly actualNewLines: number;
  /** Last document line of the hunk (inclusive). */
  readonly endLine: number;
  /** The body lines (kind, document line, text), read from the document's lines on demand. */
  readonly lines: HunkLines;
  /**
   * What the parser found damaged in the hunk, or null. No fix is derived from a damaged hunk
   * (its counts say nothing reliable), except the repair of the damage itself.
   */
  readonly damage: HunkDamage | null;
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
export type HunkDamage = { readonly kind: 'lost-leading-space'; readonly lines: readonly number[] } | { readonly kind: 'corrupt' };

export interface DiffFile {
  /** Old and new paths without `a/` `b/` prefixes; `/dev/null` for creations/deletions. */
  readonly from: string;
  readonly to: string;
  readonly added: number;
  readonly deleted: number;
  readonly binary: boolean;
  readonly isNew: boolean;
  readonly isDeleted: boolean;
  readonly isRename: boolean;
  readonly isCopy: boolean;
  readonly oldMode: string | null;
  readonly newMode: string | null;
  /** Index line hashes; null without an index line. */
  readonly index: string | null;
  /** The `diff --git` line (or `---` line for non-git diffs). */
  readonly startLine: number;
  readonly endLine: number;
  readonly range: Range;
  readonly headerRange: Range;
  readonly hunks: readonly DiffHunk[];
  /** Whether paths used a/ b/ prefixes (false: -p0 patch). */
  readonly prefixed: boolean;
}

export interface Diff {
  readonly startLine: number;
  readonly endLine: number;
  readonly files: readonly DiffFile[];
}

export interface MailSignature {
  /** The `-- ` line. */
  readonly line: number;
  readonly endLine: number;
  /** Following text (git version, b4 "Name <email>"). */
  readonly text: string;
  readonly range: Range;
}

export interface ShortlogEntry {
  readonly title: string;
  readonly line: number;
  readonly range: Range;
}

export interface ShortlogGroup {
  readonly author: string;
  readonly count: number;
  readonly line: number;
  readonly range: Range;
  readonly countRange: Range;
  readonly entries: readonly ShortlogEntry[];
}

export interface CoverLetter {
  /** git's `*** SUBJECT HERE ***`, `*** BLURB HERE ***`, b4 `EDITME`: template lines left. */
  readonly templateMarkers: readonly { readonly text: string; readonly line: number; readonly range: Range }[];
  readonly blurbStartLine: number;
  readonly blurbEndLine: number;
  readonly shortlog: readonly ShortlogGroup[];
  /** Range of the shortlog region. */
  readonly shortlogRange: Range | null;
  /** Lines of `Changes in vN:` sections. */
  readonly changelogLines: readonly number[];
}

export type MessageKind = 'patch' | 'cover' | 'commit-message';

export interface PatchMessage {
  readonly kind: MessageKind;
  /** First and last line (inclusive) of this message in the document. */
  readonly startLine: number;
  readonly endLine: number;
  readonly range: Range;
  /** The mbox `From <sha> Mon Sep 17 00:00:00 2001` line. */
  readonly mboxFrom: { readonly sha: string | null; readonly line: number; readonly range: Range } | null;
  /** Mail headers in order (not in-body ones). */
  readonly headers: readonly Header[];
  /** In-body `From:`/`Subject:`/`Date:` lines. */
  readonly inBodyHeaders: readonly Header[];
  /** Line range of the header block (inclusive), null for bare commit messages. */
  readonly headerEndLine: number | null;
  readonly subject: Subject | null;
  /** Effective author: in-body From: wins over the mail header. */
  readonly author: Person | null;
  /** The header that gave the author. */
  readonly authorHeader: Header | null;
  readonly date: string | null;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** The `Content-Type` charset, lowercase, when declared. */
  readonly charset: string | null;
  readonly message: CommitMessage;
  readonly notes: NotesArea | null;
  readonly diffstat: Diffstat | null;
  readonly diff: Diff | null;
  readonly signature: MailSignature | null;
  readonly cover: CoverLetter | null;
  readonly problems: readonly ParseProblem[];
}

export interface PatchDocument {
  /** The text's lines (without `\n`; a trailing `\r` stays on the line), read on demand. */
  readonly lines: Lines;
  readonly messages: readonly PatchMessage[];
  /** Problems not tied to a message (e.g. empty input). */
  readonly problems: readonly ParseProblem[];
}

export interface ParseOptions {
  /** Treat input as a bare commit message (COMMIT_EDITMSG). */
  readonly commitMessage?: boolean;
  /** Treat input as a series' cover letter text (branch description, `*.cover`): parse/coverText.ts. */
  readonly coverText?: boolean;
  /** Comment character for bare messages (git's core.commentChar), default `#`. */
  readonly commentChar?: string;
}

/**
 * What grouping reads of a message: its kind, subject counters and threading headers. Small and
 * plain (structured-cloneable), so `check` can group the files that worker threads parsed without
 * sending their models back (cli/checkFiles.ts).
 */
export interface MessageSummary {
  kind: PatchMessage['kind'];
  subject: { version: number | null; number: number | null; total: number | null; isReply: boolean; summary: string } | null;
  title: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
}
