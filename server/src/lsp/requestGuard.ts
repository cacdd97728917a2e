/**
 * What every request from the client goes through: positions clamped into the document (a
 * client may send line 1,000,000,000), and cancellation honoured (`$/cancelRequest`): a request
 * cancelled before or while it runs answers RequestCancelled instead of a stale result, and the
 * handlers check the token between their slow steps (git, the series on disk).
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { Position } from '../model/types';
import type { Lines } from '../model/lines';

/** Throws the LSP RequestCancelled error when the client cancelled the request. */
export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Run a handler, answering RequestCancelled when the request was cancelled before it ends. */
export async function cancellable<T>(token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T> {
  throwIfCancelled(token);
  const result = await run();
  throwIfCancelled(token);
  return result;
}

/**
 * A client position inside a document of these lines: line at most the last line, character at
 * most that line's length (LSP says a character past the end means the end of the line). Bad
 * numbers (negative, NaN, fractions) become 0 or are truncated.
 */
export function clampPosition(lines: Lines, pos: Position): Position {
  const lastLine = Math.max(0, lines.length - 1);
  const line = clampInt(pos.line, lastLine);
  const text = lines.get(line) ?? '';
  const length = text.endsWith('\r') ? text.length - 1 : text.length;
  return { line, character: clampInt(pos.character, length) };
}

function clampInt(n: unknown, max: number): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return n === Infinity ? max : 0;
  return Math.min(Math.floor(n), max);
}
