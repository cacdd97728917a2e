/**
 * Fixes in the editor, over stdio with the real server: every diagnostic points at its rule's
 * doc (codeDescription); a safe fix is the preferred quick fix, an unsafe one (a spelling
 * guess) is offered but not preferred; `source.fixAll.patchsmith` (advertised, and what
 * editor.codeActionsOnSave runs) applies the safe fixes only.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CodeActionKind } from 'vscode-languageserver-protocol';
import { applyTextEdits, editsFor, LspTestClient, uriOf } from './lspClient';

const repoRoot = path.resolve(__dirname, '../../..');
const CLEAN = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/commitlog/patch.patch'), 'utf8');
// A safe problem (trailing period in the subject) and an unsafe one (a misspelling).
const TEXT = CLEAN.replace('on memcg offline\n', 'on memcg offline.\n').replace('so\nthe next reclaim', 'so\nthe seperate reclaim');

let dir: string;
let client: LspTestClient;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-fixall-'));
  client = await LspTestClient.start({ root: dir });
});

after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the server advertises source.fixAll.patchsmith', () => {
  const provider = client.initializeResult?.capabilities.codeActionProvider;
  assert.ok(provider && typeof provider === 'object');
  assert.ok((provider.codeActionKinds as CodeActionKind[] | undefined)?.includes('source.fixAll.patchsmith'));
});

test('quick fixes say how safe they are; fix-all applies the safe ones only', async () => {
  assert.notEqual(TEXT, CLEAN);
  const file = path.join(dir, '0001-mm-fix.patch');
  fs.writeFileSync(file, TEXT);
  const uri = uriOf(file);
  await client.open(uri, TEXT);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'TYPO_SPELLING'), 'diagnostics');
  for (const d of diags) {
    assert.match(d.codeDescription?.href ?? '', new RegExp(`docs/rules\\.md#${String(d.code).toLowerCase()}$`), `${d.code} has its doc`);
  }
  const period = diags.find((d) => d.code === 'SUBJECT_TRAILING_PERIOD');
  const typo = diags.find((d) => d.code === 'TYPO_SPELLING');
  assert.ok(period && typo, JSON.stringify(diags.map((d) => d.code)));

  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: period.range,
    context: { diagnostics: [period, typo], only: ['quickfix'] },
  });
  const safe = actions.find((a) => a.diagnostics?.[0]?.code === 'SUBJECT_TRAILING_PERIOD');
  const unsafe = actions.find((a) => a.diagnostics?.[0]?.code === 'TYPO_SPELLING');
  assert.equal(safe?.isPreferred, true);
  assert.ok(unsafe, 'the unsafe fix is offered too');
  assert.notEqual(unsafe.isPreferred, true);
  assert.match(unsafe.title, /unsafe/);

  for (const only of [['source.fixAll.patchsmith'], ['source.fixAll']]) {
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only },
    });
    const fixAll = all.find((a) => a.kind === 'source.fixAll.patchsmith');
    assert.ok(fixAll?.edit, `fix-all for ${only[0]}: ${JSON.stringify(all.map((a) => a.kind))}`);
    const edits = editsFor(fixAll.edit, uri);
    assert.ok(edits);
    // The period goes, the spelling guess stays for the user to decide.
    assert.equal(applyTextEdits(TEXT, edits.edits), CLEAN.replace('so\nthe next reclaim', 'so\nthe seperate reclaim'));
  }
  // Never in the light bulb (no `only`).
  const bulb = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: period.range,
    context: { diagnostics: [period] },
  });
  assert.ok(!bulb.some((a) => a.kind === 'source.fixAll.patchsmith'));
});

test('a series finding that names another patch carries its location (relatedInformation)', async () => {
  const series = fs.mkdtempSync(path.join(dir, 'series-'));
  const one = CLEAN.replace('[PATCH v2]', '[PATCH v2 1/2]');
  const two = CLEAN.replace('[PATCH v2]', '[PATCH v2 2/2]').replace('From 0123456789abcdef', 'From 1123456789abcdef');
  const f1 = path.join(series, 'v2-0001-mm-fix.patch');
  const f2 = path.join(series, 'v2-0002-mm-fix.patch');
  fs.writeFileSync(f1, one);
  fs.writeFileSync(f2, two);
  const uri2 = uriOf(f2);
  await client.open(uri2, two);
  const diags = await client.waitForDiagnostics(uri2, (d) => d.some((x) => x.code === 'SERIES_DUPLICATE_SUMMARY'), 'series diagnostics');
  const dup = diags.find((x) => x.code === 'SERIES_DUPLICATE_SUMMARY')!;
  assert.equal(dup.relatedInformation?.length, 1);
  assert.equal(dup.relatedInformation![0]!.location.uri, uriOf(f1));
  assert.equal(dup.relatedInformation![0]!.location.range.start.line, 3);
});
