/**
 * `series trailers --from MBOX|MAILDIR`: match each reply to the patch it answers and add the
 * trailers it gives to the branch's commits.
 *
 * Matching, in order: the reply's In-Reply-To, then its References newest first, against the
 * Message-Ids of the sent versions (recorded by `series send`) and of the patch mails found in
 * the mailbox itself (as `b4 mbox` saves a whole thread); a reply to a reply counts for what that
 * one answers. Else the patch-id of the diff it quotes. Else its subject. A reply to the cover
 * letter gives its trailers to every patch (as b4 does); a reply to another version is skipped.
 * A patch is then found on the branch by patch-id, else by subject (as `b4 trailers -u`).
 */
import { maxOf } from '../model/array';
import { parseSubjectText } from '../parse/subject';
import { git, gitMaybe, revParse, SeriesError } from './git';
import { readMailbox, type Mail } from './mailbox';
import type { SeriesMeta } from './model';
import { replyTrailers, unquote, type GivenTrailer } from './replyTrailers';
import { applyTrailers } from './applyTrailers';
import { resolveBase, senderIdentity, seriesCommits } from './formatSeries';
import { parseAddress } from './recipients';

interface Target {
  version: number;
  /** 0: the cover letter. */
  index: number;
  subject: string;
  patchId: string;
}

export interface ReplyMatch {
  mail: Mail;
  trailers: GivenTrailer[];
  /** Person trailers naming someone other than the sender (b4's from/email mismatch): not taken. */
  mismatched: GivenTrailer[];
  /** How it was matched, or why it was not used. */
  how: 'message-id' | 'patch-id' | 'subject' | 'other-version' | 'unmatched';
  /** Commits it applies to (all of them for a cover reply). */
  commits: string[];
  version: number | null;
}

export interface CommitUpdate {
  sha: string;
  subject: string;
  added: GivenTrailer[];
  message: string;
}

export interface TrailerCollection {
  version: number | null;
  replies: ReplyMatch[];
  updates: CommitUpdate[];
}

/** The summary of a subject, without `Re:` and `[PATCH ...]`. */
export function subjectSummary(subject: string): string {
  return parseSubjectText(subject, 0, 0).summary.trim();
}

/** `git patch-id --stable` of a diff (or of several, one id per patch); empty when none. */
export async function patchIdsOf(cwd: string, text: string): Promise<string[]> {
  if (!/^diff --git /m.test(text)) return [];
  const out = await git(cwd, ['patch-id', '--stable'], { input: text });
  return out.split('\n').filter(Boolean).map((l) => l.split(' ')[0]!);
}

function isPatchMail(mail: Mail): ReturnType<typeof parseSubjectText> | null {
  const s = parseSubjectText(mail.subject, 0, 0);
  if (s.isReply || !s.patch) return null;
  return s;
}

/**
 * b4's check of a person trailer against the reply's sender: the same address, or the same
 * name (RFC 2047 decoded), else it is someone else's trailer and not taken (b4 -S takes it).
 */
export function fromSender(t: GivenTrailer, from: string): boolean {
  if (!PERSON_KEY.test(t.key)) return true;
  const sender = parseAddress(from);
  const person = parseAddress(t.value);
  if (!sender || !person) return false;
  if (sender.email.toLowerCase() === person.email.toLowerCase()) return true;
  const a = sender.name.trim().toLowerCase();
  return a !== '' && a === person.name.trim().toLowerCase();
}

const PERSON_KEY = /^([A-Za-z0-9-]+-by|cc)$/i;

