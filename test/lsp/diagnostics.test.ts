/**
 * The real server over stdio: diagnostics appear on open and follow changes, the newest version
 * always wins, a quick fix's edit gives the expected text, and editing one patch re-publishes
 * the series diagnostics of the cover letter.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { removeRepo } from '../helpers/gitRepo';
import { seriesRules } from '../../server/src/rules/registry';
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

function span(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const hasPeriodFinding = (d: Diagnostic[]): boolean => d.some((x) => x.code === 'SUBJECT_TRAILING_PERIOD');

test('diagnostics appear on open and follow each change', async () => {
  const uri = uriOf(repo.patch1);
  const text = readFileSync(repo.patch1, 'utf8');
  await client.open(uri, text);
  const first = await client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'first diagnostics');
  assert.equal(hasPeriodFinding(first), false);
  for (const d of first) assert.equal(d.source, 'patchsmith');

  const line = lineOf(text, 'Subject:');
  const end = text.split('\n')[line]!.length;
  const v2 = await client.edit(uri, span(line, end, end), '.');
  const second = await client.waitForDiagnostics(uri, (_d, p) => p.version === v2, 'diagnostics of the edit');
  const period = second.find((x) => x.code === 'SUBJECT_TRAILING_PERIOD');
  assert.ok(period, `expected SUBJECT_TRAILING_PERIOD in ${JSON.stringify(second.map((x) => x.code))}`);
  assert.deepEqual(period.range, span(line, end, end + 1));
  assert.equal(period.severity, 2);

  // The quick fix of the finding gives back the original text.
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: period.range,
    context: { diagnostics: [period], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.title === 'Remove the trailing period');
  assert.ok(fix?.edit, `quick fix offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(fix.isPreferred, true);
  const edits = editsFor(fix.edit, uri);
  assert.ok(edits);
  assert.equal(edits.version, v2);
  const current = text.split('\n');
  current[line] += '.';
  assert.equal(applyTextEdits(current.join('\n'), edits.edits), text);
  // An editor that drops the diagnostic's data still gets the fix.
  const withoutData = { ...period };
  delete withoutData.data;
  const again = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: period.range,
    context: { diagnostics: [withoutData], only: ['quickfix'] },
  });
  assert.ok(again.some((a) => a.title === 'Remove the trailing period'));

  const v3 = await client.edit(uri, span(line, end, end + 1), '');
  const third = await client.waitForDiagnostics(uri, (_d, p) => p.version === v3, 'diagnostics after removing the period');
  assert.equal(hasPeriodFinding(third), false);
  await client.close(uri);
  await client.waitForDiagnostics(uri, (d, p) => d.length === 0 && p.version === undefined, 'cleared diagnostics');
});

test('a burst of changes: publications never go back in version and the newest text wins', async () => {
  const uri = uriOf(repo.patch2);
  const text = readFileSync(repo.patch2, 'utf8');
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  const line = lineOf(text, 'Subject:');
  const end = text.split('\n')[line]!.length;
  let last = 1;
  // Eleven edits without waiting: add, remove, add, ... ending with the period present.
  const pending: Promise<number>[] = [];
  for (let i = 0; i < 11; i++) {
    pending.push(client.edit(uri, i % 2 === 0 ? span(line, end, end) : span(line, end, end + 1), i % 2 === 0 ? '.' : ''));
  }
  for (const v of await Promise.all(pending)) last = Math.max(last, v);
  const final = await client.waitForDiagnostics(uri, (_d, p) => p.version === last, 'diagnostics of the last version');
  assert.equal(hasPeriodFinding(final), true);
  // One more round trip after which nothing older may arrive.
  const v = await client.edit(uri, span(line, end, end + 1), '');
  const settled = await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
  assert.equal(hasPeriodFinding(settled), false);
  const versions = client.published.filter((p) => p.uri === uri && p.version !== undefined).map((p) => p.version!);
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i]! >= versions[i - 1]!, `publication versions went back: ${versions.join(',')}`);
  }
  assert.equal(client.last(uri)?.version, v);
  await client.close(uri);
});

test('editing a patch subject re-publishes the cover letter and tells the client the series changed', async (t) => {
  const ids = new Set(seriesRules().map((r) => r.id));
  if (ids.size === 0) {
    t.skip('no series rules are registered yet');
    return;
  }
  const coverUri = uriOf(repo.cover);
  const patchUri = uriOf(repo.patch1);
  const patchText = readFileSync(repo.patch1, 'utf8');
  await client.open(coverUri, readFileSync(repo.cover, 'utf8'));
  await client.open(patchUri, patchText);
  const isSeries = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => ids.has(String(x.code)));
  const before = await client.waitForDiagnostics(coverUri, (_d, p) => p.version === 1);
  await client.waitForDiagnostics(patchUri, (_d, p) => p.version === 1);
  const beforeCodes = new Set(isSeries(before).map((x) => `${x.code}@${x.range.start.line}`));

  const line = lineOf(patchText, 'Subject:');
  const col = patchText.split('\n')[line]!.indexOf('Drop');
  const seen = client.seriesChanged.length;
  const v = await client.edit(patchUri, span(line, col, col + 'Drop'.length), 'Remove');
  await client.waitForDiagnostics(patchUri, (_d, p) => p.version === v);
  const after = await client.waitForDiagnostics(
    coverUri,
    (d) => isSeries(d).some((x) => !beforeCodes.has(`${x.code}@${x.range.start.line}`)),
    'a new series diagnostic on the cover letter',
  );
  assert.ok(isSeries(after).length > isSeries(before).length || isSeries(after).length > 0);
  await client.waitForSeriesChanged((p) => client.seriesChanged.indexOf(p) >= seen && p.uris.includes(coverUri));

  // Undo: the cover's series diagnostics go back to what they were.
  const v2 = await client.edit(patchUri, span(line, col, col + 'Remove'.length), 'Drop');
  await client.waitForDiagnostics(patchUri, (_d, p) => p.version === v2);
  await client.waitForDiagnostics(
    coverUri,
    (d) => {
      const now = new Set(isSeries(d).map((x) => `${x.code}@${x.range.start.line}`));
      return now.size === beforeCodes.size && [...now].every((k) => beforeCodes.has(k));
    },
    'the cover letter back to its first series diagnostics',
  );
  await client.close(coverUri);
  await client.close(patchUri);
});

test('a patch changed on disk (watched-file event) updates the open cover letter', async (t) => {
  const ids = new Set(seriesRules().map((r) => r.id));
  if (ids.size === 0) {
    t.skip('no series rules are registered yet');
    return;
  }
  const coverUri = uriOf(repo.cover);
  const p2Uri = uriOf(repo.patch2);
  const original = readFileSync(repo.patch2, 'utf8');
  const key = (d: Diagnostic[]): string[] => d.filter((x) => ids.has(String(x.code))).map((x) => `${x.code}@${x.range.start.line}`).sort();
  await client.open(coverUri, readFileSync(repo.cover, 'utf8'));
  const first = key(await client.waitForDiagnostics(coverUri, (_d, p) => p.version === 1));
  try {
    writeFileSync(repo.patch2, original.replace('Document the frobnicator lock', 'Explain the frobnicator lock'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: p2Uri, type: 2 }] });
    await client.waitForDiagnostics(coverUri, (d) => key(d).some((k) => !first.includes(k)), 'a series diagnostic after the disk change');
  } finally {
    writeFileSync(repo.patch2, original);
  }
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: p2Uri, type: 2 }] });
  await client.waitForDiagnostics(coverUri, (d) => JSON.stringify(key(d)) === JSON.stringify(first), 'the cover back to its first diagnostics');
  await client.close(coverUri);
});

test("the repository's scripts/spelling.txt changed on disk: the open patch's TYPO_SPELLING findings follow it", async () => {
  const uri = uriOf(repo.patch1);
  const original = readFileSync(repo.patch1, 'utf8');
  const sob = lineOf(original, 'Signed-off-by:');
  const lines = original.split('\n');
  lines.splice(sob, 0, 'The frobnicatr is now documented.', '');
  const text = lines.join('\n');
  const list = path.join(repo.dir, 'scripts', 'spelling.txt');
  const listUri = uriOf(list);
  const typos = (d: Diagnostic[]): string[] => d.filter((x) => x.code === 'TYPO_SPELLING').map((x) => `${x.range.start.line}:${x.range.start.character}`);
  await client.open(uri, text);
  try {
    assert.deepEqual(typos(await client.waitForDiagnostics(uri, (_d, p) => p.version === 1)), []);
    mkdirSync(path.dirname(list), { recursive: true });
    writeFileSync(list, 'frobnicatr||frobnicator\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: listUri, type: 1 }] });
    // The same text, checked again under the new list (the check worker's cache must not answer).
    const found = await client.waitForDiagnostics(uri, (d) => typos(d).length > 0, 'TYPO_SPELLING from the new list');
    assert.deepEqual(typos(found), [`${sob}:4`]);
    writeFileSync(list, 'documnted||documented\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: listUri, type: 2 }] });
    await client.waitForDiagnostics(uri, (d) => typos(d).length === 0, 'no TYPO_SPELLING once the list no longer has the word');
  } finally {
    rmSync(path.dirname(list), { recursive: true, force: true });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: listUri, type: 3 }] });
    await client.close(uri);
  }
});

test('a Fixes: tag with a short sha: one BAD_FIXES_TAG diagnostic, whose quick fix writes the tag from the repository', async () => {
  mkdirSync(path.join(repo.dir, 'fixes'), { recursive: true });
  const file = path.join(repo.dir, 'fixes', '0001-short-fixes.patch');
  const original = readFileSync(repo.patch1, 'utf8');
  const sob = lineOf(original, 'Signed-off-by:');
  const lines = original.split('\n');
  lines.splice(sob, 0, `Fixes: ${repo.fixSha.slice(0, 7)} ("KVM: x86: Fix the frobnicator")`);
  const text = lines.join('\n');
  writeFileSync(file, text);
  const uri = uriOf(file);
  await client.open(uri, text);
  const full = `Fixes: ${repo.fixSha.slice(0, 12)} ("KVM: x86: Fix the frobnicator")`;
  // The repository's finding (its message shows the real sha) replaces the text rule's.
  const found = await client.waitForDiagnostics(
    uri,
    (d, p) => p.version === 1 && d.some((x) => x.code === 'BAD_FIXES_TAG' && String(x.message).includes(full)),
    'BAD_FIXES_TAG from the repository',
  );
  const bad = found.filter((x) => x.code === 'BAD_FIXES_TAG');
  assert.equal(bad.length, 1, JSON.stringify(bad));
  assert.deepEqual(bad[0]!.range, span(sob, 0, lines[sob]!.length));
  assert.deepEqual(found.filter((x) => x.code === 'FIXES_TITLE_MISMATCH'), [], 'the title is right');

  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: bad[0]!.range,
    context: { diagnostics: [bad[0]!], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.title === `Write '${full}'`);
  assert.ok(fix?.edit, `quick fix offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = editsFor(fix.edit, uri);
  assert.ok(edits);
  lines[sob] = full;
  assert.equal(applyTextEdits(text, edits.edits), lines.join('\n'));
  await client.close(uri);
});
