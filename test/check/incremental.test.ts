import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { CheckCancelled, IncrementalDocument, incrementalStats, textFindings } from '../../server/src/check';
import { DeltaMismatch, FindingsReceiver, type CheckDelta, type DeltaChunk } from '../../server/src/check/incremental';
import { KEPT, messageOutlines } from '../../server/src/model/lazyMessages';
import type { PatchMessage } from '../../server/src/model/types';
import { summarizeMessage } from '../../server/src/series/group';
import { messageAt } from '../../server/src/lsp/locate';
import { defaultConfig } from '../../server/src/config/defaults';
import { modelValue } from '../helpers/modelValue';
import { makeMbox } from '../helpers/mbox';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (/\.(patch|mbox|eml)$/.test(e.name)) out.push(p);
  }
  return out;
}

const fixtures = filesUnder(path.join(repoRoot, 'test/fixtures')).sort();
const texts = fixtures.map((f) => fs.readFileSync(f, 'utf8'));
/** All fixtures as one mbox (what `git format-patch --stdout` of a long series looks like). */
const mbox = texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('\n');

function assertSame(inc: IncrementalDocument, text: string, what: string): void {
  const config = defaultConfig();
  const doc = inc.update(text);
  const full = parsePatch(text);
  assert.deepEqual(modelValue(doc), modelValue(full), `model of ${what}`);
  assert.deepEqual(inc.textFindings(config), textFindings(full, config), `findings of ${what}`);
}

test('incremental: the same model and findings as a full parse, on every fixture and on all of them as one mbox', () => {
  assert.ok(fixtures.length > 10);
  for (let i = 0; i < fixtures.length; i++) assertSame(new IncrementalDocument(), texts[i]!, fixtures[i]!);
  assertSame(new IncrementalDocument(), mbox, 'the fixtures mbox');
});

