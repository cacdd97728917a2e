/**
 * Rules about mail headers and subject line (RULES.md A). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';
import { emailSubject } from './emailSubject';
import { subjectPrefix } from './subjectPrefix';
import { subjectCounterPadding } from './subjectCounterPadding';
import { subjectSummaryLong } from './subjectSummaryLong';
import { subjectTrailingPeriod } from './subjectTrailingPeriod';
import { subjectNoSubsystem } from './subjectNoSubsystem';
import { utf8BeforePatch } from './utf8BeforePatch';
import { invalidUtf8 } from './invalidUtf8';
import { bidiControlCharacter } from './bidiControlCharacter';

export const headersRules: TextRule[] = [
  emailSubject,
  subjectPrefix,
  subjectCounterPadding,
  subjectSummaryLong,
  subjectTrailingPeriod,
  subjectNoSubsystem,
  utf8BeforePatch,
  invalidUtf8,
  bidiControlCharacter,
];
