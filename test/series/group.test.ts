import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { groupSeries, groupStats, PlanMemory, type SeriesInput } from '../../server/src/series/group';
import type { Series } from '../../server/src/rules/types';

interface MailOpts {
  subject: string;
  id?: string;
  replyTo?: string;
  refs?: string[];
  body?: string;
}

/** A small hand-written format-patch mail. */
function mail(o: MailOpts): string {
  const headers = [
    'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
    ...(o.id ? [`Message-Id: <${o.id}>`] : []),
    ...(o.replyTo ? [`In-Reply-To: <${o.replyTo}>`] : []),
    ...(o.refs?.length ? [`References: ${o.refs.map((r) => `<${r}>`).join(' ')}`] : []),
    'From: Ada Lovelace <ada@example.org>',
    'Date: Mon, 3 Jun 2024 10:00:00 +0200',
    `Subject: ${o.subject}`,
  ];
  const isCover = /\b0+\/\d+\]/.test(o.subject);
  const body = isCover
    ? ['', o.body ?? 'The blurb.', '', '-- ', '2.39.5', '']
    : [
        '',
        o.body ?? 'Explain the change.',
        '',
        'Signed-off-by: Ada Lovelace <ada@example.org>',
        '---',
        ' a.c | 1 +',
        ' 1 file changed, 1 insertion(+)',
        '',
        'diff --git a/a.c b/a.c',
        '--- a/a.c',
        '+++ b/a.c',
        '@@ -1 +1,2 @@',
        ' int a;',
        '+int b;',
        '-- ',
        '2.39.5',
        '',
      ];
  return [...headers, ...body].join('\n');
}

function input(file: string, ...mails: string[]): SeriesInput {
  return { file, doc: parsePatch(mails.join('\n')) };
}

function shape(all: Series[]): string[] {
  return all.map(
    (s) =>
      `${s.key} | v${s.version} total=${s.total} cover=${s.cover ? 'yes' : 'no'} | ` +
      s.items.map((i) => `${i.file.split('/').pop()}#${i.msg.subject?.number ?? '-'}`).join(' '),
  );
}

test('two versions in one folder, v1 without cover and threading, v2 with cover and threading', () => {
  const all = groupSeries([
    input('out/v1-0001.patch', mail({ subject: '[PATCH 1/2] foo: add bar' })),
    input('out/v1-0002.patch', mail({ subject: '[PATCH 2/2] foo: use bar' })),
    input('out/v2-0000.patch', mail({ subject: '[PATCH v2 0/2] foo: bar helper', id: 'c2@x' })),
    input('out/v2-0001.patch', mail({ subject: '[PATCH v2 1/2] foo: add bar', id: 'p1@x', replyTo: 'c2@x', refs: ['c2@x'] })),
    input('out/v2-0002.patch', mail({ subject: '[PATCH v2 2/2] foo: use bar', id: 'p2@x', replyTo: 'c2@x', refs: ['c2@x'] })),
  ]);
  assert.deepEqual(shape(all), [
    'v1 of foo: add bar | v1 total=2 cover=no | v1-0001.patch#1 v1-0002.patch#2',
    'v2 of foo: bar helper | v2 total=2 cover=yes | v2-0000.patch#0 v2-0001.patch#1 v2-0002.patch#2',
  ]);
});

test('items are ordered cover first, then by number, whatever the input order', () => {
  const all = groupSeries([
    input('s/0003.patch', mail({ subject: '[PATCH 3/3] c: three' })),
    input('s/0001.patch', mail({ subject: '[PATCH 1/3] a: one' })),
    input('s/0000.patch', mail({ subject: '[PATCH 0/3] the series' })),
    input('s/0002.patch', mail({ subject: '[PATCH 2/3] b: two' })),
  ]);
  assert.deepEqual(shape(all), ['v1 of the series | v1 total=3 cover=yes | 0000.patch#0 0001.patch#1 0002.patch#2 0003.patch#3']);
});