test('incremental: the same model and findings after any sequence of edits', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          at: fc.nat(),
          del: fc.nat({ max: 40 }),
          ins: fc.constantFrom('', 'x', '\n', '\n\n', 'From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n', 'Signed-off-by: A <a@b.c>\n', '\r', '---\n', ' '),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      (edits) => {
        const inc = new IncrementalDocument();
        const lean = new IncrementalDocument();
        let text = mbox;
        inc.update(text);
        inc.textFindings(defaultConfig());
        lean.check(text, defaultConfig());
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
          assertSame(inc, text, `an edit at ${at}`);
          assert.deepEqual(lean.check(text, defaultConfig()), textFindings(parsePatch(text), defaultConfig()), `check() after an edit at ${at}`);
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('incremental: a one-character edit parses and checks only the message it touched', () => {
  const messages = 300;
  const one = texts.find((t) => /^From [0-9a-f]{40} /.test(t) && t.includes('\ndiff --git '))!;
  const parts: string[] = [];
  for (let i = 0; i < messages; i++) parts.push(one.replace(/^Subject: (.*)$/m, `Subject: $1 (${i})`));
  const text = parts.join('\n');
  const config = defaultConfig();
  const inc = new IncrementalDocument();
  inc.update(text);
  inc.textFindings(config);
  assert.equal(inc.update(text).messages.length, messages);

  // A character typed in the subject of message 150.
  const at = text.indexOf('(150)');
  const before = { ...incrementalStats };
  const typed = text.slice(0, at) + 'x' + text.slice(at);
  inc.update(typed);
  inc.textFindings(config);
  assert.equal(incrementalStats.messageParses - before.messageParses, 1);
  assert.equal(incrementalStats.messageChecks - before.messageChecks, 1);

  // A new line in the first message moves every later one: still one parse, one check.
  const nl = typed.indexOf('\n\n') + 1;
  const edited = typed.slice(0, nl) + '\n' + typed.slice(nl);
  const mid = { ...incrementalStats };
  const doc = inc.update(edited);
  const found = inc.textFindings(config);
  assert.equal(incrementalStats.messageParses - mid.messageParses, 1);
  assert.equal(incrementalStats.messageChecks - mid.messageChecks, 1);
  assert.deepEqual(modelValue(doc), modelValue(parsePatch(edited)));
  assert.deepEqual(found, textFindings(parsePatch(edited), config));
});

test('incremental check(): the findings of a full parse, keeping no model; one parse and one check for a one-character edit', () => {
  const config = defaultConfig();
  const strict = { ...defaultConfig(), strict: true };
  const odd = ['', 'just some text\n', 'one\rtwo\rthree\r', 'From: a@b.c\r\nSubject: [PATCH] x\r\n\r\nbody\r\n'];
  for (const text of [...texts, mbox, ...odd]) {
    const lean = new IncrementalDocument();
    assert.deepEqual(lean.check(text, config), textFindings(parsePatch(text), config));
    // Another configuration: the messages are checked again under it.
    assert.deepEqual(lean.check(text, strict), textFindings(parsePatch(text), strict));
  }
  const lean = new IncrementalDocument();
  lean.check(mbox, config);
  const at = mbox.indexOf('\n\n') + 1;
  const edited = mbox.slice(0, at) + 'x\n' + mbox.slice(at);
  const before = { ...incrementalStats };
  assert.deepEqual(lean.check(edited, config), textFindings(parsePatch(edited), config));
  assert.equal(incrementalStats.messageParses - before.messageParses, 1);
  assert.equal(incrementalStats.messageChecks - before.messageChecks, 1);
  // Cancelled before the third message parsed: what was checked stays, the rest is done next time.
  const other = mbox.replace(/^Subject: /gm, 'Subject: x');
  let asked = 0;
  assert.throws(() => lean.check(other, config, {}, () => ++asked > 2), CheckCancelled);
  assert.deepEqual(lean.check(other, config), textFindings(parsePatch(other), config));
});

test('incremental: a cancelled check throws and keeps what it did for the next one', () => {
  const inc = new IncrementalDocument();
  inc.update(mbox);
  let asked = 0;
  assert.throws(() => inc.textFindings(defaultConfig(), {}, () => ++asked > 3), CheckCancelled);
  const before = incrementalStats.messageChecks;
  const found = inc.textFindings(defaultConfig());
  assert.equal(incrementalStats.messageChecks - before, parsePatch(mbox).messages.length - 3);
  assert.deepEqual(found, textFindings(parsePatch(mbox), defaultConfig()));
});

test('incremental: the corpus, one folder at a time as an mbox, gives what a full parse gives', (t) => {
  if (!fs.existsSync(corpus)) {
    t.skip(`corpus not found at ${corpus}`);
    return;
  }
  for (const dir of ['kernel', 'intree-buildroot', 'qemu']) {
    const files = filesUnder(path.join(corpus, dir)).sort().slice(0, 80);
    if (!files.length) continue;
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assertSame(new IncrementalDocument(), text, `corpus/${dir}`);
  }
});

// Huge texts (LAZY_MIN_LENGTH or more; 0 here, to run on the fixtures): messages parsed when read.

test('incremental, lazy: the same model and findings as a full parse; messages are parsed when read', () => {
  for (let i = 0; i < fixtures.length; i++) assertSame(new IncrementalDocument('mail', { lazyMinLength: 0 }), texts[i]!, fixtures[i]!);
  const inc = new IncrementalDocument('mail', { lazyMinLength: 0 });
  assertSame(inc, mbox, 'the fixtures mbox, read lazily');
  const doc = inc.update(mbox);
  const outline = messageOutlines(doc.messages);
  assert.ok(outline, 'a lazy document has an outline');
  const full = parsePatch(mbox);
  assert.equal(outline.length, full.messages.length);
  outline.forEach((o, k) => {
    const m = full.messages[k]!;
    assert.deepEqual([o.startLine, o.endLine, o.range, o.name, o.summary], [m.startLine, m.endLine, m.range, m.subject?.raw ?? m.message.title, summarizeMessage(m)]);
  });
  // Read again: the same object (the last messages read are kept); the array is read-only.
  const k = Math.floor(outline.length / 2);
  const held = doc.messages[k]!;
  const before = incrementalStats.messageParses;
  assert.equal(doc.messages[k], held);
  assert.equal(incrementalStats.messageParses, before);
  assert.throws(() => {
    (doc.messages as PatchMessage[])[0] = held;
  }, TypeError);
  assert.deepEqual(Object.keys(doc.messages).length, outline.length);
});

test('incremental, lazy: the last messages read are kept, the others parsed again when read, equal to the first', () => {
  const text = Array.from({ length: KEPT + 10 }, () => mbox).join('\n');
  const inc = new IncrementalDocument('mail', { lazyMinLength: 0 });
  const doc = inc.update(text);
  assert.ok(doc.messages.length > KEPT + 1);
  const first = doc.messages[0]!;
  const value = JSON.stringify(first);
  let before = incrementalStats.messageParses;
  assert.equal(doc.messages[0], first);
  assert.equal(incrementalStats.messageParses, before, 'kept');
  // A loop over every message keeps KEPT models at a time: message 0 left long ago.
  for (const m of doc.messages) assert.ok(m.startLine >= 0);
  before = incrementalStats.messageParses;
  assert.equal(JSON.stringify(doc.messages[0]), value);
  assert.equal(incrementalStats.messageParses - before, 1, 'parsed again');
});

test('incremental, lazy: the same model and findings after any sequence of edits, across the size threshold too', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          at: fc.nat(),
          del: fc.nat({ max: 400 }),
          ins: fc.constantFrom('', 'x', '\n', 'From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n', 'Signed-off-by: A <a@b.c>\n', '---\n', 'y'.repeat(300)),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      (edits) => {
        // Lazy at the mbox's size or more: edits cross the threshold both ways.
        const inc = new IncrementalDocument('mail', { lazyMinLength: mbox.length });
        let text = mbox;
        inc.update(text);
        inc.textFindings(defaultConfig());
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
          assertSame(inc, text, `an edit at ${at} (${text.length >= mbox.length ? 'lazy' : 'whole'})`);
        }
      },
    ),
    { numRuns: 30 },
  );
});

