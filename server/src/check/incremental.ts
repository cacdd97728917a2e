/**
 * Incremental check of a document that changes a little at a time (the language server): the
 * text is cut into its mbox messages (the bounds `parsePatch` uses), and a message whose text is
 * unchanged since the last version is neither parsed nor checked again. Its model and text
 * findings are reused, moved to their new first line when lines were added or removed above.
 *
 * The result is the same value `parsePatch` + `textFindings` give for the whole text
 * (test/check/incremental.test.ts compares them). The document model stays a value: a reused
 * message that moved is a moved copy, never the older document's object changed in place.
 *
 * Memory: each message keeps its own copy of its text (its lines are slices of it), so a message
 * parsed in an older version does not keep that whole older text alive. A huge text (the check
 * worker's, or LAZY_MIN_LENGTH or more) keeps no copy: a digest names each message's text, its
 * findings and outline are detached copies, and its model is parsed when read
 * (model/lazyMessages.ts).
 */
import { createHash } from 'node:crypto';
import type { MessageSummary, ParseProblem, PatchDocument, PatchMessage, Range } from '../model/types';
import { lazyMessages, type MessageOutline } from '../model/lazyMessages';
import { summarizeMessage } from '../series/group';
import type { Finding, RuleConfig } from '../rules/types';
import { documentProblems, finishDocument, isNotPatch, parseMessageAt, parsePatch, type MessageParse } from '../parse/parsePatch';
import { stripCr } from '../model/range';
import { HunkLines } from '../model/hunkLines';
import { JoinedLines, LineTable, ShiftedLines, type Lines } from '../model/lines';
import { runTextRules } from '../rules/engine';
import { pushAll } from '../model/array';
import { documentProblemFindings, isUncheckable } from './parseFindings';
import { parseOptionsFor, type TextKind } from '../parse/textKind';
import type { CheckEnv } from './checkDocument';
import { configToken } from './configToken';

/** Work done, for tests and the bench: a message reused from the last version counts nothing. */
export const incrementalStats = { messageParses: 0, messageChecks: 0 };

/** Thrown by `textFindings` when `cancelled()` says a newer version superseded this check. */
export class CheckCancelled extends Error {
  constructor() {
    super('check cancelled: a newer version of the document superseded it');
    this.name = 'CheckCancelled';
  }
}

interface Entry {
  /**
   * Names the message's text: an own copy of it (a document kept whole, whose models hold slices
   * of it) or, `hashed`, a digest of it (a huge document and the check worker keep no text).
   */
  key: string;
  /** Its own lines (null when hashed: the message is read from the document's lines). */
  lines: LineTable | null;
  /** First line and index of the message in the document `parsed` and `findings` belong to. */
  start: number;
  index: number;
  parsed: MessageParse | null;
  findings: { config: string; list: Finding[] } | null;
  /** What `check` keeps of the message instead of its model (null until it was parsed). */
  kept: Kept | null;
  /** `checkDelta`: the configuration key of the findings its receiver holds for this message (null: none). */
  sent: string | null;
  /** A huge document's message: its outline at `start` (or the parser's failure). */
  outline: { failure: ParseProblem } | { ok: MessageOutline; notPatch: boolean } | null;
  /** Unique to this entry (the outline's id). */
  id: number;
}

let entryIds = 0;

/**
 * Mail texts at least this long (UTF-16 units) keep no message model between requests: their
 * messages are parsed when read (model/lazyMessages.ts), their outline kept.
 */
export const LAZY_MIN_LENGTH = 2_000_000;

/** Of a message checked without keeping its model: the parser's failure, or whether it is no patch at all. */
type Kept = { failure: ParseProblem } | { notPatch: boolean };

/** Message entries matched to a new text (see IncrementalDocument.match). */
interface Matched {
  lines: LineTable;
  bounds: [number, number][];
  entries: Entry[];
  /** The document's lines: those before the first message, then each message's own (empty when hashed). */
  parts: Lines[];
}

