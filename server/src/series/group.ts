/**
 * Grouping messages into series. Input: parsed files (a file may hold several messages, an mbox).
 *
 * - Messages with an `M/N` counter belong to series; the others (no counter, replies, bare
 *   commit messages) are single-message series.
 * - Roots: every cover letter (`0/N`) starts a series; a `1/N` starts one unless it belongs to a
 *   cover (it replies to or references the cover of the same version, or, without threading
 *   headers to a known message, a cover with the same folder, version and N exists).
 * - Other patches join the root they thread to (In-Reply-To first, then References from the
 *   nearest ancestor back), whatever their version or N say - a typo there is for the series
 *   rules to report. Without a known thread they join the first root with the same version, N
 *   and evidence of belonging together, or a series of their own made of such patches.
 * - Evidence of belonging together, without a present message to thread to (a series is judged
 *   from the members that are there, never from one file's counter): the same absent thread
 *   root (the oldest References id, e.g. a deleted cover letter); else a file name as git
 *   format-patch writes it (`[vN-]NNNN-title.patch`, NNNN the subject's M), which makes the
 *   folder the series' output directory; else only the messages of the same file (an mbox). So
 *   a folder of unrelated patches that keep their old counters (OpenWrt's backport folders,
 *   a download directory) is not read as one series with gaps and duplicates.
 * - Items are ordered cover first, then by number, then in input order. Series come in the order
 *   their first message appears in the input. Keys are `v<N> of <cover summary or first patch
 *   summary>`, made unique with the folder and then a counter. Pure: no I/O.
 */
import type { MessageSummary, PatchDocument, PatchMessage } from '../model/types';
import type { Series, SeriesItem } from '../rules/types';
import { messageOutlines } from '../model/lazyMessages';

export interface SeriesInput {
  /** File path or document URI. */
  file: string;
  doc: PatchDocument;
}

export type { MessageSummary } from '../model/types';

export function summarizeMessage(msg: PatchMessage): MessageSummary {
  const s = msg.subject;
  return {
    kind: msg.kind,
    subject: s ? { version: s.version, number: s.number, total: s.total, isReply: s.isReply, summary: s.summary } : null,
    title: msg.message.title,
    messageId: msg.messageId,
    inReplyTo: msg.inReplyTo,
    references: msg.references,
  };
}

/** The messages of one file, as grouping sees them. */
export interface SeriesInputSummary {
  file: string;
  messages: readonly MessageSummary[];
}

/** A message of the input: index of its file, index of the message in that file. */
export interface MessageRef {
  file: number;
  message: number;
}

/** A series as grouping decides it, its items named by position in the input. */
export interface SeriesPlan {
  key: string;
  version: number;
  total: number | null;
  items: MessageRef[];
  cover: MessageRef | null;
}

interface PlanItem {
  ref: MessageRef;
  file: string;
  msg: MessageSummary;
}

interface Entry {
  order: number;
  item: PlanItem;
  folder: string;
  /** What ties it to other messages without a present thread (see the module comment). */
  evidence: string;
  version: number;
  number: number | null;
  total: number | null;
}

interface Group {
  first: number;
  version: number;
  total: number | null;
  folder: string;
  evidence: string;
  root: Entry | null;
  entries: Entry[];
}

/** Folder part of a path or URI (`/` or `\` separated); '' for a bare name. */
export function folderOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(i + 1);
}

function isCounted(msg: MessageSummary): boolean {
  const s = msg.subject;
  return msg.kind !== 'commit-message' && !!s && !s.isReply && s.number !== null && s.total !== null;
}

function fallbackKey(e: { evidence: string; version: number; total: number | null }): string {
  return `${e.version}\u0000${e.total ?? ''}\u0000${e.evidence}`;
}

/**
 * Whether the file name is git format-patch's for this message: `NNNN-...` (or `vN-NNNN-...`
 * with --reroll-count) with NNNN its number M (and N its version), as in `0000-cover-letter.patch`.
 */
function formatPatchName(file: string, version: number, number: number | null): boolean {
  const m = /^(?:v(\d+)-)?(\d{4,})(?:-|\.|$)/.exec(baseName(file));
  if (!m || number === null || Number(m[2]) !== number) return false;
  return m[1] === undefined || Number(m[1]) === version;
}

function evidenceOf(file: string, msg: MessageSummary, folder: string, version: number, number: number | null): string {
  const root = msg.references[0] ?? msg.inReplyTo;
  if (root) return `thread\u0000${root}`;
  if (formatPatchName(file, version, number)) return `folder\u0000${folder}`;
  return `file\u0000${file}`;
}

