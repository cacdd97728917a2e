/**
 * The server over stdio (its own reader, stdioConnection.ts), with a real client: a frame it
 * cannot read is logged and the next request answered; the server exits when stdin ends, with 1
 * without a shutdown request and 0 after one; nothing but the protocol goes to stdout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient } from './lspClient';

async function exitCode(client: LspTestClient): Promise<number | null> {
  if (client.child.exitCode !== null) return client.child.exitCode;
  return new Promise((resolve) => client.child.once('exit', (code) => resolve(code)));
}

test('stdio: a frame the server cannot read is logged, the next request is answered', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-stdio-'));
  const client = await LspTestClient.start({ root });
  try {
    client.child.stdin!.write('Content-Length: 5\r\n\r\n{bad}');
    client.child.stdin!.write('Content-Type: x\r\n\r\n');
    const uri = 'untitled:a.patch';
    await client.open(uri, 'Subject: [PATCH] a: b\n\nText.\n');
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    const logged = client.logs.join('\n');
    assert.match(logged, /not JSON/);
    assert.match(logged, /without Content-Length/);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('stdio: the server exits when stdin ends: 1 without a shutdown request, 0 after one', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-stdio-'));
  try {
    const abrupt = await LspTestClient.start({ root });
    abrupt.child.stdin!.end();
    assert.equal(await exitCode(abrupt), 1);
    await abrupt.stop();
    const orderly = await LspTestClient.start({ root });
    await orderly.request('shutdown', null);
    orderly.child.stdin!.end();
    assert.equal(await exitCode(orderly), 0);
    await orderly.stop();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