const MBOX_FROM = /^From (\S+) +(Mon|Tue|Wed|Thu|Fri|Sat|Sun) /;

/**
 * A copy of `s` that shares no memory with the string it was sliced from (V8 keeps a slice's
 * whole parent alive; flattening a concatenation makes a new flat string).
 */
function ownCopy(s: string): string {
  return s.length < 16 ? s : (' ' + s).slice(1);
}

/**
 * A copy of a plain value (findings, outlines) sharing no string with the text it was computed
 * from: what is kept of a message across versions must not keep a whole older text alive.
 */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Key of a message's text when no copy of it is kept (a digest; never equal to a text key, which has no NUL first). */
function digestKey(text: string): string {
  return '\u0000' + createHash('sha256').update(text).digest('base64');
}

/** What is known of a message of a huge text without its model: its outline (an id is the receiver's to give) or the parser's failure. */
export type ShapeOutline = { failure: ParseProblem } | { ok: Omit<MessageOutline, 'id'>; notPatch: boolean };

/**
 * What the check worker learnt of a huge text (LAZY_MIN_LENGTH or more), so that the main thread
 * neither hashes nor parses its messages again (IncrementalDocument.update): the line table, the
 * messages' bounds and digests, and the outline of each message it parsed in this check.
 */
export interface TextShape {
  /** The text's length (a shape is for that exact text). */
  length: number;
  lineStarts: Uint32Array;
  bounds: [number, number][];
  keys: string[];
  /** By digest key: the outline of a message the worker parsed, at line `start`. */
  parsed: [string, { start: number; outline: ShapeOutline }][];
}

/** A message of a CheckDelta: where it is now, and its findings when the receiver does not hold them. */
export interface DeltaMessage {
  id: number;
  start: number;
  /** Its index among the document's messages (the findings' messageIndex). */
  index: number;
  findings: Finding[] | null;
}

/** What `checkDelta` gives: the whole text's own findings, and each message's (given once). */
export interface CheckDelta {
  /** Parse problems of the whole text (lone CR line endings, not a patch, a message the parser failed on). */
  head: Finding[];
  /** The text is not checked: only `head` counts. */
  uncheckable: boolean;
  messages: DeltaMessage[];
  /** A huge text's shape (LAZY_MIN_LENGTH or more), for the receiver's own model of the text. */
  shape?: TextShape;
}

/** Part of a delta given before the delta (checkDelta's `parts`): messages and outlines, in order. */
export interface DeltaChunk {
  messages: DeltaMessage[];
  parsed: TextShape['parsed'];
}

/** Where checkDelta gives a huge delta's parts, and how many messages a part holds. */
export interface DeltaParts {
  size: number;
  emit: (chunk: DeltaChunk) => void;
}

/** Given: the receiver holds these entries' findings now (this side keeps none); the list is emptied. */
function markGiven(given: Entry[], key: string): void {
  for (const entry of given) {
    entry.sent = key;
    entry.findings = null;
  }
  given.length = 0;
}

/** A delta refers to a message the receiver does not hold (deltas were lost or reordered). */
export class DeltaMismatch extends Error {
  constructor(id: number) {
    super(`check delta names message ${id}, whose findings were never given`);
    this.name = 'DeltaMismatch';
  }
}

/**
 * One copy of each equal string. What crossed threads (structured clone) has its own copy of
 * every string: a huge mbox's 34k findings name two rules and one severity, and half of them have
 * the same message; its outlines repeat kinds, titles and message ids.
 */
class StringPool {
  private readonly seen = new Map<string, string>();
  get<S extends string>(s: S): S {
    const known = this.seen.get(s);
    if (known !== undefined) return known as S;
    this.seen.set(s, s);
    return s;
  }
}

/** Outlines FindingsReceiver.prepare made compact. */
const compactOutlines = new WeakSet<Omit<MessageOutline, 'id'>>();

/**
 * The side of `checkDelta` that keeps the findings: applies each delta, in order, and gives the
 * whole list `check` gives. Held findings follow their message when it moves.
 */
