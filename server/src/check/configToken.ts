/**
 * Keys naming the configuration rules ran under, for the caches of findings (incremental.ts,
 * findingsCache.ts): findings computed under another configuration are computed again.
 */
import type { RuleConfig } from '../rules/types';

const objectIds = new WeakMap<object, number>();
let nextId = 0;

/** A number naming this object for as long as it lives. */
export function idOf(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) {
    id = ++nextId;
    objectIds.set(o, id);
  }
  return id;
}

/** The configuration's settings, by value; not the spelling list (see configToken). */
export function configKey(c: RuleConfig): string {
  return JSON.stringify([c.profile, [...c.ignore].sort(), c.maxLineLength, c.strict, c.severity, c.trailerOrder, c.fileName ?? '']);
}

/**
 * The whole configuration: its settings, and the spelling list by identity (it is loaded once per
 * folder, and loaded again when scripts/spelling.txt changes). A thread that gets a copy of the
 * configuration (the check worker) is given the token its sender computed.
 */
export function configToken(c: RuleConfig): string {
  return `${configKey(c)}\u0000${c.spelling ? idOf(c.spelling) : 0}`;
}
