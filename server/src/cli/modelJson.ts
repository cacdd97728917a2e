/**
 * The JSON form of the patch model printed by `patchsmith parse --json`. Every `line` is 1-based
 * (as editors show it) and every `column` 1-based in UTF-16 code units; the in-memory model is
 * 0-based. Stable field names: scripts depend on them. Absent is `null`, as in the model.
 */
import type { ParseProblem, PatchDocument, PatchMessage } from '../model/types';

export interface ModelJson {
  kind: PatchMessage['kind'];
  /** First and last line of the message in the file. */
  lines: { start: number; end: number };
  subject: {
    raw: string;
    prefixes: readonly string[];
    version: number | null;
    number: number | null;
    total: number | null;
    rfc: boolean;
    resend: boolean;
    reply: boolean;
    otherPrefixes: readonly string[];
    subsystem: string | null;
    summary: string;
  } | null;
  author: { name: string; email: string } | null;
  date: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: readonly string[];
  /** The commit title (the subject summary for mails). */
  title: string;
  trailers: { key: string; value: string; line: number }[];
  notes: {
    changelog: { line: number; text: string }[];
    baseCommit: string | null;
    changeId: string | null;
  } | null;
  diffstat: {
    /** oldPath: the old name of a rename (`old => new`), null otherwise. */
    files: { path: string; oldPath: string | null; added: number; deleted: number; binary: boolean }[];
    /** The summary line's counts; null when the diffstat has no summary line. */
    filesChanged: number | null;
    insertions: number | null;
    deletions: number | null;
  } | null;
  diff: {
    files: {
      from: string;
      to: string;
      added: number;
      deleted: number;
      binary: boolean;
      isNew: boolean;
      isDeleted: boolean;
      isRename: boolean;
      isCopy: boolean;
      hunks: number;
    }[];
  } | null;
  cover: {
    shortlog: { author: string; count: number; titles: string[] }[];
    templateMarkers: { text: string; line: number }[];
  } | null;
  problems: { code: string; message: string; line: number; column: number }[];
}

function problem(p: ParseProblem): ModelJson['problems'][number] {
  return { code: p.code, message: p.message, line: p.range.start.line + 1, column: p.range.start.character + 1 };
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

export function messageToJson(doc: PatchDocument, msg: PatchMessage): ModelJson {
  const s = msg.subject;
  return {
    kind: msg.kind,
    lines: { start: msg.startLine + 1, end: msg.endLine + 1 },
    subject: s
      ? {
          raw: s.raw,
          prefixes: s.prefixes,
          version: s.version,
          number: s.number,
          total: s.total,
          rfc: s.rfc,
          resend: s.resend,
          reply: s.isReply,
          otherPrefixes: s.otherPrefixes,
          subsystem: s.subsystem,
          summary: s.summary,
        }
      : null,
    author: msg.author ? { name: msg.author.name, email: msg.author.email } : null,
    date: msg.date,
    messageId: msg.messageId,
    inReplyTo: msg.inReplyTo,
    references: msg.references,
    title: msg.message.title,
    trailers: (msg.message.trailerBlock?.trailers ?? []).map((t) => ({ key: t.key, value: t.value, line: t.line + 1 })),
    notes: msg.notes
      ? {
          changelog: msg.notes.changelogLines.map((l) => ({ line: l + 1, text: stripCr(doc.lines.get(l) ?? '') })),
          baseCommit: msg.notes.baseCommit?.sha ?? null,
          changeId: msg.notes.changeId?.value ?? null,
        }
      : null,
    diffstat: msg.diffstat
      ? {
          files: msg.diffstat.files.map((f) => ({
            path: f.path,
            oldPath: f.oldPath,
            added: f.added,
            deleted: f.deleted,
            binary: f.binary,
          })),
          filesChanged: msg.diffstat.filesChanged,
          insertions: msg.diffstat.insertions,
          deletions: msg.diffstat.deletions,
        }
      : null,
    diff: msg.diff
      ? {
          files: msg.diff.files.map((f) => ({
            from: f.from,
            to: f.to,
            added: f.added,
            deleted: f.deleted,
            binary: f.binary,
            isNew: f.isNew,
            isDeleted: f.isDeleted,
            isRename: f.isRename,
            isCopy: f.isCopy,
            hunks: f.hunks.length,
          })),
        }
      : null,
    cover: msg.cover
      ? {
          shortlog: msg.cover.shortlog.map((g) => ({ author: g.author, count: g.count, titles: g.entries.map((e) => e.title) })),
          templateMarkers: msg.cover.templateMarkers.map((m) => ({ text: m.text, line: m.line + 1 })),
        }
      : null,
    problems: msg.problems.map(problem),
  };
}

/**
 * One message: its object. Several (an mbox): an array. Problems of the document itself (not of
 * a message) go to the first message's list.
 */
export function documentToJson(doc: PatchDocument): ModelJson | ModelJson[] {
  const all = doc.messages.map((m, k) => {
    const json = messageToJson(doc, m);
    return k === 0 && doc.problems.length ? { ...json, problems: [...doc.problems.map(problem), ...json.problems] } : json;
  });
  return all.length === 1 ? all[0]! : all;
}