export class FindingsReceiver {
  private held = new Map<number, { start: number; index: number; list: Finding[] }>();
  /** The strings of the delta being received (shared by its parts: prepare, then apply). */
  private pool: StringPool | null = null;
  /** Findings lists `prepare` made compact already. */
  private readonly compacted = new WeakSet<Finding[]>();

  /**
   * Holds the findings of a part of the next delta as it arrives (a huge delta comes in parts
   * while the worker checks), made as kept (and the part's outlines too): `apply` then only files
   * them. The sender keeps no findings of a part once given, also when its check is then
   * cancelled: the next delta names those messages by their id, and they are held here.
   */
  hold(messages: DeltaMessage[], parsed: TextShape['parsed'] = []): void {
    const pool = (this.pool ??= new StringPool());
    for (const m of messages) {
      if (!m.findings) continue;
      if (!this.compacted.has(m.findings)) {
        m.findings = m.findings.map((f) => compactFinding(f, pool));
        this.compacted.add(m.findings);
      }
      this.held.set(m.id, { start: m.start, index: m.index, list: m.findings });
    }
    // The outlines too (the model of the text is made of them: IncrementalDocument.update).
    for (const [, given] of parsed) {
      const o = given.outline;
      if (!('ok' in o) || compactOutlines.has(o.ok)) continue;
      o.ok = compactOutlineFields(o.ok, 0, pool);
      compactOutlines.add(o.ok);
    }
  }

  apply(delta: CheckDelta): Finding[] {
    const next = new Map<number, { start: number; index: number; list: Finding[] }>();
    const shared = this.pool ?? new StringPool();
    this.pool = null;
    for (const m of delta.messages) {
      const was = this.held.get(m.id);
      if (m.findings) {
        // Held as its part arrived (hold): filed as it is.
        if (was?.list === m.findings) next.set(m.id, was);
        else next.set(m.id, { start: m.start, index: m.index, list: this.compacted.has(m.findings) ? m.findings : m.findings.map((f) => compactFinding(f, shared)) });
        continue;
      }
      if (!was) throw new DeltaMismatch(m.id);
      next.set(m.id, was.start === m.start && was.index === m.index ? was : { start: m.start, index: m.index, list: was.list.map((f) => moveFinding(f, m.start - was.start, m.index)) });
    }
    this.held = next;
    const out = delta.head.slice();
    if (delta.uncheckable) return out;
    for (const m of delta.messages) pushAll(out, next.get(m.id)!.list);
    return out;
  }

  /** Forget what is held (the sender starts again from nothing). */
  clear(): void {
    this.held.clear();
    this.pool = null;
  }
}

/**
 * A finding as kept for a long time: what a structured clone gives is built property by property,
 * its objects have room for four properties and keep a fifth in a separate array; literals are
 * exact (measured on a 20 MB mbox: 34k findings, ~3 MB less), equal strings shared.
 */
function compactFinding(f: Finding & { messageIndex?: number }, pool: StringPool): Finding {
  const rule = pool.get(f.rule);
  const severity = pool.get(f.severity);
  const message = pool.get(f.message);
  const range = movedRange(f.range, 0);
  const out: Finding & { messageIndex?: number } =
    f.messageIndex !== undefined ? { rule, severity, message, range, messageIndex: f.messageIndex } : { rule, severity, message, range };
  if (f.fix !== undefined) out.fix = f.fix;
  if (f.source !== undefined) out.source = pool.get(f.source);
  if (f.related !== undefined) out.related = f.related;
  return out;
}

/**
 * A message outline the check worker gave (a structured clone), moved `delta` lines, as kept:
 * exact literals, equal strings shared (see compactFinding).
 */
function compactOutline(o: Omit<MessageOutline, 'id'>, id: number, delta: number, pool: StringPool): MessageOutline {
  // Made compact as its part arrived (FindingsReceiver.prepare): only its id is new.
  if (delta === 0 && compactOutlines.has(o)) return { ...o, id };
  return { ...compactOutlineFields(o, delta, pool), id };
}