export async function collectTrailers(cwd: string, meta: SeriesMeta, from: string, sloppy = false): Promise<TrailerCollection> {
  let mails: Mail[];
  try {
    mails = await readMailbox(from);
  } catch (e) {
    throw new SeriesError(`cannot read '${from}': ${e instanceof Error ? e.message : String(e)}`);
  }
  const byId = new Map<string, Target>();
  for (const [v, sent] of Object.entries(meta.sent)) {
    const version = Number(v.slice(1));
    sent.messages.forEach((m, index) => byId.set(m.messageId, { version, index, subject: subjectSummary(m.subject), patchId: m.patchId }));
  }
  for (const mail of mails) {
    const s = isPatchMail(mail);
    if (!s || !mail.messageId || byId.has(mail.messageId)) continue;
    const patchId = (await patchIdsOf(cwd, mail.body))[0] ?? '';
    byId.set(mail.messageId, { version: s.version ?? 1, index: s.number ?? 1, subject: s.summary.trim(), patchId });
  }
  const sentVersions = Object.keys(meta.sent).map((v) => Number(v.slice(1)));
  const mailVersions = [...byId.values()].map((t) => t.version);
  const version = sentVersions.length ? maxOf(sentVersions) : mailVersions.length ? maxOf(mailVersions) : null;

  const base = await resolveBase(cwd, meta);
  const tip = (await revParse(cwd, `refs/heads/${meta.branch}`))!;
  const shas = await seriesCommits(cwd, base, tip);
  const subjects = new Map<string, string>();
  for (const line of (await git(cwd, ['log', '--no-walk=unsorted', '--format=%H %s', ...shas])).split('\n').filter(Boolean)) {
    subjects.set(line.slice(0, 40), line.slice(41));
  }
  const patchIds = new Map<string, string>(); // patch-id -> sha
  const formatted = await git(cwd, ['format-patch', '--stdout', '--no-signature', `${base}..${tip}`]);
  for (const line of (await git(cwd, ['patch-id', '--stable'], { input: formatted })).split('\n').filter(Boolean)) {
    const [id, sha] = line.split(' ');
    if (id && sha) patchIds.set(id, sha);
  }
  const commitFor = (t: { subject: string; patchId: string }): string | null => {
    if (t.patchId && patchIds.has(t.patchId)) return patchIds.get(t.patchId)!;
    for (const [sha, subject] of subjects) if (subject === t.subject) return sha;
    return null;
  };

  const mailById = new Map(mails.filter((m) => m.messageId).map((m) => [m.messageId, m]));
  const resolving = new Set<string>();
  const resolve = (mail: Mail): Target | null => {
    for (const id of [...mail.inReplyTo, ...[...mail.references].reverse()]) {
      const hit = byId.get(id);
      if (hit) return hit;
      const parent = mailById.get(id);
      if (parent && !resolving.has(id)) {
        resolving.add(id);
        const t = resolve(parent);
        resolving.delete(id);
        if (t) return t;
      }
    }
    return null;
  };

  const replies: ReplyMatch[] = [];
  // b4's order per patch: the replies to the patch first, then those to the cover letter.
  const perCommit = new Map<string, GivenTrailer[]>();
  const perCommitCover = new Map<string, GivenTrailer[]>();
  for (const mail of mails) {
    if (isPatchMail(mail)) continue;
    const given = replyTrailers(mail.body);
    if (given.length === 0) continue;
    const trailers = sloppy ? given : given.filter((t) => fromSender(t, mail.from));
    const mismatched = given.filter((t) => !trailers.includes(t));
    let how: ReplyMatch['how'] = 'unmatched';
    let commits: string[] = [];
    let toCover = false;
    let replyVersion: number | null = null;
    const target = resolve(mail);
    if (target) {
      replyVersion = target.version;
      if (version !== null && target.version !== version) how = 'other-version';
      else {
        how = 'message-id';
        if (target.index === 0) {
          commits = shas;
          toCover = true;
        }
        else {
          const sha = commitFor(target);
          if (sha) commits = [sha];
        }
      }
    } else {
      const quoted = (await patchIdsOf(cwd, unquote(mail.body)))[0];
      const byPatch = quoted ? patchIds.get(quoted) : undefined;
      if (byPatch) {
        how = 'patch-id';
        commits = [byPatch];
      } else {
        const s = parseSubjectText(mail.subject, 0, 0);
        const summary = s.summary.trim();
        if (s.version !== null && version !== null && s.version !== version) {
          how = 'other-version';
          replyVersion = s.version;
        } else if (s.number === 0 || (summary !== '' && summary === meta.cover.split('\n')[0]?.trim())) {
          how = 'subject';
          commits = shas;
          toCover = true;
        } else {
          const sha = commitFor({ subject: summary, patchId: '' });
          if (sha) {
            how = 'subject';
            commits = [sha];
          }
        }
      }
    }
    if (commits.length === 0 && how !== 'other-version') how = 'unmatched';
    replies.push({ mail, trailers, mismatched, how, commits, version: replyVersion });
    const into = toCover ? perCommitCover : perCommit;
    for (const sha of commits) into.set(sha, [...(into.get(sha) ?? []), ...trailers]);
  }

  const self = (await senderIdentity(cwd)).email || null;
  const orderConfig = (await gitMaybe(cwd, ['config', '--get', 'b4.trailer-order']))?.trim() ?? '';
  const order = orderConfig && orderConfig !== '*' ? orderConfig.split(',').map((g) => g.trim()).filter(Boolean) : [];
  const updates: CommitUpdate[] = [];
  for (const sha of shas) {
    const given = [...(perCommit.get(sha) ?? []), ...(perCommitCover.get(sha) ?? [])];
    if (given.length === 0) continue;
    const message = await git(cwd, ['log', '-1', '--format=%B', sha]);
    const r = applyTrailers(message.replace(/\n$/, ''), given, self, order);
    if (r.added.length) updates.push({ sha, subject: subjects.get(sha) ?? '', added: r.added, message: r.message });
  }
  return { version, replies, updates };
}

