/**
 * The whole CLI flow on real parts: a git repository with MAINTAINERS, `patchsmith series
 * start`, the cover letter edited in $GIT_EDITOR, `format` (real git format-patch), `send`
 * through real git send-email to a real SMTP server on 127.0.0.1, `trailers` from real reply
 * mails (quoted-printable, RFC 2047 names, quoted patches), `reroll` (real git range-diff) and
 * the v2 sent with its changelog and the link to v1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { commit, git, removeRepo } from '../helpers/gitRepo';
import { buildCli } from '../helpers/buildCli';
import { encodedWord, mbox, quote, repoRoot, replyMail, runCli, seriesRepo, startSmtp, writingEditor, type Received, type Smtp } from './harness';

let cli = '';
let dir = '';
let smtp: Smtp;

before(async () => {
  cli = await buildCli(repoRoot);
  dir = await seriesRepo();
  smtp = await startSmtp();
  await git(dir, ['config', 'sendemail.smtpServer', '127.0.0.1']);
  await git(dir, ['config', 'sendemail.smtpServerPort', String(smtp.port)]);
});

after(async () => {
  await smtp?.close();
  if (dir) await removeRepo(dir);
});

const series = (args: string[], env: Record<string, string> = {}) => runCli(cli, dir, ['series', ...args], env);

function addresses(value: string | undefined): string[] {
  return [...(value ?? '').matchAll(/<([^>]+)>|([^\s,<>]+@[^\s,<>]+)/g)].map((m) => (m[1] ?? m[2])!.toLowerCase()).sort();
}

function msgid(r: Received): string {
  return (r.headers.get('message-id') ?? '').replace(/[<>]/g, '');
}

async function tracking(): Promise<{ series: { revision: number; history?: Record<string, string[]> } }> {
  return JSON.parse(await git(dir, ['config', '--get', 'branch.feat.b4-tracking']));
}

async function messageOf(rev: string): Promise<string> {
  return git(dir, ['log', '-1', '--format=%B', rev]);
}

test('series: from a branch to v1 on the list, trailers from the replies, v2 with its changelog', async (t) => {
  let v1: Received[] = [];
  const mainSha = (await git(dir, ['rev-parse', 'main'])).trim();

  await t.test('start enrols the branch where b4 prep keeps it', async () => {
    const r = await series(['start']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /enrolled 'feat' as a series: v1, base main/);
    assert.equal((await git(dir, ['config', '--get', 'branch.feat.b4-prep-cover-strategy'])).trim(), 'branch-description');
    assert.match(await git(dir, ['config', '--get', 'branch.feat.description']), /^EDITME: cover title for feat\n/);
    const again = await series(['start']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already a series/);
  });

  await t.test('format reports the template placeholders until the cover letter is written', async () => {
    const r = await series(['format']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /COVER_LETTER_TEMPLATE/);
  });

  await t.test('cover --edit runs git\'s editor and stores the result', async () => {
    const editor = await writingEditor(
      dir,
      'foo: count the foos\n\n# a note to myself\nThis series counts the foos, with a helper from bar.\n\nCc: Extra Person <extra@example.org>\n\nSigned-off-by: Ann Dev <ann@example.org>\n',
    );
    const r = await series(['cover', '--edit'], { GIT_EDITOR: editor });
    assert.equal(r.code, 0, r.stderr);
    const shown = await series(['cover']);
    assert.match(shown.stdout, /^foo: count the foos\n\n# a note to myself\n/);
  });

  await t.test('format: cover letter, base-commit, change-id, threading, MAINTAINERS and trailer recipients', async () => {
    const r = await series(['format']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const files = (await fs.readdir(path.join(dir, 'outgoing', 'v1'))).sort();
    assert.deepEqual(files, ['0000-cover-letter.patch', '0001-foo-add-a-counter.patch', '0002-bar-export-the-bar-helper.patch', '0003-foo-use-the-bar-helper.patch']);
    const cover = await fs.readFile(path.join(dir, 'outgoing', 'v1', files[0]!), 'utf8');
    assert.match(cover, /^Subject: \[PATCH 0\/3\] foo: count the foos$/m);
    assert.doesNotMatch(cover, /a note to myself|^Cc: Extra Person <extra@example.org>$/m);
    const tracked = await tracking();
    const changeId = (tracked.series as unknown as Record<string, string>)['change-id'];
    assert.match(cover, new RegExp(`^base-commit: ${mainSha}\nchange-id: ${changeId}$`, 'm'));
    assert.match(r.stdout, /To: Mai Ntainer <mai@example.org>  \(maintainer: FOO DRIVER\)/);
    assert.match(r.stdout, /To: Bar Boss <bar@example.org>  \(maintainer: BAR LIBRARY\)/);
    assert.match(r.stdout, /Cc: Extra Person <extra@example.org>  \(cover\)/);
    assert.match(r.stdout, /Cc: Rev Iewer <rev@example.org>  \(reviewer: FOO DRIVER\)/);
    assert.match(r.stdout, /Cc: Old Reviewer <old@example.org>  \(Reviewed-by\)/);
    assert.doesNotMatch(r.stdout, /ann@example.org/);
  });

  await t.test('send refuses without confirmation off a terminal, and --dry-run sends nothing', async () => {
    const r = await series(['send']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a terminal \(use --yes\)/);
    const d = await series(['send', '--dry-run']);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /dry run: would send 4 messages/);
    assert.equal(smtp.received.length, 0);
  });

  await t.test('send --yes: git send-email delivers the series, threaded to the cover letter', async () => {
    const r = await series(['send', '--yes']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    v1 = smtp.received.splice(0);
    assert.equal(v1.length, 4);
    assert.deepEqual(
      v1.map((m) => m.headers.get('subject')),
      ['[PATCH 0/3] foo: count the foos', '[PATCH 1/3] foo: add a counter', '[PATCH 2/3] bar: export the bar helper', '[PATCH 3/3] foo: use the bar helper'],
    );
    const cover = msgid(v1[0]!);
    for (const m of v1.slice(1)) assert.equal(m.headers.get('in-reply-to'), `<${cover}>`);
    for (const m of v1) {
      assert.deepEqual(addresses(m.headers.get('to')), ['bar@example.org', 'mai@example.org']);
      assert.deepEqual(addresses(m.headers.get('cc')), ['bar-list@lists.example.org', 'extra@example.org', 'foo-list@vger.example.org', 'old@example.org', 'rev@example.org']);
      assert.deepEqual([...m.rcptTo].sort(), [...addresses(m.headers.get('to')), ...addresses(m.headers.get('cc'))].sort());
    }
    assert.match(v1[0]!.body, /This series counts the foos/);
    assert.match(v1[2]!.body, /The foo driver needs it for the counter\.[\s\S]*\+int bar_helper\(void\)/);
    const tracked = await tracking();
    assert.deepEqual(tracked.series.history, { v1: [cover] });
    assert.equal((await git(dir, ['rev-parse', 'sent/feat-v1^{commit}'])).trim(), (await git(dir, ['rev-parse', 'feat'])).trim());
  });

  await t.test('trailers: replies matched by Message-Id, patch-id and the cover letter, b4\'s order, own Signed-off-by last', async () => {
    const [c, m1, m2] = v1.map(msgid) as [string, string, string];
    const diff3 = v1[3]!.body.slice(v1[3]!.body.indexOf('diff --git'));
    const replies = [
      replyMail({
        // Another address than in the trailer: taken because the decoded name is the same (as b4).
        from: `${encodedWord('Jörg Müller')} <jm@mail.example.net>`,
        subject: 'Re: [PATCH 1/3] foo: add a counter',
        messageId: 'r1@example.org',
        inReplyTo: m1,
        references: [c, m1],
        body: `On Mon, Dec 2, Ann Dev wrote:\n${quote(v1[1]!.body)}\n\nLooks right.\n\nReviewed-by: Jörg Müller <joerg@example.org>\n\n-- \nJörg\n`,
      }),
      replyMail({
        from: 'Mai Ntainer <mai@example.org>',
        subject: 'Re: [PATCH 0/3] foo: count the foos',
        messageId: 'r2@example.org',
        inReplyTo: c,
        references: [c],
        body: `Someone wrote:\n> Tested-by: Quoted Tester <qt@example.org>\n\nFor the whole series:\nAcked-by: Mai Ntainer <mai@example.org>\n`,
      }),
      replyMail({
        from: 'Old Reviewer <old@example.org>',
        subject: 'Re: [PATCH 2/3] bar: export the bar helper',
        messageId: 'r3@example.org',
        inReplyTo: m2,
        references: [c, m2],
        body: 'Still fine.\n\nReviewed-by: Old Reviewer <old@example.org>\nAcked-by: Someone Else <else@example.org>\n',
      }),
      replyMail({
        from: `${encodedWord('Jörg Müller')} <joerg@example.org>`,
        subject: 'Re: [PATCH 1/3] foo: add a counter',
        messageId: 'r4@example.org',
        inReplyTo: 'r1@example.org',
        references: [c, m1, 'r1@example.org'],
        body: 'Oops, once more:\n\nReviewed-by: Jörg Müller <joerg@example.org>\n',
      }),
      replyMail({
        // No threading headers, no quoted diff: matched by its subject.
        from: 'Sub Ject <sub@example.org>',
        subject: 'Re: [PATCH 2/3] bar: export the bar helper',
        messageId: 'r8@example.org',
        body: 'Works here.\n\nTested-by: Sub Ject <sub@example.org>\n',
      }),
      replyMail({
        from: 'Tess Ter <tess@example.org>',
        subject: 'question about the helper',
        messageId: 'r5@example.org',
        body: `I tried this:\n\n${quote(diff3)}\n\nTested-by: Tess Ter <tess@example.org>\n`,
      }),
    ];
    const box = path.join(dir, '..', `${path.basename(dir)}-v1.mbox`);
    await fs.writeFile(box, mbox([...v1.map((m) => m.raw), ...replies]));
    try {
      const before = (await git(dir, ['rev-parse', 'feat'])).trim();
      const dry = await series(['trailers', '--from', box, '--dry-run']);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /\+ Reviewed-by: Jörg Müller <joerg@example.org>/);
      assert.equal((await git(dir, ['rev-parse', 'feat'])).trim(), before, '--dry-run changes nothing');

      await fs.appendFile(path.join(dir, 'lib/bar.c'), '/* wip */\n');
      const dirty = await series(['trailers', '--from', box]);
      assert.equal(dirty.code, 2);
      assert.match(dirty.stderr, /uncommitted changes/);
      await git(dir, ['checkout', '--', 'lib/bar.c']);

      const r = await series(['trailers', '--from', box]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const backup = /kept as (refs\/patchsmith\/backup\/\S+)/.exec(r.stdout)?.[1];
      assert.ok(backup, r.stdout);
      assert.equal((await git(dir, ['rev-parse', backup!])).trim(), before);
      const tail = async (rev: string) => (await messageOf(rev)).trim().split('\n\n').pop();
      assert.equal(await tail('feat~2'), 'Reviewed-by: Jörg Müller <joerg@example.org>\nAcked-by: Mai Ntainer <mai@example.org>\nSigned-off-by: Ann Dev <ann@example.org>');
      assert.equal(await tail('feat~1'), 'Reviewed-by: Old Reviewer <old@example.org>\nTested-by: Sub Ject <sub@example.org>\nAcked-by: Mai Ntainer <mai@example.org>\nSigned-off-by: Ann Dev <ann@example.org>');
      // b4's order: the patch's own replies, then the cover letter's.
      assert.equal(await tail('feat'), 'Tested-by: Tess Ter <tess@example.org>\nAcked-by: Mai Ntainer <mai@example.org>\nSigned-off-by: Ann Dev <ann@example.org>');
      assert.match(r.stdout, /ignored: Acked-by: Someone Else <else@example.org> \(sent by Old Reviewer <old@example.org>/);
      assert.doesNotMatch(await git(dir, ['log', '--format=%B', 'main..feat']), /else@example.org|qt@example.org/);
      assert.equal((await git(dir, ['diff', before, 'feat'])).trim(), '', 'only the messages change');
      assert.equal((await git(dir, ['status', '--porcelain', '--untracked-files=no'])).trim(), '');

      const again = await series(['trailers', '--from', box]);
      assert.match(again.stdout, /no new trailers/);

      const status = await series(['status']);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      assert.match(status.stdout, /1\. [0-9a-f]{12} foo: add a counter {2}A1 R1 T0/);
      assert.match(status.stdout, /3\. [0-9a-f]{12} foo: use the bar helper {2}A1 R0 T1/);
      assert.match(status.stdout, /2\. [0-9a-f]{12} bar: export the bar helper {2}A1 R1 T1/);
      assert.match(status.stdout, /Cc: Jörg Müller <joerg@example.org>  \(Reviewed-by\)/);
    } finally {
      await fs.rm(box, { force: true });
    }
  });

  await t.test('reroll: v2 with "Changes in v2:" from range-diff and the link to v1; send v2', async () => {
    await commit(dir, { message: 'foo: document the counter\n\nSay what it counts.\n\nSigned-off-by: Ann Dev <ann@example.org>\n', files: { 'drivers/foo/README': 'foo_count counts the foos.\n' } });
    const r = await series(['reroll']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await tracking()).series.revision, 2);
    const coverText = (await series(['cover'])).stdout;
    const link = `https://lore.kernel.org/r/${msgid(v1[0]!)}`;
    assert.match(coverText, /\n---\nChanges in v2:\n- EDITME: describe what is new in this series revision\.\n/);
    assert.match(coverText, /- 4\/4 "foo: document the counter": new\n/);
    assert.match(coverText, /- 1\/4 "foo: add a counter": changed\n/);
    assert.ok(coverText.includes(`- Link to v1: ${link}\n`), coverText);

    const blocked = await series(['send', '--yes']);
    assert.equal(blocked.code, 1, 'the EDITME line is a check error');
    assert.match(blocked.stderr, /not sending: check found/);
    assert.equal(smtp.received.length, 0);

    const sed = path.join(dir, '..', `${path.basename(dir)}-sed.sh`);
    await fs.writeFile(sed, "#!/bin/sh\nsed -i 's/^- EDITME: describe what is new in this series revision\\./- Documented the counter./' \"$1\"\n", { mode: 0o755 });
    try {
      assert.equal((await series(['cover', '--edit'], { GIT_EDITOR: sed })).code, 0);
    } finally {
      await fs.rm(sed, { force: true });
    }
    const sent = await series(['send', '--yes']);
    assert.equal(sent.code, 0, sent.stdout + sent.stderr);
    const v2 = smtp.received.splice(0);
    assert.deepEqual(
      v2.map((m) => m.headers.get('subject')),
      ['[PATCH v2 0/4] foo: count the foos', '[PATCH v2 1/4] foo: add a counter', '[PATCH v2 2/4] bar: export the bar helper', '[PATCH v2 3/4] foo: use the bar helper', '[PATCH v2 4/4] foo: document the counter'],
    );
    for (const m of v2.slice(1)) assert.equal(m.headers.get('in-reply-to'), `<${msgid(v2[0]!)}>`);
    assert.ok(v2[0]!.body.includes(`Changes in v2:\n- Documented the counter.\n`), v2[0]!.body);
    assert.ok(v2[0]!.body.includes(`- Link to v1: ${link}`));
    assert.deepEqual(addresses(v2[0]!.headers.get('cc')), ['bar-list@lists.example.org', 'extra@example.org', 'foo-list@vger.example.org', 'joerg@example.org', 'old@example.org', 'rev@example.org', 'sub@example.org', 'tess@example.org']);
    assert.match(v2[1]!.body, /Reviewed-by: Jörg Müller <joerg@example.org>\nAcked-by: Mai Ntainer <mai@example.org>\nSigned-off-by: Ann Dev <ann@example.org>/);

    // A late reply to v1 does not count for v2; a reply to v2 does.
    const late = replyMail({
      from: 'Late Tester <late@example.org>',
      subject: 'Re: [PATCH 1/3] foo: add a counter',
      messageId: 'r6@example.org',
      inReplyTo: msgid(v1[1]!),
      references: [msgid(v1[0]!), msgid(v1[1]!)],
      body: 'Tested-by: Late Tester <late@example.org>\n',
    });
    const onV2 = replyMail({
      from: 'Rev Iewer <rev@example.org>',
      subject: 'Re: [PATCH v2 4/4] foo: document the counter',
      messageId: 'r7@example.org',
      inReplyTo: msgid(v2[4]!),
      references: [msgid(v2[0]!), msgid(v2[4]!)],
      body: `${quote('Say what it counts.')}\n\nReviewed-by: Rev Iewer <rev@example.org>\n`,
    });
    const box = path.join(dir, '..', `${path.basename(dir)}-v2.mbox`);
    await fs.writeFile(box, mbox([late, onV2]));
    try {
      const tr = await series(['trailers', '--from', box]);
      assert.equal(tr.code, 0, tr.stderr);
      assert.match(tr.stdout, /skipped: a reply to v1 from Late Tester/);
      assert.doesNotMatch(await git(dir, ['log', '--format=%B', 'main..feat']), /late@example.org/);
      assert.match(await messageOf('feat'), /Reviewed-by: Rev Iewer <rev@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n/);
    } finally {
      await fs.rm(box, { force: true });
    }
  });

  await t.test('send --to-self delivers only to the sender and records nothing', async () => {
    const before = await tracking();
    const r = await series(['send', '--yes', '--to-self']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const got = smtp.received.splice(0);
    assert.equal(got.length, 5);
    for (const m of got) assert.deepEqual(m.rcptTo, ['ann@example.org']);
    assert.deepEqual(await tracking(), before);
  });
});
