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
 * parsed in an older version does not keep that whole older text alive.
 */
import type { ParseProblem, PatchDocument, PatchMessage } from '../model/types';
import type { Finding, RuleConfig } from '../rules/types';
import { documentProblems, finishDocument, isNotPatch, parseMessageAt, parsePatch, type MessageParse } from '../parse/parsePatch';
import { stripCr } from '../model/range';
import { HunkLines } from '../model/hunkLines';
import { JoinedLines, LineTable, ShiftedLines, type Lines } from '../model/lines';
import { runTextRules } from '../rules/engine';
import { documentProblemFindings, isUncheckable } from './parseFindings';
import { parseOptionsFor, type TextKind } from '../parse/textKind';
import type { CheckEnv } from './checkDocument';

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
  /** The message's text, an own copy (never a slice of the whole document). */
  key: string;
  /** Its lines (the message's model reads them through a ShiftedLines at its first line). */
  lines: LineTable;
  /** First line and index of the message in the document `parsed` and `findings` belong to. */
  start: number;
  index: number;
  parsed: MessageParse | null;
  findings: { config: string; list: Finding[] } | null;
  /** What `check` keeps of the message instead of its model (null until it was parsed). */
  kept: Kept | null;
}

/** Of a message checked without keeping its model: the parser's failure, or whether it is no patch at all. */
type Kept = { failure: ParseProblem } | { notPatch: boolean };

/** Message entries matched to a new text (see IncrementalDocument.match). */
interface Matched {
  lines: LineTable;
  bounds: [number, number][];
  entries: Entry[];
  /** The document's lines: those before the first message, then each message's own. */
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

/** Key of the configuration the cached findings were computed under. */
function configKey(c: RuleConfig): string {
  return JSON.stringify([c.profile, [...c.ignore].sort(), c.maxLineLength, c.strict, c.severity, c.trailerOrder, c.fileName ?? '']);
}

export class IncrementalDocument {
  private entries: Entry[] = [];
  private doc: PatchDocument | null = null;

  /** Bare texts (a commit message, a cover letter text) are one message: parsed whole each time. */
  private readonly bare: boolean;

  constructor(private readonly kind: TextKind = 'mail') {
    this.bare = kind !== 'mail';
  }

  /** The model of `text`: the document `parsePatch(text)` gives, reusing unchanged messages. */
  update(text: string): PatchDocument {
    if (this.bare) {
      incrementalStats.messageParses++;
      this.doc = parsePatch(text, parseOptionsFor(this.kind));
      return this.doc;
    }
    const { bounds, entries, parts } = this.match(text);
    const messages: PatchMessage[] = [];
    const failures: ParseProblem[] = [];
    for (let m = 0; m < entries.length; m++) {
      const entry = entries[m]!;
      const s = bounds[m]![0];
      if (!entry.parsed) {
        incrementalStats.messageParses++;
        entry.parsed = parseMessageAt(new ShiftedLines(entry.lines, s), s, bounds[m]![1]);
      } else if (entry.start !== s) {
        entry.parsed = shiftLines(entry.parsed, s - entry.start);
      }
      // Findings carry the index of their message in doc.messages (failed messages are not there).
      const index = messages.length;
      if (entry.findings && (entry.start !== s || entry.index !== index)) {
        const delta = s - entry.start;
        entry.findings = { config: entry.findings.config, list: entry.findings.list.map((f) => moveFinding(f, delta, index)) };
      }
      entry.start = s;
      entry.index = index;
      if ('failure' in entry.parsed) failures.push(entry.parsed.failure);
      else messages.push(entry.parsed.message);
    }
    this.entries = entries;
    this.doc = finishDocument(text, new JoinedLines(parts), messages, failures);
    return this.doc;
  }

