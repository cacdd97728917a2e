/**
 * Through the real language server: a file with lone CR line endings and a text that is no patch
 * at all each get exactly one diagnostic (LONE_CR_LINE_ENDINGS, NOT_A_PATCH_MAIL), with a range
 * inside the document as the client counts lines (CR, LF and CRLF all end a line in LSP), not
 * the dozen unrelated ones the rules would give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { serverInTempFolder, REPO_ROOT, uriOf } from './lspClient';

const BASE = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'invariants', 'base.patch'), 'utf8');

const server = serverInTempFolder('patchsmith-one-finding-', { initializationOptions: { trusted: false, debounceMs: 0 } });

/** The lines of a text as an LSP client counts them. */
function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertInside(text: string, d: Diagnostic): void {
  const lines = lspLines(text);
  const { start, end } = d.range;
  assert.ok(start.line >= 0 && end.line < lines.length, `range lines ${JSON.stringify(d.range)} of ${lines.length}`);
  assert.ok(start.line < end.line || start.character < end.character, `an empty range ${JSON.stringify(d.range)}`);
  assert.ok(end.character <= lines[end.line]!.length, `range end past its line ${JSON.stringify(d.range)}`);
}

async function diagnosticsOf(name: string, text: string): Promise<Diagnostic[]> {
  const uri = uriOf(path.join(server.dir, name));
  await server.client.open(uri, text);
  return server.client.waitForDiagnostics(uri, (_d, p) => p.version === 1, name);
}

test('lone CR line endings: exactly one LONE_CR_LINE_ENDINGS diagnostic, with a range', async () => {
  const text = BASE.replace(/\n/g, '\r');
  const found = await diagnosticsOf('mac.patch', text);
  assert.deepEqual(found.map((d) => d.code), ['LONE_CR_LINE_ENDINGS'], JSON.stringify(found, null, 1));
  assert.match(String(found[0]!.message), /lone CR/);
  assertInside(text, found[0]!);
});

test('text that is not a patch: exactly one NOT_A_PATCH_MAIL diagnostic, with a range', async () => {
  const text = 'Shopping list\n\n- milk\n- eggs: a dozen\n+ bread?\n\nThat is all, really. Thanks for reading this very long line of text that goes on.\n';
  const found = await diagnosticsOf('notes.patch', text);
  assert.deepEqual(found.map((d) => d.code), ['NOT_A_PATCH_MAIL'], JSON.stringify(found, null, 1));
  assert.match(String(found[0]!.message), /Not a patch mail/);
  assertInside(text, found[0]!);
});
