/**
 * Keep V8's heap near what is alive. By default V8 grows the heap lazily and collects late: on a
 * patch of tens of megabytes, `check` peaked at 4.4x the input (2.7x with this flag, for about
 * 15% more time), and the language server's memory grew with every edit of a huge document.
 * Called first thing by the entry points (dist/cli.js, dist/server.js): process-wide, worker
 * threads included.
 */
import { setFlagsFromString } from 'node:v8';

export function leanHeap(): void {
  setFlagsFromString('--optimize-for-size');
}

/**
 * Let go of the subject of the last regular-expression match. V8 keeps it for RegExp.lastMatch
 * and RegExp.$1..$9, and a match on a slice of a huge text keeps the whole text alive: the check
 * worker held a 20 MB copy of the last text it checked until its next match (found in a heap
 * snapshot). A match on an empty string replaces it.
 */
export function releaseLastMatch(): void {
  /(?:)/.exec('');
}

/**
 * Let threads started after this call collect their garbage at once (`collectGarbage`). The
 * check worker does, after a huge check: otherwise it held that check's text and garbage (~200 MB
 * for a 100 MB mbox) until its next check, as an idle thread does not collect. V8 reads the flag
 * when it makes a thread's context: this thread's is made already and gets no `gc`.
 */
export function letThreadsCollect(): void {
  setFlagsFromString('--expose-gc');
}

/** A full collection of this thread's heap, when its thread was started after letThreadsCollect. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
