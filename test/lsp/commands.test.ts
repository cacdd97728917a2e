/**
 * The palette's server commands through the real server, where the VS Code end-to-end test
 * (test/e2e/commands.e2e.ts) found them wrong: signing off patches kept outside any git
 * repository (git's global identity), and Sign Off / Add Trailer in an mbox on the message at
 * the line the client sends (the cursor's).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PersonCandidate } from '../../server/src/lsp/protocol';
import { applyTextEdits, editsFor, LspTestClient, REPO_ROOT, uriOf } from './lspClient';

const EXAMPLES = path.join(REPO_ROOT, 'examples/v2');
const PARTS = [
  'v2-0001-hwmon-tmp42x-Use-devm_mutex_init.patch',
  'v2-0002-hwmon-tmp42x-Fix-reading-negative-temperatures.patch',
  'v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch',
].map((f) => readFileSync(path.join(EXAMPLES, f), 'utf8'));
const ADA_SOB = 'Signed-off-by: Ada Lovelace <ada@example.org>\n';
const ME = 'Gus Global <gus@example.org>';

let dir: string;
let outgoing: string;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-lsp-commands-'));
  // The patches live outside any repository; the user's identity is in git's global config only.
  outgoing = path.join(dir, 'outgoing');
  mkdirSync(outgoing);
  const globalConfig = path.join(dir, 'gitconfig');
  writeFileSync(globalConfig, '[user]\n\tname = Gus Global\n\temail = gus@example.org\n');
  client = await LspTestClient.start({ root: outgoing, env: { GIT_CONFIG_GLOBAL: globalConfig, GIT_CEILING_DIRECTORIES: dir } });
});

after(async () => {
  await client?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openAndWait(c: LspTestClient, file: string, text: string): Promise<string> {
  writeFileSync(file, text);
  const uri = uriOf(file);
  await c.open(uri, text);
  await c.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  return uri;
}

/** Runs a server command; the text after its edit (null when the server made none). */
async function run(c: LspTestClient, uri: string, text: string, command: string, args: unknown[]): Promise<string | null> {
  const seen = c.appliedEdits.length;
  const ok = await c.request<boolean>('workspace/executeCommand', { command, arguments: [uri, ...args] });
  if (!ok) return null;
  const e = editsFor(c.appliedEdits[seen]!.edit, uri);
  assert.ok(e, 'the edit is for the document');
  return applyTextEdits(text, e.edits);
}

test('outside any git repository, Sign Off signs with the identity of git’s global config', async () => {
  const text = PARTS[0]!.replace(ADA_SOB, '');
  const uri = await openAndWait(client, path.join(outgoing, 'unsigned.patch'), text);
  const after = await run(client, uri, text, 'patchsmith.server.signOff', []);
  assert.equal(after, PARTS[0]!.replace(ADA_SOB, `Signed-off-by: ${ME}\n`));
  await client.close(uri);
});

test('outside any git repository, the people for Signed-off-by start with the user', async () => {
  const uri = await openAndWait(client, path.join(outgoing, 'people.patch'), PARTS[1]!);
  const people = await client.request<PersonCandidate[]>('patchsmith/people', { uri, key: 'Signed-off-by' });
  assert.deepEqual(people[0], { name: 'Gus Global', email: 'gus@example.org', source: 'you (git config)' });
  await client.close(uri);
});

test('in an mbox, Sign Off and Add Trailer work on the message at the given line', async () => {
  const text = PARTS.map((p, i) => (i === 2 ? p.replace(ADA_SOB, '') : p)).join('');
  const uri = await openAndWait(client, path.join(outgoing, 'series.mbox'), text);
  const lines = text.split('\n');
  const third = lines.findIndex((l) => l.startsWith('Subject: [PATCH v2 3/3]'));
  const signed = await run(client, uri, text, 'patchsmith.server.signOff', [third + 4]);
  assert.equal(signed, [PARTS[0], PARTS[1], PARTS[2]!.replace(ADA_SOB, `Signed-off-by: ${ME}\n`)].join(''));
  // Without a line: the first message (already signed off by Ada, so Gus signs after her).
  const first = await run(client, uri, text, 'patchsmith.server.signOff', []);
  assert.equal(first, [PARTS[0]!.replace(ADA_SOB, `${ADA_SOB}Signed-off-by: ${ME}\n`), PARTS[1], PARTS[2]!.replace(ADA_SOB, '')].join(''));
  const second = lines.findIndex((l) => l.startsWith('Subject: [PATCH v2 2/3]'));
  const acked = await run(client, uri, text, 'patchsmith.server.addTrailer', ['Acked-by', 'Charles Babbage <charles@example.org>', second + 4]);
  assert.equal(acked, [PARTS[0], PARTS[1]!.replace(ADA_SOB, `${ADA_SOB}Acked-by: Charles Babbage <charles@example.org>\n`), PARTS[2]!.replace(ADA_SOB, '')].join(''));
  await client.close(uri);
});

test('in an untrusted workspace, Sign Off runs no git and says why', async () => {
  const untrusted = await LspTestClient.start({
    root: outgoing,
    env: { GIT_CONFIG_GLOBAL: path.join(dir, 'gitconfig'), GIT_CEILING_DIRECTORIES: dir },
    initializationOptions: { trusted: false },
  });
  try {
    const text = PARTS[0]!.replace(ADA_SOB, '');
    const uri = await openAndWait(untrusted, path.join(outgoing, 'untrusted.patch'), text);
    assert.equal(await run(untrusted, uri, text, 'patchsmith.server.signOff', []), null);
    assert.ok(untrusted.logs.some((m) => /cannot sign off/.test(m)), untrusted.logs.join('\n'));
  } finally {
    await untrusted.stop();
  }
});
