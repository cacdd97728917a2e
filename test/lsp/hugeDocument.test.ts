/**
 * A huge mbox in the editor (2 MB or more: its messages are parsed when read, the worker gives
 * only the findings of changed messages): the diagnostics are those `patchsmith check` gives for
 * the same text, before and after edits, and hover, quick fixes, the outline and folding work
 * on it as on a small one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-protocol';
import { serverInTempFolder, REPO_ROOT, uriOf } from './lspClient';
import { mboxMessage, mboxWithMisspeltTrailer } from '../helpers/mbox';
import type { SeriesEntry, SeriesInfoResult } from '../../server/src/lsp/protocol';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

const server = serverInTempFolder('patchsmith-huge-doc-', { initializationOptions: { trusted: false, debounceMs: 0 } });

interface JsonFinding {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** What `patchsmith check --format json` says of `text`, as [rule, range, message] rows. */
function cliRows(text: string): string[] {
  // Another folder: the editor reads the huge mbox's folder for its series.
  const file = path.join(server.dir, 'cli', 'copy.mbox');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [CLI, 'check', '--no-repo', '--no-checkpatch', '--format', 'json', file], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as JsonFinding[]).map((f) => `${f.rule} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.message}`).sort();
}

function lspRows(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
}

test('a huge mbox: the diagnostics `check` gives, before and after edits; hover, quick fix, outline and folding work', async () => {
  // A misspelt trailer key in the middle message.
  const { text, messages, mid, line } = mboxWithMisspeltTrailer(2_300_000);
  const file = path.join(server.dir, 'huge.mbox');
  writeFileSync(file, text);
  const uri = uriOf(file);
  await server.client.open(uri, text);
  const first = await server.client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'diagnostics of the huge mbox');
  assert.deepEqual(lspRows(first), cliRows(text));

  const misspelt = first.find((d) => d.range.start.line === line);
  assert.ok(misspelt, `a diagnostic on the misspelt trailer at line ${line}`);

  // Quick fix and hover on the message in the middle (parsed when asked).
  const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: misspelt.range,
    context: { diagnostics: [misspelt], only: ['quickfix'] },
  });
  assert.ok(
    actions.some((a) => JSON.stringify(a.edit ?? {}).includes('Reviewed-by')),
    `a quick fix writes Reviewed-by: ${JSON.stringify(actions.map((a) => a.title))}`,
  );
  const hover = await server.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } });
  // The trailer key's documentation, on the key of the message in the middle.
  assert.ok(hover?.range, 'a hover on the trailer key');
  assert.equal(hover.range.start.line, line);
  assert.match(JSON.stringify(hover.contents), /\*\*Reviewed-by:\*\*/);

  // The outline and folding: one entry a message, named by its subject.
  const symbols = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, messages);
  assert.match(symbols[mid]!.name, new RegExp(`\\[PATCH ${mid + 1}/${messages}\\]`));
  const folds = await server.client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.equal(folds.length, messages);

  // The series view and the status bar: labelled from the outline.
  const list = await server.client.request<SeriesEntry[]>('patchsmith/listSeries', {});
  const mine = list.filter((e) => e.items.some((i) => i.uri === uri));
  assert.equal(mine.length, 1);
  assert.equal(mine[0]!.items.length, messages);
  assert.match(mine[0]!.items[mid]!.label, new RegExp(`^${mid + 1}/${messages} KVM: x86: Read register ${mid} `));
  const info = await server.client.request<SeriesInfoResult>('patchsmith/seriesInfo', { uri, line });
  assert.equal(info.label, `${mid + 1}/${messages}`);

  // An edit that adds a line near the top (every later message moves) and one in the middle message.
  const v2 = await server.client.edit(uri, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, 'An added line of the first commit message.\n');
  const current = text.split('\n');
  current.splice(6, 0, 'An added line of the first commit message.');
  const second = await server.client.waitForDiagnostics(uri, (_d, p) => p.version === v2, 'diagnostics after the first edit');
  assert.deepEqual(lspRows(second), cliRows(current.join('\n')));

  const fixLine = line + 1;
  const v3 = await server.client.edit(uri, { start: { line: fixLine, character: 0 }, end: { line: fixLine, character: 'Reviewed-By'.length } }, 'Reviewed-by');
  current[fixLine] = `Reviewed-by${current[fixLine]!.slice('Reviewed-By'.length)}`;
  const third = await server.client.waitForDiagnostics(uri, (_d, p) => p.version === v3, 'diagnostics after the second edit');
  assert.deepEqual(lspRows(third), cliRows(current.join('\n')));
  assert.ok(!third.some((d) => d.range.start.line === fixLine), 'the fixed trailer has no diagnostic');
  await server.client.close(uri);
});

test('an mbox of many series: each check tells the client once that its series changed, not once a series', async () => {
  const single = (i: number): string => mboxMessage(i, 1).replace(/^Subject: \[PATCH 1\/1\]/m, 'Subject: [PATCH]');
  const parts = Array.from({ length: 300 }, (_, i) => single(i));
  const file = path.join(server.dir, 'singles.mbox');
  const text = parts.join('\n');
  writeFileSync(file, text);
  const uri = uriOf(file);
  const seen = server.client.seriesChanged.length;
  await server.client.open(uri, text);
  await server.client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  await server.client.waitForSeriesChanged((p) => server.client.seriesChanged.indexOf(p) >= seen && p.uris.includes(uri));
  for (let k = 0; k < 2; k++) {
    const before = server.client.seriesChanged.length;
    const v = await server.client.edit(uri, { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, 'x');
    await server.client.waitForDiagnostics(uri, (_d, p) => p.version === v);
    await server.client.waitForSeriesChanged((p) => server.client.seriesChanged.indexOf(p) >= before && p.uris.includes(uri));
    // Whatever else was sent with it has arrived by the time a request is answered.
    await server.client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(server.client.seriesChanged.length - before, 1, `notifications for edit ${k + 1}`);
  }
  await server.client.close(uri);
});