function compactOutlineFields(o: Omit<MessageOutline, 'id'>, delta: number, pool: StringPool): Omit<MessageOutline, 'id'> {
  const s = o.summary;
  const subject = s.subject
    ? { version: s.subject.version, number: s.subject.number, total: s.subject.total, isReply: s.subject.isReply, summary: pool.get(s.subject.summary) }
    : null;
  const summary: MessageSummary = {
    kind: pool.get(s.kind),
    subject,
    title: pool.get(s.title),
    messageId: s.messageId === null ? null : pool.get(s.messageId),
    inReplyTo: s.inReplyTo === null ? null : pool.get(s.inReplyTo),
    references: s.references.map((r) => pool.get(r)),
  };
  return { startLine: o.startLine + delta, endLine: o.endLine + delta, range: movedRange(o.range, delta), name: pool.get(o.name), summary };
}

export class IncrementalDocument {
  private entries: Entry[] = [];
  private doc: PatchDocument | null = null;
  /** `check`'s own receiver of `checkDelta`. */
  private readonly receiver = new FindingsReceiver();

  /** Bare texts (a commit message, a cover letter text) are one message: parsed whole each time. */
  private readonly bare: boolean;
  /** Mail texts at least this long are read lazily (LAZY_MIN_LENGTH). */
  private readonly lazyMinLength: number;

  constructor(
    private readonly kind: TextKind = 'mail',
    opts: { lazyMinLength?: number } = {},
  ) {
    this.bare = kind !== 'mail';
    this.lazyMinLength = opts.lazyMinLength ?? LAZY_MIN_LENGTH;
  }

  /**
   * The model of `text`: the document `parsePatch(text)` gives, reusing unchanged messages. A
   * text of LAZY_MIN_LENGTH or more gives a document whose messages are parsed when read; the
   * `shape` the check worker gave for this same text spares hashing and parsing it again.
   */
  update(text: string, shape?: TextShape): PatchDocument {
    if (this.bare) {
      incrementalStats.messageParses++;
      this.doc = parsePatch(text, parseOptionsFor(this.kind));
      return this.doc;
    }
    if (text.length >= this.lazyMinLength) return this.updateLazy(text, shape?.length === text.length ? shape : undefined);
    const { bounds, entries, parts } = this.match(text, false);
    const messages: PatchMessage[] = [];
    const failures: ParseProblem[] = [];
    for (let m = 0; m < entries.length; m++) {
      const entry = entries[m]!;
      const s = bounds[m]![0];
      if (!entry.parsed) {
        incrementalStats.messageParses++;
        entry.parsed = parseMessageAt(new ShiftedLines(entry.lines!, s), s, bounds[m]![1]);
      } else if (entry.start !== s) {
        entry.parsed = shiftLines(entry.parsed, s - entry.start);
      }
      // Findings carry the index of their message in doc.messages (failed messages are not there).
      const index = messages.length;
      follow(entry, s, index);
      if ('failure' in entry.parsed) failures.push(entry.parsed.failure);
      else messages.push(entry.parsed.message);
    }
    this.entries = entries;
    this.doc = finishDocument(text, new JoinedLines(parts), messages, failures);
    return this.doc;
  }

