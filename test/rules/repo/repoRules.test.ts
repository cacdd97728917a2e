/**
 * Repository rules against real temporary git repositories: commit and Fixes: references looked
 * up (unknown shas, wrong titles, fixes written from the repository) and the author's identity
 * compared with `git config user.*`.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openRepository, type GitRepository } from '../../../server/src/git/gitRepository';
import type { Repository } from '../../../server/src/git/repository';
import { repoRules } from '../../../server/src/rules/repo';
import { unknownCommitId } from '../../../server/src/rules/repo/unknownCommitId';
import { commitTitleMismatch } from '../../../server/src/rules/repo/commitTitleMismatch';
import { fixesUnknownCommit } from '../../../server/src/rules/repo/fixesUnknownCommit';
import { fixesTitleMismatch } from '../../../server/src/rules/repo/fixesTitleMismatch';
import { authorIdentityMismatch } from '../../../server/src/rules/repo/authorIdentityMismatch';
import { fixesTagFromRepo } from '../../../server/src/rules/repo/fixesTagFromRepo';
import { badFixesTag } from '../../../server/src/rules/trailers/badFixesTag';
import { gitCommitId } from '../../../server/src/rules/commitlog/gitCommitId';
import { runRepoRules, runTextRules, withRepoFindings } from '../../../server/src/rules/engine';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { commit, isolateGitConfig, makeRepo, removeRepo } from '../../helpers/gitRepo';
import { config, fixed, rangeOf, replace, run, runRepo } from '../harness';

isolateGitConfig();

const repoRoot = path.resolve(__dirname, '../../../..');
const TEMPLATE = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/repo/patch.patch'), 'utf8');
const TITLE = 'mm: rework the reclaim counter';

let dir = '';
let repo: GitRepository;
let sha = '';
/** The fixture with the real sha of the referenced commit. */
let PATCH = '';

before(async () => {
  dir = await makeRepo({ user: { name: 'Jane Doe', email: 'jane@example.org' } });
  await commit(dir, { message: 'mm: add the reclaim counter\n', files: { 'mm/vmscan.c': 'int count;\n' } });
  sha = await commit(dir, { message: `${TITLE}\n\nLonger text.\n`, files: { 'mm/vmscan.c': 'long count;\n' } });
  const r = await openRepository(dir);
  assert.ok(r, 'a repository');
  repo = r;
  PATCH = TEMPLATE.replaceAll('SHA12', sha.slice(0, 12));
});

after(async () => {
  repo?.dispose();
  if (dir) await removeRepo(dir);
});

test('a patch whose references are right passes every repository rule', async () => {
  for (const rule of repoRules) assert.deepEqual(await runRepo(rule, PATCH, repo), [], rule.id);
});

test('UNKNOWN_COMMIT_ID: a commit the repository does not have', async () => {
  const text = replace(PATCH, `commit ${sha.slice(0, 12)} (`, 'commit deadbeef0123 (');
  const f = await runRepo(unknownCommitId, text, repo);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.message, "Unknown commit id 'deadbeef0123', maybe rebased or not pulled?");
  assert.deepEqual(f[0]!.range, rangeOf(text, 'deadbeef0123'));
  assert.deepEqual(await runRepo(fixesUnknownCommit, text, repo), [], 'not a Fixes: tag');
});

test('GIT_COMMIT_ID (repository): the quoted title is not the commit title; the fix writes it from the repository', async () => {
  const text = replace(PATCH, `commit ${sha.slice(0, 12)} ("${TITLE}")`, `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`);
  const f = await runRepo(commitTitleMismatch, text, repo);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'GIT_COMMIT_ID', "checkpatch's TYPE, so --ignore lists carry over");
  assert.equal(f[0]!.severity, 'error');
  assert.equal(
    f[0]!.message,
    `The title of commit ${sha.slice(0, 12)} is "${TITLE}", not "mm: rework reclaim": write 'commit ${sha.slice(0, 12)} ("${TITLE}")'`,
  );
  assert.deepEqual(f[0]!.range, rangeOf(text, `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`));
  assert.equal(fixed(text, f[0]), PATCH);
});

