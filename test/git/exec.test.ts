import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRepositoryRoot, runGit } from '../../server/src/git/exec';
import { commit, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';

isolateGitConfig();
const cleanup: string[] = [];
after(async () => {
  for (const dir of cleanup) await removeRepo(dir);
});

test('runGit returns stdout and exit status, and feeds input on stdin', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  const hashed = await runGit(dir, ['hash-object', '--stdin'], { input: 'hello\n' });
  assert.equal(hashed.code, 0);
  assert.equal(hashed.stdout.trim(), 'ce013625030ba8dba906f756967f9e9ca394464a');
  assert.equal(hashed.error, undefined);

  const bad = await runGit(dir, ['rev-parse', '--verify', 'no-such-ref']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /no-such-ref|Needed a single revision/);
});

test('runGit stops git at the timeout and at maxBuffer, and never rejects', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  await commit(dir, { message: 'first\n', files: { 'a.txt': 'x'.repeat(10_000) } });
  // An alias that never ends by itself (git's own alias machinery, not a shell of ours).
  const slow = await runGit(dir, ['-c', 'alias.wait=!sleep 30', 'wait'], { timeoutMs: 300 });
  assert.equal(slow.code, -1);
  assert.match(slow.error ?? '', /timed out/);

  const big = await runGit(dir, ['cat-file', '-p', 'HEAD:a.txt'], { maxBuffer: 100 });
  assert.equal(big.code, -1);
  assert.match(big.error ?? '', /more than 100 bytes/);

  const missingDir = await runGit(path.join(dir, 'does', 'not', 'exist'), ['status']);
  assert.equal(missingDir.code, -1);
  assert.ok(missingDir.error);
});

test('runGit runs arguments literally (no shell)', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  const echoed = await runGit(dir, ['rev-parse', '--sq-quote', '$HOME;|&*']);
  assert.equal(echoed.stdout.trim(), "'$HOME;|&*'");
});

test('findRepositoryRoot finds the top from a subdirectory and null elsewhere', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  const sub = path.join(dir, 'drivers', 'net');
  await mkdir(sub, { recursive: true });
  assert.equal(await findRepositoryRoot(sub), await realpath(dir));
  assert.equal(await findRepositoryRoot(dir), await realpath(dir));

  const plain = await mkdtemp(path.join(tmpdir(), 'patchsmith-plain-'));
  try {
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temp dir.
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(plain);
    assert.equal(await findRepositoryRoot(plain), null);
    assert.equal(await findRepositoryRoot(path.join(plain, 'missing')), null);
  } finally {
    delete process.env.GIT_CEILING_DIRECTORIES;
    await rm(plain, { recursive: true, force: true });
  }
});
