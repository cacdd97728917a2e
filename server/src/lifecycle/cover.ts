/**
 * The cover letter text of a series (pure functions). As in b4: the first line is the subject,
 * a blank line, then the body; lines starting with `#` are notes to oneself and are removed
 * before sending; `To:` and `Cc:` lines name extra recipients and are removed from the mail.
 */

export interface CoverParts {
  /** The text as sent: comments and To:/Cc: lines removed, runs of blank lines collapsed. */
  text: string;
  to: string[];
  cc: string[];
}

const RECIPIENT_LINE = /^(To|Cc):\s+(\S.*)$/i;

/**
 * The cover letter a series starts with: b4's template, whose EDITME placeholders the
 * COVER_LETTER_TEMPLATE rule reports until they are replaced.
 */
export function coverTemplate(branch: string, signoff: string | null): string {
  return [
    `EDITME: cover title for ${branch}`,
    '',
    '# Lines starting with # will be removed from the cover letter. You can',
    '# use them to add notes or reminders to yourself. To: and Cc: lines add',
    '# recipients to the whole series (MAINTAINERS and the trailers add theirs).',
    '',
    'EDITME: describe the purpose of this series. The information you put',
    'here will be used by the project maintainer to make a decision whether',
    'your patches should be reviewed, and in what priority order.',
    ...(signoff ? ['', `Signed-off-by: ${signoff}`] : []),
    '',
  ].join('\n');
}

/** Comments and To:/Cc: lines out, recipients collected. */
export function coverParts(cover: string): CoverParts {
  const to: string[] = [];
  const cc: string[] = [];
  const kept: string[] = [];
  for (const line of cover.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('#')) continue;
    const m = RECIPIENT_LINE.exec(line);
    if (m) {
      (m[1]!.toLowerCase() === 'to' ? to : cc).push(m[2]!.trim());
      continue;
    }
    kept.push(line);
  }
  let text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  text = text === '' ? '' : `${text}\n`;
  return { text, to, cc };
}

/** The subject line of the cover (its first line) and whether the text has the `subject, blank line` shape. */
export function coverSubject(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

/**
 * The cover letter git wrote (`0000-cover-letter.patch`) with b4's `change-id:` line added after
 * `base-commit:` (or before the signature when there is no base-commit line).
 */
export function addChangeId(coverMail: string, changeId: string): string {
  if (changeId === '' || /^change-id: /m.test(coverMail)) return coverMail;
  const lines = coverMail.split('\n');
  const base = lines.findIndex((l) => l.startsWith('base-commit: '));
  if (base >= 0) {
    lines.splice(base + 1, 0, `change-id: ${changeId}`);
    return lines.join('\n');
  }
  const sig = lines.lastIndexOf('-- ');
  lines.splice(sig >= 0 ? sig : lines.length, 0, `change-id: ${changeId}`, '');
  return lines.join('\n');
}

export type RangeStatus = 'unchanged' | 'changed' | 'new' | 'dropped';

export interface RangeEntry {
  status: RangeStatus;
  /** 1-based position in the old version (dropped, unchanged, changed). */
  oldIndex: number | null;
  /** 1-based position in the new version (new, unchanged, changed). */
  newIndex: number | null;
  subject: string;
}

/** b4's changelog section, with one line per patch from the range-diff and the link to the previous version. */
export function changelogSection(newRev: number, entries: readonly RangeEntry[], newCount: number, link: string | null): string {
  const lines = [`Changes in v${newRev}:`, '- EDITME: describe what is new in this series revision.'];
  for (const e of entries) {
    const at = e.newIndex !== null ? `${e.newIndex}/${newCount}` : `was ${e.oldIndex}`;
    lines.push(`- ${at} "${e.subject}": ${e.status}`);
  }
  lines.push(`- Link to v${newRev - 1}: ${link ?? 'EDITME (the Message-Id of the previous version is not known)'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The cover with a new changelog section, as b4's reroll places it: before the newest
 * `Changes in vN:` section when there is one (sections are separated by `---` lines), else in a
 * new `---` section at the end.
 */
export function insertChangelog(cover: string, section: string): string {
  const sections = cover.split(/^---\n/m);
  const at = sections.findIndex((s) => /^changes in v\d+/im.test(s));
  if (at >= 0) {
    sections[at] = `${section}\n${sections[at]}`;
    return sections.join('---\n');
  }
  return `${cover.replace(/\n*$/, '')}\n\n---\n${section}`;
}
