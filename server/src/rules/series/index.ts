/**
 * Rules about series-level consistency (RULES.md F). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { SeriesRule } from '../types';
import { seriesNumbering } from './seriesNumbering';
import { seriesVersionMismatch } from './seriesVersionMismatch';
import { seriesPrefixMismatch } from './seriesPrefixMismatch';
import { seriesDuplicateSummary } from './seriesDuplicateSummary';
import { seriesMissingCover } from './seriesMissingCover';
import { coverShortlogMismatch } from './coverShortlogMismatch';
import { coverDiffstatMismatch } from './coverDiffstatMismatch';
import { seriesBaseCommit } from './seriesBaseCommit';
import { seriesTooLong } from './seriesTooLong';

export const seriesRules: SeriesRule[] = [
  seriesNumbering,
  seriesVersionMismatch,
  seriesPrefixMismatch,
  seriesDuplicateSummary,
  seriesMissingCover,
  coverShortlogMismatch,
  coverDiffstatMismatch,
  seriesBaseCommit,
  seriesTooLong,
];
