/**
 * Parse problems as findings. The parser's problems of a message are reported by the rules of
 * rules/parse/ (they run with the text rules); this module reports the problems of the whole
 * document (not tied to a message: a message the parser failed on, lone-CR line endings, text
 * that is no patch mail), with the severity of the rule registered for their code and under the
 * same configuration. Two parser codes are reported by richer rules instead: CORRUPTED_PATCH
 * (once a message, rules/diff/corruptedPatch.ts) and HUNK_COUNT (HUNK_HEADER_MISMATCH, with the
 * recount), so each problem shows once.
 */
import type { ParseProblem, PatchDocument } from '../model/types';
import type { Finding, RuleConfig } from '../rules/types';
import { effectiveSeverity, isRuleEnabled } from '../rules/engine';
import { getRule } from '../rules/registry';

/** Parser codes reported by another rule, with the id of that rule. */
export const PROBLEMS_REPORTED_BY: Readonly<Record<string, string>> = {
  CORRUPTED_PATCH: 'CORRUPTED_PATCH',
  HUNK_COUNT: 'HUNK_HEADER_MISMATCH',
};

/** Problems that make the whole text unreadable as a patch: no other check runs. */
const WHOLE_DOCUMENT = new Set(['LONE_CR_LINE_ENDINGS', 'NOT_A_PATCH_MAIL']);

/** Whether the document is not a patch to check (its only finding is the reason). */
export function isUncheckable(doc: PatchDocument): boolean {
  return doc.problems.some((p) => WHOLE_DOCUMENT.has(p.code));
}

/** Messages the parser failed on (an internal error, never a pass). */
export function parseFailures(doc: PatchDocument): ParseProblem[] {
  return doc.problems.filter((p) => p.code === 'PARSE_FAILURE');
}

/** The document-level parse problems as findings under the configuration. */
export function documentProblemFindings(doc: PatchDocument, config: RuleConfig): Finding[] {
  const out: Finding[] = [];
  for (const p of doc.problems) {
    const rule = getRule(p.code);
    if (rule && !isRuleEnabled(rule, config)) continue;
    const finding: Finding = { rule: p.code, severity: rule?.severity ?? 'error', message: p.message, range: p.range };
    const severity = effectiveSeverity(finding, config);
    if (severity === null) continue;
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}
