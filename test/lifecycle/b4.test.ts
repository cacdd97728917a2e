/**
 * patchsmith against b4 0.12 itself, on the same branches: b4 reads the series patchsmith
 * enrolled (same storage), `b4 trailers -u` from the same local mbox gives the same commit
 * messages as `series trailers`, b4's cover letter has the same base-commit and change-id lines,
 * and `b4 prep --auto-to-cc` (with get_maintainer.pl, when a kernel tree's copy is at hand)
 * finds the same people in MAINTAINERS. Skipped with a message when b4 is not installed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { commit, git, removeRepo, testGitEnv } from '../helpers/gitRepo';
import { buildCli } from '../helpers/buildCli';
import { encodedWord, mbox, quote, repoRoot, replyMail, runCli, seriesRepo, type Run } from './harness';

const GET_MAINTAINER = ['/tmp/ksrc/linux-source-6.1/scripts/get_maintainer.pl', '/tmp/ktree/linux-source-6.1/scripts/get_maintainer.pl'].find((p) => existsSync(p));
const HAVE_B4 = existsSync('/usr/bin/b4');

let cli = '';
const dirs: string[] = [];

before(async () => {
  cli = await buildCli(repoRoot);
});

after(async () => {
  for (const d of dirs) await removeRepo(d);
});

function b4(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile('b4', ['--offline-mode', ...args], { cwd, env: testGitEnv({ HOME: cwd, XDG_CACHE_HOME: path.join(cwd, '.cache') }), timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function enrolled(): Promise<string> {
  const dir = await seriesRepo();
  dirs.push(dir);
  const r = await runCli(cli, dir, ['series', 'start']);
  assert.equal(r.code, 0, r.stderr);
  await git(dir, ['config', 'branch.feat.description', 'foo: count the foos\n\nThis series counts the foos.\n\nSigned-off-by: Ann Dev <ann@example.org>\n']);
  return dir;
}

test('b4 reads the series patchsmith enrolled, and writes the same base-commit and change-id lines', { skip: HAVE_B4 ? false : 'b4 is not installed' }, async () => {
  const dir = await enrolled();
  const info = await b4(dir, ['prep', '--show-info']);
  assert.equal(info.code, 0, info.stderr);
  const tracking = JSON.parse(await git(dir, ['config', '--get', 'branch.feat.b4-tracking']));
  const changeId: string = tracking.series['change-id'];
  assert.match(info.stdout + info.stderr, new RegExp(`change-id: ${changeId}`));
  assert.match(info.stdout + info.stderr, /cover-subject: foo: count the foos/);
  assert.match(info.stdout + info.stderr, /base-branch: main/);

  const ours = await runCli(cli, dir, ['series', 'format']);
  assert.equal(ours.code, 0, ours.stdout + ours.stderr);
  const ourCover = await fs.readFile(path.join(dir, 'outgoing', 'v1', '0000-cover-letter.patch'), 'utf8');
  const main = (await git(dir, ['rev-parse', 'main'])).trim();
  assert.match(ourCover, new RegExp(`^base-commit: ${main}\nchange-id: ${changeId}$`, 'm'));

  // b4 on the same branch reads our change-id; its branch-description mode writes `<base>~1` as
  // base-commit (a b4 0.12 quirk), so the base line is compared with b4's default cover strategy
  // on a clone below.
  const b4out = path.join(dir, '..', `${path.basename(dir)}-b4out`);
  const p = await b4(dir, ['prep', '-p', b4out]);
  assert.equal(p.code, 0, p.stderr);
  const b4Cover = await fs.readFile(path.join(b4out, (await fs.readdir(b4out)).sort()[0]!), 'utf8');
  await fs.rm(b4out, { recursive: true, force: true });
  assert.match(b4Cover, new RegExp(`^change-id: ${changeId}$`, 'm'));
  assert.match(b4Cover, /^Subject: \[PATCH 0\/3\] foo: count the foos$/m);
  assert.match(ourCover, /^Subject: \[PATCH 0\/3\] foo: count the foos$/m);

  const clone = `${dir}-clone`;
  dirs.push(clone);
  await git(path.dirname(dir), ['clone', '-q', dir, clone]);
  for (const [k, v] of [['user.name', 'Ann Dev'], ['user.email', 'ann@example.org']] as const) await git(clone, ['config', k, v]);
  await git(clone, ['checkout', '-q', 'feat']);
  const e = await b4(clone, ['prep', '-e', 'origin/main']);
  assert.equal(e.code, 0, e.stderr);
  const cloneOut = path.join(clone, 'b4out');
  assert.equal((await b4(clone, ['prep', '-p', cloneOut])).code, 0);
  const cloneCover = await fs.readFile(path.join(cloneOut, (await fs.readdir(cloneOut)).sort()[0]!), 'utf8');
  const b4Lines = /^base-commit: (\S+)\nchange-id: \S+$/m.exec(cloneCover);
  assert.ok(b4Lines, cloneCover);
  assert.equal(b4Lines[1], main, 'b4 and patchsmith name the same base commit');
});

test('series trailers gives the commit messages b4 trailers -u gives from the same mbox', { skip: HAVE_B4 ? false : 'b4 is not installed' }, async () => {
  const dir = await enrolled();
  assert.equal((await runCli(cli, dir, ['series', 'format'])).code, 0);
  const v1dir = path.join(dir, 'outgoing', 'v1');
  const sent = await Promise.all((await fs.readdir(v1dir)).sort().map((f) => fs.readFile(path.join(v1dir, f), 'utf8')));
  const id = (text: string) => /^Message-Id: <([^>]+)>/im.exec(text)![1]!;
  const [c, m1, m2, m3] = sent.map(id) as [string, string, string, string];
  const body = (text: string) => text.slice(text.indexOf('\n\n') + 2);
  const replies = [
    replyMail({ from: `${encodedWord('Jörg Müller')} <joerg@example.org>`, subject: 'Re: [PATCH 1/3] foo: add a counter', messageId: 'b1@example.org', inReplyTo: m1, references: [c, m1], body: `${quote(body(sent[1]!))}\n\nReviewed-by: Jörg Müller <joerg@example.org>\n` }),
    replyMail({ from: 'Mai Ntainer <mai@example.org>', subject: 'Re: [PATCH 0/3] foo: count the foos', messageId: 'b2@example.org', inReplyTo: c, references: [c], body: '> Tested-by: Quoted Tester <qt@example.org>\n\nAcked-by: Mai Ntainer <mai@example.org>\n' }),
    replyMail({ from: 'Old Reviewer <old@example.org>', subject: 'Re: [PATCH 2/3] bar: export the bar helper', messageId: 'b3@example.org', inReplyTo: m2, references: [c, m2], body: 'Reviewed-by: Old Reviewer <old@example.org>\n' }),
    replyMail({ from: 'Tess Ter <tess@example.org>', subject: 'Re: [PATCH 3/3] foo: use the bar helper', messageId: 'b4@example.org', inReplyTo: m3, references: [c, m3], body: 'Tested-by: Tess Ter <tess@example.org>\nReviewed-by: Tess Ter <tess@example.org>\n' }),
  ];
  // b4 mbox's form: the patches as sent (From: the mbox separator), then the replies.
  const box = path.join(dir, '..', `${path.basename(dir)}.mbox`);
  await fs.writeFile(box, mbox([...sent.map((s) => s.replace(/^From [0-9a-f]{40} .*\n/, '')), ...replies]));
  try {
    const clone = `${dir}-clone`;
    dirs.push(clone);
    await git(path.dirname(dir), ['clone', '-q', dir, clone]);
    for (const [k, v] of [['user.name', 'Ann Dev'], ['user.email', 'ann@example.org']] as const) await git(clone, ['config', k, v]);
    await git(clone, ['checkout', '-q', 'feat']);
    assert.equal((await runCli(cli, clone, ['series', 'start', '--base', 'origin/main'])).code, 0);

    const ours = await runCli(cli, dir, ['series', 'trailers', '--from', box]);
    assert.equal(ours.code, 0, ours.stdout + ours.stderr);
    const theirs = await b4(clone, ['trailers', '-u', '-m', box]);
    assert.equal(theirs.code, 0, theirs.stdout + theirs.stderr);

    const messages = async (cwd: string, range: string) => git(cwd, ['log', '--reverse', '--format=%B%x00', range]);
    const a = await messages(dir, 'main..feat');
    const b = await messages(clone, 'origin/main..feat');
    assert.match(a, /Reviewed-by: Jörg Müller <joerg@example.org>\nAcked-by: Mai Ntainer <mai@example.org>\nSigned-off-by: Ann Dev <ann@example.org>/);
    assert.equal(a, b);
  } finally {
    await fs.rm(box, { force: true });
  }
});

test('recipients: the people b4 prep --auto-to-cc finds with get_maintainer.pl', { skip: !HAVE_B4 ? 'b4 is not installed' : !GET_MAINTAINER ? 'no get_maintainer.pl (a Linux source tree under /tmp/ksrc or /tmp/ktree)' : false }, async () => {
  const dir = await enrolled();
  // get_maintainer.pl wants to run at the top of a kernel tree.
  const files: Record<string, string> = {};
  for (const f of ['COPYING', 'CREDITS', 'Kbuild', 'Makefile', 'README']) files[f] = `${f}\n`;
  for (const d of ['Documentation', 'arch', 'include', 'fs', 'init', 'ipc', 'kernel']) files[`${d}/.keep`] = '';
  files['scripts/get_maintainer.pl'] = await fs.readFile(GET_MAINTAINER!, 'utf8');
  await git(dir, ['checkout', '-q', 'main']);
  await commit(dir, { message: 'Look like a kernel tree\n', files });
  await fs.chmod(path.join(dir, 'scripts/get_maintainer.pl'), 0o755);
  await git(dir, ['add', 'scripts/get_maintainer.pl']);
  await git(dir, ['commit', '-q', '--amend', '--no-edit']);
  await git(dir, ['checkout', '-q', 'feat']);
  await git(dir, ['rebase', '-q', 'main']);

  const ours = await runCli(cli, dir, ['series', 'format']);
  assert.equal(ours.code, 0, ours.stdout + ours.stderr);
  const pick = (re: RegExp) => [...ours.stdout.matchAll(re)].map((m) => m[1]!.toLowerCase()).sort();
  const ourTo = pick(/^ {2}To: .*<([^>]+)> {2}\(maintainer/gm);
  const ourMaintainersCc = pick(/^ {2}Cc: (?:.*<)?([^<>\s]+@[^<>\s]+?)>? {2}\((?:reviewer|list):/gm);

  const r = await b4(dir, ['prep', '--auto-to-cc']);
  assert.equal(r.code, 0, r.stderr);
  const cover = await git(dir, ['config', '--get', 'branch.feat.description']);
  const b4To = [...cover.matchAll(/^To: (?:.*<)?([^<>\s]+@[^<>\s]+?)>?$/gm)].map((m) => m[1]!.toLowerCase()).sort();
  const b4Cc = [...cover.matchAll(/^Cc: (?:.*<)?([^<>\s]+@[^<>\s]+?)>?$/gm)].map((m) => m[1]!.toLowerCase()).sort();
  assert.deepEqual(ourTo, ['bar@example.org', 'mai@example.org']);
  // The same people; b4 0.12 puts reviewers in To (get_maintainer --nol), patchsmith Cc's them.
  assert.deepEqual([...ourTo, ...ourMaintainersCc].sort(), [...b4To, ...b4Cc].sort());
  for (const m of ourTo) assert.ok(b4To.includes(m), `${m} in b4's To`);
  for (const l of ['bar-list@lists.example.org', 'foo-list@vger.example.org']) assert.ok(b4Cc.includes(l) && ourMaintainersCc.includes(l));
});
