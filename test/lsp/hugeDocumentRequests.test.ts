/**
 * Requests on a huge mbox while its first check runs in the worker: hover and completion answer
 * at once from the one message at their position (they never wait for the whole text's parse),
 * the same as they answer once the check is done; the outline waits for the whole model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { serverInTempFolder, uriOf } from './lspClient';
import { mboxWithMisspeltTrailer } from '../helpers/mbox';

const server = serverInTempFolder('patchsmith-huge-requests-', { initializationOptions: { trusted: false, debounceMs: 0 } });

function labels(r: CompletionItem[] | CompletionList | null): string[] {
  return (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label).sort();
}

function markdownOf(h: Hover | null): string {
  const c = h?.contents;
  assert.ok(c && typeof c === 'object' && 'kind' in c, 'a markdown hover');
  return c.value;
}

test('a huge mbox being checked: hover and completion answer before its diagnostics, as after them', async () => {
  // 10 MB: its check in the worker takes far longer than a request answered from one message.
  const { text, messages, mid, line } = mboxWithMisspeltTrailer(10_000_000);
  const file = path.join(server.dir, 'huge.mbox');
  writeFileSync(file, text);
  const uri = uriOf(file);

  let published = false;
  const diagnostics = server.client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'diagnostics of the huge mbox');
  void diagnostics.then(() => (published = true));
  await server.client.open(uri, text);
  const hoverAt = { textDocument: { uri }, position: { line, character: 3 } };
  // A new trailer line's key, typed in the middle message: "Ack" (no edit: the first check goes on).
  const completeAt = { textDocument: { uri }, position: { line, character: 0 } };
  const [hover, completion, symbols] = await Promise.all([
    server.client.request<Hover | null>('textDocument/hover', hoverAt).then((h) => ({ h, early: !published })),
    server.client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', completeAt).then((c) => ({ c, early: !published })),
    server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
  ]);
  assert.ok(hover.early, 'the hover answered before the diagnostics of the first check');
  assert.ok(completion.early, 'the completion answered before the diagnostics of the first check');
  // Hover: the trailer key's documentation, on the key of the message in the middle.
  assert.ok(hover.h?.range, 'a hover on the trailer key');
  assert.equal(hover.h.range.start.line, line);
  assert.match(JSON.stringify(hover.h.contents), /\*\*Reviewed-by:\*\*/);
  assert.ok(labels(completion.c).includes('Acked-by'), `trailer keys offered: ${labels(completion.c).slice(0, 10).join(', ')}`);
  // The outline waited for the whole model: every message, the middle one named by its subject.
  assert.equal(symbols.length, messages);
  assert.match(symbols[mid]!.name, new RegExp(`\\[PATCH ${mid + 1}/${messages}\\]`));

  const found = await diagnostics;
  assert.ok(found.some((d) => d.range.start.line === line), 'the misspelt trailer is reported');
  // Once checked, the same answers from the whole model (the hover adds the finding's rule).
  const later = await server.client.request<Hover | null>('textDocument/hover', hoverAt);
  assert.deepEqual(later?.range, hover.h.range);
  assert.ok(markdownOf(later).startsWith(markdownOf(hover.h)), 'the hover once checked begins with the early one');
  assert.deepEqual(labels(await server.client.request('textDocument/completion', completeAt)), labels(completion.c));
  await server.client.close(uri);
});
