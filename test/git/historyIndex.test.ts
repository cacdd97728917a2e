import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { HistoryIndex, HistorySnapshot, historyLogArgs, parsePerson } from '../../server/src/git/historyIndex';
import { commit, fastImport, git, isolateGitConfig, makeRepo, removeRepo, testGitEnv, type FastImportCommit } from '../helpers/gitRepo';

isolateGitConfig();
const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanup) await c();
});

async function tempRepo(): Promise<string> {
  const dir = await makeRepo();
  cleanup.push(() => removeRepo(dir));
  return dir;
}

function newIndex(dir: string, cap?: number): HistoryIndex {
  const index = new HistoryIndex(dir, cap === undefined ? {} : { cap });
  cleanup.push(() => index.dispose());
  return index;
}

const M = 'Mai Ntainer <mai@example.org>';

/** A small history whose ranking is known (oldest first). */
async function peopleRepo(): Promise<string> {
  const dir = await tempRepo();
  await commit(dir, { message: 'old 1\n', author: 'Old Timer <old@example.org>', date: '2020-05-01T00:00:00Z' });
  await commit(dir, { message: 'old 2\n', author: 'Old Timer <old@example.org>', date: '2020-05-02T00:00:00Z' });
  await commit(dir, { message: 'd1\n\nSigned-off-by: Dave <dave@example.org>\n', author: 'Dave <dave@example.org>', committer: M });
  await commit(dir, { message: 'd2\n\nSigned-off-by: Dave <dave@example.org>\n', author: 'Dave <dave@example.org>', committer: M });
  await commit(dir, {
    message: 'a1\n\nReported-by: Carol <carol@example.org>\nLink: https://lore.example/x\nFixes: 123456789012 ("x")\nSigned-off-by: Alice <alice@example.org>\n',
    author: 'Alice <alice@example.org>',
    committer: M,
  });
  await commit(dir, {
    message:
      'b1\n\nCo-developed-by: Alice <alice@example.org>\nSigned-off-by: Alice <alice@example.org>\nSigned-off-by: Bob <bob@example.org>\nReviewed-by: Carol <carol@example.org>\nCc: stable@vger.kernel.org # 6.1\n',
    author: 'Bob <bob@example.org>',
    committer: M,
  });
  await commit(dir, {
    message: 'a2\n\nTested-by: Erin <erin@example.org>\nReviewed-by: Alice <ALICE@Example.org>\nSigned-off-by: Alice <alice@example.org>\n',
    author: 'Alice <alice@example.org>',
    committer: M,
  });
  await commit(dir, {
    message: 'b2\n\nAcked-by: "Q, Frank" <frank@example.org>\nSuggested-by: Jos\u00e9 Gar\u00e7ia <jose@example.org>\nSigned-off-by: Bob <bob@example.org>\n',
    author: 'Bob <bob@example.org>',
    committer: M,
  });
  return dir;
}

test('people are ranked by commits, then by how recently they were seen', async () => {
  const dir = await peopleRepo();
  const snapshot = await newIndex(dir).index();
  await snapshot.done;
  assert.equal(snapshot.error, null);
  assert.equal(snapshot.progress, 8);
  const ranked = snapshot.rankPeople(undefined, 20);
  assert.deepEqual(
    ranked.map((p) => [p.email, p.commits]),
    [
      ['mai@example.org', 6],
      ['alice@example.org', 3],
      ['bob@example.org', 2],
      ['carol@example.org', 2],
      ['dave@example.org', 2],
      ['old@example.org', 2],
      ['frank@example.org', 1],
      ['jose@example.org', 1],
      ['erin@example.org', 1],
      ['stable@vger.kernel.org', 1],
    ],
  );
  assert.deepEqual(snapshot.rankPeople(undefined, 3).map((p) => p.email), ['mai@example.org', 'alice@example.org', 'bob@example.org']);
  const alice = ranked[1]!;
  assert.equal(alice.authored, 2);
  assert.equal(alice.description, '3 commits since 2024');
  assert.equal(snapshot.person('old@EXAMPLE.org')?.description, '2 commits, last 2020-05');
  assert.equal(snapshot.person('erin@example.org')?.description, '1 commit (2024-01)');
  assert.equal(snapshot.person('frank@example.org')?.name, 'Q, Frank');
  assert.equal(snapshot.person('stable@vger.kernel.org')?.name, '');
  assert.equal(snapshot.person('x@nowhere.example'), null);
});

