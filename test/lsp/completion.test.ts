/**
 * Completion and hover against a real temporary repository (history with person trailers, a
 * MAINTAINERS file) through the real server: people in the right order, Fixes: inserting the
 * right text, trailer keys only where trailers go, subsystem prefixes, hover on a Fixes sha.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { removeRepo } from '../helpers/gitRepo';
import { applyTextEdits, lineOf, LspTestClient, uriOf, WAIT_MS } from './lspClient';
import { makeKvmRepo, type KvmRepo } from './kvmRepo';

let repo: KvmRepo;
let client: LspTestClient;
let uri: string;
let text: string;
/** Line of the existing Signed-off-by of patch 1. */
let sobLine: number;

before(async () => {
  repo = await makeKvmRepo();
  client = await LspTestClient.start({ root: repo.dir });
  uri = uriOf(repo.patch1);
  text = readFileSync(repo.patch1, 'utf8');
  sobLine = lineOf(text, 'Signed-off-by:');
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
});

after(async () => {
  await client?.stop();
  if (repo) await removeRepo(repo.dir);
});

/** Replace the document with `next` (one full-range edit) and remember it. */
async function setText(next: string): Promise<void> {
  const lines = text.split('\n');
  const v = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } }, next);
  text = next;
  await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
}

/** The text with `line` inserted before document line `at`. */
function withLine(base: string, at: number, line: string): string {
  const lines = base.split('\n');
  lines.splice(at, 0, line);
  return lines.join('\n');
}

async function complete(line: number, character: number): Promise<CompletionItem[]> {
  const r = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
  });
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

