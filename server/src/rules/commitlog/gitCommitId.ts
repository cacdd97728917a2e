/**
 * GIT_COMMIT_ID (checkpatch ERROR), the format part: a commit referenced in the log must read
 * `commit <12-40 lowercase hex> ("<title>")`. checkpatch's exemptions hold (Link:/http lines,
 * `This reverts commit`, shas in `<>`/`[]`, `Fixes:` lines, stack dumps), the reference may
 * span three lines, and a bare 12-40 hex string counts as a reference. Whether the title is the
 * real one is checked with the repository (repo/commitTitleMismatch.ts, under this same id).
 */
import type { TextRule } from '../types';
import { isCommit, lineText, stackDumpLines } from '../shared/commitLog';
import { findCommitRefs, fitsLine, type CommitRef } from '../shared/commitRef';

const STYLE = `Please use git commit description style 'commit <12+ chars of sha1> ("<title line>")'`;

function problem(ref: CommitRef): string {
  if (!ref.commitWord) return `write 'commit' before the sha and its title in ("...")`;
  const parts: string[] = [];
  if (ref.short) parts.push(`the sha has ${ref.sha.length} hex digits, use at least 12`);
  if (ref.long) parts.push('the sha has more than 40 hex digits');
  if (ref.space) parts.push(`use exactly one space after '${ref.initChar}ommit'`);
  if (ref.badCase) parts.push(`write 'commit' and the sha in lower case`);
  if (ref.title === null) parts.push('the title ("...") is missing');
  else if (!ref.quoted) parts.push('put the title in double quotes inside the parentheses');
  return parts.join('; ');
}

/** The finding's message, `example` being the reference as it should read. */
export function commitIdMessage(ref: CommitRef, example: string): string {
  return `${STYLE} - ie: '${example}': ${problem(ref)}`;
}

/** The corrected text when only the format is wrong and the reference is on one line. */
function fixed(ref: CommitRef): string | null {
  if (!ref.singleLine || ref.title === null) return null;
  if (ref.sha.length < 12 || ref.sha.length > 40) return null;
  if (!ref.quoted && (ref.title.startsWith('"') || ref.title.endsWith('"'))) return null;
  const init = ref.commitWord ? ref.initChar : 'c';
  return `${init}ommit ${ref.sha.toLowerCase()} ("${ref.title}")`;
}

export const gitCommitId: TextRule = {
  kind: 'text',
  id: 'GIT_COMMIT_ID',
  severity: 'error',
  description: `A commit is referenced without the 'commit <12+ hex> ("title")' form.`,
  doc: [
    'Refer to a commit by at least 12 hex digits of its sha and its title, so that readers can',
    'find it and the reference stays unambiguous as the history grows:',
    '',
    '```',
    'This regressed with commit 0123456789ab ("mm: rework the reclaim counter").',
    '```',
    '',
    'One space after `commit`, lower-case hex, the title in `("...")` exactly as the commit',
    'has it (with a repository open, patchsmith also checks the title against the commit).',
    'Exempt: `Link:`/`http` lines, `This reverts commit ...`, shas inside `<>` or `[]`,',
    '`Fixes:` lines (BAD_FIXES_TAG) and stack dumps; and, unlike checkpatch, quoted data: a diff',
    'quoted in the log, an ACPI data table or a hex dump, whose hex is a value, not a commit.',
    '',
    'In the qemu profile this is a CHECK (shown with --strict): QEMU documents only the',
    '`Fixes: <12+ hex> ("title")` form and its checkpatch has no such rule, so an accepted QEMU',
    'commit is not failed for writing `commit abcdef1234`.',
    '',
    'Source: checkpatch.pl `GIT_COMMIT_ID`; submitting-patches.rst.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: { checkpatch: 'GIT_COMMIT_ID', level: 'ERROR' },
  /** QEMU has no such rule: a CHECK there (shown with --strict). */
  variants: { qemu: 'information' },
  check({ doc, msg, config, facts, report }) {
    if (!isCommit(msg)) return;
    const variant = config.profile === 'qemu' ? { variant: 'qemu' } : {};
    const log = facts.log;
    const refs = findCommitRefs(doc, log.logLines, stackDumpLines(doc, log.logLines));
    for (const ref of refs) {
      if (!ref.badFormat) continue;
      const sha = ref.sha.length >= 12 && ref.sha.length <= 40 ? ref.sha.toLowerCase() : '0123456789ab';
      const title = ref.title ?? 'commit description';
      const example = `${ref.initChar}ommit ${sha} ("${title}")`;
      const text = fixed(ref);
      const line = lineText(doc, ref.line);
      const fixable = text !== null && text !== line.slice(ref.range.start.character, ref.range.end.character);
      report({
        ...variant,
        message: commitIdMessage(ref, example),
        range: ref.range,
        // The same sha and title, written in the canonical form; a guess only when it makes the
        // line too long (rewrapping the paragraph is the author's call).
        ...(fixable
          ? {
              fix: {
                title: `Write '${text}'`,
                edits: [{ range: ref.range, newText: text }],
                safety: fitsLine(line, ref.range, text, config.maxLineLength),
              },
            }
          : {}),
      });
    }
    return;
  },
};
