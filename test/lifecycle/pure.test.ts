/** The pure parts of the series engine: reply trailers, b4's placement, range-diff lines, cover text, mail decoding, storage JSON. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { replyTrailers } from '../../server/src/lifecycle/replyTrailers';
import { applyTrailers } from '../../server/src/lifecycle/applyTrailers';
import { parseRangeDiff } from '../../server/src/lifecycle/rangeDiff';
import { addChangeId, changelogSection, coverParts, insertChangelog } from '../../server/src/lifecycle/cover';
import { parseMail, readMailbox, splitMbox } from '../../server/src/lifecycle/mailbox';
import { makeChangeId, parseTracking, serializeTracking, subjectPrefix } from '../../server/src/lifecycle/model';
import { fromSender } from '../../server/src/lifecycle/collectTrailers';
import { formatAddress } from '../../server/src/lifecycle/recipients';

test('replyTrailers: unquoted lines above the signature; person trailers need an address; no URLs', () => {
  const body = [
    'On Monday Ann wrote:',
    '> Signed-off-by: Ann Dev <ann@example.org>',
    '> Reviewed-by: Quoted <q@example.org>',
    '',
    'Note: this is fine',
    'Reviewed-by: Rev Iewer <rev@example.org>',
    'Tested-by: Tess Ter',
    '<tess@example.org>',
    'Acked-by: nobody',
    'Fixes: 1234567890ab ("foo: bar")',
    'Link: https://example.org/x',
    'Cc: Someone <s@example.org>',
    '-- ',
    'Reviewed-by: Sig Nature <sig@example.org>',
  ].join('\n');
  assert.deepEqual(replyTrailers(body), [
    { key: 'Reviewed-by', value: 'Rev Iewer <rev@example.org>' },
    { key: 'Tested-by', value: 'Tess Ter <tess@example.org>' },
    { key: 'Fixes', value: '1234567890ab ("foo: bar")' },
    { key: 'Cc', value: 'Someone <s@example.org>' },
  ]);
});

test('applyTrailers: existing kept, new in order received, no duplicates, own Signed-off-by last', () => {
  const msg = 'foo: bar\n\nBody.\n\nReported-by: R <r@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n';
  const r = applyTrailers(
    msg,
    [
      { key: 'Reviewed-by', value: 'X <x@example.org>' },
      { key: 'reviewed-by', value: 'X Again <X@example.org>' },
      { key: 'Reported-by', value: 'R <r@example.org>' },
      { key: 'Acked-by', value: 'Y <y@example.org>' },
    ],
    'ann@example.org',
  );
  assert.equal(r.message, 'foo: bar\n\nBody.\n\nReported-by: R <r@example.org>\nReviewed-by: X <x@example.org>\nAcked-by: Y <y@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n');
  assert.equal(r.added.length, 2);
  // Nothing new: the message is returned unchanged.
  assert.equal(applyTrailers(r.message, [{ key: 'Acked-by', value: 'Y <y@example.org>' }], 'ann@example.org').message, r.message);
  // No trailer block yet: a new paragraph.
  assert.equal(applyTrailers('foo: bar\n\nBody.\n', [{ key: 'Acked-by', value: 'Y <y@example.org>' }], null).message, 'foo: bar\n\nBody.\n\nAcked-by: Y <y@example.org>\n');
});

test('applyTrailers: b4 trailer-order sorts the chain of custody after the last Signed-off-by', () => {
  const msg = 'foo: bar\n\nBody.\n\nSigned-off-by: Other <o@example.org>\nCc: C <c@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n';
  const r = applyTrailers(msg, [{ key: 'Acked-by', value: 'A <a@example.org>' }, { key: 'Tested-by', value: 'T <t@example.org>' }], 'ann@example.org', ['tested*', 'acked*', '*']);
  assert.equal(r.message, 'foo: bar\n\nBody.\n\nSigned-off-by: Other <o@example.org>\nTested-by: T <t@example.org>\nAcked-by: A <a@example.org>\nCc: C <c@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n');
});

test('fromSender: b4\'s from/trailer check by address or decoded name', () => {
  assert.equal(fromSender({ key: 'Reviewed-by', value: 'Jörg Müller <joerg@example.org>' }, 'Jörg Müller <jm@other.example>'), true);
  assert.equal(fromSender({ key: 'Reviewed-by', value: 'J <JOERG@example.org>' }, 'Someone <joerg@example.org>'), true);
  assert.equal(fromSender({ key: 'Acked-by', value: 'Else <else@example.org>' }, 'Old <old@example.org>'), false);
  assert.equal(fromSender({ key: 'Fixes', value: 'abc ("x")' }, 'Old <old@example.org>'), true);
});

test('parseRangeDiff: unchanged, changed, new, dropped', () => {
  const out = [
    '1:  329d283 = 1:  329d283 c1',
    '2:  f35c6af ! 2:  f35c6a0 c2',
    '    @@ Metadata',
    '3:  5c3e351 < -:  ------- c3',
    '-:  ------- > 3:  f66679c c4 new',
  ].join('\n');
  assert.deepEqual(parseRangeDiff(out), [
    { status: 'unchanged', oldIndex: 1, newIndex: 1, subject: 'c1' },
    { status: 'changed', oldIndex: 2, newIndex: 2, subject: 'c2' },
    { status: 'dropped', oldIndex: 3, newIndex: null, subject: 'c3' },
    { status: 'new', oldIndex: null, newIndex: 3, subject: 'c4 new' },
  ]);
});

test('cover text: comments and To/Cc out, change-id after base-commit, changelog sections as b4 places them', () => {
  const parts = coverParts('title\n\n# note\nbody\nTo: A <a@example.org>\ncc: b@example.org\n\n\n\nend\n');
  assert.deepEqual(parts, { text: 'title\n\nbody\n\nend\n', to: ['A <a@example.org>'], cc: ['b@example.org'] });
  assert.equal(addChangeId('x\nbase-commit: abc\n-- \n2.39\n', 'id-1'), 'x\nbase-commit: abc\nchange-id: id-1\n-- \n2.39\n');
  const v2 = changelogSection(2, [{ status: 'new', oldIndex: null, newIndex: 2, subject: 's' }], 2, 'https://lore.kernel.org/r/m@x');
  const once = insertChangelog('title\n\nbody\n', v2);
  assert.equal(once, `title\n\nbody\n\n---\nChanges in v2:\n- EDITME: describe what is new in this series revision.\n- 2/2 "s": new\n- Link to v1: https://lore.kernel.org/r/m@x\n`);
  const twice = insertChangelog(once, changelogSection(3, [], 2, null));
  assert.match(twice, /---\nChanges in v3:\n[\s\S]*- Link to v2: EDITME[^\n]*\n\nChanges in v2:/);
});

test('mail decoding: quoted-printable, base64, multipart, RFC 2047, mbox >From unescaping, maildir', async () => {
  const qp = Buffer.from('From: =?UTF-8?Q?J=C3=B6rg?= <j@example.org>\nSubject: =?ISO-8859-1?Q?Re:_caf=E9?=\nMessage-Id: <a@b>\nIn-Reply-To: <p@b>\nReferences: <c@b>\n <p@b>\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nReviewed-by: J=C3=B6rg <j@example.org>=\n!\n');
  const m = parseMail(qp, 'x');
  assert.equal(m.from, 'Jörg <j@example.org>');
  assert.equal(m.subject, 'Re: café');
  assert.deepEqual([m.messageId, m.inReplyTo, m.references], ['a@b', ['p@b'], ['c@b', 'p@b']]);
  assert.equal(m.body, 'Reviewed-by: Jörg <j@example.org>!\n');
  const multi = Buffer.from(
    'Content-Type: multipart/alternative; boundary="XX"\n\n--XX\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n' +
      Buffer.from('Acked-by: Fran\xe7ois <f@example.org>\n', 'latin1').toString('base64') +
      '\n--XX\nContent-Type: text/html\n\n<p>x</p>\n--XX--\n',
  );
  assert.equal(parseMail(multi, 'y').body, 'Acked-by: François <f@example.org>\n');
  const box = splitMbox(Buffer.from('From x\nSubject: one\n\n>From here\nFrom y\nSubject: two\n\nb\n'), 'box');
  assert.deepEqual(box.map((b) => [b.subject, b.body]), [['one', 'From here\n'], ['two', 'b\n']]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'patchsmith-maildir-'));
  try {
    for (const d of ['cur', 'new', 'tmp']) await fs.mkdir(path.join(dir, d));
    await fs.writeFile(path.join(dir, 'cur', '1:2,S'), 'Subject: seen\n\nx\n');
    await fs.writeFile(path.join(dir, 'new', '2'), 'Subject: unseen\n\ny\n');
    assert.deepEqual((await readMailbox(dir)).map((x) => x.subject), ['seen', 'unseen']);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('storage: b4\'s tracking JSON read and written back with unknown keys kept; prefixes; change-id; addresses', () => {
  const json = JSON.stringify({ series: { revision: 3, 'change-id': 'id', 'base-branch': 'main', prefixes: ['RFC'], history: { v1: ['m1'], v2: ['m2'] }, 'from-thread': 't' }, other: 1 });
  const meta = parseTracking('b', json, 'cover')!;
  assert.equal(meta.revision, 3);
  assert.deepEqual(meta.history, { v1: ['m1'], v2: ['m2'] });
  const back = JSON.parse(serializeTracking({ ...meta, revision: 4 }));
  assert.equal(back.series.revision, 4);
  assert.equal(back.series['from-thread'], 't');
  assert.equal(back.other, 1);
  assert.equal(parseTracking('b', '{"x":1}', ''), null);
  assert.equal(parseTracking('b', 'not json', ''), null);
  assert.equal(subjectPrefix([]), 'PATCH');
  assert.equal(subjectPrefix(['RFC', 'net-next']), 'PATCH RFC net-next');
  assert.equal(subjectPrefix(['kvm-unit-tests PATCH']), 'kvm-unit-tests PATCH');
  assert.equal(makeChangeId('b4/My Branch', new Date('2024-03-05T00:00:00Z'), '0123456789abcdef'), '20240305-my-branch-0123456789ab');
  assert.equal(formatAddress({ name: 'Doe, John', email: 'j@example.org' }), '"Doe, John" <j@example.org>');
});