  /**
   * Parse problems and text-rule findings of `text`, the same as `update(text)` then
   * `textFindings(config)`, keeping no model: a changed message is parsed, checked and let go,
   * so one message's model is alive at a time, never every message's (the check worker only
   * reports findings). An instance is used either this way or through `update`, not both.
   * `cancelled` is asked before each message parsed; what was checked stays cached.
   */
  check(text: string, config: RuleConfig, env: CheckEnv = {}, cancelled?: () => boolean): Finding[] {
    if (this.bare) {
      this.update(text);
      return this.textFindings(config, env, cancelled);
    }
    const { lines, bounds, entries } = this.match(text);
    // Lone CR line endings: the text is not read as a patch (only that finding), no rule runs.
    const loneCr = isUncheckable({ lines, messages: [], problems: documentProblems(text, lines, null, false, []) });
    const key = configKey(config);
    const opts = env.onRuleError ? { onRuleError: env.onRuleError } : {};
    const found: Finding[] = [];
    const failures: ParseProblem[] = [];
    let firstMessage: number | null = null;
    let allNotPatch = true;
    let index = 0;
    for (let m = 0; m < entries.length; m++) {
      const entry = entries[m]!;
      const [s, e] = bounds[m]!;
      if (entry.kept && entry.start !== s) entry.kept = movedKept(entry.kept, s - entry.start);
      if (entry.findings && (entry.start !== s || entry.index !== index)) {
        const delta = s - entry.start;
        entry.findings = { config: entry.findings.config, list: entry.findings.list.map((f) => moveFinding(f, delta, index)) };
      }
      entry.start = s;
      entry.index = index;
      if (!entry.kept || !entry.findings || entry.findings.config !== key) {
        if (cancelled?.()) {
          this.entries = entries;
          throw new CheckCancelled();
        }
        incrementalStats.messageParses++;
        const own = new ShiftedLines(entry.lines, s);
        const parsed = parseMessageAt(own, s, e);
        let list: Finding[] = [];
        if ('failure' in parsed) entry.kept = { failure: parsed.failure };
        else {
          entry.kept = { notPatch: isNotPatch(parsed.message) };
          if (!loneCr) {
            incrementalStats.messageChecks++;
            list = runTextRules({ lines: own, messages: [parsed.message], problems: [] }, config, opts);
            for (const f of list) (f as Finding & { messageIndex?: number }).messageIndex = index;
          }
        }
        entry.findings = { config: key, list };
      }
      const kept = entry.kept;
      if ('failure' in kept) {
        failures.push(kept.failure);
        continue;
      }
      firstMessage ??= s;
      allNotPatch &&= kept.notPatch;
      index++;
      for (const f of entry.findings.list) found.push(f);
    }
    this.entries = entries;
    this.doc = null;
    const doc: PatchDocument = { lines, messages: [], problems: documentProblems(text, lines, firstMessage, firstMessage !== null && allNotPatch, failures) };
    const out = documentProblemFindings(doc, config);
    if (isUncheckable(doc)) return out;
    for (const f of found) out.push(f);
    return out;
  }

  /** The entries of `text`'s messages: an unchanged message's entry is reused (the nearest one of the same text). */
  private match(text: string): Matched {
    const all = new LineTable(text);
    const nLines = all.length;
    const bounds = boundsOf(text, all);
    const old = new Map<string, Entry[]>();
    for (const e of this.entries) {
      const list = old.get(e.key);
      if (list) list.push(e);
      else old.set(e.key, [e]);
    }
    // The document's lines: those before the first message, then each message's own.
    const parts: Lines[] = [];
    const first = bounds.length ? bounds[0]![0] : nLines;
    if (first > 0) parts.push(new LineTable(ownCopy(text.slice(0, first < nLines ? all.offsetOf(first) - 1 : text.length))));
    const entries: Entry[] = [];
    for (let m = 0; m < bounds.length; m++) {
      const [s, e] = bounds[m]!;
      const slice = text.slice(all.offsetOf(s), e < nLines ? all.offsetOf(e) - 1 : text.length);
      const list = old.get(slice);
      let entry: Entry | undefined;
      if (list && list.length) {
        const same = list.findIndex((x) => x.start === s);
        entry = list.splice(same >= 0 ? same : 0, 1)[0]!;
      } else {
        const key = ownCopy(slice);
        entry = { key, lines: new LineTable(key), start: s, index: -1, parsed: null, findings: null, kept: null };
      }
      parts.push(entry.lines);
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
    const key = configKey(config);
    for (const entry of this.entries) {
      const parsed = entry.parsed;
      if (!parsed || 'failure' in parsed) continue;
      if (!entry.findings || entry.findings.config !== key) {
        if (cancelled?.()) throw new CheckCancelled();
        incrementalStats.messageChecks++;
        // The message's own lines: a rule reads only its message's.
        const lines = new ShiftedLines(entry.lines, entry.start);
        const list: Finding[] = runTextRules({ lines, messages: [parsed.message], problems: [] }, config, opts);
        for (const f of list) (f as Finding & { messageIndex?: number }).messageIndex = entry.index;
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

function movedKept(kept: Kept, delta: number): Kept {
  if (!('failure' in kept)) return kept;
  const r = kept.failure.range;
  return {
    failure: {
      ...kept.failure,
      range: { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } },
    },
  };
}

function moveFinding(f: Finding, delta: number, index: number): Finding {
  const moved = delta === 0 ? { ...f } : shiftFinding(f, delta);
  if ('messageIndex' in f) (moved as Finding & { messageIndex: number }).messageIndex = index;
  return moved;
}

function shiftFinding(f: Finding, delta: number): Finding {
  const r = (x: Finding['range']): Finding['range'] => ({
    start: { line: x.start.line + delta, character: x.start.character },
    end: { line: x.end.line + delta, character: x.end.character },
  });
  const out: Finding = { ...f, range: r(f.range) };
  if (f.fix) out.fix = { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, range: r(e.range) })) };
  return out;
}
