/**
 * A series: a git branch plus b4's tracking metadata. Stored the way `b4 prep` stores a series
 * with its `branch-description` cover strategy (see store.ts), so b4 and patchsmith can take
 * turns on the same branch:
 *
 *   branch.<name>.description           the cover letter (first line its subject), as git's
 *                                       `format-patch --cover-from-description` reads it
 *   branch.<name>.b4-tracking           JSON: {"series": {"revision", "change-id", "base-branch",
 *                                       "prefixes", "history": {"v1": ["<cover msgid>"]}}}
 *   branch.<name>.b4-prep-cover-strategy  `branch-description`
 *
 * patchsmith's own additions live under the JSON's "patchsmith" key, which b4 keeps as it is
 * (it rewrites the whole object it read): per sent version the date, base, tip and every
 * Message-Id with its subject and patch-id (to match reviewers' replies to patches).
 */

export interface SentMessage {
  /** Without angle brackets. */
  messageId: string;
  subject: string;
  /** `git patch-id --stable` of the patch; empty for the cover letter. */
  patchId: string;
}

export interface SentVersion {
  /** ISO 8601. */
  date: string;
  /** Cover letter Message-Id without angle brackets. */
  coverMessageId: string;
  base: string;
  tip: string;
  /** Cover letter first, then the patches in order. */
  messages: SentMessage[];
}

export interface SeriesMeta {
  branch: string;
  revision: number;
  changeId: string;
  /** What the base was given as (a branch, a tag or a sha); the base commit is its merge-base with the branch. */
  baseBranch: string;
  /** Extra subject prefixes (`RFC`, `net-next`) or a whole one (`kvm-unit-tests PATCH`). */
  prefixes: string[];
  /** b4's history: version (`v1`) -> cover Message-Ids sent (without brackets). */
  history: Record<string, string[]>;
  /** patchsmith's record of each sent version (`v1`). */
  sent: Record<string, SentVersion>;
  /** The cover letter text as stored (comments and To:/Cc: lines included). */
  cover: string;
  /** The tracking object as read, so keys we do not know survive a write. */
  raw: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Reads b4's tracking JSON; null when it is not one (not valid JSON, no "series"). */
export function parseTracking(branch: string, json: string, cover: string): SeriesMeta | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(data) || !isRecord(data['series'])) return null;
  const s = data['series'];
  const revision = typeof s['revision'] === 'number' && Number.isInteger(s['revision']) && s['revision'] > 0 ? s['revision'] : 1;
  const history: Record<string, string[]> = {};
  if (isRecord(s['history'])) for (const [k, v] of Object.entries(s['history'])) history[k] = strings(v);
  const sent: Record<string, SentVersion> = {};
  const ours = isRecord(data['patchsmith']) ? data['patchsmith'] : {};
  if (isRecord(ours['sent'])) {
    for (const [k, v] of Object.entries(ours['sent'])) {
      if (!isRecord(v)) continue;
      const messages: SentMessage[] = Array.isArray(v['messages'])
        ? v['messages'].filter(isRecord).map((m) => ({
            messageId: String(m['messageId'] ?? ''),
            subject: String(m['subject'] ?? ''),
            patchId: String(m['patchId'] ?? ''),
          }))
        : [];
      sent[k] = {
        date: String(v['date'] ?? ''),
        coverMessageId: String(v['coverMessageId'] ?? ''),
        base: String(v['base'] ?? ''),
        tip: String(v['tip'] ?? ''),
        messages,
      };
    }
  }
  return {
    branch,
    revision,
    changeId: typeof s['change-id'] === 'string' ? s['change-id'] : '',
    baseBranch: typeof s['base-branch'] === 'string' ? s['base-branch'] : '',
    prefixes: strings(s['prefixes']),
    history,
    sent,
    cover,
    raw: data,
  };
}

/** b4's tracking JSON for `meta`, keeping the keys of `meta.raw` that we do not manage. */
export function serializeTracking(meta: SeriesMeta): string {
  const raw = meta.raw;
  const series = isRecord(raw['series']) ? { ...raw['series'] } : {};
  series['revision'] = meta.revision;
  series['change-id'] = meta.changeId;
  series['base-branch'] = meta.baseBranch;
  series['prefixes'] = meta.prefixes;
  if (Object.keys(meta.history).length > 0) series['history'] = meta.history;
  const ours = isRecord(raw['patchsmith']) ? { ...raw['patchsmith'] } : {};
  ours['sent'] = meta.sent;
  return JSON.stringify({ ...raw, series, patchsmith: ours });
}

/** b4's change-id: `YYYYMMDD-<slug>-<12 hex>`. */
export function makeChangeId(branch: string, now: Date, random: string): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const slug = branch.replace(/^b4\//, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'series';
  return `${day}-${slug}-${random.slice(0, 12)}`;
}

/** git format-patch's --subject-prefix: `PATCH` plus the extra prefixes, or a whole prefix that names PATCH itself. */
export function subjectPrefix(prefixes: readonly string[]): string {
  const words = prefixes.flatMap((p) => p.split(/\s+/)).filter(Boolean);
  if (words.some((w) => w.toUpperCase() === 'PATCH')) return words.join(' ');
  return ['PATCH', ...words].join(' ');
}
