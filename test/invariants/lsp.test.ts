/**
 * Invariant 5: the language server survives garbage. Through the real server over stdio (the
 * test client of test/lsp): open documents of random bytes, one line of 20,000 columns and
 * 20,000 lines, then edit a patch rapidly with incremental changes whose ranges are invalid at
 * the edges (the start of the document, past the end of a line, an insert past the last line,
 * reversed ranges, a column inside a surrogate pair). The server must still answer completion,
 * documentSymbol, hover, folding and code actions, publish diagnostics for the final version of
 * each document, and those diagnostics must lie inside the text the server holds (mirrored here
 * with the same TextDocument implementation the server uses).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, DocumentSymbol, Range } from 'vscode-languageserver-protocol';
import { LspTestClient, uriOf } from '../lsp/lspClient';
import { FIXTURES, prng, randomBytes } from './support';

let client: LspTestClient;
let root = '';

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-inv-lsp-')));
  client = await LspTestClient.start({ root });
});

after(async () => {
  await client?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** The document as the server holds it, kept in step with every change sent. */
class Mirror {
  doc: TextDocument;
  constructor(
    readonly uri: string,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, 'git-patch', 1, text);
  }
  async open(): Promise<void> {
    await client.open(this.uri, this.doc.getText());
  }
  async edit(range: Range, text: string): Promise<number> {
    const version = await client.edit(this.uri, range, text);
    this.doc = TextDocument.update(this.doc, [{ range, text }], version);
    return version;
  }
}

