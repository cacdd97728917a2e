import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { GitRepository, openRepository, rankPrefixes, subjectOf, subjectPrefix } from '../../server/src/git/gitRepository';
import { commit, fastImport, git, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';

isolateGitConfig();
const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanup) await c();
});

async function repoWith(dir: string): Promise<GitRepository> {
  const repo = await openRepository(dir);
  assert.ok(repo, 'a repository');
  cleanup.push(() => repo.dispose());
  return repo;
}

async function tempRepo(options: Parameters<typeof makeRepo>[0] = {}): Promise<string> {
  const dir = await makeRepo(options);
  cleanup.push(() => removeRepo(dir));
  return dir;
}

test('lookupCommit resolves 7, 12 and 40 hex digits to the commit', async () => {
  const dir = await tempRepo();
  await commit(dir, { message: 'first\n' });
  const sha = await commit(dir, {
    message: 'KVM: x86: Fix the frobnicator\n\nLonger text.\n\nSigned-off-by: Jos\u00e9 Gar\u00e7ia <jose@example.org>\n',
    author: 'Jos\u00e9 Gar\u00e7ia <jose@example.org>',
    date: '2024-03-05T10:20:30+01:00',
  });
  const repo = await repoWith(path.join(dir));
  for (const n of [7, 12, 40]) {
    const c = await repo.lookupCommit(sha.slice(0, n));
    assert.deepEqual(c, {
      sha,
      title: 'KVM: x86: Fix the frobnicator',
      authorName: 'Jos\u00e9 Gar\u00e7ia',
      authorEmail: 'jose@example.org',
      authorDate: '2024-03-05T10:20:30+01:00',
    });
  }
  // Same as git's own %aI and %s.
  const [iso, subject] = (await git(dir, ['log', '-1', '--format=%aI%n%s', sha])).trim().split('\n');
  assert.equal((await repo.lookupCommit(sha))?.authorDate, iso);
  assert.equal((await repo.lookupCommit(sha))?.title, subject);
  assert.equal((await repo.lookupCommit(sha.slice(0, 12).toUpperCase()))?.sha, sha);
});

test('lookupCommit: unknown, malformed, non-commit and ambiguous shas give null', async () => {
  const dir = await tempRepo();
  const sha = await commit(dir, { message: 'one\n', files: { 'a.txt': 'a\n' } });
  const repo = await repoWith(dir);
  assert.equal(await repo.lookupCommit('0000000000000000000000000000000000000000'), null);
  assert.equal(await repo.lookupCommit('deadbeefdead'), null);
  assert.equal(await repo.lookupCommit('HEAD'), null, 'only hex');
  assert.equal(await repo.lookupCommit('abc'), null, 'at least 4 digits');
  const blob = (await git(dir, ['rev-parse', 'HEAD:a.txt'])).trim();
  assert.equal(await repo.lookupCommit(blob), null, 'a blob is not a commit');
  assert.equal((await repo.resolveCommit(blob.slice(0, 12))).status, 'missing');
  assert.equal((await repo.lookupCommit(sha))?.title, 'one');
});

test('ambiguous prefixes: two commits -> null; a commit and a blob -> the commit', async () => {
  const dir = await tempRepo();
  // 600 commits, each with its own blob: some 4-hex prefixes are shared (deterministic content).
  const commits = [...Array(600).keys()].map((i) => ({
    message: `commit ${i}\n`,
    author: { name: 'A', email: 'a@example.org' },
    date: 1_700_000_000 + i,
    files: { 'f.txt': `content ${i}\n` },
  }));
  await fastImport(dir, commits);
  const objects = (await git(dir, ['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)']))
    .trim()
    .split('\n')
    .map((l) => l.split(' ') as [string, string]);
  const byPrefix = new Map<string, string[]>();
  for (const [sha, type] of objects) {
    const p = sha.slice(0, 4);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), `${type}:${sha}`]);
  }
  const twoCommits = [...byPrefix.entries()].find(([, v]) => v.filter((x) => x.startsWith('commit:')).length >= 2);
  const commitAndOther = [...byPrefix.entries()].find(
    ([, v]) => v.filter((x) => x.startsWith('commit:')).length === 1 && v.length >= 2,
  );
  assert.ok(twoCommits && commitAndOther, 'the history has both kinds of collision');
  const repo = await repoWith(dir);
  assert.equal(await repo.lookupCommit(twoCommits[0]), null);
  assert.deepEqual(await repo.resolveCommit(twoCommits[0]), { status: 'ambiguous' });
  const only = commitAndOther[1].find((x) => x.startsWith('commit:'))!.slice('commit:'.length);
  assert.equal((await repo.lookupCommit(commitAndOther[0]))?.sha, only);
});

