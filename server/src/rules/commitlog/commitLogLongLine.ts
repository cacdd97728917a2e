/**
 * COMMIT_LOG_LONG_LINE (checkpatch WARNING, once per patch): a commit-log line longer than the
 * limit (75 for the kernel, 76 for QEMU), with checkpatch's exemptions: diffstat-like lines,
 * `path/file:` lines, `Fixes:`/URL/link/signature tag lines and stack dumps (from a
 * `WARNING:`/`BUG:`/timestamp/address line to the next blank line). Lines after the first
 * Signed-off-by are not part of the log.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { codePointColumn, codePointLength, isCommit, lineText, stackDumpLines } from '../shared/commitLog';

const DIFFSTAT_LIKE = /^\s*[a-zA-Z0-9_/.]+\s+\|\s+\d+/;
const FILE_COLON = /^\s*(?:[\w.\-+]*\/)+[\w.\-+]+:/;
const TAG_LINE =
  /^\s*(?:Fixes:|https?:|Link:|Closes:|Signed-off-by:|Co-developed-by:|Acked-by:|Tested-by:|Reviewed-by:|Reported-by:|Suggested-by:|Assisted-by:|To:|Cc:)/i;

export const commitLogLongLine: TextRule = {
  kind: 'text',
  id: 'COMMIT_LOG_LONG_LINE',
  severity: 'warning',
  description: 'A commit description line is longer than 75 characters (76 for QEMU).',
  doc: [
    'Wrap the commit description at 75 columns, so that it reads well in `git log` (which indents',
    'it by four) and in mail. Lines that must not be wrapped are exempt: `Fixes:` and other tags,',
    'URLs, `path/to/file:` lines, diffstat-like lines and stack dumps (quoted from a `WARNING:`,',
    '`BUG:`, timestamp or address line up to the next blank line). Reported once per patch.',
    '',
    'Source: checkpatch.pl `COMMIT_LOG_LONG_LINE`; submitting-patches.rst ("wrap at 75 columns");',
    'QEMU allows 76.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'COMMIT_LOG_LONG_LINE', level: 'WARNING' },
  check({ doc, msg, config, facts, report }) {
    if (!isCommit(msg)) return;
    const max = config.maxLineLength;
    const log = facts.log;
    const dump = stackDumpLines(doc, log.logLines);
    for (const l of log.logLines) {
      const text = lineText(doc, l);
      if (codePointLength(text) <= max) continue;
      if (DIFFSTAT_LIKE.test(text) || FILE_COLON.test(text) || TAG_LINE.test(text) || dump.has(l)) continue;
      const len = codePointLength(text);
      report({
        message: `Prefer a maximum ${max} chars per line (possible unwrapped commit description?): this line has ${len}`,
        range: span(l, codePointColumn(text, max), text.length),
      });
      return;
    }
    return;
  },
};