test('an mbox with several messages, two series and a stray single patch', () => {
  const all = groupSeries([
    input(
      'inbox/thread.mbox',
      mail({ subject: '[PATCH v3 0/2] net: tidy', id: 'c3@x' }),
      mail({ subject: '[PATCH v3 1/2] net: one', id: 'a@x', replyTo: 'c3@x', refs: ['c3@x'] }),
      mail({ subject: '[PATCH] misc: unrelated fix' }),
      mail({ subject: '[PATCH v3 2/2] net: two', id: 'b@x', replyTo: 'c3@x', refs: ['c3@x'] }),
      mail({ subject: '[RFC PATCH 1/2] mm: idea', id: 'r1@x' }),
      mail({ subject: '[RFC PATCH 2/2] mm: more', id: 'r2@x', replyTo: 'r1@x', refs: ['r1@x'] }),
    ),
  ]);
  assert.deepEqual(shape(all), [
    'v3 of net: tidy | v3 total=2 cover=yes | thread.mbox#0 thread.mbox#1 thread.mbox#2',
    'v1 of misc: unrelated fix | v1 total=null cover=no | thread.mbox#-',
    'v1 of mm: idea | v1 total=2 cover=no | thread.mbox#1 thread.mbox#2',
  ]);
  assert.equal(all[0]!.cover?.msg.subject?.number, 0);
});

test('threading wins over a wrong version or total, so the series rules can report it', () => {
  const all = groupSeries([
    input('a/0000.patch', mail({ subject: '[PATCH v2 0/3] x: cover', id: 'c@x' })),
    input('a/0001.patch', mail({ subject: '[PATCH v2 1/3] x: one', id: '1@x', replyTo: 'c@x', refs: ['c@x'] })),
    input('a/0002.patch', mail({ subject: '[PATCH v3 2/3] x: two', id: '2@x', replyTo: 'c@x', refs: ['c@x'] })),
    input('a/0003.patch', mail({ subject: '[PATCH v2 3/4] x: three', id: '3@x', replyTo: 'c@x', refs: ['c@x'] })),
  ]);
  assert.equal(all.length, 1);
  assert.equal(all[0]!.items.length, 4);
});

test('deep threading (--chain-reply-to) still finds the cover through References', () => {
  const all = groupSeries([
    input('d/0000.patch', mail({ subject: '[PATCH 0/3] y: cover', id: 'c@y' })),
    input('d/0001.patch', mail({ subject: '[PATCH 1/3] y: one', id: '1@y', replyTo: 'c@y', refs: ['c@y'] })),
    input('d/0002.patch', mail({ subject: '[PATCH 2/3] y: two', id: '2@y', replyTo: '1@y', refs: ['c@y', '1@y'] })),
    input('d/0003.patch', mail({ subject: '[PATCH 3/3] y: three', id: '3@y', replyTo: '2@y', refs: ['c@y', '1@y', '2@y'] })),
  ]);
  assert.deepEqual(shape(all), ['v1 of y: cover | v1 total=3 cover=yes | 0000.patch#0 0001.patch#1 0002.patch#2 0003.patch#3']);
});

test('a new version sent in reply to the old cover is still its own series', () => {
  const all = groupSeries([
    input('e/v1-0000.patch', mail({ subject: '[PATCH 0/2] z: cover', id: 'c1@z' })),
    input('e/v1-0001.patch', mail({ subject: '[PATCH 1/2] z: one', id: 'a1@z', replyTo: 'c1@z', refs: ['c1@z'] })),
    input('e/v1-0002.patch', mail({ subject: '[PATCH 2/2] z: two', id: 'b1@z', replyTo: 'c1@z', refs: ['c1@z'] })),
    input('e/v2-0000.patch', mail({ subject: '[PATCH v2 0/2] z: cover', id: 'c2@z', replyTo: 'c1@z', refs: ['c1@z'] })),
    input('e/v2-0001.patch', mail({ subject: '[PATCH v2 1/2] z: one', id: 'a2@z', replyTo: 'c2@z', refs: ['c1@z', 'c2@z'] })),
    input('e/v2-0002.patch', mail({ subject: '[PATCH v2 2/2] z: two', id: 'b2@z', replyTo: 'c2@z', refs: ['c1@z', 'c2@z'] })),
  ]);
  assert.deepEqual(shape(all), [
    'v1 of z: cover | v1 total=2 cover=yes | v1-0000.patch#0 v1-0001.patch#1 v1-0002.patch#2',
    'v2 of z: cover | v2 total=2 cover=yes | v2-0000.patch#0 v2-0001.patch#1 v2-0002.patch#2',
  ]);
});

