/**
 * Cancellation over stdio with the real server: a completion or hover request followed by its
 * `$/cancelRequest` in the same chunk (so the server reads the cancel before it handles the
 * request) answers RequestCancelled (-32800), while the same request uncancelled answers; and a
 * check superseded by an edit stops its repository look-ups, as git's own GIT_TRACE shows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { commit, git, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';
import { lineOf, LspTestClient, uriOf, WAIT_MS } from './lspClient';
import { makeKvmRepo, type KvmRepo } from './kvmRepo';

const REQUEST_CANCELLED = -32800;

isolateGitConfig();

let repo: KvmRepo;
let traceDir = '';

before(async () => {
  repo = await makeKvmRepo();
  traceDir = mkdtempSync(path.join(tmpdir(), 'patchsmith-cancel-'));
});

after(async () => {
  if (repo) await removeRepo(repo.dir);
  if (traceDir) rmSync(traceDir, { recursive: true, force: true });
});

test('completion and hover cancelled in the same chunk answer RequestCancelled; uncancelled they answer', async () => {
  const client = await LspTestClient.start({ root: repo.dir });
  try {
    const uri = uriOf(repo.patch1);
    const text = readFileSync(repo.patch1, 'utf8');
    const sob = lineOf(text, 'Signed-off-by:');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    const completion = { textDocument: { uri }, position: { line: sob, character: 'Signed-off-by: '.length } };
    const hover = { textDocument: { uri }, position: { line: sob, character: 3 } };

    // Uncancelled, the same raw requests answer (so the cancelled answers below are the cancel's doing).
    const plainCompletion = client.rawId();
    const plainHover = client.rawId();
    client.writeRaw([
      { id: plainCompletion, method: 'textDocument/completion', params: completion },
      { id: plainHover, method: 'textDocument/hover', params: hover },
    ]);
    const c0 = await client.rawResponse(plainCompletion);
    assert.equal(c0.error, undefined, JSON.stringify(c0.error));
    assert.ok(((c0.result as CompletionList).items ?? c0.result).length > 0, 'completion offers people');
    const h0 = await client.rawResponse(plainHover);
    assert.equal(h0.error, undefined, JSON.stringify(h0.error));
    assert.match(JSON.stringify((h0.result as Hover).contents), /Developer Certificate of Origin/);

    for (const [method, params] of [
      ['textDocument/completion', completion],
      ['textDocument/hover', hover],
    ] as const) {
      const r = await client.requestThenCancel(method, params);
      assert.equal(r.result, undefined, `${method} answered despite the cancel: ${JSON.stringify(r.result)}`);
      assert.equal(r.error?.code, REQUEST_CANCELLED, `${method}: ${JSON.stringify(r.error)}`);
    }
    // The server goes on answering.
    const after = await client.request<CompletionList>('textDocument/completion', completion);
    assert.ok(after.items.length > 0);
  } finally {
    await client.stop();
  }
});

/** 12-hex names that are no object id of the repository, each made a branch (shadowing refs). */
function shadowNames(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`f00d${i.toString(16).padStart(8, '0')}`);
  return out;
}

function mailWithFixes(names: readonly string[]): string {
  return [
    'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001',
    'From: Pat Author <pat@example.org>',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    'Subject: [PATCH] widget: frob the widget',
    '',
    'Frob it.',
    '',
    ...names.map((s) => `Fixes: ${s} ("widget: add")`),
    'Signed-off-by: Pat Author <pat@example.org>',
    '---',
    ' w.c | 1 +',
    ' 1 file changed, 1 insertion(+)',
    '',
    'diff --git a/w.c b/w.c',
    'index 1111111..2222222 100644',
    '--- a/w.c',
    '+++ b/w.c',
    '@@ -1 +1,2 @@',
    ' int w;',
    '+int frob;',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

/** The shadowing names the server has looked up so far (each costs a `git rev-parse --disambiguate`). */
function lookedUp(trace: string, names: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  if (!existsSync(trace)) return seen;
  for (const m of readFileSync(trace, 'utf8').matchAll(/--disambiguate=([0-9a-f]+)/g)) if (names.has(m[1]!)) seen.add(m[1]!);
  return seen;
}

async function until(what: string, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves once the file has not grown for half a second. */
async function settled(file: string): Promise<void> {
  let size = -1;
  for (;;) {
    const now = existsSync(file) ? readFileSync(file).length : 0;
    if (now === size) return;
    size = now;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('a check superseded by an edit stops its repository look-ups (GIT_TRACE)', async () => {
  const dir = await makeRepo({ prefix: 'patchsmith-supersede-' });
  const trace = path.join(traceDir, 'supersede.trace');
  let client: LspTestClient | undefined;
  try {
    await commit(dir, { message: 'widget: add\n', files: { 'w.c': 'int w;\n' } });
    // Branches named like shas: cat-file answers each with HEAD, whose id does not start with the
    // name, so every Fixes: below costs a `git rev-parse --disambiguate=<name>` that GIT_TRACE records.
    const old = shadowNames(2000);
    const fresh = ['beef00000001'];
    await git(dir, ['update-ref', '--stdin'], { input: [...old, ...fresh].map((n) => `create refs/heads/${n} HEAD\n`).join('') });
    const file = path.join(dir, '0001-widget.patch');
    const v1 = mailWithFixes(old);
    writeFileSync(file, v1);
    client = await LspTestClient.start({ root: dir, env: { GIT_TRACE: trace } });
    const uri = uriOf(file);
    await client.open(uri, v1);
    const oldNames = new Set(old);
    // The check of version 1 has started its look-ups...
    await until('the first look-up of version 1', () => lookedUp(trace, oldNames).size > 0);
    // ...when the text changes: its remaining look-ups are for a text that is gone.
    const v2 = mailWithFixes(fresh);
    const v = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: v1.split('\n').length, character: 0 } }, v2);
    const freshLine = lineOf(v2, 'Fixes:');
    await client.waitForDiagnostics(uri, (d, p) => p.version === v && d.some((x) => x.code === 'FIXES_UNKNOWN_COMMIT' && x.range.start.line === freshLine), 'the repository findings of version 2');
    // Let a check that was not stopped show itself: wait until the trace is still (no timing is asserted).
    await settled(trace);
    const done = lookedUp(trace, oldNames).size;
    assert.ok(done < old.length / 2, `version 1's check went on after the edit: ${done} of ${old.length} names looked up`);
  } finally {
    await client?.stop();
    await removeRepo(dir);
  }
});
