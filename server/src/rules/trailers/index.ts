/**
 * Rules about trailers and sign-offs (RULES.md C). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';
import { badSignOff } from './badSignOff';
import { badStableAddressStyle } from './badStableAddressStyle';
import { badReportedByLink } from './badReportedByLink';
import { badFixesTag } from './badFixesTag';
import { missingSignOff } from './missingSignOff';
import { noAuthorSignOff } from './noAuthorSignOff';
import { fromSignOffMismatch } from './fromSignOffMismatch';
import { trailerContinuation } from './trailerContinuation';
import { trailerOrder } from './trailerOrder';
import { mangledAuthorAddress } from './mangledAuthorAddress';

export const trailersRules: TextRule[] = [
  badSignOff,
  badStableAddressStyle,
  badReportedByLink,
  badFixesTag,
  missingSignOff,
  noAuthorSignOff,
  fromSignOffMismatch,
  trailerContinuation,
  trailerOrder,
  mangledAuthorAddress,
];