test('titles are git subjects; a tag prefix resolves to its commit', async () => {
  const dir = await tempRepo();
  const sha = await commit(dir, { message: '\n\nA title that\nwraps onto two lines\n\nbody\n' });
  await git(dir, ['tag', '-a', '-m', 'v1', 'v1']);
  const tag = (await git(dir, ['rev-parse', 'v1'])).trim();
  const repo = await repoWith(dir);
  assert.equal((await repo.lookupCommit(sha))?.title, 'A title that wraps onto two lines');
  assert.equal((await repo.lookupCommit(tag.slice(0, 12)))?.sha, sha);
  assert.equal(subjectOf('x  \ny\n\nz'), 'x y');
});

test('identity reads user.name and user.email; null when unset', async () => {
  const withUser = await tempRepo({ user: { name: 'Ada Lovelace', email: 'ada@example.org' } });
  assert.deepEqual(await (await repoWith(withUser)).identity(), { name: 'Ada Lovelace', email: 'ada@example.org' });
  const without = await tempRepo({ user: null });
  assert.equal(await (await repoWith(without)).identity(), null);
  const nameOnly = await tempRepo({ user: null, config: { 'user.name': 'No Mail' } });
  assert.equal(await (await repoWith(nameOnly)).identity(), null);
});

test('isReachableFromHead: ancestors yes, other branches and unknown shas no', async () => {
  const dir = await tempRepo();
  const base = await commit(dir, { message: 'base\n' });
  await git(dir, ['checkout', '-q', '-b', 'topic']);
  const topic = await commit(dir, { message: 'topic only\n' });
  await git(dir, ['checkout', '-q', 'main']);
  const head = await commit(dir, { message: 'main\n' });
  const repo = await repoWith(dir);
  assert.equal(await repo.isReachableFromHead(base), true);
  assert.equal(await repo.isReachableFromHead(head), true);
  assert.equal(await repo.isReachableFromHead(topic), false);
  assert.equal(await repo.isReachableFromHead('0123456789012345678901234567890123456789'), false);
  assert.equal(await repo.isReachableFromHead('--all'), false);
  assert.equal(await repo.headSha(), head);
});

test('openRepository: from a subdirectory; null outside a repository; headSha null without commits', async () => {
  const dir = await tempRepo();
  await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
  const repo = await repoWith(path.join(dir, 'a', 'b'));
  assert.equal(await repo.headSha(), null);
  assert.equal(await repo.lookupCommit('abcd'), null);
  assert.deepEqual(await repo.searchCommits('anything', 5), []);
  process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
  try {
    assert.equal(await openRepository(path.dirname(dir)), null);
  } finally {
    delete process.env.GIT_CEILING_DIRECTORIES;
  }
});

test('subsystemPrefixes ranks the prefixes of commits touching the paths', async () => {
  const dir = await tempRepo();
  const touch = (file: string, message: string, n: number) =>
    commit(dir, { message: message + '\n', files: { [file]: `${message} ${n}\n` } });
  await touch('arch/x86/kvm/mmu/mmu.c', 'KVM: x86/mmu: Drop dead code', 1);
  await touch('arch/x86/kvm/x86.c', 'KVM: x86: Fix A', 2);
  await touch('arch/x86/kvm/x86.c', 'KVM: x86: Fix B', 3);
  await touch('arch/x86/kvm/x86.c', 'Revert "KVM: x86: Fix B"', 4);
  await touch('arch/x86/kvm/x86.c', 'KVM: VMX: Move code', 5);
  await touch('arch/x86/kvm/x86.c', 'no prefix at all', 6);
  await touch('drivers/net/foo.c', 'net: foo: Fix', 7);
  await touch('drivers/net/foo.c', 'net: foo: Fix again', 8);
  await touch('drivers/net/foo.c', 'net: foo: And again', 9);
  const repo = await repoWith(dir);
  assert.deepEqual(await repo.subsystemPrefixes(['arch/x86/kvm/x86.c'], 10), [
    { prefix: 'KVM: x86', count: 2 },
    { prefix: 'KVM: VMX', count: 1 },
  ]);
  assert.deepEqual(await repo.subsystemPrefixes(['arch/x86/kvm/x86.c', 'arch/x86/kvm/mmu/mmu.c'], 2), [
    { prefix: 'KVM: x86', count: 2 },
    { prefix: 'KVM: VMX', count: 1 },
  ]);
  assert.deepEqual(await repo.subsystemPrefixes(['arch/x86/kvm/'], 10), [
    { prefix: 'KVM: x86', count: 2 },
    { prefix: 'KVM: VMX', count: 1 },
    { prefix: 'KVM: x86/mmu', count: 1 },
  ]);
  assert.deepEqual(await repo.subsystemPrefixes(['drivers/net/foo.c'], 10), [{ prefix: 'net: foo', count: 3 }]);
  assert.deepEqual(await repo.subsystemPrefixes(['does/not/exist.c'], 10), []);
  assert.deepEqual(await repo.subsystemPrefixes(['arch/x86/kvm/*.c'], 10), [], 'paths are literal, not globs');
});