test('incremental, lazy: messageAt by the outline finds the message a full parse finds, on every line', () => {
  const inc = new IncrementalDocument('mail', { lazyMinLength: 0 });
  const lazy = inc.update(mbox);
  const full = parsePatch(mbox);
  for (let line = 0; line < full.lines.length + 2; line++) {
    const a = messageAt(lazy, line);
    const b = messageAt(full, line);
    assert.deepEqual(a?.index ?? null, b?.index ?? null, `line ${line}`);
  }
});

test('checkDelta: each message\'s findings are given once; a receiver gets what check() gives, also after a cancelled check', () => {
  const config = defaultConfig();
  const sender = new IncrementalDocument();
  const receiver = new FindingsReceiver();
  const given = (d: CheckDelta): number => d.messages.filter((m) => m.findings !== null).length;
  // What crosses from the worker is a structured clone; the receiver keeps its own compact copies.
  const d1 = structuredClone(sender.checkDelta(mbox, config));
  assert.equal(given(d1), parsePatch(mbox).messages.length);
  const first = receiver.apply(d1);
  assert.deepEqual(first, textFindings(parsePatch(mbox), config));
  // Every field survives the compaction (fixes, message indexes).
  assert.ok(first.some((f) => f.fix) && first.some((f) => 'messageIndex' in f));
  // A line added in the first message: one message given, the others moved by the receiver.
  const at = mbox.indexOf('\n\n') + 1;
  const edited = mbox.slice(0, at) + 'x\n' + mbox.slice(at);
  const d2 = sender.checkDelta(edited, config);
  assert.equal(given(d2), 1);
  assert.deepEqual(receiver.apply(d2), textFindings(parsePatch(edited), config));
  // Cancelled part way: nothing was given; the next delta gives what was checked and the rest.
  const other = edited.replace(/^Subject: /gm, 'Subject: x');
  let asked = 0;
  assert.throws(() => sender.checkDelta(other, config, {}, () => ++asked > 2), CheckCancelled);
  const d3 = sender.checkDelta(edited.replace(/^Subject: /gm, 'Subject: x'), config);
  assert.deepEqual(receiver.apply(d3), textFindings(parsePatch(other), config));
  // A receiver that missed a delta says so.
  assert.throws(() => new FindingsReceiver().apply(sender.checkDelta(other, config)), DeltaMismatch);
});

