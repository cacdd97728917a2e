/**
 * The messages of a huge document, parsed when read (issue 9: the language server's memory).
 *
 * A message model costs about ten times its text (its headers, trailers, ranges and diff), so a
 * 20 MB mailbox of 17,000 messages would hold 200 MB of models that nothing reads between two
 * requests. Here `doc.messages` is a read-only array whose element k is parsed when read; the
 * last KEPT messages read are kept, so a request that reads one message several times parses it
 * once, and a loop over every message holds KEPT models at a time, never all of them. A message
 * read again after it left is parsed again: an equal value, another object (nothing in patchsmith
 * compares messages by identity). What the editor needs of every message without its model
 * (where it is, what its outline and series grouping say) is kept beside it, small: its outline.
 *
 * The array is a value like any other: indexing, `length`, iteration, `map` and friends and
 * JSON.stringify give what a plain array of those messages gives; writing to it throws.
 */
import type { MessageSummary, PatchMessage, Range } from './types';

/** What is known of a message without its model. */
export interface MessageOutline {
  /** Its first and last document line (as the model's `startLine` and `endLine`). */
  readonly startLine: number;
  readonly endLine: number;
  /** The model's `range`. */
  readonly range: Range;
  /** Its raw subject, else its title: the name a document outline shows. */
  readonly name: string;
  /** What series grouping reads of it. */
  readonly summary: MessageSummary;
  /**
   * Names the message's text: the same id at the same `startLine` is the same model (a cache of
   * what was computed from a message may key on `${id}@${startLine}`).
   */
  readonly id: number;
}

const outlines = new WeakMap<object, readonly MessageOutline[]>();

/** The outline of each message when `messages` is a lazy array (null for a plain array). */
export function messageOutlines(messages: readonly PatchMessage[]): readonly MessageOutline[] | null {
  return outlines.get(messages) ?? null;
}

/** `p` as an array index below `n`, else -1. */
function indexOf(p: string | symbol, n: number): number {
  if (typeof p !== 'string' || p.length === 0 || p.length > 10) return -1;
  const k = Number(p);
  return Number.isInteger(k) && k >= 0 && k < n && String(k) === p ? k : -1;
}

/** Messages kept after they were read (the rest are parsed again when read). */
export const KEPT = 64;

/** A read-only array of `outline.length` messages; `load(k)` parses message k (it must give an equal model each time). */
export function lazyMessages(outline: readonly MessageOutline[], load: (k: number) => PatchMessage): readonly PatchMessage[] {
  const n = outline.length;
  // The last KEPT messages read, the most recent last.
  const kept = new Map<number, PatchMessage>();
  const at = (k: number): PatchMessage => {
    let msg = kept.get(k);
    if (msg) kept.delete(k);
    else {
      msg = load(k);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(k, msg);
    return msg;
  };
  const readOnly = (): boolean => {
    throw new TypeError('the messages of a document are read-only');
  };
  // A holey array of the right length: Array.isArray, `length` and Array.prototype's methods
  // work on the proxy as on any array; the elements come from `at`.
  const target = new Array<PatchMessage>(n);
  const messages = new Proxy(target, {
    get(t, p, receiver) {
      const k = indexOf(p, n);
      return k >= 0 ? at(k) : (Reflect.get(t, p, receiver) as unknown);
    },
    has(t, p) {
      return indexOf(p, n) >= 0 || Reflect.has(t, p);
    },
    ownKeys(t) {
      const keys: (string | symbol)[] = [];
      for (let k = 0; k < n; k++) keys.push(String(k));
      for (const key of Reflect.ownKeys(t)) keys.push(key);
      return keys;
    },
    getOwnPropertyDescriptor(t, p) {
      const k = indexOf(p, n);
      if (k >= 0) return { value: at(k), writable: false, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(t, p);
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
  outlines.set(messages, outline);
  return messages;
}

/** The index of the message holding `line` (the last one past its end), by binary search; -1 when none. */
export function outlineIndexAt(outline: readonly MessageOutline[], line: number): number {
  let lo = 0;
  let hi = outline.length - 1;
  if (hi < 0) return -1;
  if (line < outline[0]!.startLine) return -1;
  // The last message starting at or before `line`.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (outline[mid]!.startLine <= line) lo = mid;
    else hi = mid - 1;
  }
  const o = outline[lo]!;
  if (line <= o.endLine || lo === outline.length - 1) return lo;
  return -1;
}
