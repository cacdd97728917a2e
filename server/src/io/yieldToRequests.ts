/**
 * Lets requests that arrived meanwhile answer before a long job's next step.
 *
 * One `setImmediate` is not enough: a request read from stdin during this turn is dispatched by
 * vscode-jsonrpc with its own `setImmediate`, queued after ours, so it would wait one more step of
 * the job. Two turns put the job's next step behind it.
 */
import { setImmediate as turn } from 'node:timers/promises';

export async function yieldToRequests(): Promise<void> {
  await turn();
  await turn();
}
