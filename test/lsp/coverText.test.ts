/**
 * A cover letter text document (`*.cover`, as VS Code's Edit Cover Letter and `series cover
 * --edit` write it into the repository's git dir) through the real server over stdio: the
 * template's EDITME lines are underlined exactly, and gone once edited; people complete on its
 * To:/Cc: lines from the repository's MAINTAINERS and history.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { removeRepo } from '../helpers/gitRepo';
import { LspTestClient, uriOf, WAIT_MS } from './lspClient';
import { makeKvmRepo, type KvmRepo } from './kvmRepo';
import { coverTemplate } from '../../server/src/lifecycle/cover';

let repo: KvmRepo;
let client: LspTestClient;
let uri: string;

before(async () => {
  repo = await makeKvmRepo();
  client = await LspTestClient.start({ root: repo.dir });
  const dir = path.join(repo.dir, '.git', 'patchsmith-covers');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'feature.cover');
  fs.writeFileSync(file, coverTemplate('feature', 'Test User <test@example.org>'));
  uri = uriOf(file);
});

after(async () => {
  await client?.stop();
  if (repo) await removeRepo(repo.dir);
});

const brief = (ds: readonly Diagnostic[]): string[] =>
  ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

test('the template cover shows exactly its EDITME findings; edited, none', async () => {
  const text = coverTemplate('feature', 'Test User <test@example.org>');
  const lines = text.split('\n');
  const blurb = lines.findIndex((l) => l.startsWith('EDITME: describe'));
  await client.open(uri, text);
  const ds = await client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'the cover letter diagnostics');
  assert.deepEqual(brief(ds), [
    `COVER_LETTER_TEMPLATE 0:0-0:${lines[0]!.length}`,
    `COVER_LETTER_TEMPLATE ${blurb}:0-${blurb}:${lines[blurb]!.length}`,
  ]);
  assert.ok(ds.every((d) => d.severity === 1 && /template text/.test(String(d.message))));

  // Fill in the blurb's first line, then the subject.
  let v = await client.edit(uri, { start: { line: blurb, character: 0 }, end: { line: blurb, character: lines[blurb]!.length } }, 'Drop the spare frob counter: it was never read. The information you put');
  assert.deepEqual(brief(await client.waitForDiagnostics(uri, (_d, p) => p.version === v)), [`COVER_LETTER_TEMPLATE 0:0-0:${lines[0]!.length}`]);
  v = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]!.length } }, 'KVM: x86: drop the spare frob counter');
  assert.deepEqual(await client.waitForDiagnostics(uri, (_d, p) => p.version === v), []);
});

async function complete(line: number, character: number): Promise<CompletionItem[]> {
  const r = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  return !r ? [] : Array.isArray(r) ? r : r.items;
}

test('To: and Cc: lines of the cover complete people of the repository', async () => {
  // After the previous test: line 1 is blank; make it a Cc: line.
  const v = await client.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'Cc: \n');
  await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
  const deadline = Date.now() + WAIT_MS;
  let labels: string[] = [];
  while (Date.now() < deadline) {
    labels = (await complete(1, 4)).map((i) => String(i.label));
    if (labels.some((l) => l.includes('alice@example.org'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(labels.some((l) => l.includes('alice@example.org')), `history people: ${labels.join(' | ')}`);
  // Nowhere else in the blurb: no trailer keys in the middle of the text.
  const blurb = 7; // 'Drop the spare frob counter: ...', followed by more text
  assert.deepEqual(await complete(blurb, 0), []);
});
