/**
 * The workspace's models of a huge mbox while the check worker reads it: a request at a line gets
 * the one message there, parsed at once (the whole text is not parsed on the main thread); the
 * whole model waits for the worker, and a small document is always parsed whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as turn } from 'node:timers/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { incrementalStats } from '../../server/src/check/incremental';
import { Workspace, type OpenDocuments } from '../../server/src/lsp/workspace';
import { makeMbox } from '../helpers/mbox';

function workspaceOf(...docs: TextDocument[]): Workspace {
  const byUri = new Map(docs.map((d) => [d.uri, d]));
  const documents: OpenDocuments = { get: (uri) => byUri.get(uri), all: () => [...byUri.values()] };
  return new Workspace(documents, () => undefined);
}

function subjectOf(p: ReturnType<Workspace['parsedAt']>, k = 0): string {
  return p?.doc.messages[k]?.headers.find((h) => h.name.toLowerCase() === 'subject')?.value ?? '';
}

test('a huge mbox being checked: the model at a line is its message alone; the whole model waits for the check', async () => {
  const { text, messages } = makeMbox(3_000_000);
  const uri = 'file:///w/huge.mbox';
  const ws = workspaceOf(TextDocument.create(uri, 'git-patch', 1, text));
  const mid = Math.floor(messages / 2);
  const line = text.slice(0, text.indexOf(`exit handler of case ${mid},`)).split('\n').length - 1;

  ws.checkStarted(uri, 1);
  const parses = incrementalStats.messageParses;
  const at = ws.parsedAt(uri, line);
  assert.equal(at?.partial, true);
  assert.equal(at.doc.messages.length, 1);
  assert.match(subjectOf(at), new RegExp(`^\\[PATCH ${mid + 1}/${messages}\\] `));
  assert.ok(at.doc.messages[0]!.startLine <= line && line <= at.doc.messages[0]!.endLine);
  // A line from the client past the end: the last message.
  assert.match(subjectOf(ws.parsedAt(uri, 1e9)), new RegExp(`^\\[PATCH ${messages}/${messages}\\] `));
  assert.equal(incrementalStats.messageParses, parses, 'the whole text was not parsed');

  let answered = false;
  const waiting = ws.parsedWhole(uri).then((p) => {
    answered = true;
    return p;
  });
  await turn();
  assert.equal(answered, false, 'the whole model waits for the check');
  ws.checkEnded(uri, 1);
  const whole = await waiting;
  assert.equal(whole?.partial, undefined);
  assert.equal(whole?.doc.messages.length, messages);
  // Checked: every request gets the whole model.
  assert.equal(ws.parsedAt(uri, line), whole);
});

test('a small document, or a huge one not being checked: the whole model at once', async () => {
  const small = TextDocument.create('file:///w/small.mbox', 'git-patch', 3, makeMbox(20_000).text);
  const { text, messages } = makeMbox(2_500_000);
  const huge = TextDocument.create('file:///w/idle.mbox', 'git-patch', 1, text);
  const ws = workspaceOf(small, huge);
  ws.checkStarted(small.uri, 3);
  assert.equal(ws.parsedAt(small.uri, 0)?.partial, undefined);
  assert.equal((await ws.parsedWhole(small.uri))?.version, 3);
  // Another version than the one being checked: not the worker's text.
  ws.checkStarted(huge.uri, 7);
  const p = ws.parsedAt(huge.uri, 0);
  assert.equal(p?.partial, undefined);
  assert.equal(p?.doc.messages.length, messages);
});
