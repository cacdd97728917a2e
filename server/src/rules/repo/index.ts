/**
 * Rules about checks that need the git repository. Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { RepoRule } from '../types';

export const repoRules: RepoRule[] = [];
