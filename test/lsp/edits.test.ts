/**
 * Edits through the real server: a trailer added to every patch of the series (open files get
 * versioned edits, closed ones plain edits), sorting trailers, signing off a commit message,
 * bumping the series version; plus symbols, folding and patchsmith's own requests.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { removeRepo } from '../helpers/gitRepo';
import { applyTextEdits, editsFor, lineOf, LspTestClient, uriOf } from './lspClient';
import { makeKvmRepo, type KvmRepo } from './kvmRepo';

let repo: KvmRepo;
let client: LspTestClient;

before(async () => {
  repo = await makeKvmRepo();
  client = await LspTestClient.start({ root: repo.dir });
});

after(async () => {
  await client?.stop();
  if (repo) await removeRepo(repo.dir);
});

const RITA = 'Rita Reviewer <rita@example.org>';

function insertLine(text: string, at: number, line: string): string {
  const lines = text.split('\n');
  lines.splice(at, 0, line);
  return lines.join('\n');
}

async function openAndWait(uri: string, text: string, languageId = 'git-patch'): Promise<void> {
  await client.open(uri, text, languageId);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
}

test('adding a trailer to every patch of the series: one edit over open and closed files', async () => {
  const coverUri = uriOf(repo.cover);
  const p1Uri = uriOf(repo.patch1);
  const p2Uri = uriOf(repo.patch2);
  const p1 = readFileSync(repo.patch1, 'utf8');
  const p2 = readFileSync(repo.patch2, 'utf8');
  await openAndWait(coverUri, readFileSync(repo.cover, 'utf8'));
  await openAndWait(p1Uri, p1);

  const seen = client.appliedEdits.length;
  const ok = await client.request<boolean>('workspace/executeCommand', {
    command: 'patchsmith.server.addTrailerToSeries',
    arguments: [coverUri, 'Reviewed-by', RITA],
  });
  assert.equal(ok, true);
  const applied = client.appliedEdits[seen]!;
  assert.ok(!editsFor(applied.edit, coverUri), 'the cover letter itself gets no review trailer');
  const e1 = editsFor(applied.edit, p1Uri);
  const e2 = editsFor(applied.edit, p2Uri);
  assert.ok(e1 && e2, 'both patches are edited');
  assert.equal(e1.version, 1, 'the open patch gets a versioned edit');
  assert.equal(e2.version, null, 'the closed patch gets a plain edit');
  const sob1 = lineOf(p1, 'Signed-off-by:');
  assert.equal(applyTextEdits(p1, e1.edits), insertLine(p1, sob1 + 1, `Reviewed-by: ${RITA}`));
  const sob2 = lineOf(p2, 'Signed-off-by:');
  assert.equal(applyTextEdits(p2, e2.edits), insertLine(p2, sob2 + 1, `Reviewed-by: ${RITA}`));
  await client.close(coverUri);

  // The code action on a trailer line of patch 1 reaches the closed patch 2.
  const withReview = insertLine(p1, sob1 + 1, `Reviewed-by: ${RITA}`);
  const lines = p1.split('\n');
  const v = await client.edit(p1Uri, { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, withReview);
  await client.waitForDiagnostics(p1Uri, (_d, p) => p.version === v);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: p1Uri },
    range: { start: { line: sob1 + 1, character: 3 }, end: { line: sob1 + 1, character: 3 } },
    context: { diagnostics: [] },
  });
  const everyPatch = actions.find((a) => /every patch of the series/.test(a.title));
  assert.ok(everyPatch?.edit, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(editsFor(everyPatch.edit, p1Uri), null, 'patch 1 already has it');
  const only2 = editsFor(everyPatch.edit, p2Uri);
  assert.ok(only2);
  assert.equal(applyTextEdits(p2, only2.edits), insertLine(p2, sob2 + 1, `Reviewed-by: ${RITA}`));
  await client.close(p1Uri);
});

test('sort trailers: the submitter\'s sign-off goes last, the rest keeps its order', async () => {
  const uri = uriOf(repo.patch2);
  const p2 = readFileSync(repo.patch2, 'utf8');
  const sob = lineOf(p2, 'Signed-off-by:');
  const text = insertLine(p2, sob + 1, `Reviewed-by: ${RITA}`);
  await openAndWait(uri, text);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: sob, character: 0 }, end: { line: sob, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  const sort = actions.find((a) => a.title === 'Sort trailers');
  assert.ok(sort?.edit, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(sort.kind, 'source.patchsmith.sortTrailers');
  const edits = editsFor(sort.edit, uri)!;
  const expected = insertLine(p2, sob, `Reviewed-by: ${RITA}`);
  assert.equal(applyTextEdits(text, edits.edits), expected);
  await client.close(uri);
});

test('sign off a commit message (COMMIT_EDITMSG) with the git identity', async () => {
  const uri = uriOf(path.join(repo.dir, '.git', 'COMMIT_EDITMSG'));
  const text = 'KVM: x86: Fix the frob\n\nThe frob was wrong.\n\n# Please enter the commit message for your changes.\n';
  await openAndWait(uri, text, 'git-commit');
  const seen = client.appliedEdits.length;
  const ok = await client.request<boolean>('workspace/executeCommand', { command: 'patchsmith.server.signOff', arguments: [uri] });
  assert.equal(ok, true);
  const edits = editsFor(client.appliedEdits[seen]!.edit, uri)!;
  assert.equal(
    applyTextEdits(text, edits.edits),
    'KVM: x86: Fix the frob\n\nThe frob was wrong.\n\nSigned-off-by: Test User <test@example.org>\n\n# Please enter the commit message for your changes.\n',
  );
  await client.close(uri);
});

test('bump the series version: every subject and a changelog stub in the cover', async () => {
  const uri = uriOf(repo.patch1);
  await openAndWait(uri, readFileSync(repo.patch1, 'utf8'));
  const seen = client.appliedEdits.length;
  const ok = await client.request<boolean>('workspace/executeCommand', { command: 'patchsmith.server.bumpVersion', arguments: [uri] });
  assert.equal(ok, true);
  const edit = client.appliedEdits[seen]!.edit;
  for (const file of [repo.cover, repo.patch1, repo.patch2]) {
    const text = readFileSync(file, 'utf8');
    const e = editsFor(edit, uriOf(file));
    assert.ok(e, `${path.basename(file)} is edited`);
    const after = applyTextEdits(text, e.edits);
    const subject = after.split('\n')[lineOf(after, 'Subject:')]!;
    assert.match(subject, /^Subject: \[PATCH v3 [0-2]\/2\] /);
    if (file === repo.cover) assert.match(after, /\nChanges in v3:\n- \n\nChanges in v2:\n/);
  }
  await client.close(uri);
});

test('outline and folding of a patch', async () => {
  const uri = uriOf(repo.patch1);
  const text = readFileSync(repo.patch1, 'utf8');
  await openAndWait(uri, text);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const names = symbols.map((s) => s.name);
  for (const n of ['Headers', 'Commit message', 'Diffstat', 'arch/x86/kvm/x86.c']) assert.ok(names.includes(n), names.join(', '));
  const file = symbols.find((s) => s.name === 'arch/x86/kvm/x86.c')!;
  assert.deepEqual(
    file.children?.map((c) => c.name),
    ['@@ -1,3 +1,3 @@'],
  );
  const message = symbols.find((s) => s.name === 'Commit message')!;
  assert.deepEqual(message.children?.[0]?.children?.map((c) => c.name), ['Signed-off-by']);
  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const diffLine = lineOf(text, 'diff --git');
  const hunkLine = lineOf(text, '@@ ');
  assert.ok(folds.some((f) => f.startLine === diffLine), 'the file folds');
  assert.ok(folds.some((f) => f.startLine === hunkLine), 'the hunk folds');
  assert.ok(folds.some((f) => f.startLine === 1 && f.kind === 'imports'), 'the headers fold');
  await client.close(uri);
});

test('series requests: status label, the workspace series list, the preview', async () => {
  const uri = uriOf(repo.patch1);
  await openAndWait(uri, readFileSync(repo.patch1, 'utf8'));
  const info = await client.request<{ label: string; problems: number; seriesKey: string | null }>('patchsmith/seriesInfo', { uri });
  assert.equal(info.label, 'v2 1/2');
  assert.ok(info.seriesKey);
  const list = await client.request<{ key: string; label: string; items: { uri: string; label: string; problems: number }[] }[]>('patchsmith/listSeries', {});
  const ours = list.find((s) => s.key === info.seriesKey);
  assert.ok(ours, JSON.stringify(list));
  assert.deepEqual(
    ours.items.map((i) => i.label),
    ['0/2 KVM: x86: Tidy up the frobnicator', '1/2 KVM: x86: Drop the spare frob counter', '2/2 KVM: x86: Document the frobnicator lock'],
  );
  assert.deepEqual(ours.items.map((i) => i.uri), [uriOf(repo.cover), uri, uriOf(repo.patch2)]);
  const preview = await client.request<{ html: string; seriesKey: string | null }>('patchsmith/seriesPreview', { uri, mode: 'webview', nonce: 'n0nce' });
  assert.equal(preview.seriesKey, info.seriesKey);
  assert.match(preview.html, /Drop the spare frob counter/);
  assert.match(preview.html, /Document the frobnicator lock/);
  assert.match(preview.html, /nonce="n0nce"/);
  const page = await client.request<{ html: string }>('patchsmith/seriesPreview', { uri, mode: 'standalone' });
  assert.match(page.html, /^<!DOCTYPE html>/);
  await client.close(uri);
});

test('an untrusted workspace never uses the repository: text checks only', async () => {
  const untrusted = await LspTestClient.start({ root: repo.dir, initializationOptions: { trusted: false } });
  try {
    const uri = uriOf(repo.patch1);
    const text = readFileSync(repo.patch1, 'utf8');
    const sob = lineOf(text, 'Signed-off-by:');
    await untrusted.open(uri, insertLine(text, sob + 1, 'Signed-off-by: '));
    await untrusted.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    const r = await untrusted.request<{ items: { label: string; detail?: string }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: sob + 1, character: 'Signed-off-by: '.length },
    });
    assert.ok(!r.items.some((i) => i.detail === 'you (git config)' || /maintainer|commits? since/.test(i.detail ?? '')), JSON.stringify(r.items));
    assert.ok(r.items.some((i) => i.label.includes('dave@example.org')), 'people of the series still come');
    assert.ok(!untrusted.logs.some((l) => /using the git repository/.test(l)));
  } finally {
    await untrusted.stop();
  }
});

