/**
 * Helpers of the repository rules: commit look-ups that tell "unknown" from "ambiguous" when the
 * repository can (the git implementation's `resolveCommit`), and the commit/Fixes references of
 * a message.
 */
import type { CommitInfo, Repository } from '../../git/repository';
import type { PatchDocument, PatchMessage } from '../../model/types';
import { commitLog, isCommit, lineText, stackDumpLines } from '../shared/commitLog';
import { findCommitRefs, parseFixesLine, type CommitRef, type FixesTag } from '../shared/commitRef';

export type Resolution = { status: 'found'; commit: CommitInfo } | { status: 'missing' } | { status: 'ambiguous' };

interface Resolving {
  resolveCommit(shaPrefix: string): Promise<Resolution>;
}

function canResolve(repo: Repository): repo is Repository & Resolving {
  return typeof (repo as Partial<Resolving>).resolveCommit === 'function';
}

/** Look a sha prefix up; a repository without `resolveCommit` cannot tell ambiguous from missing. */
export async function resolveSha(repo: Repository, sha: string): Promise<Resolution> {
  if (canResolve(repo)) return repo.resolveCommit(sha.toLowerCase());
  const commit = await repo.lookupCommit(sha.toLowerCase());
  return commit ? { status: 'found', commit } : { status: 'missing' };
}

/** `commit <sha>` references of the commit log (not bare hex strings, which may be anything). */
export function commitWordRefs(doc: PatchDocument, msg: PatchMessage): CommitRef[] {
  if (!isCommit(msg)) return [];
  const log = commitLog(doc, msg);
  return findCommitRefs(doc, log.logLines, stackDumpLines(doc, log.logLines)).filter((r) => r.commitWord);
}

/** The Fixes: tags of the commit message. */
export function fixesTags(doc: PatchDocument, msg: PatchMessage): FixesTag[] {
  if (!isCommit(msg)) return [];
  const out: FixesTag[] = [];
  for (const l of commitLog(doc, msg).messageLines) {
    const f = parseFixesLine(lineText(doc, l), l);
    if (f) out.push(f);
  }
  return out;
}

/** The first 12 hex digits of a full sha. */
export function short12(sha: string): string {
  return sha.slice(0, 12);
}
