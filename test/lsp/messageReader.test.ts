/**
 * BodyMessageReader, the server's reader of LSP messages from stdin: messages split anywhere
 * across reads (property test), several in one read, headers it cannot read (an error, and the
 * messages after them still read), a body too large (skipped, with an error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { BodyMessageReader, MAX_HEADER_BYTES, parseHeader } from '../../server/src/lsp/messageReader';

function frame(message: unknown, header = ''): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${header}Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** What a reader gives for `input` written in `chunks` (cut at the given offsets). */
async function read(input: Buffer, cuts: number[] = [], maxBody?: number): Promise<{ messages: Message[]; errors: string[]; closed: boolean }> {
  const stream = new PassThrough();
  const reader = new BodyMessageReader(stream, maxBody);
  const messages: Message[] = [];
  const errors: string[] = [];
  let closed = false;
  reader.onError((e) => errors.push(e.message));
  reader.onClose(() => (closed = true));
  reader.listen((m) => messages.push(m));
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= input.length) continue;
    stream.write(input.subarray(at, cut));
    at = cut;
  }
  stream.end(input.subarray(at));
  await new Promise((resolve) => stream.on('close', resolve));
  return { messages, errors, closed };
}

const sample: Message[] = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { rootUri: null } } as Message,
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:ü.patch', text: 'Subject: [PATCH] café ☕ 𝄞\n\r\n\r\n' } } } as Message,
  { jsonrpc: '2.0', id: 2, method: 'shutdown' } as Message,
];

test('BodyMessageReader: messages cut anywhere across reads are read whole, in order (UTF-8 split inside a character too)', async () => {
  const input = Buffer.concat(sample.map((m) => frame(m)));
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 1, max: input.length - 1 }), { maxLength: 12 }), async (cuts) => {
      const got = await read(input, cuts);
      assert.deepEqual(got.messages, sample);
      assert.deepEqual(got.errors, []);
    }),
    { numRuns: 200 },
  );
  // Every single-byte cut, and one byte a read.
  for (let cut = 1; cut < input.length; cut++) assert.deepEqual((await read(input, [cut])).messages, sample);
  const bytes = await read(input, Array.from({ length: input.length }, (_, i) => i));
  assert.deepEqual(bytes.messages, sample);
  assert.equal(bytes.closed, true);
});

test('BodyMessageReader: other headers (Content-Type, any case) are read past; a huge body is read whole', async () => {
  const text = 'x'.repeat(3_000_000) + 'é\n';
  const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text } } } as Message;
  const lowerCase = Buffer.from(frame(big).toString('latin1').replace('Content-Length', 'content-length'), 'latin1');
  const input = Buffer.concat([frame(sample[0], 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), lowerCase]);
  const cuts = Array.from({ length: Math.ceil(input.length / 65536) }, (_, i) => i * 65536);
  const got = await read(input, cuts);
  assert.deepEqual(got.errors, []);
  assert.deepEqual(got.messages, [sample[0], big]);
});

test('BodyMessageReader: a header it cannot read is an error, and the messages after it are read', async () => {
  const cases: [string, Buffer, RegExp][] = [
    ['no Content-Length', Buffer.from('Content-Type: x\r\n\r\n', 'ascii'), /without Content-Length/],
    ['a length that is no number', Buffer.from('Content-Length: 12a\r\n\r\n', 'ascii'), /not a number/],
    ['a line without a colon, its body skipped', Buffer.from('Content-Length: 2\r\nbogus\r\n\r\n{}', 'ascii'), /without ':'/],
    ['a body that is no JSON', Buffer.from('Content-Length: 3\r\n\r\n{x}', 'ascii'), /not JSON/],
    ['a header that never ends', Buffer.from('X'.repeat(MAX_HEADER_BYTES + 10), 'ascii'), /without its end/],
  ];
  for (const [name, bad, error] of cases) {
    const first = frame(sample[0]);
    const input = Buffer.concat([first, bad, frame(sample[2])]);
    // Read as a client writes: a message at a time.
    const got = await read(input, [first.length, first.length + bad.length]);
    assert.equal(got.errors.length, 1, `${name}: ${got.errors.join('; ')}`);
    assert.match(got.errors[0]!, error, name);
    assert.deepEqual(got.messages, [sample[0], sample[2]], name);
  }
});

test('BodyMessageReader: a body larger than the limit is skipped with an error, the next message is read', async () => {
  const big = { jsonrpc: '2.0', method: 'x', params: { text: 'y'.repeat(5000) } } as Message;
  const got = await read(Buffer.concat([frame(big), frame(sample[2])]), [10, 3000], 1000);
  assert.equal(got.errors.length, 1);
  assert.match(got.errors[0]!, /more than 1000/);
  assert.deepEqual(got.messages, [sample[2]]);
});

test('parseHeader: the Content-Length, and what is wrong', () => {
  assert.deepEqual(parseHeader('Content-Length: 42'), { length: 42, problem: null });
  assert.deepEqual(parseHeader('content-length:7\r\nContent-Type: a'), { length: 7, problem: null });
  assert.deepEqual(parseHeader('Content-Type: a'), { length: null, problem: null });
  assert.equal(parseHeader('Content-Length: -1').problem, 'LSP Content-Length is not a number: "-1"');
});

test('BodyMessageReader: any bytes (fuzzed) never throw out of the stream handler; a message whose handler throws is an error, the next is read', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...sample.map((m) => new Uint8Array(frame(m)))), fc.constant(new Uint8Array(Buffer.from('Content-Length: 3\r\n\r\n')))), { maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 6 }),
      async (pieces, cuts) => {
        const got = await read(Buffer.concat(pieces.map((p) => Buffer.from(p))), cuts);
        assert.equal(got.closed, true);
      },
    ),
    { numRuns: 300 },
  );
  const stream = new PassThrough();
  const reader = new BodyMessageReader(stream);
  const errors: string[] = [];
  const seen: Message[] = [];
  reader.onError((e) => errors.push(e.message));
  reader.listen((m) => {
    if (seen.push(m) === 1) throw new Error('handler failed');
  });
  stream.end(Buffer.concat([frame(sample[0]), frame(sample[2])]));
  await new Promise((resolve) => stream.on('close', resolve));
  assert.deepEqual(seen, [sample[0], sample[2]]);
  assert.deepEqual(errors, ['handler failed']);
});