test('person queries match the start of name and email words, ignoring case and accents', async () => {
  const dir = await peopleRepo();
  const snapshot = await newIndex(dir).index();
  await snapshot.done;
  const emails = (q: string) => snapshot.rankPeople(q, 10).map((p) => p.email);
  assert.deepEqual(emails('al'), ['alice@example.org']);
  assert.deepEqual(emails('ALICE'), ['alice@example.org']);
  assert.deepEqual(emails('carol@'), ['carol@example.org']);
  assert.deepEqual(emails('jose'), ['jose@example.org']);
  assert.deepEqual(emails('garc'), ['jose@example.org']);
  assert.deepEqual(emails('frank'), ['frank@example.org']);
  assert.deepEqual(emails('q fr'), ['frank@example.org']);
  assert.deepEqual(emails('<bob'), ['bob@example.org']);
  assert.deepEqual(emails('stable'), ['stable@vger.kernel.org']);
  assert.deepEqual(emails('lice'), [], 'not in the middle of a word');
  assert.deepEqual(emails('example'), [], 'the domain alone is not a word start');
  assert.deepEqual(emails('zzz'), []);
});

test('the index is cached per HEAD and re-read when HEAD moves', async () => {
  const dir = await peopleRepo();
  const index = newIndex(dir);
  const first = await index.index();
  assert.equal(await index.index(), first);
  await first.done;
  assert.equal(await index.index(), first, 'still the same after the read');
  const sha = await commit(dir, {
    message: 'new head\n\nReviewed-by: Newcomer <new@example.org>\n',
    date: '2024-06-30T23:45:00+05:30',
  });
  const second = await index.index();
  assert.notEqual(second, first);
  assert.equal(second.head, sha);
  await second.done;
  assert.equal(second.commitAt(0)?.title, 'new head');
  assert.equal(second.commitAt(0)?.authorDate, (await git(dir, ['log', '-1', '--format=%aI'])).trim());
  assert.equal(second.commitAt(0)?.authorDate, '2024-06-30T23:45:00+05:30');
  assert.equal(second.person('new@example.org')?.commits, 1);
  assert.equal(first.person('new@example.org'), null);
  assert.equal(index.current, second);
});

test('a repository without commits has an empty, finished index', async () => {
  const dir = await tempRepo();
  const snapshot = await newIndex(dir).index();
  await snapshot.done;
  assert.equal(snapshot.head, null);
  assert.equal(snapshot.progress, 0);
  assert.deepEqual(snapshot.rankPeople('a', 5), []);
  assert.deepEqual(snapshot.searchCommits('a', 5), []);
});

/** 3000 commits: authors a0..a49, reviewers r0..r6, non-ASCII names, trailers. */
function bigHistory(n: number): FastImportCommit[] {
  const commits: FastImportCommit[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % 50;
    const r = i % 7;
    const author = { name: `Auth\u00f6r ${a}`, email: `a${a}@example.org` };
    commits.push({
      message: `sub${i % 5}: change number ${i}\n\nSome body text for commit ${i}.\n\nReviewed-by: Revi\u00ebwer ${r} <r${r}@example.org>\nSigned-off-by: ${author.name} <${author.email}>\n`,
      author,
      committer: { name: 'Maintainer', email: 'maint@example.org' },
      date: 1_700_000_000 + i * 60,
    });
  }
  return commits;
}

let bigRepo: Promise<string> | null = null;
function big(): Promise<string> {
  bigRepo ??= (async () => {
    const dir = await tempRepo();
    await fastImport(dir, bigHistory(3000));
    return dir;
  })();
  return bigRepo;
}

