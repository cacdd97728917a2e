/**
 * Candidates for a person trailer, best first: the user (git config) for Signed-off-by, the
 * maintainers, reviewers (and, for Cc, lists) of the touched files from MAINTAINERS, people
 * already named in the series, then people of the history ranked by frequency and recency.
 * Never waits on git: the history answers from what it has read so far.
 */
import type { PatchMessage } from '../model/types';
import type { Series } from '../rules/types';
import type { PersonCandidate } from './protocol';
import type { Identity } from '../git/repository';
import type { RepoService } from './repoService';
import { patchText, touchedPathsInSeries } from './locate';
import { isPersonKey } from './trailerKeys';
import type { Lines } from '../model/lines';

export const STABLE_ADDRESS = 'stable@vger.kernel.org';

export interface PeopleQuery {
  msg: PatchMessage;
  /** The document's lines (MAINTAINERS K: keywords are looked for in the message). */
  lines: Lines;
  series: readonly Series[];
  repo: RepoService | null;
  /** The user (Workspace.identityFor: also outside a repository); absent: the repository's identity. */
  me?: Identity | null;
  /** Trailer key (any case); empty: any person key. */
  key: string;
  /** What was typed so far. */
  query: string;
  limit?: number;
}

export async function peopleCandidates(q: PeopleQuery): Promise<PersonCandidate[]> {
  const key = q.key.toLowerCase();
  const limit = q.limit ?? 60;
  const out: PersonCandidate[] = [];
  const seen = new Set<string>();
  const add = (name: string, email: string, source: string): void => {
    const k = email.toLowerCase();
    if (!email || seen.has(k)) return;
    seen.add(k);
    out.push({ name, email, source });
  };

  if (key === 'signed-off-by' || key === '') {
    const me = q.me !== undefined ? q.me : q.repo ? await q.repo.identity() : null;
    if (me) add(me.name, me.email, 'you (git config)');
  }

  if (q.repo) {
    const paths = touchedPathsInSeries(q.msg, q.series);
    const entries = await q.repo.maintainersFor(paths, patchText(q.lines, q.msg));
    for (const e of entries) {
      if (e.role === 'list' && key !== 'cc' && key !== '') continue;
      add(e.name, e.email, `${e.role}: ${e.section}`);
    }
  }

  if (key === 'cc') add('', STABLE_ADDRESS, 'stable kernel trees (backport request)');

  for (const s of q.series) {
    for (const item of s.items) {
      const a = item.msg.author;
      if (a) add(a.name, a.email, 'in this series (author)');
      for (const t of item.msg.message.trailerBlock?.trailers ?? []) {
        if (t.person && isPersonKey(t.key)) add(t.person.name, t.person.email, `in this series (${t.key})`);
      }
    }
  }

  if (q.repo) {
    for (const p of q.repo.people(q.query.trim() || undefined, limit)) add(p.name, p.email, p.description);
  }
  return out;
}
