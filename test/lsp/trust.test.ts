/**
 * Untrusted means untrusted: a server started with `trusted: false` (VS Code's workspace trust in
 * the initializationOptions) runs no git at all, whatever a configuration says afterwards. git's
 * own GIT_TRACE (set for the server only) records every git the server would start.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { removeRepo } from '../helpers/gitRepo';
import { lineOf, LspTestClient, uriOf } from './lspClient';
import { makeKvmRepo, type KvmRepo } from './kvmRepo';

let repo: KvmRepo;
let traceDir: string;

before(async () => {
  repo = await makeKvmRepo();
  traceDir = mkdtempSync(path.join(tmpdir(), 'patchsmith-trace-'));
});

after(async () => {
  if (repo) await removeRepo(repo.dir);
  if (traceDir) rmSync(traceDir, { recursive: true, force: true });
});

test('started untrusted, neither workspace/configuration nor didChangeConfiguration saying trusted: true runs git', async () => {
  const trace = path.join(traceDir, 'untrusted.trace');
  const granting = { trusted: true, patchsmith: { trusted: true, repository: repo.dir } };
  const client = await LspTestClient.start({
    root: repo.dir,
    initializationOptions: { trusted: false },
    configuration: granting,
    env: { GIT_TRACE: trace },
  });
  try {
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: granting });
    const uri = uriOf(repo.patch1);
    const text = readFileSync(repo.patch1, 'utf8');
    const sob = lineOf(text, 'Signed-off-by:');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    // Once more after the configuration round trips are surely done.
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: granting });
    const v = await client.edit(uri, { start: { line: sob, character: 0 }, end: { line: sob, character: 0 } }, 'Fixes: 123456789abc ("x")\n');
    await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
    const r = await client.request<{ items: { label: string; detail?: string }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: sob + 1, character: 'Signed-off-by: '.length },
    });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: sob, character: 9 } });
    assert.ok(!r.items.some((i) => i.detail === 'you (git config)'), JSON.stringify(r.items));
    assert.ok(!client.logs.some((l) => /using the git repository/.test(l)), client.logs.join('\n'));
    assert.equal(existsSync(trace) ? readFileSync(trace, 'utf8') : '', '', 'git ran in an untrusted workspace');
  } finally {
    await client.stop();
  }
});

test('the same server started trusted does run git (the trace above can see it)', async () => {
  const trace = path.join(traceDir, 'trusted.trace');
  const client = await LspTestClient.start({ root: repo.dir, initializationOptions: { trusted: true }, env: { GIT_TRACE: trace } });
  try {
    const uri = uriOf(repo.patch1);
    await client.open(uri, readFileSync(repo.patch1, 'utf8'));
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    for (let i = 0; i < 100 && !(existsSync(trace) && /git/.test(readFileSync(trace, 'utf8'))); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(readFileSync(trace, 'utf8'), /trace: (built-in|exec|run_command)/);
  } finally {
    await client.stop();
  }
});
