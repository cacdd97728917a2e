/**
 * A rule whose findings are the parser's problems of one code. The parser decides what it could
 * not read (a stray line in the header block, a message it failed on, text that is no patch at
 * all); registering the code as a rule gives it metadata (description, doc for hovers, SARIF and
 * configuration validation) and lets the configuration govern it like any other rule
 * (`severity`, `off`, `--ignore`, `.checkpatch.conf`). Problems of a message are reported by the
 * rule on each message; problems of the whole document (not tied to a message) by the check
 * pipeline (check/parseFindings.ts), with this rule's severity.
 */
import type { Profile, Severity, TextRule } from '../types';

export interface ProblemRuleInfo {
  id: string;
  severity: Severity;
  description: string;
  doc: string;
}

const ALL_PROFILES: Profile[] = ['kernel', 'qemu', 'git'];

export function problemRule(info: ProblemRuleInfo): TextRule {
  return {
    kind: 'text',
    ...info,
    profiles: ALL_PROFILES,
    // The parser's own findings: no checkpatch TYPE (CORRUPTED_PATCH has a rule of its own).
    origin: null,
    check({ msg, report }) {
      for (const p of msg.problems) if (p.code === info.id) report({ message: p.message, range: p.range });
    },
  };
}
