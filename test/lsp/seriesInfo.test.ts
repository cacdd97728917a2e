/**
 * patchsmith/seriesInfo (the status bar) and patchsmith/people (Add Trailer...) in an mbox
 * holding several messages, through the real server: they describe the message at the line the
 * client sends (the cursor's), the first one without a line.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { PersonCandidate, SeriesInfoResult } from '../../server/src/lsp/protocol';
import { FIXTURES, lineOf, LspTestClient, REPO_ROOT, uriOf } from './lspClient';

const V2 = ['v2-0000-cover-letter.patch', 'v2-0001-hwmon-tmp42x-Use-devm_mutex_init.patch', 'v2-0002-hwmon-tmp42x-Fix-reading-negative-temperatures.patch', 'v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch'].map(
  (f) => readFileSync(path.join(REPO_ROOT, 'examples/v2', f), 'utf8'),
);
const KVM = readFileSync(path.join(FIXTURES, 'series', '0001-KVM-x86-Drop-the-spare-frob-counter.patch'), 'utf8');

let dir: string;
let outgoing: string;
let client: LspTestClient;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-lsp-seriesinfo-'));
  outgoing = path.join(dir, 'outgoing');
  mkdirSync(outgoing);
  client = await LspTestClient.start({ root: outgoing, env: { GIT_CEILING_DIRECTORIES: dir } });
});

after(async () => {
  await client?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openAndWait(name: string, text: string): Promise<string> {
  const file = path.join(outgoing, name);
  writeFileSync(file, text);
  const uri = uriOf(file);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  return uri;
}

const info = (uri: string, line?: number): Promise<SeriesInfoResult> =>
  client.request<SeriesInfoResult>('patchsmith/seriesInfo', line === undefined ? { uri } : { uri, line });

test('in an mbox of a whole series, seriesInfo describes the message at the line', async () => {
  const text = V2.join('');
  const uri = await openAndWait('series.mbox', text);
  const lines = text.split('\n');
  // Each message starts at its `From <sha>` line: the cover's, then patch n's.
  const froms = lines.flatMap((l, i) => (/^From [0-9a-f]{40} /.test(l) ? [i] : []));
  assert.equal(froms.length, 4);
  const start = (n: number): number => froms[n]!;

  const first = await info(uri);
  assert.equal(first.label, 'cover v2 0/3', 'no line: the first message, as before');
  assert.deepEqual(first.lines, { first: 0, last: start(1) - 1 });

  const second = await info(uri, start(2) + 10);
  assert.equal(second.label, 'v2 2/3');
  assert.deepEqual(second.lines, { first: start(2), last: start(3) - 1 });
  assert.equal(second.seriesKey, first.seriesKey, 'one series');
  assert.equal(second.problems, first.problems, 'problems over the whole series');

  assert.equal((await info(uri, start(3))).label, 'v2 3/3', 'the From line belongs to its message');
  assert.equal((await info(uri, start(2) - 1)).label, 'v2 1/3', 'the last line of the message before');
  const last = await info(uri, lines.length - 1);
  assert.equal(last.label, 'v2 3/3');
  assert.deepEqual(last.lines, { first: start(3), last: lines.length - 1 });
  assert.equal((await info(uri, 0)).label, 'cover v2 0/3');
  await client.close(uri);
});

test('in an mbox of two series, seriesInfo and people follow the message at the line', async () => {
  const text = V2[1]! + KVM;
  const uri = await openAndWait('two-series.mbox', text);
  const kvmLine = lineOf(text, 'Subject: [PATCH v2 1/2] KVM:');
  const hwmon = await info(uri, 5);
  const kvm = await info(uri, kvmLine);
  assert.equal(hwmon.label, 'v2 1/3');
  assert.equal(kvm.label, 'v2 1/2');
  assert.ok(hwmon.seriesKey && kvm.seriesKey && hwmon.seriesKey !== kvm.seriesKey, `${hwmon.seriesKey} / ${kvm.seriesKey}`);

  const emails = async (line?: number): Promise<string[]> =>
    (await client.request<PersonCandidate[]>('patchsmith/people', line === undefined ? { uri, key: 'Reviewed-by' } : { uri, key: 'Reviewed-by', line })).map(
      (p) => p.email,
    );
  const atKvm = await emails(kvmLine + 5);
  assert.ok(atKvm.includes('test@example.org'), `the author of the KVM patch: ${atKvm.join(', ')}`);
  assert.ok(!atKvm.includes('ada@example.org'), `not the author of the other series: ${atKvm.join(', ')}`);
  const atHwmon = await emails(5);
  assert.ok(atHwmon.includes('ada@example.org'), atHwmon.join(', '));
  assert.ok(!atHwmon.includes('test@example.org'), atHwmon.join(', '));
  assert.deepEqual(await emails(), atHwmon, 'no line: the first message');
  await client.close(uri);
});
