/**
 * checkpatch.pl in the real language server over stdio: the native diagnostics of a version are
 * published first, then the same version's diagnostics merged with checkpatch's (source
 * "checkpatch.pl", its --fix as a quick fix that is never preferred); an edit gets its own native
 * diagnostics first again. A script that fails is told and the native diagnostics stand.
 * The real script comes from PATCHSMITH_CHECKPATCH (skipped with a message when unset).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, uriOf } from './lspClient';
import { PATCH } from '../checkpatch/samplePatch';

const real = process.env['PATCHSMITH_CHECKPATCH'];
let tmp = '';

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-cp-lsp-'));
  fs.writeFileSync(path.join(tmp, 'die.pl'), 'die "broken checkpatch\\n";\n');
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fromCheckpatch = (d: Diagnostic[]): boolean => d.some((x) => x.source === 'checkpatch.pl');

test('native diagnostics first, then the same version merged with checkpatch.pl; an edit starts over', async (t) => {
  if (!real) {
    t.skip('PATCHSMITH_CHECKPATCH is not set: checkpatch.pl in the editor not tested');
    return;
  }
  const client = await LspTestClient.start({ root: tmp, initializationOptions: { checkpatch: { path: real, delay: 100 } } });
  try {
    const file = path.join(tmp, '0001-lib-add-foo_sum.patch');
    fs.writeFileSync(file, PATCH);
    const uri = uriOf(file);
    await client.open(uri, PATCH);
    const merged = await client.waitForDiagnostics(uri, (d, p) => p.version === 1 && fromCheckpatch(d), 'merged diagnostics');
    const mine = client.published.filter((p) => p.uri === uri);
    assert.equal(fromCheckpatch(mine[0]!.diagnostics), false, 'the first publish holds the native findings only');
    const spacing = merged.find((d) => d.code === 'SPACING');
    assert.ok(spacing, JSON.stringify(merged.map((d) => `${String(d.code)}:${d.source}`)));
    assert.equal(spacing.source, 'checkpatch.pl');
    const line = PATCH.split('\n').indexOf('+int foo_sum(int a,int b)');
    assert.deepEqual(spacing.range, { start: { line, character: 18 }, end: { line, character: 19 } });

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: spacing.range,
      context: { diagnostics: [spacing], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title.startsWith('checkpatch.pl --fix'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.notEqual(fix.isPreferred, true, 'an unsafe fix is never preferred');

    // An edit: its native diagnostics come first (without checkpatch's, which belong to the old text), then merged again.
    const before = client.published.length;
    const v2 = await client.edit(uri, { start: { line, character: 19 }, end: { line, character: 19 } }, ' ');
    await client.waitForDiagnostics(uri, (d, p) => p.version === v2 && fromCheckpatch(d), 'merged diagnostics of the edit');
    const after = client.published.slice(before).filter((p) => p.uri === uri && p.version === v2);
    assert.equal(fromCheckpatch(after[0]!.diagnostics), false);
    const last = after[after.length - 1]!.diagnostics;
    assert.equal(last.some((d) => d.code === 'SPACING' && d.range.start.line === line), false, 'the comma has its space now');
    assert.ok(last.some((d) => d.code === 'LONG_LINE_COMMENT' && d.source === 'checkpatch.pl'));
  } finally {
    await client.stop();
  }
});

test('a checkpatch.pl that fails is told; the native diagnostics stand', async () => {
  const client = await LspTestClient.start({ root: tmp, initializationOptions: { checkpatch: { path: path.join(tmp, 'die.pl'), delay: 0 } } });
  try {
    const file = path.join(tmp, '0002-x.patch');
    fs.writeFileSync(file, PATCH);
    const uri = uriOf(file);
    await client.open(uri, PATCH);
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'native diagnostics');
    const line = PATCH.split('\n').indexOf('+int foo_sum(int a,int b)');
    await client.edit(uri, { start: { line, character: 19 }, end: { line, character: 19 } }, ' ');
    for (let i = 0; i < 200 && client.logs.filter((l) => /checkpatch\.pl .*was not used/.test(l)).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const warnings = client.logs.filter((l) => /was not used: it failed \(exit status 255\): broken checkpatch/.test(l));
    assert.ok(warnings.length >= 2, JSON.stringify(client.logs));
    assert.ok(client.published.filter((p) => p.uri === uri).every((p) => !fromCheckpatch(p.diagnostics)));
  } finally {
    await client.stop();
  }
});

test("an untrusted workspace never runs the repository's checkpatch.pl; a trusted one does", async () => {
  // A repository whose scripts/checkpatch.pl leaves a mark when it runs: the mark is the proof.
  const repo = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.mkdirSync(path.join(repo, '.git'));
  fs.mkdirSync(path.join(repo, 'scripts'));
  const mark = path.join(repo, 'ran');
  fs.writeFileSync(path.join(repo, 'scripts', 'checkpatch.pl'), `open(my $f, '>>', '${mark}'); print $f "ran\\n"; close($f);\nprint "total: 0 errors, 0 warnings, 1 lines checked\\n";\n`);
  const file = path.join(repo, '0001-lib-add-foo_sum.patch');
  fs.writeFileSync(file, PATCH);
  const uri = uriOf(file);

  const untrusted = await LspTestClient.start({ root: repo, initializationOptions: { trusted: false, checkpatch: { delay: 0 } } });
  try {
    await untrusted.open(uri, PATCH);
    await untrusted.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'native diagnostics');
    // Settings cannot grant trust either.
    await untrusted.conn.sendNotification('workspace/didChangeConfiguration', { settings: { patchsmith: { trusted: true, checkpatch: { enabled: true, delay: 0 } } } });
    await untrusted.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(fs.existsSync(mark), false, 'checkpatch.pl ran in an untrusted workspace');
    assert.ok(untrusted.published.filter((p) => p.uri === uri).every((p) => !fromCheckpatch(p.diagnostics)));
  } finally {
    await untrusted.stop();
  }

  const trusted = await LspTestClient.start({ root: repo, initializationOptions: { trusted: true, checkpatch: { delay: 0 } } });
  try {
    await trusted.open(uri, PATCH);
    for (let i = 0; i < 200 && !fs.existsSync(mark); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(fs.existsSync(mark), true, 'the trusted workspace runs the repository checkpatch.pl');
  } finally {
    await trusted.stop();
  }
});