/** Ask again until `ok` holds (the history is read in the background); fails after WAIT_MS. */
async function completeUntil(line: number, character: number, ok: (items: CompletionItem[]) => boolean, what: string): Promise<CompletionItem[]> {
  const deadline = Date.now() + WAIT_MS;
  let items: CompletionItem[] = [];
  while (Date.now() < deadline) {
    items = await complete(line, character);
    if (ok(items)) return items;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: got ${JSON.stringify(items.map((i) => `${i.label} [${i.detail}]`))}`);
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => String(i.label));

test('Signed-off-by: the user first, then maintainers of the touched files, the series, then history by rank', async () => {
  const original = text;
  await setText(withLine(original, sobLine + 1, 'Signed-off-by: '));
  const items = await completeUntil(sobLine + 1, 'Signed-off-by: '.length, 
    // The history and MAINTAINERS are both read in the background: wait for both.
    (i) => labels(i).some((l) => l.includes('bob@example.org')) && labels(i).some((l) => l.includes('sean@example.org')),
    'history people and maintainers',
  );
  const order = labels(items);
  const at = (email: string): number => order.findIndex((l) => l.includes(email));
  assert.equal(at('test@example.org'), 0, `the user first: ${order.join(' | ')}`);
  assert.equal(items[0]!.detail, 'you (git config)');
  assert.ok(at('sean@example.org') > 0 && at('sean@example.org') < at('rita@example.org'), 'maintainer, then reviewer');
  assert.match(String(items[at('sean@example.org')]!.detail), /maintainer: KVM X86/);
  assert.match(String(items[at('rita@example.org')]!.detail), /reviewer: KVM X86/);
  assert.ok(at('rita@example.org') < at('dave@example.org'), 'series people after MAINTAINERS');
  assert.ok(at('dave@example.org') < at('alice@example.org'), 'history after the series');
  assert.ok(at('alice@example.org') < at('bob@example.org') && at('alice@example.org') < at('carol@example.org'), 'most commits first');
  assert.match(String(items[at('alice@example.org')]!.detail), /3 commits/);
  assert.equal(at('kvm@vger.kernel.org'), -1, 'no mailing list for a sign-off');
  assert.equal(at('net@example.org'), -1, 'maintainers of untouched files are not suggested ahead');
  const sorted = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
  assert.deepEqual(labels(sorted), order, 'sortText keeps the ranking');
  // The edit fills the value.
  const edit = items[0]!.textEdit as TextEdit;
  assert.equal(applyTextEdits(text, [edit]).split('\n')[sobLine + 1], 'Signed-off-by: Test User <test@example.org>');

  // The custom request gives the same candidates.
  const people = await client.request<{ name: string; email: string; source: string }[]>('patchsmith/people', { uri, key: 'Signed-off-by' });
  assert.equal(people[0]!.email, 'test@example.org');
  assert.ok(people.some((p) => p.email === 'sean@example.org' && p.source === 'maintainer: KVM X86'));
  await setText(original);
});

test('Cc: offers the lists of the touched files and stable@vger.kernel.org', async () => {
  const original = text;
  await setText(withLine(original, sobLine + 1, 'Cc: '));
  const items = await completeUntil(sobLine + 1, 4, (i) => labels(i).some((l) => l.includes('alice@')), 'Cc candidates');
  assert.ok(labels(items).some((l) => l.includes('kvm@vger.kernel.org')));
  assert.ok(labels(items).includes('stable@vger.kernel.org'));
  await setText(original);
});

test('Fixes: by title words and by sha prefix inserts <12 hex> ("<title>")', async () => {
  const original = text;
  const expected = `Fixes: ${repo.fixSha.slice(0, 12)} ("KVM: x86: Fix the frobnicator")`;
  for (const typed of ['Fixes: Fix frobnicator', `Fixes: ${repo.fixSha.slice(0, 8)}`]) {
    await setText(withLine(original, sobLine, typed));
    const items = await completeUntil(sobLine, typed.length, (i) => i.length > 0, `commits for ${typed}`);
    assert.equal(items.length, 1, `one commit matches ${typed}: ${labels(items).join(' | ')}`);
    const edit = items[0]!.textEdit as TextEdit;
    assert.equal(applyTextEdits(text, [edit]).split('\n')[sobLine], expected);
  }
  await setText(original);
});

test('trailer keys are offered in the trailer block, canonical and documented, and nowhere in the body', async () => {
  const original = text;
  await setText(withLine(original, sobLine + 1, 'rev'));
  const items = await complete(sobLine + 1, 3);
  const reviewed = items.find((i) => i.label === 'Reviewed-by');
  assert.ok(reviewed, labels(items).join(' | '));
  assert.equal((reviewed.textEdit as TextEdit).newText, 'Reviewed-by: ');
  assert.equal(applyTextEdits(text, [reviewed.textEdit as TextEdit]).split('\n')[sobLine + 1], 'Reviewed-by: ');
  assert.match((reviewed.documentation as MarkupContent).value, /review/i);
  assert.ok(labels(items).includes('Signed-off-by'));
  await setText(original);

  const bodyLine = lineOf(text, 'The spare counter');
  assert.deepEqual(await complete(bodyLine, 0), [], 'no trailer keys in the middle of the body');
  const subjectLine = lineOf(text, 'Subject:');
  assert.ok(!labels(await complete(subjectLine + 3, 0)).includes('Reviewed-by'), 'none in the headers');
});

test('the subject summary completes the subsystem prefix used for the touched files', async () => {
  const line = lineOf(text, 'Subject:');
  const col = text.split('\n')[line]!.indexOf('KVM:');
  const items = await completeUntil(line, col, (i) => i.length > 0, 'subsystem prefixes');
  assert.equal(items[0]!.label, 'KVM: x86: ');
  assert.match(String(items[0]!.detail), /3 commits/);
});

test('hover on a Fixes: sha shows the commit; on a key its meaning', async () => {
  const original = text;
  const sha = repo.fixSha.slice(0, 12);
  await setText(withLine(original, sobLine, `Fixes: ${sha} ("KVM: x86: Fix the frobnicator")`));
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: sobLine, character: 10 } });
  assert.ok(hover);
  const md = (hover.contents as MarkupContent).value;
  assert.match(md, /KVM: x86: Fix the frobnicator/);
  assert.match(md, /Alice Frequent/);
  assert.match(md, new RegExp(repo.fixSha));
  assert.match(md, /Reachable from HEAD/);
  assert.deepEqual(hover.range, { start: { line: sobLine, character: 7 }, end: { line: sobLine, character: 19 } });

  const key = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: sobLine + 1, character: 3 } });
  assert.match((key!.contents as MarkupContent).value, /Developer Certificate of Origin/);
  await setText(original);
});
