import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { CatFileBatch } from '../../server/src/git/catFileBatch';
import { commit, git, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';

isolateGitConfig();
const cleanup: string[] = [];
after(async () => {
  for (const dir of cleanup) await removeRepo(dir);
});

test('cat-file batch answers found, missing, and many requests in order', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  const shas: string[] = [];
  for (let i = 0; i < 5; i++) shas.push(await commit(dir, { message: `commit number ${i}\n`, files: { [`f${i}.txt`]: `${i}\n` } }));
  const batch = new CatFileBatch(dir);
  try {
    const head = await batch.request('HEAD');
    assert.equal(head.kind, 'found');
    if (head.kind !== 'found') return;
    assert.equal(head.oid, shas[4]);
    assert.equal(head.type, 'commit');
    assert.equal(head.size, head.content.length);
    assert.match(head.content.toString('utf8'), /\n\ncommit number 4\n$/);

    const blob = await batch.request('HEAD:f4.txt');
    assert.deepEqual(blob.kind === 'found' && [blob.type, blob.content.toString()], ['blob', '4\n']);

    assert.deepEqual(await batch.request('0123456789abcdef0123456789abcdef01234567'), {
      kind: 'missing',
      name: '0123456789abcdef0123456789abcdef01234567',
    });

    // Many at once: each answer goes to its own request.
    const answers = await Promise.all([...shas, ...shas].map((s) => batch.request(s)));
    assert.deepEqual(
      answers.map((a) => (a.kind === 'found' ? a.content.toString().split('\n\n')[1] : a.kind)),
      [...shas, ...shas].map((_, i) => `commit number ${i % 5}\n`),
    );
    assert.equal(batch.starts, 1, 'one process for all requests');
  } finally {
    batch.dispose();
  }
});

test('cat-file batch restarts after its process dies, and rejects after dispose', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  const sha = await commit(dir, { message: 'only\n' });
  const batch = new CatFileBatch(dir);
  assert.equal((await batch.request(sha)).kind, 'found');
  const child = (batch as unknown as { child: ChildProcess }).child;
  const exited = once(child, 'exit');
  child.kill();
  await exited;
  const again = await batch.request(sha.slice(0, 10));
  assert.equal(again.kind === 'found' && again.oid, sha);
  assert.equal(batch.starts, 2);
  batch.dispose();
  await assert.rejects(batch.request(sha), /disposed/);
});

test('cat-file batch reports an ambiguous prefix and refuses names with newlines', async () => {
  const dir = await makeRepo();
  cleanup.push(dir);
  // Blobs with deterministic content; 300 objects are sure to share some 4-hex prefix.
  const objects = (await git(dir, ['hash-object', '-w', '--stdin-paths'], { input: '' })).split('\n');
  assert.deepEqual(objects, ['']);
  const names: string[] = [];
  for (let i = 0; i < 300; i++) names.push(`blob ${i}`);
  const written = await Promise.all(names.map((n) => git(dir, ['hash-object', '-w', '--stdin'], { input: n })));
  const byPrefix = new Map<string, number>();
  for (const sha of written.map((s) => s.trim())) byPrefix.set(sha.slice(0, 4), (byPrefix.get(sha.slice(0, 4)) ?? 0) + 1);
  const shared = [...byPrefix.entries()].find(([, n]) => n > 1)?.[0];
  assert.ok(shared, 'some prefix is shared');
  const batch = new CatFileBatch(dir);
  try {
    assert.deepEqual(await batch.request(shared!), { kind: 'ambiguous', name: shared });
    await assert.rejects(batch.request('HEAD\nHEAD'), /not an object name/);
    // Still usable afterwards.
    assert.equal((await batch.request(written[0]!.trim())).kind, 'found');
  } finally {
    batch.dispose();
  }
});