  /**
   * `update` of a huge text: no copy of a message's text is kept (a digest names it), each
   * changed message is parsed once for its outline (where it is, its name, what series grouping
   * reads) and its model let go; `doc.messages` parses a message from the text when it is read
   * (model/lazyMessages.ts).
   */
  private updateLazy(text: string, shape?: TextShape): PatchDocument {
    const { lines, bounds, entries } = this.match(text, true, shape);
    const known = new Map(shape?.parsed ?? []);
    const shared = new StringPool();
    const outline: MessageOutline[] = [];
    const at: { start: number; end: number }[] = [];
    const failures: ParseProblem[] = [];
    let allNotPatch = true;
    for (let m = 0; m < entries.length; m++) {
      const entry = entries[m]!;
      const [s, e] = bounds[m]!;
      const given = entry.outline ? undefined : known.get(entry.key);
      if (given) {
        // The worker's outline of this message, where it parsed it.
        const delta = s - given.start;
        const o = given.outline;
        entry.outline = 'failure' in o ? { failure: movedProblem(o.failure, delta) } : { ok: compactOutline(o.ok, entry.id, delta, shared), notPatch: o.notPatch };
      } else if (!entry.outline) {
        incrementalStats.messageParses++;
        const parsed = parseMessageAt(lines, s, e);
        if ('failure' in parsed) entry.outline = { failure: detached(parsed.failure) };
        // The model is let go at once (read again, the message is parsed again).
        else entry.outline = { ok: outlineOf(parsed.message, entry.id), notPatch: isNotPatch(parsed.message) };
      } else if (entry.start !== s) {
        const delta = s - entry.start;
        entry.outline = 'failure' in entry.outline ? { failure: movedProblem(entry.outline.failure, delta) } : { ok: movedOutline(entry.outline.ok, delta), notPatch: entry.outline.notPatch };
      }
      // Findings carry the index of their message in doc.messages (failed messages are not there).
      const index = outline.length;
      follow(entry, s, index);
      if ('failure' in entry.outline) failures.push(entry.outline.failure);
      else {
        outline.push(entry.outline.ok);
        at.push({ start: s, end: e });
        allNotPatch &&= entry.outline.notPatch;
      }
    }
    this.entries = entries;
    const messages = lazyMessages(outline, (k) => {
      const { start, end } = at[k]!;
      incrementalStats.messageParses++;
      const parsed = parseMessageAt(lines, start, end);
      if ('failure' in parsed) throw new Error(`the message at line ${start + 1} parsed before and no longer does: ${parsed.failure.message}`);
      return parsed.message;
    });
    const first = outline[0]?.startLine ?? null;
    this.doc = { lines, messages, problems: documentProblems(text, lines, first, first !== null && allNotPatch, failures) };
    return this.doc;
  }

  /**
   * Parse problems and text-rule findings of `text`, the same as `update(text)` then
   * `textFindings(config)`, keeping no model and no text: a changed message is parsed, checked
   * and let go, so one message's model is alive at a time, never every message's; a digest names
   * each message's text. An instance is used either this way (or through `checkDelta`) or
   * through `update`, not both. `cancelled` is asked before each message parsed; what was
   * checked stays cached.
   */
  check(text: string, config: RuleConfig, env: CheckEnv = {}, cancelled?: () => boolean): Finding[] {
    if (this.bare) {
      this.update(text);
      return this.textFindings(config, env, cancelled);
    }
    return this.receiver.apply(this.delta(text, config, env, cancelled, false));
  }

  /**
   * `check` for a receiver that keeps the findings (the language server's main thread, with
   * FindingsReceiver): only the findings of messages it does not hold yet are given, the others
   * by their id and where they are now; this side keeps no findings once they are given. A
   * receiver must apply every delta returned, in order (or be dropped with this instance).
   * `parts`: the delta's messages and outlines are given on the way, `parts.size` messages at a
   * time, and the delta returned holds only the rest (a huge delta is neither kept here whole
   * nor sent at once). The receiver must hold every part given (FindingsReceiver.hold), also
   * when the check is then cancelled: the next delta gives those messages by their id.
   */
  checkDelta(text: string, config: RuleConfig, env: CheckEnv = {}, cancelled?: () => boolean, parts?: DeltaParts): CheckDelta {
    return this.delta(text, config, env, cancelled, true, parts);
  }

