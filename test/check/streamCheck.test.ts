/**
 * check/streamCheck.ts: a mailbox checked a slice of messages at a time gives exactly what
 * checkSeries gives over the whole parsed documents (text, repository absent, series findings,
 * parse problems), on the fixtures, their mbox, odd texts and the corpus series folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSeries, parseForCheck } from '../../server/src/check';
import { checkTexts, type TextInput } from '../../server/src/check/streamCheck';
import { defaultConfig } from '../../server/src/config/defaults';

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

async function same(inputs: TextInput[], what: string): Promise<void> {
  const streamed = await checkTexts(inputs, { streamMinLength: 0 });
  const whole = await checkSeries(inputs.map((i) => ({ name: i.name, doc: parseForCheck(i.text, i.fileName), config: i.config, repo: null })));
  assert.deepEqual(streamed, whole, what);
  // Below the threshold nothing is streamed: the same again.
  assert.deepEqual(await checkTexts(inputs), whole, `${what} (not streamed)`);
}

const input = (name: string, text: string): TextInput => ({ name, fileName: name, text, config: defaultConfig(), repo: null });

test('streamed: every fixture alone, and all of them as one mbox, give checkSeries findings', async () => {
  const files = filesUnder(path.join(repoRoot, 'test/fixtures')).sort();
  assert.ok(files.length > 10);
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  for (let i = 0; i < files.length; i++) await same([input(files[i]!, texts[i]!)], files[i]!);
  // 130+ messages: several slices, series across them.
  const mbox = texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('\n');
  await same([input('/x/all.mbox', mbox)], 'the fixtures mbox');
  await same([input('/x/all.mbox', mbox), input('/x/again.mbox', mbox)], 'two mboxes in one folder');
});

test('streamed: odd texts (lone CRs, not a patch, CRLF, empty lines only) as checkSeries', async () => {
  for (const t of ['one\rtwo\rthree\r', 'just some text\n', 'From: a@b.c\r\nSubject: [PATCH] x\r\n\r\nbody\r\n', '\n\n\n']) {
    await same([input('/x/odd.patch', t)], JSON.stringify(t));
  }
});

test('streamed: the corpus series folders, each as one mbox, as checkSeries', async (t) => {
  const dir = path.join(corpus, 'kvm-unit-tests/series');
  if (!fs.existsSync(dir)) {
    t.skip(`no corpus at ${dir}`);
    return;
  }
  const folders = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()).sort().slice(0, 20);
  for (const f of folders) {
    const texts = filesUnder(path.join(dir, f)).sort().map((p) => fs.readFileSync(p, 'utf8'));
    if (!texts.length) continue;
    await same([input(`/c/${f}.mbox`, texts.map((x) => (x.endsWith('\n') ? x : `${x}\n`)).join('\n'))], f);
  }
});
