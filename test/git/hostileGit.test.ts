/**
 * git with hostile or huge input, against real temporary repositories: a branch or tag NAMED like
 * a sha never answers for a `Fixes:`, look-ups are made once per check, a cancelled check starts
 * no git, and no more than MAX_CONCURRENT_GIT short gits run at once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRepository, openRepository, type CommitResolution } from '../../server/src/git/gitRepository';
import { gitProcessStats, MAX_CONCURRENT_GIT, runGit } from '../../server/src/git/exec';
import type { Repository } from '../../server/src/git/repository';
import { runRepoRules } from '../../server/src/rules/engine';
import { fixesUnknownCommit } from '../../server/src/rules/repo/fixesUnknownCommit';
import { fixesTitleMismatch } from '../../server/src/rules/repo/fixesTitleMismatch';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { defaultConfig } from '../../server/src/config/defaults';
import { commit, git, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';

isolateGitConfig();

const repoRoot = path.resolve(__dirname, '../../..');
const TEMPLATE = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/repo/patch.patch'), 'utf8');

let dir = '';
let repo: GitRepository;
let real = '';
let decoy = '';

before(async () => {
  dir = await makeRepo();
  real = await commit(dir, { message: 'mm: rework the reclaim counter\n', files: { 'mm/vmscan.c': 'int count;\n' } });
  decoy = await commit(dir, { message: 'evil: the decoy commit\n', files: { 'evil.c': 'int evil;\n' } });
  // A branch and a tag whose NAMES are hex strings, pointing at the decoy.
  await git(dir, ['branch', '123456789abc', decoy]);
  await git(dir, ['tag', '-a', '-m', 'decoy', 'fedcba987654', decoy]);
  // A branch named after the real commit's own prefix, pointing at the decoy (a ref shadowing an id).
  await git(dir, ['branch', real.slice(0, 12), decoy]);
  const r = await openRepository(dir);
  assert.ok(r);
  repo = r;
});

after(async () => {
  repo?.dispose();
  if (dir) await removeRepo(dir);
});

function patchWithFixes(sha: string, title: string): string {
  return TEMPLATE.replace(/SHA12/g, sha).replace(/mm: rework the reclaim counter/g, title);
}

test('Fixes: naming a branch or a tag (not an object id) is an unknown commit', async () => {
  for (const name of ['123456789abc', 'fedcba987654']) {
    assert.deepEqual(await repo.resolveCommit(name), { status: 'missing' }, name);
    assert.equal(await repo.lookupCommit(name), null, name);
    const doc = parsePatch(patchWithFixes(name, 'evil: the decoy commit'));
    const found = await runRepoRules(doc, defaultConfig('kernel'), repo, { rules: [fixesUnknownCommit] });
    assert.deepEqual(
      found.map((f) => f.rule),
      ['FIXES_UNKNOWN_COMMIT'],
      `${name}: ${JSON.stringify(found)}`,
    );
  }
});

test('a ref shadowing a real sha prefix does not hide the commit of that id', async () => {
  const r = await repo.resolveCommit(real.slice(0, 12));
  assert.equal(r.status, 'found');
  assert.equal((r as Extract<CommitResolution, { status: 'found' }>).commit.sha, real);
  const doc = parsePatch(patchWithFixes(real.slice(0, 12), 'mm: rework the reclaim counter'));
  const found = await runRepoRules(doc, defaultConfig('kernel'), repo, { rules: [fixesUnknownCommit, fixesTitleMismatch] });
  assert.deepEqual(found, []);
});

/** The real repository, counting the look-ups that reach it. */
function counting(inner: GitRepository): { repo: Repository; calls: string[] } {
  const calls: string[] = [];
  const repo = {
    root: inner.root,
    lookupCommit: (s: string) => (calls.push(`lookup ${s}`), inner.lookupCommit(s)),
    resolveCommit: (s: string) => (calls.push(`resolve ${s}`), inner.resolveCommit(s)),
    isReachableFromHead: (s: string) => (calls.push(`reachable ${s}`), inner.isReachableFromHead(s)),
    identity: () => inner.identity(),
    dispose: () => undefined,
  };
  return { repo, calls };
}

test('one check looks each sha up once, however many messages and rules name it', async () => {
  const one = patchWithFixes(real.slice(0, 12), 'mm: rework the reclaim counter');
  const mbox = [one, one.replace('Subject: [PATCH]', 'Subject: [PATCH] again'), one].join('\n');
  const doc = parsePatch(mbox);
  assert.ok(doc.messages.length >= 3);
  const { repo: c, calls } = counting(repo);
  await runRepoRules(doc, defaultConfig('kernel'), c, { rules: [fixesUnknownCommit, fixesTitleMismatch] });
  const resolves = calls.filter((x) => x.startsWith('resolve'));
  assert.deepEqual(resolves, [`resolve ${real.slice(0, 12)}`], calls.join('\n'));
});

test('a cancelled check starts no look-up and reports nothing', async () => {
  const doc = parsePatch(patchWithFixes('0000deadbeef', 'nothing'));
  const { repo: c, calls } = counting(repo);
  const ac = new AbortController();
  ac.abort();
  const found = await runRepoRules(doc, defaultConfig('kernel'), c, { rules: [fixesUnknownCommit], signal: ac.signal });
  assert.deepEqual(found, []);
  assert.deepEqual(calls, []);
  // Cancelled while running: the look-ups already asked are not turned into findings.
  const late = new AbortController();
  const pending = runRepoRules(doc, defaultConfig('kernel'), c, { rules: [fixesUnknownCommit], signal: late.signal });
  late.abort();
  assert.deepEqual(await pending, []);
});

test(`at most ${MAX_CONCURRENT_GIT} short gits run at once; the others wait their turn`, async () => {
  const runs = Array.from({ length: 6 * MAX_CONCURRENT_GIT }, () => runGit(dir, ['log', '--format=%H', '-n', '1']));
  assert.ok(gitProcessStats().queued > 0, 'a burst queues');
  const results = await Promise.all(runs);
  assert.ok(results.every((r) => r.code === 0 && r.stdout.trim() === decoy));
  assert.ok(gitProcessStats().peak <= MAX_CONCURRENT_GIT, `peak ${gitProcessStats().peak}`);
  assert.equal(gitProcessStats().running, 0);
  // A queued run whose signal aborts never starts.
  const ac = new AbortController();
  const queued = Array.from({ length: 2 * MAX_CONCURRENT_GIT }, () => runGit(dir, ['rev-parse', 'HEAD'], { signal: ac.signal }));
  ac.abort();
  const done = await Promise.all(queued);
  assert.ok(done.some((r) => r.error === 'cancelled'));
  assert.equal(gitProcessStats().running, 0);
});
