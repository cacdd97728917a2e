/**
 * Rules about series-level consistency (RULES.md F). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { SeriesRule } from '../types';

export const seriesRules: SeriesRule[] = [];
