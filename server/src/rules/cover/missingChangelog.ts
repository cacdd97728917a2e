/**
 * MISSING_CHANGELOG: version N > 1 of a series (or of a single patch) that does not say what
 * changed since the previous version. The changelog belongs in the cover letter, or, for a
 * single patch, below the `---` line ([SP], [POST], b4 `Changes in vN:`). Deliberately lenient:
 * any changelog-like header, a mention of an earlier version (`v1:`, `since v2`, `Link to v2`),
 * a range-diff or an interdiff counts. Patches of a multi-patch series are not checked (their
 * cover carries the changelog) nor are RESENDs (unchanged by definition).
 */
import type { PatchMessage } from '../../model/types';
import type { TextRule } from '../types';
import { isChangelogLine } from '../../parse/notes';
import { stripCr } from '../../model/range';
import { bodyLines } from './util';
import type { Lines } from '../../model/lines';

const EARLIER_VERSION = /(^|[^\w.])v(?:ersion\s*)?(\d+)(?![\w.])/gi;

/** Lines that show some record of changes between versions. */
function mentionsChanges(text: string, version: number): boolean {
  if (isChangelogLine(text)) return true;
  const t = text.trim();
  if (/\bchange ?log\b/i.test(t)) return true;
  if (/^[-*]?\s*(range-diff|interdiff)\b/i.test(t)) return true;
  // Any earlier version named: `v1:`, `since v2`, `v1 -> v2`, `Link to v2: ...`, `[v1]`. One
  // pass over the line (not one pattern per earlier version: `[PATCH v99999999]` must not hang).
  for (const m of t.matchAll(EARLIER_VERSION)) {
    const v = Number(m[2]);
    if (v >= 1 && v < version) return true;
  }
  return false;
}

function hasChangelog(lines: Lines, msg: PatchMessage, version: number): boolean {
  if (msg.notes && (msg.notes.changelogLines.length || msg.notes.rangeDiffLine !== null || msg.notes.interdiffLine !== null)) return true;
  if (msg.cover && msg.cover.changelogLines.length) return true;
  const [start, bodyEnd] = bodyLines(msg);
  const end = msg.kind === 'patch' ? Math.min(bodyEnd, msg.diff ? msg.diff.startLine : bodyEnd) : bodyEnd;
  for (let l = start; l < end; l++) if (mentionsChanges(stripCr(lines.get(l) ?? ''), version)) return true;
  return false;
}

export const missingChangelog: TextRule = {
  kind: 'text',
  id: 'MISSING_CHANGELOG',
  severity: 'warning',
  description: 'Version N > 1 does not say what changed since the previous version.',
  doc: [
    'From v2 on, say what changed since the previous version, so reviewers need not diff the',
    'versions themselves: in the cover letter, or for a single patch below the `---` line',
    '(where `git am` drops it). b4 writes it as:',
    '',
    '```',
    'Changes in v3:',
    '- Rename foo_bar() to foo_reset() (Jane)',
    '- Link to v2: https://patch.msgid.link/20240101-foo-v2-0-0123456789ab@example.org',
    '```',
    '',
    'Source: submitting-patches.rst ("The canonical patch format"), 5.Posting.rst, b4.',
  ].join('\n'),
  profiles: ['kernel', 'qemu'],
  origin: null,
  check({ doc, msg, report }) {
    const s = msg.subject;
    if (!s || s.isReply || s.resend || s.version === null || s.version < 2) return;
    if (msg.kind === 'commit-message') return;
    // In a multi-patch series the cover letter carries the changelog.
    if (msg.kind === 'patch' && s.total !== null && s.total > 1) return;
    if (hasChangelog(doc.lines, msg, s.version)) return;
    const tag = s.tags.find((t) => t.kind === 'version');
    const where = msg.kind === 'cover' ? 'in the cover letter' : 'below the --- line';
    report({
      message: `v${s.version} has no changelog: say what changed since v${s.version - 1} ${where} (e.g. "Changes in v${s.version}:")`,
      range: tag ? tag.range : s.summaryRange,
    });
    return;
  },
};