test('the same series in two folders gives two series with distinct keys; cover found without threading', () => {
  const files = (dir: string): SeriesInput[] => [
    input(`${dir}/0000.patch`, mail({ subject: '[PATCH 0/2] w: cover' })),
    input(`${dir}/0001.patch`, mail({ subject: '[PATCH 1/2] w: one' })),
    input(`${dir}/0002.patch`, mail({ subject: '[PATCH 2/2] w: two' })),
  ];
  const all = groupSeries([...files('p/a'), ...files('p/b')]);
  assert.deepEqual(
    all.map((s) => [s.key, s.items.map((i) => i.file)]),
    [
      ['v1 of w: cover', ['p/a/0000.patch', 'p/a/0001.patch', 'p/a/0002.patch']],
      ['v1 of w: cover (p/b)', ['p/b/0000.patch', 'p/b/0001.patch', 'p/b/0002.patch']],
    ],
  );
});

test('messages without a counter and bare commit messages are single series; keys are stable', () => {
  const items = [
    input('x/fix.patch', mail({ subject: '[PATCH v4] k: fix it' })),
    { file: 'x/COMMIT_EDITMSG', doc: parsePatch('k: a title\n\nA body.\n', { commitMessage: true }) },
    input('x/re.mbox', mail({ subject: 'Re: [PATCH 1/2] k: one', id: 're@x' })),
  ];
  const all = groupSeries(items);
  assert.deepEqual(
    all.map((s) => [s.key, s.version, s.total, s.items.length, s.cover]),
    [
      ['v4 of k: fix it', 4, null, 1, null],
      ['v1 of k: a title', 1, null, 1, null],
      ['v1 of k: one', 1, null, 1, null],
    ],
  );
  assert.deepEqual(
    groupSeries(items).map((s) => s.key),
    all.map((s) => s.key),
  );
  assert.deepEqual(groupSeries([]), []);
});

test('a folder of unrelated patches that keep their old counters is not one series', () => {
  // OpenWrt's backport folders, a download directory: no threading, names that are not git
  // format-patch's numbering of these counters.
  const all = groupSeries([
    input('backport/752-v5.8-net-dsa-one.patch', mail({ subject: '[PATCH 4/4] net: dsa: one' })),
    input('backport/753-v5.8-net-dsa-two.patch', mail({ subject: '[PATCH 2/4] net: dsa: two' })),
    input('backport/0001-x-three.patch', mail({ subject: '[PATCH 4/4] x: three' })),
  ]);
  assert.deepEqual(shape(all), [
    'v1 of net: dsa: one | v1 total=4 cover=no | 752-v5.8-net-dsa-one.patch#4',
    'v1 of net: dsa: two | v1 total=4 cover=no | 753-v5.8-net-dsa-two.patch#2',
    'v1 of x: three | v1 total=4 cover=no | 0001-x-three.patch#4',
  ]);
});

test('git format-patch names (also with -v) tie a folder\'s patches; an mbox ties its own messages', () => {
  const all = groupSeries([
    input('o/v3-0002-b.patch', mail({ subject: '[PATCH v3 2/3] b' })),
    input('o/v3-0003-c.patch', mail({ subject: '[PATCH v3 3/3] c' })),
    input('o/v2-0003-c.patch', mail({ subject: '[PATCH v3 3/3] c, renamed by hand' })),
    input('o/saved.mbox', mail({ subject: '[PATCH 1/2] m: one' }), mail({ subject: '[PATCH 2/2] m: two' })),
  ]);
  assert.deepEqual(shape(all), [
    'v3 of b | v3 total=3 cover=no | v3-0002-b.patch#2 v3-0003-c.patch#3',
    'v3 of c, renamed by hand | v3 total=3 cover=no | v2-0003-c.patch#3',
    'v1 of m: one | v1 total=2 cover=no | saved.mbox#1 saved.mbox#2',
  ]);
});

