/**
 * Problems the parser reports, as rules (ids, metadata, configuration like any other rule).
 * Two parser codes are reported by the rule that knows more about them and have no rule here:
 * CORRUPTED_PATCH (rules/diff/corruptedPatch.ts, once a message) and HUNK_COUNT (a hunk shorter
 * than its header: rules/diff/hunkHeaderMismatch.ts, with the recount). See check/parseFindings.ts.
 */
import type { TextRule } from '../types';
import { parseFailure } from './parseFailure';
import { loneCrLineEndings } from './loneCrLineEndings';
import { notAPatchMail } from './notAPatchMail';
import { badHeader } from './badHeader';

export const parseRules: TextRule[] = [parseFailure, loneCrLineEndings, notAPatchMail, badHeader];