function r(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** Diagnostics must lie inside the server's text: lines exist, columns within the line. */
function assertInBounds(m: Mirror, diagnostics: Diagnostic[]): void {
  const text = m.doc.getText();
  const lines = text.split(/\r?\n/);
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${d.code}: line ${p.line} in 0..${lines.length - 1}`);
      const len = lines[p.line]!.replace(/\r$/, '').length;
      assert.ok(p.character >= 0 && p.character <= len, `${d.code}: column ${p.character} on line ${p.line} in 0..${len}`);
    }
    const s = d.range.start;
    const e = d.range.end;
    assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `${d.code}: start before end`);
  }
}

async function finalDiagnostics(m: Mirror, version: number): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(m.uri, (_d, p) => p.version === version, `diagnostics of version ${version} of ${path.basename(m.uri)}`);
}

/** The server answers the everyday requests on this document (whatever their content). */
async function assertAnswers(m: Mirror): Promise<void> {
  const lastLine = m.doc.lineCount - 1;
  const positions = [
    { line: 0, character: 0 },
    { line: lastLine, character: m.doc.getText().split('\n')[lastLine]?.length ?? 0 },
    { line: lastLine + 5, character: 3 },
    { line: 0, character: 100_000 },
  ];
  for (const position of positions) {
    const completion = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: m.uri }, position });
    assert.ok(completion === null || Array.isArray(completion.items) || Array.isArray(completion), 'completion answers');
    await client.request('textDocument/hover', { textDocument: { uri: m.uri }, position });
  }
  const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: m.uri } });
  assert.ok(symbols === null || Array.isArray(symbols), 'documentSymbol answers');
  const folding = await client.request<unknown[] | null>('textDocument/foldingRange', { textDocument: { uri: m.uri } });
  assert.ok(folding === null || Array.isArray(folding), 'foldingRange answers');
  const actions = await client.request<unknown[] | null>('textDocument/codeAction', {
    textDocument: { uri: m.uri },
    range: r(0, 0, lastLine, 0),
    context: { diagnostics: client.last(m.uri)?.diagnostics ?? [] },
  });
  assert.ok(actions === null || Array.isArray(actions), 'codeAction answers');
}

function assertAlive(): void {
  assert.equal(client.child.exitCode, null, 'the server is still running');
  // A rule or a check that threw is logged (and its findings lost): none may have.
  const failures = client.logs.filter((l) => /failed|error/i.test(l));
  assert.deepEqual(failures, [], 'no failure in the server log');
}

test('a document of random bytes: diagnostics in bounds, requests answered', async () => {
  const rand = prng(5);
  const m = new Mirror(uriOf(path.join(root, 'random.patch')), randomBytes(rand, 6000).toString('utf8'));
  await m.open();
  assertInBounds(m, await finalDiagnostics(m, 1));
  await assertAnswers(m);
  // Garbage edits to garbage.
  let version = 1;
  for (let i = 0; i < 20; i++) {
    const line = Math.floor(rand() * (m.doc.lineCount + 3));
    version = await m.edit(r(line, Math.floor(rand() * 80), line + Math.floor(rand() * 3), Math.floor(rand() * 80)), randomBytes(rand, 40).toString('utf8'));
  }
  assertInBounds(m, await finalDiagnostics(m, version));
  await assertAnswers(m);
  assertAlive();
});

test('one line of 20,000 columns and a patch of 20,000 lines: diagnostics in bounds, requests answered', async () => {
  const wide = new Mirror(uriOf(path.join(root, 'wide.patch')), `Subject: [PATCH] ${'x🦀'.repeat(10_000)}`);
  const base = fs.readFileSync(path.join(FIXTURES, 'base.patch'), 'utf8');
  const body = Array.from({ length: 20_000 }, (_, i) => `+line ${i} \t`).join('\n');
  const tall = new Mirror(
    uriOf(path.join(root, 'tall.patch')),
    base.replace('@@ -10,7 +10,7 @@', '@@ -10,7 +10,20007 @@').replace('+\tfor (addr = start; addr < end; addr += PAGE_SIZE)', `${body}\n+\tfor (addr = start; addr < end; addr += PAGE_SIZE)`),
  );
  await wide.open();
  await tall.open();
  assertInBounds(wide, await finalDiagnostics(wide, 1));
  const tallDiagnostics = await finalDiagnostics(tall, 1);
  assertInBounds(tall, tallDiagnostics);
  assert.ok(tallDiagnostics.some((d) => d.code === 'TRAILING_WHITESPACE'), 'the tall patch is checked');
  await assertAnswers(wide);
  await assertAnswers(tall);
  // Edit the middle of the wide line, inside a surrogate pair.
  const v = await wide.edit(r(0, 18, 0, 19), 'y');
  assertInBounds(wide, await finalDiagnostics(wide, v));
  await client.close(wide.uri);
  await client.close(tall.uri);
  assertAlive();
});

test('rapid incremental edits with ranges invalid at the edges: the final version is checked', async () => {
  const m = new Mirror(uriOf(path.join(root, 'edited.patch')), fs.readFileSync(path.join(FIXTURES, 'unicode-trailers.patch'), 'utf8'));
  await m.open();
  await finalDiagnostics(m, 1);
  const rand = prng(11);
  let version = 1;
  const edits: [Range, string][] = [
    [r(0, 0, 0, 0), 'X'], // start of the document
    [r(0, 0, 0, 1), ''],
    [r(0, 0, 0, 0), '\n\n'], // new blank lines before the mbox From line
    [r(0, 0, 2, 0), ''],
    [r(100_000, 0, 100_000, 0), '\nSigned-off-by: Past The End <past@example.org>'], // past the last line
    [r(100_000, 5, 100_001, 9), 'tail'],
    [r(3, 500, 3, 900), '.'], // past the end of a line
    [r(5, 10, 5, 2), ''], // reversed range
    [r(9, 3, 9, 3), '\r\n'], // a CR LF in the middle of the document
    [r(12, 1, 12, 1), '🐙'],
    [r(12, 2, 12, 3), ''], // inside the surrogate pair just typed
    [r(0, 0, 100_000, 0), fs.readFileSync(path.join(FIXTURES, 'fixables.patch'), 'utf8')], // the whole text
    [r(-1, -1, 0, 0), 'Y'], // negative positions (invalid LSP, must not kill the server)
  ];
  for (const [range, text] of edits) version = await m.edit(range, text);
  // Then a burst of random edits, never waiting for diagnostics in between.
  for (let i = 0; i < 150; i++) {
    const lines = m.doc.lineCount;
    const line = Math.floor(rand() * (lines + 2));
    const ch = Math.floor(rand() * 90);
    const span = Math.floor(rand() * 3);
    const pieces = ['', 'a', '\n', 'Signed-off-by: ', '---\n', '@@ -1 +1 @@\n', '+', ' ', '🦀', '\r\n', 'Subject: [PATCH] x\n', 'diff --git a/x b/x\n'];
    version = await m.edit(r(line, ch, line + span, Math.floor(rand() * 90)), pieces[Math.floor(rand() * pieces.length)]!);
  }
  const diagnostics = await finalDiagnostics(m, version);
  assertInBounds(m, diagnostics);
  await assertAnswers(m);
  assertAlive();
  // The server still follows: an edit after the burst is checked too.
  const after = await m.edit(r(0, 0, 0, 0), 'Z');
  assertInBounds(m, await finalDiagnostics(m, after));
  assertAlive();
});