test('the history streams: queries answer from a partial index, progress grows, done has all', async () => {
  const dir = await big();
  const index = newIndex(dir);
  const snapshot = await index.index();
  const seen: number[] = [];
  let partial: { progress: number; people: number; commit: string | undefined } | null = null;
  snapshot.onProgress((progress) => {
    seen.push(progress);
    // A request arriving while git is still writing gets what has been read so far.
    partial ??= {
      progress: snapshot.progress,
      people: snapshot.rankPeople(undefined, 100).length,
      commit: snapshot.searchCommits('change number 2999', 1)[0]?.title,
    };
  });
  const done = await snapshot.done;
  assert.equal(done, snapshot);
  assert.equal(snapshot.complete, true);
  assert.equal(snapshot.error, null);
  assert.equal(snapshot.progress, 3000);
  assert.ok(seen.length >= 2, `several chunks (${seen.length})`);
  assert.ok(seen.every((v, i) => i === 0 || v > seen[i - 1]!), 'progress only grows');
  assert.equal(seen.at(-1), 3000);
  assert.ok(partial !== null);
  const p = partial as { progress: number; people: number; commit: string | undefined };
  assert.ok(p.progress > 0 && p.progress < 3000, `partial progress ${p.progress}`);
  assert.ok(p.people > 0);
  assert.equal(p.commit, 'sub4: change number 2999', 'newest commits come first');

  // Everything counted once per commit.
  const top = snapshot.rankPeople(undefined, 3);
  assert.deepEqual(top.map((x) => [x.email, x.commits]), [
    ['maint@example.org', 3000],
    ['r3@example.org', 429],
    ['r2@example.org', 429],
  ]);
  assert.equal(snapshot.person('a7@example.org')?.commits, 60);
  assert.equal(snapshot.person('a7@example.org')?.authored, 60);
  assert.equal(snapshot.person('a7@example.org')?.name, 'Auth\u00f6r 7');
  assert.equal(snapshot.peopleCount, 50 + 7 + 1);
  assert.equal(snapshot.commitAt(0)?.title, 'sub4: change number 2999');
  assert.equal(snapshot.commitAt(2999)?.title, 'sub0: change number 0');
  assert.equal(snapshot.commitAt(2999)?.authorDate, '2023-11-14T22:13:20+00:00');
  assert.equal(snapshot.commitAt(3000), null);
  const bySha = snapshot.commitAt(1234)!;
  assert.deepEqual(snapshot.searchCommits(bySha.sha.slice(0, 10), 5), [bySha]);
});

test('dispose stops a read in progress; done still resolves', async () => {
  const dir = await big();
  const index = new HistoryIndex(dir);
  const snapshot = await index.index();
  index.dispose();
  await snapshot.done;
  assert.equal(snapshot.complete, true);
  assert.equal(snapshot.error, 'cancelled');
  assert.ok(snapshot.progress < 3000);
});

test('the cap limits the commits read', async () => {
  const dir = await big();
  const snapshot = await newIndex(dir, 100).index();
  await snapshot.done;
  assert.equal(snapshot.progress, 100);
  assert.equal(snapshot.commitAt(0)?.title, 'sub4: change number 2999');
  assert.equal(snapshot.commitAt(99)?.title, 'sub0: change number 2900');
  assert.equal(snapshot.person('maint@example.org')?.commits, 100);
  assert.equal(snapshot.person('a7@example.org')?.commits, 2);
});

test('records split anywhere between chunks (even inside UTF-8) parse the same', async () => {
  const dir = await big();
  const head = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const raw = await new Promise<Buffer>((resolve, reject) =>
    execFile('git', historyLogArgs(head, 200), { cwd: dir, env: testGitEnv(), encoding: 'buffer', maxBuffer: 1 << 26 }, (e, out) =>
      e ? reject(e) : resolve(out),
    ),
  );
  const whole = new HistorySnapshot(dir, head, 200);
  whole.feedForTest(raw);
  const pieces = new HistorySnapshot(dir, head, 200);
  const sizes = [1, 2, 3, 5, 7, 11, 13, 64, 333];
  for (let at = 0, k = 0; at < raw.length; k++) {
    const size = sizes[k % sizes.length]!;
    pieces.feedForTest(raw.subarray(at, at + size));
    at += size;
  }
  assert.equal(whole.progress, 200);
  assert.equal(pieces.progress, 200);
  for (let i = 0; i < 200; i++) assert.deepEqual(pieces.commitAt(i), whole.commitAt(i));
  assert.deepEqual(pieces.rankPeople(undefined, 100), whole.rankPeople(undefined, 100));
  assert.equal(pieces.person('r1@example.org')?.name, 'Revi\u00ebwer 1');
});

test('parsePerson reads trailer values', () => {
  assert.deepEqual(parsePerson(' Jane Doe <jane@example.org>'), { name: 'Jane Doe', email: 'jane@example.org' });
  assert.deepEqual(parsePerson('"Doe, Jane" <jane@example.org> # v6.1'), { name: 'Doe, Jane', email: 'jane@example.org' });
  assert.deepEqual(parsePerson('stable@vger.kernel.org # 5.10+'), { name: '', email: 'stable@vger.kernel.org' });
  assert.deepEqual(parsePerson('syzbot+1234@syzkaller.appspotmail.com'), { name: '', email: 'syzbot+1234@syzkaller.appspotmail.com' });
  assert.equal(parsePerson('Jane Doe'), null);
  assert.equal(parsePerson('https://lore.kernel.org/r/x'), null);
});