test('subjectPrefix picks the subsys: comp: prefix', () => {
  assert.equal(subjectPrefix('KVM: x86: Fix foo'), 'KVM: x86');
  assert.equal(subjectPrefix('drm/i915/gt: Fix foo: really'), 'drm/i915/gt');
  assert.equal(subjectPrefix('ASoC: SOF: Intel: Fix'), 'ASoC: SOF: Intel');
  assert.equal(subjectPrefix('dt-bindings: net: Add bar'), 'dt-bindings: net');
  assert.equal(subjectPrefix('perf tools: Fix the build'), 'perf tools');
  assert.equal(subjectPrefix('Fix the build'), null);
  assert.equal(subjectPrefix('Revert "net: foo: Fix"'), null);
  assert.equal(subjectPrefix('This is a sentence with many words: and a colon'), null);
  assert.deepEqual(rankPrefixes(['a: x', 'b: y', 'b: z', 'a: w', 'c: v'], 2), [
    { prefix: 'a', count: 2 },
    { prefix: 'b', count: 2 },
  ]);
});

test('searchCommits: by sha prefix and by title words, newest first', async () => {
  const dir = await tempRepo();
  const a = await commit(dir, { message: 'net: fix the frobnicator leak\n' });
  const b = await commit(dir, { message: 'mm: add a frobnicator cache\n' });
  await commit(dir, { message: 'unrelated\n' });
  const repo = await repoWith(dir);
  await (await repo.historySnapshot()).done;
  assert.deepEqual((await repo.searchCommits('frobnicator', 10)).map((c) => c.sha), [b, a]);
  assert.deepEqual((await repo.searchCommits('FROB leak', 10)).map((c) => c.sha), [a]);
  assert.deepEqual((await repo.searchCommits(a.slice(0, 8), 10)).map((c) => c.sha), [a]);
  assert.deepEqual((await repo.searchCommits('frobnicator', 1)).map((c) => c.sha), [b]);
  assert.deepEqual(await repo.searchCommits('nothing matches this', 10), []);
});

test('rankPeople of the repository answers from its history index', async () => {
  const dir = await tempRepo();
  await commit(dir, { message: 'x\n\nReviewed-by: Rita Reviewer <rita@example.org>\n', author: 'Al Author <al@example.org>' });
  await commit(dir, { message: 'y\n\nReviewed-by: Rita Reviewer <rita@example.org>\n', author: 'Al Author <al@example.org>' });
  await commit(dir, { message: 'z\n\nReviewed-by: Rita Reviewer <rita@example.org>\n', author: 'Bo Other <bo@example.org>' });
  const repo = await repoWith(dir);
  await (await repo.historySnapshot()).done;
  const people = await repo.rankPeople(undefined, 10);
  assert.deepEqual(people.map((p) => [p.name, p.commits, p.description]), [
    ['Rita Reviewer', 3, '3 commits since 2024'],
    ['Al Author', 2, '2 commits since 2024'],
    ['Bo Other', 1, '1 commit (2024-01)'],
  ]);
  assert.deepEqual((await repo.rankPeople('ri', 10)).map((p) => p.email), ['rita@example.org']);
  repo.dispose();
  assert.deepEqual(await repo.rankPeople(undefined, 10), []);
  assert.equal(await repo.lookupCommit((await git(dir, ['rev-parse', 'HEAD'])).trim()), null, 'disposed');
});
