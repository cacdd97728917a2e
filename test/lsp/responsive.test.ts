/**
 * The server stays responsive with a huge document: the check runs in a worker thread, so
 * completion, hover and code actions on another document answer while a 20 MB mbox is being
 * checked, and a newer version of that mbox supersedes the older one's check. Ordering is
 * asserted, never durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lineOf, serverInTempFolder, uriOf } from './lspClient';
import { makeMbox } from '../helpers/mbox';

const server = serverInTempFolder('patchsmith-responsive-', { initializationOptions: { trusted: false, debounceMs: 0 } });

const SMALL = [
  'From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001',
  'From: Jane Developer <jane@example.org>',
  'Date: Mon, 23 Nov 2026 10:00:00 +0100',
  'Subject: [PATCH] KVM: x86: Fix the frobnicator.',
  '',
  'The frobnicator mishandled a case.',
  '',
  'Signed-off-by: Jane Developer <jane@example.org>',
  'Revi',
  '---',
  ' arch/x86/kvm/x86.c | 1 +',
  ' 1 file changed, 1 insertion(+)',
  '',
  'diff --git a/arch/x86/kvm/x86.c b/arch/x86/kvm/x86.c',
  'index 0123456789ab..ba9876543210 100644',
  '--- a/arch/x86/kvm/x86.c',
  '+++ b/arch/x86/kvm/x86.c',
  '@@ -1,1 +1,2 @@',
  ' int r;',
  '+int s;',
  '-- ',
  '2.39.5',
  '',
].join('\n');

test('completion, hover and code actions answer while a huge mbox (4 MB here; 20 MB in the bench) is being checked', async () => {
  const small = path.join(server.dir, 'small.patch');
  writeFileSync(small, SMALL);
  const smallUri = uriOf(small);
  await server.client.open(smallUri, SMALL);
  await server.client.waitForDiagnostics(smallUri, (_d, p) => p.version === 1, 'the small patch');

  // An unsaved buffer: no disk, no series folder to read: today's check of it never yields.
  const big = makeMbox(4_000_000);
  const bigUri = 'untitled:Untitled-1';
  const order: string[] = [];
  const bigDone = server.client.waitForDiagnostics(bigUri, (_d, p) => p.version === 1, 'the 4 MB mbox').then(() => order.push('diagnostics'));
  await server.client.open(bigUri, big.text);
  // Let the check start (the server checks a newly opened document at once).
  await new Promise((r) => setTimeout(r, 300));
  const line = lineOf(SMALL, 'Revi');
  const answers = Promise.all([
    server.client.request('textDocument/completion', { textDocument: { uri: smallUri }, position: { line, character: 4 } }).then((r) => {
      order.push('completion');
      return r;
    }),
    server.client.request('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 3, character: 10 } }).then(() => order.push('hover')),
    server.client
      .request('textDocument/codeAction', {
        textDocument: { uri: smallUri },
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } },
        context: { diagnostics: [] },
      })
      .then(() => order.push('codeAction')),
  ]);
  const [completion] = await answers;
  await bigDone;
  assert.deepEqual(order.slice(0, 3).sort(), ['codeAction', 'completion', 'hover'], `answers came after the check: ${order.join(', ')}`);
  assert.ok(JSON.stringify(completion).includes('Reviewed-by'), 'the completion offers Reviewed-by');
  await server.client.close(bigUri);
});

test('a newer version of a huge document supersedes the check of the older one', async () => {
  const big = makeMbox(2_000_000);
  const uri = 'untitled:Untitled-2';
  await server.client.open(uri, big.text);
  await server.client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  const before = server.client.published.length;
  // Three quick edits, each touching every message (a search and replace): only the newest is published.
  let text = big.text;
  let v = 1;
  for (const word of ['Reading', 'Readin', 'Reading.']) {
    const next = text.replaceAll(/^Reading\S*/gm, word);
    v = await server.client.edit(uri, { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, next);
    text = next;
  }
  await server.client.waitForDiagnostics(uri, (_d, p) => p.version === v);
  const versions = server.client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
  assert.equal(versions[versions.length - 1], v);
  assert.ok(!versions.includes(v - 1) || !versions.includes(v - 2), `every version was published: ${versions.join(', ')}`);
  await server.client.close(uri);
});