  /** `checkDelta`; `withShape`: a huge text's shape is gathered (for another thread's model of it; `check` has none). */
  private delta(
    text: string,
    config: RuleConfig,
    env: CheckEnv,
    cancelled: (() => boolean) | undefined,
    withShape: boolean,
    parts?: DeltaParts,
  ): CheckDelta {
    if (this.bare) {
      // One message, checked whole each time: always given.
      this.update(text);
      const doc = this.doc!;
      const found = this.textFindings(config, env, cancelled);
      const uncheckable = isUncheckable(doc);
      const head = uncheckable ? found : documentProblemFindings(doc, config);
      return { head, uncheckable, messages: uncheckable ? [] : [{ id: 0, start: 0, index: 0, findings: found.slice(head.length) }] };
    }
    const { lines, bounds, entries } = this.match(text, true);
    // A huge text: what the receiver's model of it needs is gathered on the way.
    let parsedHere: TextShape['parsed'] | null = withShape && text.length >= this.lazyMinLength ? [] : null;
    // Lone CR line endings: the text is not read as a patch (only that finding), no rule runs.
    const loneCr = isUncheckable({ lines, messages: [], problems: documentProblems(text, lines, null, false, []) });
    // What a message's findings were computed under (no rule runs on a text with lone CRs).
    const key = (env.configToken ?? configToken(config)) + (loneCr ? '\u0000lone CR' : '');
    const opts = env.onRuleError ? { onRuleError: env.onRuleError } : {};
    let records: DeltaMessage[] = [];
    const given: Entry[] = [];
    const failures: ParseProblem[] = [];
    let firstMessage: number | null = null;
    let allNotPatch = true;
    let index = 0;
    for (let m = 0; m < entries.length; m++) {
      const entry = entries[m]!;
      const [s, e] = bounds[m]!;
      if (entry.kept && entry.start !== s) entry.kept = movedKept(entry.kept, s - entry.start);
      // Findings not given yet follow their message.
      follow(entry, s, index);
      const held = entry.sent === key || entry.findings?.config === key;
      if (!entry.kept || !held) {
        if (cancelled?.()) {
          this.entries = entries;
          throw new CheckCancelled();
        }
        incrementalStats.messageParses++;
        const parsed = parseMessageAt(lines, s, e);
        let list: Finding[] = [];
        if ('failure' in parsed) {
          const failure = detached(parsed.failure);
          entry.kept = { failure };
          parsedHere?.push([entry.key, { start: s, outline: { failure } }]);
        } else {
          entry.kept = { notPatch: isNotPatch(parsed.message) };
          parsedHere?.push([entry.key, { start: s, outline: { ok: outlineFields(parsed.message), notPatch: entry.kept.notPatch } }]);
          if (!loneCr) {
            incrementalStats.messageChecks++;
            list = runTextRules({ lines, messages: [parsed.message], problems: [] }, config, opts);
            for (const f of list) (f as Finding & { messageIndex?: number }).messageIndex = index;
            list = detached(list);
          }
        }
        entry.findings = { config: key, list };
        entry.sent = null;
      }
      const kept = entry.kept;
      if ('failure' in kept) {
        failures.push(kept.failure);
        continue;
      }
      firstMessage ??= s;
      allNotPatch &&= kept.notPatch;
      index++;
      if (entry.sent === key) records.push({ id: entry.id, start: s, index: entry.index, findings: null });
      else {
        records.push({ id: entry.id, start: s, index: entry.index, findings: entry.findings!.list });
        given.push(entry);
      }
      if (parts && records.length >= parts.size) {
        parts.emit({ messages: records, parsed: parsedHere ?? [] });
        // The receiver holds a part's findings from now on, even if this check is cancelled.
        markGiven(given, key);
        records = [];
        if (parsedHere) parsedHere = [];
      }
    }
    this.entries = entries;
    this.doc = null;
    markGiven(given, key);
    const doc: PatchDocument = { lines, messages: [], problems: documentProblems(text, lines, firstMessage, firstMessage !== null && allNotPatch, failures) };
    const delta: CheckDelta = { head: documentProblemFindings(doc, config), uncheckable: isUncheckable(doc), messages: records };
    if (parsedHere) delta.shape = { length: text.length, lineStarts: lines.lineStarts, bounds, keys: entries.map((e) => e.key), parsed: parsedHere };
    return delta;
  }

