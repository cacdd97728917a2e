/**
 * Rules about notes area, diffstat and diff sanity (RULES.md D). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';
import { notUnifiedDiff } from './notUnifiedDiff';
import { corruptedPatch } from './corruptedPatch';
import { hunkHeaderMismatch } from './hunkHeaderMismatch';
import { diffstatMismatch } from './diffstatMismatch';
import { patchPrefix } from './patchPrefix';
import { executePermissions } from './executePermissions';
import { filePathChanges } from './filePathChanges';
import { missingEofNewline } from './missingEofNewline';
import { trailingWhitespace } from './trailingWhitespace';
import { dosLineEndings } from './dosLineEndings';

export const diffRules: TextRule[] = [
  notUnifiedDiff,
  corruptedPatch,
  hunkHeaderMismatch,
  diffstatMismatch,
  patchPrefix,
  executePermissions,
  filePathChanges,
  missingEofNewline,
  trailingWhitespace,
  dosLineEndings,
];
