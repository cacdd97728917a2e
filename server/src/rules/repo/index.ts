/**
 * Rules about checks that need the git repository. Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { RepoRule } from '../types';
import { unknownCommitId } from './unknownCommitId';
import { commitTitleMismatch } from './commitTitleMismatch';
import { fixesUnknownCommit } from './fixesUnknownCommit';
import { fixesTitleMismatch } from './fixesTitleMismatch';
import { fixesTagFromRepo } from './fixesTagFromRepo';
import { authorIdentityMismatch } from './authorIdentityMismatch';

export const repoRules: RepoRule[] = [
  unknownCommitId,
  commitTitleMismatch,
  fixesUnknownCommit,
  fixesTitleMismatch,
  fixesTagFromRepo,
  authorIdentityMismatch,
];
