/**
 * Rules about cover letters (RULES.md E). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';
import { coverLetterTemplate } from './coverLetterTemplate';
import { missingChangelog } from './missingChangelog';
import { baseCommitPlacement } from './baseCommitPlacement';

export const coverRules: TextRule[] = [
  coverLetterTemplate,
  missingChangelog,
  baseCommitPlacement,
];