  /**
   * The entries of `text`'s messages: an unchanged message's entry is reused (the nearest one of
   * the same text). `hashed`: entries keep a digest of their text instead of a copy.
   */
  private match(text: string, hashed: boolean, shape?: TextShape): Matched {
    const all = new LineTable(text, shape?.lineStarts);
    const nLines = all.length;
    const bounds = shape ? shape.bounds : boundsOf(text, all);
    const old = new Map<string, Entry[]>();
    for (const e of this.entries) {
      const list = old.get(e.key);
      if (list) list.push(e);
      else old.set(e.key, [e]);
    }
    // The document's lines: those before the first message, then each message's own.
    const parts: Lines[] = [];
    const first = bounds.length ? bounds[0]![0] : nLines;
    if (!hashed && first > 0) parts.push(new LineTable(ownCopy(text.slice(0, first < nLines ? all.offsetOf(first) - 1 : text.length))));
    const entries: Entry[] = [];
    for (let m = 0; m < bounds.length; m++) {
      const [s, e] = bounds[m]!;
      const slice = text.slice(all.offsetOf(s), e < nLines ? all.offsetOf(e) - 1 : text.length);
      const key = shape ? shape.keys[m]! : hashed ? digestKey(slice) : slice;
      const list = old.get(key);
      let entry: Entry | undefined;
      if (list && list.length) {
        const same = list.findIndex((x) => x.start === s);
        entry = list.splice(same >= 0 ? same : 0, 1)[0]!;
      } else {
        const own = hashed ? key : ownCopy(slice);
        entry = { key: own, lines: hashed ? null : new LineTable(own), start: s, index: -1, parsed: null, findings: null, kept: null, sent: null, outline: null, id: ++entryIds };
      }
      if (entry.lines) parts.push(entry.lines);
      entries.push(entry);
    }

    return { lines: all, bounds, entries, parts };
  }

  /**
   * Parse problems and text-rule findings of the last `update`'s document, as `textFindings`
   * gives them; rules run only on messages whose text or configuration changed. `cancelled` is
   * asked between messages: when it says yes, CheckCancelled is thrown (the messages checked so
   * far stay cached).
   */
  textFindings(config: RuleConfig, env: CheckEnv = {}, cancelled?: () => boolean): Finding[] {
    const doc = this.doc;
    if (!doc) return [];
    const out: Finding[] = documentProblemFindings(doc, config);
    if (isUncheckable(doc)) return out;
    const opts = env.onRuleError ? { onRuleError: env.onRuleError } : {};
    if (this.bare) {
      incrementalStats.messageChecks++;
      for (const f of runTextRules(doc, config, opts)) out.push(f);
      return out;
    }
    const key = env.configToken ?? configToken(config);
    for (const entry of this.entries) {
      const parsed = entry.parsed;
      // A huge document's message (parsed when read) or one parsed whole.
      const lazy = !parsed && entry.outline !== null && !('failure' in entry.outline);
      if (!lazy && (!parsed || 'failure' in parsed)) continue;
      if (!entry.findings || entry.findings.config !== key) {
        if (cancelled?.()) throw new CheckCancelled();
        incrementalStats.messageChecks++;
        const message = parsed && 'message' in parsed ? parsed.message : doc.messages[entry.index]!;
        // The message's own lines: a rule reads only its message's.
        const lines = entry.lines ? new ShiftedLines(entry.lines, entry.start) : doc.lines;
        let list: Finding[] = runTextRules({ lines, messages: [message], problems: [] }, config, opts);
        for (const f of list) (f as Finding & { messageIndex?: number }).messageIndex = entry.index;
        if (!entry.lines) list = detached(list);
        entry.findings = { config: key, list };
      }
      for (const f of entry.findings.list) out.push(f);
    }
    return out;
  }
}