/**
 * Rewrites the branch with the new messages (trees, authors and author dates unchanged), after
 * keeping the old tip at `refs/patchsmith/backup/<time>/<branch>`. Refuses when tracked files
 * have uncommitted changes. Returns the backup ref.
 */
export async function rewriteMessages(cwd: string, meta: SeriesMeta, updates: readonly CommitUpdate[], now = new Date()): Promise<string> {
  const dirty = await git(cwd, ['status', '--porcelain', '--untracked-files=no']);
  if (dirty.trim()) throw new SeriesError('the work tree has uncommitted changes; commit or stash them first (the branch is rewritten)');
  const ref = `refs/heads/${meta.branch}`;
  const oldTip = (await revParse(cwd, ref))!;
  const base = await resolveBase(cwd, meta);
  const shas = await seriesCommits(cwd, base, oldTip);
  const messages = new Map(updates.map((u) => [u.sha, u.message]));
  let parent = base;
  let changed = false;
  for (const sha of shas) {
    const newMessage = messages.get(sha);
    if (!changed && newMessage === undefined) {
      parent = sha;
      continue;
    }
    changed = true;
    const info = (await git(cwd, ['log', '-1', '--format=%T%x00%an%x00%ae%x00%ad%x00%P', '--date=raw', sha])).replace(/\n$/, '').split('\x00');
    const [tree, an, ae, ad, parents] = info;
    if ((parents ?? '').includes(' ')) throw new SeriesError(`commit ${sha.slice(0, 12)} is a merge; series with merges are not rewritten`);
    const message = newMessage ?? (await git(cwd, ['log', '-1', '--format=%B', sha]));
    parent = (
      await git(cwd, ['commit-tree', tree!, '-p', parent, '-F', '-'], {
        input: message,
        env: { GIT_AUTHOR_NAME: an!, GIT_AUTHOR_EMAIL: ae!, GIT_AUTHOR_DATE: ad! },
      })
    ).trim();
  }
  if (!changed) return '';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const backup = `refs/patchsmith/backup/${stamp}/${meta.branch}`;
  await git(cwd, ['update-ref', '-m', 'patchsmith series trailers: backup', backup, oldTip]);
  await git(cwd, ['update-ref', '-m', 'patchsmith series trailers', ref, parent, oldTip]);
  return backup;
}