test('FIXES_UNKNOWN_COMMIT and FIXES_TITLE_MISMATCH', async () => {
  const fixesLine = `Fixes: ${sha.slice(0, 12)} ("${TITLE}")`;
  const unknown = replace(PATCH, fixesLine, `Fixes: deadbeef0123 ("${TITLE}")`);
  const f = await runRepo(fixesUnknownCommit, unknown, repo);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.range, rangeOf(unknown, 'deadbeef0123'));
  assert.deepEqual(await runRepo(unknownCommitId, unknown, repo), [], 'Fixes: is not UNKNOWN_COMMIT_ID');

  for (const bad of [`Fixes: ${sha.slice(0, 8)} ("mm: rework reclaim")`, `Fixes: ${sha.slice(0, 12)}`, `fixes: ${sha} ("typo")`]) {
    const text = replace(PATCH, fixesLine, bad);
    const g = await runRepo(fixesTitleMismatch, text, repo);
    assert.equal(g.length, 1, bad);
    assert.deepEqual(g[0]!.range, rangeOf(text, bad), bad);
    assert.equal(fixed(text, g[0]), PATCH, bad);
  }
  // Only the format is wrong: BAD_FIXES_TAG's business, not a title mismatch.
  assert.deepEqual(await runRepo(fixesTitleMismatch, replace(PATCH, fixesLine, `Fixes: ${sha.slice(0, 8)} ("${TITLE}")`), repo), []);
});

test('AUTHOR_IDENTITY_MISMATCH: your patch under another identity; not for patches you forward', async () => {
  const strict = config('kernel');
  const old = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: Jane Doe <jane@old.example.com>');
  const f = await runRepo(authorIdentityMismatch, old, repo, strict);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, 'information');
  assert.deepEqual(f[0]!.range, rangeOf(old, 'Jane Doe <jane@old.example.com>'));
  assert.equal(fixed(old, f[0]), PATCH);

  const name = replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: jdoe <jane@example.org>');
  const g = await runRepo(authorIdentityMismatch, name, repo, strict);
  assert.equal(g.length, 1);
  assert.equal(g[0]!.message, "The author's name 'jdoe' differs from git config user.name 'Jane Doe'");

  const forwarded = replace(
    replace(PATCH, 'From: Jane Doe <jane@example.org>', 'From: John Roe <john@example.org>'),
    'Signed-off-by: Jane Doe <jane@example.org>',
    'Signed-off-by: John Roe <john@example.org>\nSigned-off-by: Jane Doe <jane@example.org>',
  );
  assert.deepEqual(await runRepo(authorIdentityMismatch, forwarded, repo, strict), []);
});

test('a repository that cannot tell ambiguous from unknown still works (lookupCommit only)', async () => {
  const minimal: Repository = {
    root: dir,
    lookupCommit: (p) => repo.lookupCommit(p),
    isReachableFromHead: (s) => repo.isReachableFromHead(s),
    identity: () => repo.identity(),
    dispose: () => undefined,
  };
  const text = replace(PATCH, `commit ${sha.slice(0, 12)} (`, 'commit deadbeef0123 (');
  assert.equal((await runRepo(unknownCommitId, text, minimal)).length, 1);
  assert.deepEqual(await runRepo(unknownCommitId, PATCH, minimal), []);
});

/** Every text and repository rule as the CLI and the server combine them (withRepoFindings). */
async function combined(text: string, id: string): Promise<{ rule: string; range: unknown; fix?: unknown; message: string }[]> {
  const doc = parsePatch(text);
  const cfg = config();
  const all = withRepoFindings(runTextRules(doc, cfg), await runRepoRules(doc, cfg, repo));
  return all.filter((f) => f.rule === id);
}

