/**
 * Appending one array to another without spreading it into a call: `a.push(...b)` passes every
 * element of `b` as an argument, and a large `b` (130,000 malformed hunk lines, 300,000 ignore
 * entries) overflows the call stack. test/invariants/noSpread.test.ts keeps such spreads out.
 */

/** Append every item to `target` (in order) and return `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest number of `values`, or `fallback` when there is none. */
export function maxOf(values: Iterable<number>, fallback = -Infinity): number {
  let max = fallback;
  for (const v of values) if (v > max) max = v;
  return max;
}
