/**
 * The language server with hostile input, over stdio: a repository whose MAINTAINERS holds
 * catastrophic regexes (`N: (a+)+$`, `K: (x+x+)+y`) and globs, and a client asking at line
 * 1,000,000,000 or cancelling its requests. Completion must answer (no timing asserted: a hang
 * fails by the client's timeout) and never point past the document.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { commit, isolateGitConfig, makeRepo, removeRepo } from '../helpers/gitRepo';
import { LspTestClient, uriOf, WAIT_MS } from './lspClient';

isolateGitConfig();

const EVIL_PATH = `${'a'.repeat(48)}!`;
const MAINTAINERS = [
  'HOSTILE REGEXES',
  'M:\tEvil One <evil@example.org>',
  'N:\t(a+)+$',
  'K:\t(x+x+)+y',
  'F:\t*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b',
  '',
  'WIDGET DRIVER',
  'M:\tWanda Widget <wanda@example.org>',
  'F:\tdrivers/widget/',
  '',
].join('\n');

const PATCH = [
  'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001',
  'From: Pat Author <pat@example.org>',
  'Date: Mon, 1 Jan 2024 00:00:00 +0000',
  'Subject: [PATCH] widget: frob the widget',
  '',
  'Frob it.',
  '',
  'Signed-off-by: Pat Author <pat@example.org>',
  '---',
  ` ${EVIL_PATH}          | 1 +`,
  ' drivers/widget/w.c | 1 +',
  ' 2 files changed, 2 insertions(+)',
  '',
  `diff --git a/${EVIL_PATH} b/${EVIL_PATH}`,
  'index 1111111..2222222 100644',
  `--- a/${EVIL_PATH}`,
  `+++ b/${EVIL_PATH}`,
  '@@ -1 +1,2 @@',
  ' a',
  `+${'x'.repeat(60)}`,
  'diff --git a/drivers/widget/w.c b/drivers/widget/w.c',
  'index 1111111..2222222 100644',
  '--- a/drivers/widget/w.c',
  '+++ b/drivers/widget/w.c',
  '@@ -1 +1,2 @@',
  ' int w;',
  '+int frob;',
  '-- ',
  '2.39.5',
  '',
].join('\n');

let dir = '';
let client: LspTestClient;
let uri = '';
const SOB_LINE = 7;

before(async () => {
  dir = await makeRepo({ prefix: 'patchsmith-hostile-' });
  await commit(dir, { message: 'widget: add\n', files: { MAINTAINERS, 'drivers/widget/w.c': 'int w;\n' } });
  mkdirSync(path.join(dir, 'patches'));
  const file = path.join(dir, 'patches', '0001-widget.patch');
  writeFileSync(file, PATCH);
  client = await LspTestClient.start({ root: dir });
  uri = uriOf(file);
  await client.open(uri, PATCH);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
});

after(async () => {
  await client?.stop();
  if (dir) await removeRepo(dir);
});

async function complete(line: number, character: number): Promise<CompletionItem[]> {
  const r = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

test('MAINTAINERS with N: (a+)+$, K: (x+x+)+y and a 17-star F: glob: completion answers, with the MAINTAINERS people', async () => {
  const deadline = Date.now() + WAIT_MS;
  let items: CompletionItem[] = [];
  // MAINTAINERS is read in the background: ask again until its people are there.
  while (Date.now() < deadline) {
    items = await complete(SOB_LINE, 'Signed-off-by: '.length);
    if (items.some((i) => i.label.includes('wanda@example.org'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(items.some((i) => i.label.includes('wanda@example.org')), JSON.stringify(items.map((i) => i.label)));
  // The hostile section matches nothing here: `(a+)+$` needs the path to end in `a`.
  assert.ok(!items.some((i) => i.label.includes('evil@example.org')));
  // And the server still answers other requests.
  const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } });
  assert.ok(hover !== undefined);
});

test('completion and hover at line 1e9 answer at the end of the document, never past it', async () => {
  const lines = PATCH.split('\n').length;
  for (const [line, character] of [
    [1e9, 1e9],
    [SOB_LINE, 1e9],
    [-5, -1],
  ] as const) {
    const items = await complete(line, character);
    for (const item of items) {
      const edit = item.textEdit as TextEdit | undefined;
      if (!edit) continue;
      assert.ok(edit.range.start.line < lines && edit.range.end.line < lines, `${line}:${character} -> ${JSON.stringify(edit.range)}`);
      assert.ok(edit.range.end.character <= 1000, JSON.stringify(edit.range));
    }
    const hover = await client.request<{ range?: { start: { line: number }; end: { line: number } } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    if (hover?.range) assert.ok(hover.range.end.line < lines, JSON.stringify(hover.range));
  }
  // At the Signed-off-by line with a huge column: still the people of that line.
  const items = await complete(SOB_LINE, 1e9);
  assert.ok(items.some((i) => (i.textEdit as TextEdit | undefined)?.range.start.line === SOB_LINE));
});
