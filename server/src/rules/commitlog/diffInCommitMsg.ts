/**
 * DIFF_IN_COMMIT_MSG (checkpatch ERROR, once per patch): a commit-log line that looks like diff
 * content (an indented `diff ... a/X b/X`, `--- a/`, `+++ b/` or `@@ -n,n +n,n @@`). patch(1)
 * and `git am` may take it for the start of the patch.
 */
import type { PatchMessage } from '../../model/types';
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { isCommit, lineText, trimmedSpan } from '../shared/commitLog';

function looksLikeDiff(line: string): boolean {
  const m = /^\s+diff\b.*a\/([\w/]+)/.exec(line);
  if (m) {
    const esc = m[1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (new RegExp(`^\\s+diff\\b.*a/[\\w/]+\\s+b/${esc}\\b`).test(line)) return true;
  }
  return /^\s*(?:---\s+a\/|\+\+\+\s+b\/)/.test(line) || /^\s*@@ -\d+,\d+ \+\d+,\d+ @@/.test(line);
}

/**
 * QEMU's bios-tables-test process: the commit that updates the expected ACPI tables
 * (tests/data/acpi/) carries the disassembled tables' diff in its log, as
 * tests/qtest/bios-tables-test.c asks.
 */
function updatesExpectedAcpiTables(msg: PatchMessage): boolean {
  const touched = (p: string): boolean => p.startsWith('tests/data/acpi/');
  if (msg.diff?.files.some((f) => touched(f.to) || touched(f.from))) return true;
  return !!msg.diffstat?.files.some((e) => touched(e.path));
}

export const diffInCommitMsg: TextRule = {
  kind: 'text',
  id: 'DIFF_IN_COMMIT_MSG',
  severity: 'error',
  description: 'The commit message contains what looks like diff content.',
  doc: [
    'Lines such as `--- a/file`, `+++ b/file`, `diff --git a/x b/x` or `@@ -1,2 +1,3 @@` in the',
    'description can make patch(1) or `git am` start the patch there. Describe the change in',
    'words, or quote code without diff markers.',
    '',
    'In the qemu profile this is a warning, and a commit that updates the expected ACPI tables',
    '(`tests/data/acpi/`) is exempt: QEMU\'s bios-tables-test process (tests/qtest/',
    'bios-tables-test.c) asks for the tables\' diff in its log, and QEMU\'s checkpatch has no such',
    'check.',
    '',
    'Source: checkpatch.pl `DIFF_IN_COMMIT_MSG`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'DIFF_IN_COMMIT_MSG', level: 'ERROR' },
  variants: { qemu: 'warning' },
  check({ doc, msg, config, facts, report }) {
    if (!isCommit(msg)) return;
    if (config.profile === 'qemu' && updatesExpectedAcpiTables(msg)) return;
    for (const l of facts.log.logLines) {
      const text = lineText(doc, l);
      if (!looksLikeDiff(text)) continue;
      const [a, b] = trimmedSpan(text);
      report({
        message: 'Avoid using diff content in the commit message - patch(1) might not work',
        range: span(l, a, b),
        ...(config.profile === 'qemu' ? { variant: 'qemu' } : {}),
      });
      return;
    }
    return;
  },
};