/** Message-Ids this message points at, nearest first: In-Reply-To, then References backwards. */
function threadIds(msg: MessageSummary): string[] {
  const ids: string[] = [];
  if (msg.inReplyTo) ids.push(msg.inReplyTo);
  for (let i = msg.references.length - 1; i >= 0; i--) {
    const id = msg.references[i]!;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function titleOf(e: Entry): string {
  const msg = e.item.msg;
  const t = msg.subject?.summary || msg.title;
  return t.trim() || baseName(e.item.file);
}

export function groupSeries(items: readonly SeriesInput[], memory?: PlanMemory): Series[] {
  // A huge document's messages are parsed when read (model/lazyMessages.ts): grouped from
  // their outlines, and an item reads its message only when a rule asks for it.
  const summaries = (doc: PatchDocument): readonly MessageSummary[] => messageOutlines(doc.messages)?.map((o) => o.summary) ?? doc.messages.map(summarizeMessage);
  const inputs = items.map(({ file, doc }) => ({ file, messages: summaries(doc) }));
  const plans = memory ? memory.plans(inputs) : planSeries(inputs);
  // Per file, its items by message index (an item is shared by the series that name it).
  const made: (SeriesItem | undefined)[][] = items.map(() => []);
  const item = (ref: MessageRef): SeriesItem => {
    const known = made[ref.file]![ref.message];
    if (known) return known;
    const { file, doc } = items[ref.file]!;
    const it: SeriesItem = messageOutlines(doc.messages) ? new LazyItem(file, doc, ref.message) : { file, doc, index: ref.message, msg: doc.messages[ref.message]! };
    made[ref.file]![ref.message] = it;
    return it;
  };
  return plans.map((p) => ({ key: p.key, version: p.version, total: p.total, items: p.items.map(item), cover: p.cover ? item(p.cover) : null }));
}

/** An item of a huge document: its message is read (parsed) when asked for. */
class LazyItem implements SeriesItem {
  constructor(
    readonly file: string,
    readonly doc: PatchDocument,
    readonly index: number,
  ) {}
  get msg(): PatchMessage {
    return this.doc.messages[this.index]!;
  }
}

/**
 * What a caller keeps between groupings of the same files (a folder, a document): the last
 * plans. An edit of a huge mbox that changes no message's summary (subject, numbering,
 * threading) is grouped as before: grouping 17,000 messages costs ~150 ms, and is asked for at
 * each edit. Small inputs are not remembered (grouping them costs less than comparing).
 */
export class PlanMemory {
  private last: { files: readonly SeriesInputSummary[]; plans: SeriesPlan[] } | null = null;

  plans(files: readonly SeriesInputSummary[]): SeriesPlan[] {
    let count = 0;
    for (const f of files) count += f.messages.length;
    if (count < PLAN_MEMORY_MIN_MESSAGES) {
      this.last = null;
      return planSeries(files);
    }
    if (this.last && sameSummaries(this.last.files, files)) return this.last.plans;
    const plans = planSeries(files);
    this.last = { files, plans };
    return plans;
  }
}

const PLAN_MEMORY_MIN_MESSAGES = 1000;

function sameSummaries(a: readonly SeriesInputSummary[], b: readonly SeriesInputSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let f = 0; f < a.length; f++) {
    const x = a[f]!.messages;
    const y = b[f]!.messages;
    if (a[f]!.file !== b[f]!.file || x.length !== y.length) return false;
    for (let m = 0; m < x.length; m++) if (x[m] !== y[m] && !sameSummary(x[m]!, y[m]!)) return false;
  }
  return true;
}

function sameSummary(a: MessageSummary, b: MessageSummary): boolean {
  const s = a.subject;
  const t = b.subject;
  const subjects = s === null || t === null ? s === t : s.version === t.version && s.number === t.number && s.total === t.total && s.isReply === t.isReply && s.summary === t.summary;
  return (
    subjects &&
    a.kind === b.kind &&
    a.title === b.title &&
    a.messageId === b.messageId &&
    a.inReplyTo === b.inReplyTo &&
    a.references.length === b.references.length &&
    a.references.every((r, k) => r === b.references[k])
  );
}

/**
 * The series with each item's message read once: a huge document's message is parsed each time
 * an item of it is read after it left the few kept (model/lazyMessages.ts), so the series rules,
 * which read every item's message again and again, run on this.
 */
export function withMessages(s: Series): Series {
  if (!s.items.some((it) => it.index !== undefined && messageOutlines(it.doc.messages))) return s;
  const plain = new Map<SeriesItem, SeriesItem>();
  const of = (it: SeriesItem): SeriesItem => {
    let p = plain.get(it);
    if (!p) {
      p = { file: it.file, doc: it.doc, msg: it.msg, ...(it.index !== undefined ? { index: it.index } : {}) };
      plain.set(it, p);
    }
    return p;
  };
  return { ...s, items: s.items.map(of), cover: s.cover ? of(s.cover) : null };
}

/** How many groupings ran (tests: a remembered grouping is not run again). */
export const groupStats = { plans: 0 };

/** Grouping on the messages' summaries: the series, their items as positions in `files`. */
export function planSeries(files: readonly SeriesInputSummary[]): SeriesPlan[] {
  groupStats.plans++;
  const entries: Entry[] = [];
  for (let fi = 0; fi < files.length; fi++) {
    const { file, messages } = files[fi]!;
    for (let mi = 0; mi < messages.length; mi++) {
      const msg = messages[mi]!;
      const s = msg.subject;
      const folder = folderOf(file);
      const version = s?.version ?? 1;
      const number = s?.number ?? null;
      entries.push({
        order: entries.length,
        item: { ref: { file: fi, message: mi }, file, msg },
        folder,
        evidence: evidenceOf(file, msg, folder, version, number),
        version,
        number,
        total: s?.total ?? null,
      });
    }
  }

  const groups: Group[] = [];
  const newGroup = (e: Entry, root: Entry | null): Group => {
    const g: Group = { first: e.order, version: e.version, total: e.total, folder: e.folder, evidence: e.evidence, root, entries: [e] };
    groups.push(g);
    return g;
  };
  /** Message-Id -> groups whose root has it (several when the same series is in two folders). */
  const byId = new Map<string, Group[]>();
  const byKey = new Map<string, Group>();
  const remember = (g: Group): void => {
    const id = g.root?.item.msg.messageId;
    if (id) {
      const list = byId.get(id);
      if (list) list.push(g);
      else byId.set(id, [g]);
    }
    const key = fallbackKey(g);
    if (!byKey.has(key)) byKey.set(key, g);
  };
  const threadTarget = (e: Entry, accept: (g: Group) => boolean): Group | null => {
    for (const id of threadIds(e.item.msg)) {
      const list = byId.get(id);
      if (!list) continue;
      const ok = list.filter((g) => g.root !== e && accept(g));
      if (ok.length) return ok.find((g) => g.folder === e.folder) ?? ok[0]!;
    }
    return null;
  };

  const counted = entries.filter((e) => isCounted(e.item.msg));
  // 1. Covers.
  for (const e of counted) if (e.number === 0) remember(newGroup(e, e));
  // 2. First patches: part of a cover's series, or roots themselves.
  for (const e of counted) {
    if (e.number !== 1) continue;
    const cover =
      threadTarget(e, (g) => g.root?.number === 0 && g.version === e.version) ??
      ((): Group | null => {
        const g = byKey.get(fallbackKey(e));
        return g && g.root?.number === 0 && !g.entries.some((x) => x.number === 1) ? g : null;
      })();
    if (cover) cover.entries.push(e);
    else remember(newGroup(e, e));
  }
  // 3. The rest: by thread, else by folder, version and N.
  for (const e of counted) {
    if (e.number === 0 || e.number === 1) continue;
    const target = threadTarget(e, () => true) ?? byKey.get(fallbackKey(e));
    if (target) target.entries.push(e);
    else {
      const g = newGroup(e, null);
      byKey.set(fallbackKey(g), g);
    }
  }
  // 4. Singles.
  for (const e of entries) if (!isCounted(e.item.msg)) newGroup(e, null).total = null;

  for (const g of groups) for (const e of g.entries) if (e.order < g.first) g.first = e.order;
  groups.sort((a, b) => a.first - b.first);
  const used = new Set<string>();
  const series: SeriesPlan[] = [];
  for (const g of groups) {
    g.entries.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.order - b.order);
    const coverEntry = g.entries.find((e) => e.number === 0) ?? null;
    const titled = coverEntry ?? g.entries[0]!;
    let key = `v${g.version} of ${titleOf(titled)}`;
    if (used.has(key)) key = `${key} (${g.folder || '.'})`;
    for (let n = 2; used.has(key); n++) key = `${key.replace(/ #\d+$/, '')} #${n}`;
    used.add(key);
    series.push({
      key,
      version: g.version,
      total: g.total,
      items: g.entries.map((e) => e.item.ref),
      cover: coverEntry ? coverEntry.item.ref : null,
    });
  }
  return series;
}
