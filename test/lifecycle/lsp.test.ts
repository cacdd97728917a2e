/**
 * The editor's path to the series engine: a real LSP client over stdio talking to the real
 * server (dist/server.js), `patchsmith/branchSeries` on a real repository: enrol, edit the cover
 * letter, format (recipients, check), send through git send-email to a real SMTP server, reroll,
 * and the Patch Series view's list. An untrusted workspace gets a refusal, and git never runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { git, removeRepo } from '../helpers/gitRepo';
import { LspTestClient } from '../lsp/lspClient';
import { seriesRepo, startSmtp, type Smtp } from './harness';
import { BranchSeriesRequest, type BranchSeriesResult } from '../../server/src/lsp/protocol';

let dir = '';
let smtp: Smtp;
let client: LspTestClient;

before(async () => {
  dir = await seriesRepo();
  smtp = await startSmtp();
  await git(dir, ['config', 'sendemail.smtpServer', '127.0.0.1']);
  await git(dir, ['config', 'sendemail.smtpServerPort', String(smtp.port)]);
  client = await LspTestClient.start({ root: dir, initializationOptions: { trusted: true } });
});

after(async () => {
  await client?.stop();
  await smtp?.close();
  if (dir) await removeRepo(dir);
});

const ask = (params: unknown) => client.request<BranchSeriesResult>(BranchSeriesRequest, params);

test('branchSeries: enrol, cover, format, send, reroll and the list, over LSP', async () => {
  assert.deepEqual(await ask({ action: 'list' }), { ok: true, series: [] });
  const started = await ask({ action: 'start', root: dir, branch: 'feat' });
  assert.equal(started.ok, true, JSON.stringify(started));

  const cover = await ask({ action: 'cover', root: dir, branch: 'feat' });
  assert.ok(cover.ok && cover.text?.startsWith('EDITME: cover title for feat'));
  const blocked = await ask({ action: 'send', root: dir, branch: 'feat' });
  assert.deepEqual(blocked, { ok: false, message: 'not sent: check found 2 error(s)' });
  assert.equal(smtp.received.length, 0);

  await ask({ action: 'setCover', root: dir, branch: 'feat', text: 'foo: count the foos\n\nCounting.\n\nSigned-off-by: Ann Dev <ann@example.org>\n' });
  const formatted = await ask({ action: 'format', root: dir, branch: 'feat' });
  assert.ok(formatted.ok && formatted.formatted, JSON.stringify(formatted));
  assert.equal(formatted.formatted.errors, 0);
  assert.deepEqual(formatted.formatted.subjects, ['[PATCH 0/3] foo: count the foos', '[PATCH 1/3] foo: add a counter', '[PATCH 2/3] bar: export the bar helper', '[PATCH 3/3] foo: use the bar helper']);
  assert.deepEqual(
    formatted.formatted.recipients.filter((r) => r.header === 'To').map((r) => r.address),
    ['Mai Ntainer <mai@example.org>', 'Bar Boss <bar@example.org>'],
  );

  const sent = await ask({ action: 'send', root: dir, branch: 'feat' });
  assert.equal(sent.ok, true, JSON.stringify(sent));
  assert.equal(smtp.received.length, 4);
  assert.equal(smtp.received[0]!.headers.get('subject'), '[PATCH 0/3] foo: count the foos');

  assert.equal((await ask({ action: 'reroll', root: dir, branch: 'feat' })).ok, true);
  const list = await ask({ action: 'list' });
  assert.ok(list.ok && list.series);
  assert.equal(list.series.length, 1);
  const s = list.series[0]!;
  // v2's cover letter has the reroll's EDITME line: a problem until it is written.
  assert.deepEqual([s.branch, s.version, s.sent, s.current, s.commits.length, s.problems], ['feat', 2, ['v1'], true, 3, 1]);
  assert.deepEqual(s.commits.map((c) => [c.acked, c.reviewed, c.tested]), [[0, 0, 0], [0, 1, 0], [0, 0, 0]]);

  const v2 = await ask({ action: 'format', root: dir, branch: 'feat' });
  assert.ok(v2.ok && v2.formatted);
  assert.match(v2.formatted.subjects[1]!, /^\[PATCH v2 1\/3\]/);
  assert.match(v2.formatted.rangeDiff ?? '', /1: {2}[0-9a-f]+ = 1: {2}[0-9a-f]+ foo: add a counter/);
});

test('branchSeries: refused in an untrusted workspace', async () => {
  const untrusted = await LspTestClient.start({ root: dir, initializationOptions: { trusted: false } });
  try {
    assert.deepEqual(await untrusted.request(BranchSeriesRequest, { action: 'list' }), { ok: false, message: 'git does not run in an untrusted workspace' });
  } finally {
    await untrusted.stop();
  }
});