/** parsePatch's messageBounds, on the text (without cutting every line out of it). */
function boundsOf(text: string, lines: LineTable): [number, number][] {
  const n = lines.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (stripCr(lines.get(i)!).trim() !== '') {
      first = i;
      break;
    }
  }
  if (first < 0) return [];
  const begins: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = lines.offsetOf(i);
    if (!text.startsWith('From ', at)) continue;
    if (i > 0) {
      const prevLen = at - 1 - lines.offsetOf(i - 1);
      if (!(prevLen === 0 || (prevLen === 1 && text.charCodeAt(at - 2) === 13))) continue;
    }
    if (MBOX_FROM.test(lines.get(i)!)) begins.push(i);
  }
  if (begins.length === 0 || begins[0]! > first) begins.unshift(first);
  return begins.map((s, k) => [s, k + 1 < begins.length ? begins[k + 1]! : n]);
}

/** Fields of the model that hold a document line (numbers, or arrays of them). */
const LINE_FIELDS = new Set([
  'line',
  'startLine',
  'endLine',
  'headerLine',
  'headerEndLine',
  'separatorLine',
  'blurbStartLine',
  'blurbEndLine',
  'scissorsLine',
  'rangeDiffLine',
  'interdiffLine',
  'summaryLine',
  'noteLine',
]);
const LINE_ARRAYS = new Set(['changelogLines', 'bodyLines', 'commentLines', 'nonTrailerLines', 'continuationLines']);

/** A copy of a model value with every document line moved by `delta` (strings are shared). */
function shiftLines<T>(value: T, delta: number): T {
  return shift(value, delta, '') as T;
}

function shift(value: unknown, delta: number, field: string): unknown {
  // An absent line is null (never -1): it stays null.
  if (typeof value === 'number') return LINE_FIELDS.has(field) ? value + delta : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof HunkLines) return value.movedBy(delta);
  if (Array.isArray(value)) {
    if (LINE_ARRAYS.has(field)) return (value as number[]).map((n) => n + delta);
    // A damaged hunk's `lines` are document lines (a hunk's own `lines` are objects with a `line`).
    if (field === 'lines') return value.map((v: unknown) => (typeof v === 'number' ? v + delta : shift(v, delta, '')));
    return value.map((v) => shift(v, delta, ''));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shift(v, delta, k);
  return out;
}

/** The outline of a parsed message. */
function outlineOf(msg: PatchMessage, id: number): MessageOutline {
  return { ...outlineFields(msg), id };
}

/** A message's outline but its id; detached: kept across versions, it must not hold slices of this version's text. */
function outlineFields(msg: PatchMessage): Omit<MessageOutline, 'id'> {
  return detached({ startLine: msg.startLine, endLine: msg.endLine, range: msg.range, name: msg.subject?.raw ?? msg.message.title, summary: summarizeMessage(msg) });
}

function movedOutline(o: MessageOutline, delta: number): MessageOutline {
  return { ...o, startLine: o.startLine + delta, endLine: o.endLine + delta, range: movedRange(o.range, delta) };
}

function movedRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

function movedProblem(p: ParseProblem, delta: number): ParseProblem {
  return delta === 0 ? p : { ...p, range: movedRange(p.range, delta) };
}

function movedKept(kept: Kept, delta: number): Kept {
  return 'failure' in kept ? { failure: movedProblem(kept.failure, delta) } : kept;
}

/** The entry's message is now at line `start`, message `index`: its findings (not yet given) follow it. */
function follow(entry: Entry, start: number, index: number): void {
  if (entry.findings && (entry.start !== start || entry.index !== index)) {
    const delta = start - entry.start;
    entry.findings = { config: entry.findings.config, list: entry.findings.list.map((f) => moveFinding(f, delta, index)) };
  }
  entry.start = start;
  entry.index = index;
}

/**
 * A text or repository finding of a message that moved `delta` lines and is now message `index`
 * (a copy; `messageIndex` is set when the finding has one). Such findings have no related locations.
 */
export function moveFinding<F extends Finding>(f: F, delta: number, index: number): F {
  const moved: F = { ...f };
  if (delta !== 0) {
    moved.range = movedRange(f.range, delta);
    if (f.fix) moved.fix = { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, range: movedRange(e.range, delta) })) };
  }
  if ('messageIndex' in f) (moved as F & { messageIndex: number }).messageIndex = index;
  return moved;
}
