/**
 * A patch model as a plain value, to compare two models: the document's lines as strings and
 * each hunk's lines as {kind, line, text} (model/lines.ts and model/hunkLines.ts keep them as
 * tables read on demand, whose layout says nothing about the model).
 */
import type { PatchDocument } from '../../server/src/model/types';

export function modelValue(doc: PatchDocument): unknown {
  return JSON.parse(JSON.stringify({ ...doc, lines: doc.lines.slice(0) })) as unknown;
}