test('BAD_FIXES_TAG (repository): a sha too short for the text rule is written from the commit when the title is right', async () => {
  const fixesLine = `Fixes: ${sha.slice(0, 12)} ("${TITLE}")`;
  const short = `Fixes: ${sha.slice(0, 7)} ("${TITLE}")`;
  const text = replace(PATCH, fixesLine, short);
  const plain = run(badFixesTag, text);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.fix, undefined, 'the text alone cannot lengthen the sha');

  const f = await runRepo(fixesTagFromRepo, text, repo);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'BAD_FIXES_TAG', 'the same TYPE as the text finding it completes');
  assert.equal(f[0]!.severity, 'warning');
  assert.deepEqual(f[0]!.range, plain[0]!.range);
  assert.equal(
    f[0]!.message,
    `Please use correct Fixes: style 'Fixes: <12+ chars of sha1> ("<title line>")' - ie: '${fixesLine}': the sha has 7 hex digits, use at least 12`,
  );
  assert.equal(fixed(text, f[0]), PATCH);

  // Other forms the text rule cannot fix, or fixes the same way; the line ends as git writes it.
  for (const bad of [
    `fixes:  ${sha.slice(0, 9)} ("${TITLE}")`,
    `Fixes: ${sha.slice(0, 10)} (${TITLE})`,
    `Fixes: ${sha.slice(0, 12).toUpperCase()} ("${TITLE}")`,
  ]) {
    const t = replace(PATCH, fixesLine, bad);
    const g = await runRepo(fixesTagFromRepo, t, repo);
    assert.equal(g.length, 1, bad);
    assert.equal(fixed(t, g[0]), PATCH, bad);
  }
  // A long sha stays as long as written (the text rule's fix does the same).
  const long = replace(PATCH, fixesLine, `Fixes:${sha} ("${TITLE}")`);
  assert.equal(fixed(long, (await runRepo(fixesTagFromRepo, long, repo))[0]), replace(PATCH, fixesLine, `Fixes: ${sha} ("${TITLE}")`));

  // Nothing when the line is right, the title is wrong or missing (FIXES_TITLE_MISMATCH's) or the commit unknown.
  for (const other of [fixesLine, `Fixes: ${sha.slice(0, 7)} ("mm: rework reclaim")`, `Fixes: ${sha.slice(0, 7)}`, `Fixes: deadbee ("${TITLE}")`]) {
    const t = other === fixesLine ? PATCH : replace(PATCH, fixesLine, other);
    assert.deepEqual(await runRepo(fixesTagFromRepo, t, repo), [], other);
  }
});

test('BAD_FIXES_TAG with a repository: one finding, the one with the fix', async () => {
  const fixesLine = `Fixes: ${sha.slice(0, 12)} ("${TITLE}")`;
  const text = replace(PATCH, fixesLine, `Fixes: ${sha.slice(0, 7)} ("${TITLE}")`);
  const f = await combined(text, 'BAD_FIXES_TAG');
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.ok(f[0]!.fix, 'with the fix from the repository');
  assert.deepEqual(await combined(text, 'FIXES_TITLE_MISMATCH'), [], 'the title is right');
});

test('GIT_COMMIT_ID (repository): a short sha with the right title is written from the commit; one finding with the text rule', async () => {
  const ref = `commit ${sha.slice(0, 12)} ("${TITLE}")`;
  const short = `commit ${sha.slice(0, 8)} ("${TITLE}")`;
  const text = replace(PATCH, ref, short);
  const plain = run(gitCommitId, text);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.fix, undefined, 'the text alone cannot lengthen the sha');

  const f = await runRepo(commitTitleMismatch, text, repo);
  assert.equal(f.length, 1);
  assert.equal(f[0]!.rule, 'GIT_COMMIT_ID');
  assert.deepEqual(f[0]!.range, plain[0]!.range);
  assert.equal(
    f[0]!.message,
    `Please use git commit description style 'commit <12+ chars of sha1> ("<title line>")' - ie: '${ref}': the sha has 8 hex digits, use at least 12`,
  );
  assert.equal(fixed(text, f[0]), PATCH);
  const unquoted = replace(PATCH, ref, `Commit ${sha.slice(0, 6)} (${TITLE})`);
  assert.equal(fixed(unquoted, (await runRepo(commitTitleMismatch, unquoted, repo))[0]), replace(PATCH, ref, `Commit ${sha.slice(0, 12)} ("${TITLE}")`));

  const both = await combined(text, 'GIT_COMMIT_ID');
  assert.equal(both.length, 1, JSON.stringify(both));
  assert.ok(both[0]!.fix);
  // A short sha and a wrong title: one finding (the title's), whose fix also lengthens the sha.
  const wrong = replace(PATCH, ref, `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`);
  const w = await combined(wrong, 'GIT_COMMIT_ID');
  assert.equal(w.length, 1, JSON.stringify(w));
  assert.match(w[0]!.message, /^The title of commit/);
  assert.deepEqual(await combined(PATCH, 'GIT_COMMIT_ID'), []);
});
