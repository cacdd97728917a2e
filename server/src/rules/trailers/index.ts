/**
 * Rules about trailers and sign-offs (RULES.md C). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';

export const trailersRules: TextRule[] = [];
