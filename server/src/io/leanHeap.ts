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
