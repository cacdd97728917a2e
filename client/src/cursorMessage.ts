/**
 * Which message of the active document the status bar describes, and whether a cursor move may
 * change it (an mbox holds several messages). No vscode import: unit-tested.
 */
import type { MessageLines, SeriesInfoResult } from '../../server/src/lsp/protocol';

/** What the status bar shows: for which document, and the lines its answer holds for. */
export interface ShownMessage {
  uri: string;
  /** null: not known (an older server, which describes the first message wherever the cursor is). */
  lines: MessageLines | null;
}

export function shownMessage(uri: string, info: SeriesInfoResult): ShownMessage {
  const l = info.lines;
  const valid = !!l && Number.isInteger(l.first) && Number.isInteger(l.last) && l.first <= l.last;
  return { uri, lines: valid ? { first: l.first, last: l.last } : null };
}

/**
 * Whether the cursor at `line` of `uri` may be in another message than the one shown: only then
 * is the server asked again (not on every cursor move). Another document, or nothing shown yet:
 * yes. An answer without lines (older server): no, asking again gives the same answer.
 */
export function cursorLeftMessage(shown: ShownMessage | null, uri: string, line: number): boolean {
  if (!shown || shown.uri !== uri) return true;
  if (!shown.lines) return false;
  return line < shown.lines.first || line > shown.lines.last;
}
