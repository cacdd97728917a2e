/**
 * The check worker and the main thread's side of it (CheckPool), with the real worker
 * (dist/checkWorker.js): what it gives is what the engine gives in process, also when a huge
 * delta comes in parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CheckPool, PART_MESSAGES } from '../../server/src/lsp/checkPool';
import { IncrementalDocument, type DeltaChunk, type DeltaMessage } from '../../server/src/check/incremental';
import { defaultConfig } from '../../server/src/config/defaults';
import { makeMbox } from '../helpers/mbox';
import { REPO_ROOT } from './lspClient';

test('checkDelta in parts: PART_MESSAGES messages and outlines at a time, in order; the delta holds the rest; together they are the whole delta', () => {
  const { text, messages } = makeMbox(2_300_000);
  assert.ok(messages > PART_MESSAGES, `${messages} messages: more than one part`);
  const whole = new IncrementalDocument('mail', { lazyMinLength: 0 }).checkDelta(text, defaultConfig());
  const chunks: DeltaChunk[] = [];
  const rest = new IncrementalDocument('mail', { lazyMinLength: 0 }).checkDelta(text, defaultConfig(), {}, undefined, {
    size: PART_MESSAGES,
    emit: (chunk) => chunks.push(structuredClone(chunk)),
  });
  assert.equal(chunks.length, Math.floor(messages / PART_MESSAGES));
  assert.ok(chunks.every((c) => c.messages.length === PART_MESSAGES));
  assert.ok(rest.messages.length < PART_MESSAGES);
  // Message ids are the instance's own (a global count): compared apart from them.
  const noIds = (list: DeltaMessage[]): Omit<DeltaMessage, 'id'>[] => list.map(({ id: _id, ...m }) => m);
  assert.deepEqual(noIds([...chunks.flatMap((c) => c.messages), ...rest.messages]), noIds(whole.messages));
  assert.deepEqual([...chunks.flatMap((c) => c.parsed), ...rest.shape!.parsed], whole.shape!.parsed);
  assert.deepEqual({ ...rest, messages: [], shape: { ...rest.shape, parsed: [] } }, { ...whole, messages: [], shape: { ...whole.shape, parsed: [] } });
  // A small delta has no part.
  let emitted = 0;
  const small = new IncrementalDocument().checkDelta(makeMbox(20_000).text, defaultConfig(), {}, undefined, { size: PART_MESSAGES, emit: () => emitted++ });
  assert.equal(emitted, 0);
  assert.ok(small.messages.length > 0);
});

/** A pool on the real worker (dist/checkWorker.js) for `run`, disposed after; a rule's failure fails the test. */
async function withWorkerPool(log: (message: string) => void, run: (pool: CheckPool) => Promise<void>): Promise<void> {
  const pool = new CheckPool((rule, error) => assert.fail(`rule ${rule} failed: ${String(error)}`), log, path.join(REPO_ROOT, 'dist/checkWorker.js'));
  // The worker does not keep a process alive (in the server, the connection does): a timer does here.
  const alive = setInterval(() => undefined, 1000);
  try {
    await run(pool);
  } finally {
    clearInterval(alive);
    pool.dispose();
  }
}

/** `text` with a line added in its middle message. */
function editedInMiddle(text: string, messages: number): string {
  const at = text.indexOf(`case ${Math.floor(messages / 2)},`);
  return `${text.slice(0, at)}\n${text.slice(at)}`;
}

test('CheckPool with the real worker: a huge mbox (its delta in parts) and then an edit give what the engine gives in process', () =>
  withWorkerPool(
    () => undefined,
    async (pool) => {
      const config = defaultConfig();
      const { text, messages } = makeMbox(2_300_000);
      const here = new IncrementalDocument();
      const first = await pool.textFindings('untitled:huge.mbox', text, 'mail', config);
      assert.ok(first, 'checked');
      assert.deepEqual(first.findings, here.check(text, config));
      assert.equal(first.shape?.keys.length, messages);
      const edited = editedInMiddle(text, messages);
      const second = await pool.textFindings('untitled:huge.mbox', edited, 'mail', config);
      assert.ok(second, 'checked');
      assert.deepEqual(second.findings, here.check(edited, config));
    },
  ));

test('CheckPool with the real worker: a huge check superseded after some of its parts came gives nothing, and the next versions give what the engine gives', () => {
  const logged: string[] = [];
  return withWorkerPool(
    (m) => logged.push(m),
    async (pool) => {
      const config = defaultConfig();
      const { text, messages } = makeMbox(6_000_000);
      const here = new IncrementalDocument();
      const edited = editedInMiddle(text, messages);
      const first = pool.textFindings('untitled:huge.mbox', text, 'mail', config);
      // The worker starts and gives its first parts (1,000 messages each) before the edit comes.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const second = await pool.textFindings('untitled:huge.mbox', edited, 'mail', config);
      const superseded = await first;
      if (superseded) assert.deepEqual(superseded.findings, here.check(text, config), 'checked whole before the edit came');
      assert.ok(second, 'checked');
      assert.deepEqual(second.findings, here.check(edited, config));
      const third = await pool.textFindings('untitled:huge.mbox', text, 'mail', config);
      assert.ok(third, 'checked');
      assert.deepEqual(third.findings, here.check(text, config));
      assert.deepEqual(logged, [], 'nothing checked again from nothing');
    },
  );
});
