/**
 * The check worker and the main thread's side of it (CheckPool), with the real worker
 * (dist/checkWorker.js): what it gives is what the engine gives in process, also when a huge
 * delta comes in parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CheckPool, PART_MESSAGES, splitDelta } from '../../server/src/lsp/checkPool';
import { IncrementalDocument, type CheckDelta } from '../../server/src/check/incremental';
import { defaultConfig } from '../../server/src/config/defaults';
import { makeMbox } from '../helpers/mbox';
import { REPO_ROOT } from './lspClient';

test('splitDelta: parts of PART_MESSAGES messages and outlines, in order; the delta keeps none', () => {
  const { text, messages } = makeMbox(2_300_000);
  assert.ok(messages > PART_MESSAGES, `${messages} messages: more than one part`);
  const delta = new IncrementalDocument('mail', { lazyMinLength: 0 }).checkDelta(text, defaultConfig());
  const whole: CheckDelta = structuredClone(delta);
  const parts = splitDelta(7, delta);
  assert.equal(parts.length, Math.ceil(messages / PART_MESSAGES));
  assert.deepEqual(delta.messages, []);
  assert.deepEqual(delta.shape!.parsed, []);
  assert.ok(parts.every((p) => p.id === 7 && p.messages.length <= PART_MESSAGES));
  assert.deepEqual(parts.flatMap((p) => p.messages), whole.messages);
  assert.deepEqual(parts.flatMap((p) => p.parsed), whole.shape!.parsed);
  // A small delta is not split.
  const small = new IncrementalDocument().checkDelta(makeMbox(20_000).text, defaultConfig());
  assert.deepEqual(splitDelta(8, small), []);
  assert.ok(small.messages.length > 0);
});

test('CheckPool with the real worker: a huge mbox (its delta in parts) and then an edit give what the engine gives in process', async () => {
  const pool = new CheckPool(
    (rule, error) => assert.fail(`rule ${rule} failed: ${String(error)}`),
    () => undefined,
    path.join(REPO_ROOT, 'dist/checkWorker.js'),
  );
  // The worker does not keep a process alive (in the server, the connection does): a timer does here.
  const alive = setInterval(() => undefined, 1000);
  try {
    const config = defaultConfig();
    const { text, messages } = makeMbox(2_300_000);
    const here = new IncrementalDocument();
    const first = await pool.textFindings('untitled:huge.mbox', text, 'mail', config);
    assert.ok(first, 'checked');
    assert.deepEqual(first.findings, here.check(text, config));
    assert.equal(first.shape?.keys.length, messages);
    const at = text.indexOf(`case ${Math.floor(messages / 2)},`);
    const edited = `${text.slice(0, at)}\n${text.slice(at)}`;
    const second = await pool.textFindings('untitled:huge.mbox', edited, 'mail', config);
    assert.ok(second, 'checked');
    assert.deepEqual(second.findings, here.check(edited, config));
  } finally {
    clearInterval(alive);
    pool.dispose();
  }
});