test('patches threaded to a cover letter that is not there are one series', () => {
  const all = groupSeries([
    input('t/a.eml', mail({ subject: '[PATCH 1/3] t: one', id: '1@t', replyTo: 'gone@t', refs: ['gone@t'] })),
    input('t/b.eml', mail({ subject: '[PATCH 3/3] t: three', id: '3@t', replyTo: 'gone@t', refs: ['gone@t'] })),
    input('t/c.eml', mail({ subject: '[PATCH 2/3] u: other thread', id: '2@u', replyTo: 'other@u', refs: ['other@u'] })),
  ]);
  assert.deepEqual(shape(all), [
    'v1 of t: one | v1 total=3 cover=no | a.eml#1 b.eml#3',
    'v1 of u: other thread | v1 total=3 cover=no | c.eml#2',
  ]);
});

test('PlanMemory: a regrouping after edits that change no summary is the one before; an edit that does is grouped again, as without memory', () => {
  // Enough messages to be remembered: 400 series of a cover and two patches, threaded.
  const mails: string[] = [];
  for (let k = 0; k < 400; k++) {
    mails.push(mail({ subject: `[PATCH v2 0/2] foo${k}: bar helper`, id: `c${k}@x` }));
    mails.push(mail({ subject: `[PATCH v2 1/2] foo${k}: add bar`, id: `p${k}.1@x`, replyTo: `c${k}@x`, refs: [`c${k}@x`] }));
    mails.push(mail({ subject: `[PATCH v2 2/2] foo${k}: use bar`, id: `p${k}.2@x`, replyTo: `c${k}@x`, refs: [`c${k}@x`] }));
  }
  const memory = new PlanMemory();
  const first = groupSeries([input('untitled:all.mbox', ...mails)], memory);
  assert.equal(first.length, 400);
  assert.deepEqual(shape(first), shape(groupSeries([input('untitled:all.mbox', ...mails)])));
  // A body edit (a new model, the same summaries): the same plans, items of the new model.
  const body = mails.slice();
  body[5] = body[5]!.replace('Explain the change.', 'Explain the change better.');
  const edited = input('untitled:all.mbox', ...body);
  const before = groupStats.plans;
  const again = groupSeries([edited], memory);
  assert.equal(groupStats.plans, before, 'not grouped again');
  assert.deepEqual(shape(again), shape(first));
  assert.equal(again[1]!.items[2]!.doc, edited.doc);
  assert.equal(again[1]!.items[2]!.msg, edited.doc.messages[5]);
  // Subject, numbering and threading edits: grouped as without memory.
  const edits: [number, string, string][] = [
    [4, '[PATCH v2 1/2] foo1: add bar', '[PATCH v2 1/2] foo1: add baz'],
    [8, '[PATCH v2 2/2] foo2: use bar', '[PATCH v3 2/2] foo2: use bar'],
    [11, 'In-Reply-To: <c3@x>', 'In-Reply-To: <c2@x>'],
  ];
  let text = body;
  for (const [at, from, to] of edits) {
    text = text.slice();
    assert.ok(text[at]!.includes(from), from);
    text[at] = text[at]!.replace(from, to);
    const runs = groupStats.plans;
    const remembered = groupSeries([input('untitled:all.mbox', ...text)], memory);
    assert.equal(groupStats.plans, runs + 1, `grouped again after ${to}`);
    assert.deepEqual(shape(remembered), shape(groupSeries([input('untitled:all.mbox', ...text)])), to);
  }
  // Another file name: grouped again.
  assert.deepEqual(shape(groupSeries([input('out/x.mbox', ...text)], memory)), shape(groupSeries([input('out/x.mbox', ...text)])));
});
