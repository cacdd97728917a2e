/**
 * Rules about mail headers and subject line (RULES.md A). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';

export const headersRules: TextRule[] = [];