test('incremental, lazy: with the shape the worker gives for the same text, the same model, and no message parsed here', () => {
  const config = defaultConfig();
  const worker = new IncrementalDocument('mail', { lazyMinLength: 0 });
  const main = new IncrementalDocument('mail', { lazyMinLength: 0 });
  let text = mbox;
  const edits = ['x', '\n', 'Signed-off-by: A <a@b.c>\n', '\n\n'];
  for (let i = 0; i <= edits.length; i++) {
    const delta = worker.checkDelta(text, config);
    assert.ok(delta.shape, 'a huge text has a shape');
    // What crosses to the main thread is a structured clone.
    const shape = structuredClone(delta.shape);
    const before = incrementalStats.messageParses;
    const doc = main.update(text, shape);
    assert.equal(incrementalStats.messageParses - before, 0, `parses on the main side, version ${i}`);
    assert.deepEqual(modelValue(doc), modelValue(parsePatch(text)), `model, version ${i}`);
    const outline = messageOutlines(doc.messages)!;
    assert.deepEqual(
      outline.map((o) => [o.startLine, o.endLine, o.range, o.name, o.summary]),
      parsePatch(text).messages.map((m) => [m.startLine, m.endLine, m.range, m.subject?.raw ?? m.message.title, summarizeMessage(m)]),
    );
    const at = Math.floor(((i + 1) * text.length) / (edits.length + 2));
    if (i < edits.length) text = text.slice(0, at) + edits[i] + text.slice(at);
  }
  // A shape for another text (its length differs) is not used.
  const other = `${mbox}\nmore\n`;
  const stale = structuredClone(worker.checkDelta(mbox, config).shape!);
  assert.deepEqual(modelValue(main.update(other, stale)), modelValue(parsePatch(other)));
});

test('FindingsReceiver: a delta held part by part as it arrives gives what the whole delta gives', () => {
  const config = defaultConfig();
  const whole = structuredClone(new IncrementalDocument().checkDelta(mbox, config));
  const parted = structuredClone(whole);
  const receiver = new FindingsReceiver();
  // In parts of two messages, as the check pool reads them.
  for (let k = 0; k < parted.messages.length; k += 2) receiver.hold(parted.messages.slice(k, k + 2));
  const found = receiver.apply(parted);
  assert.deepEqual(found, new FindingsReceiver().apply(whole));
  assert.deepEqual(found, textFindings(parsePatch(mbox), config));
  assert.ok(found.some((f) => f.fix) && found.some((f) => 'messageIndex' in f));
});

test('checkDelta in parts, cancelled after some parts: the receiver holds them, the next check gives them by id and parses only the rest', () => {
  const config = defaultConfig();
  const { text, messages } = makeMbox(400_000);
  const size = 50;
  assert.ok(messages > 4 * size, `${messages} messages`);
  const sender = new IncrementalDocument('mail', { lazyMinLength: 0 });
  const receiver = new FindingsReceiver();
  // Cancelled while checking the third part: two parts were given.
  let asked = 0;
  const emit = (chunk: DeltaChunk): void => receiver.hold(structuredClone(chunk).messages);
  assert.throws(() => sender.checkDelta(text, config, {}, () => ++asked > 2 * size + 10, { size, emit }), CheckCancelled);
  const before = { ...incrementalStats };
  const next: DeltaChunk[] = [];
  const rest = sender.checkDelta(text, config, {}, undefined, { size, emit: (chunk) => next.push(structuredClone(chunk)) });
  // The messages of the two parts given are not parsed again, their findings not given again.
  assert.equal(incrementalStats.messageParses - before.messageParses, messages - 2 * size - 10);
  const all = [...next.flatMap((c) => c.messages), ...structuredClone(rest).messages];
  assert.ok(all.slice(0, 2 * size).every((m) => m.findings === null));
  assert.ok(all.slice(2 * size).every((m) => m.findings !== null));
  for (const c of next) receiver.hold(c.messages);
  assert.deepEqual(receiver.apply({ ...structuredClone(rest), messages: all }), textFindings(parsePatch(text), config));
});
