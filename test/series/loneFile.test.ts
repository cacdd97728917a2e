/**
 * A series is judged from the members that are there. On real upstream commits checked one file
 * at a time - ../shared/corpus/kernel (OpenWrt's backports: `[PATCH 4/4]` counters of series
 * whose other patches are not there, `5325/65`) and ../shared/corpus/qemu - no series rule
 * reports anything: not with the command line given one file, and not in the language server
 * with one document open (the server also reads the document's folder: 150 unrelated patches,
 * which are not one series). The real series of ../shared/corpus/kvm-unit-tests/series still get
 * their findings (SERIES_MISSING_COVER without the cover letter, SERIES_TOO_LONG over 15).
 *
 * Skipped with a message when the corpus is absent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkCommand } from '../../server/src/cli/checkCommand';
import { seriesRules } from '../../server/src/rules/registry';
import { LspTestClient, uriOf } from '../lsp/lspClient';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const SETS = ['kernel', 'qemu'] as const;
const absent = fs.existsSync(path.join(corpus, 'kernel')) && fs.existsSync(path.join(corpus, 'qemu')) ? undefined : `corpus not found at ${corpus}: skipping`;

const SERIES_IDS = new Set(seriesRules().map((r) => r.id));

function patches(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.patch')).sort().map((f) => path.join(dir, f));
}

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

/** `patchsmith check --format json ARGS`, in process. */
async function check(args: string[]): Promise<JsonFinding[]> {
  let out = '';
  const code = await checkCommand(['--no-repo', '--strict', '--format', 'json', ...args], { stdout: (t) => (out += t), stderr: () => undefined });
  assert.ok(code === 0 || code === 1, `check ${args.join(' ')} exited ${code}`);
  return JSON.parse(out) as JsonFinding[];
}

let tmp = '';
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-lone-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

for (const set of SETS) {
  test(`command line, one file at a time: no series finding on ${set} commits`, { skip: absent }, async () => {
    const files = patches(path.join(corpus, set));
    assert.ok(files.length >= 100);
    const found: string[] = [];
    for (const f of files) {
      for (const x of await check([...(set === 'qemu' ? ['--profile', 'qemu'] : []), f])) {
        if (SERIES_IDS.has(x.rule)) found.push(`${path.basename(f)}:${x.line}: ${x.rule} ${x.message}`);
      }
    }
    assert.deepEqual(found, []);
  });
}

test('command line, the whole folder: unrelated patches with old counters are not one series', { skip: absent }, async () => {
  const found = (await check([path.join(corpus, 'kernel')])).filter((x) => SERIES_IDS.has(x.rule));
  assert.deepEqual(found.map((x) => `${path.basename(x.file)}: ${x.rule} ${x.message}`), []);
});

test('language server, one document open at a time (its folder read from disk): no series finding', { skip: absent }, async () => {
  const client = await LspTestClient.start({ root: tmp, initializationOptions: { severity: { SERIES_TOO_LONG: 'information' } } });
  try {
    const found: string[] = [];
    for (const set of SETS) {
      for (const f of patches(path.join(corpus, set))) {
        const uri = uriOf(f);
        await client.open(uri, fs.readFileSync(f, 'utf8'));
        const diags = await client.waitForDiagnostics(uri, (_d, p) => p.version === 1, 'diagnostics');
        for (const d of diags) if (SERIES_IDS.has(String(d.code))) found.push(`${set}/${path.basename(f)}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
        await client.close(uri);
      }
    }
    assert.deepEqual(found, []);
  } finally {
    await client.stop();
  }
});

test('the real kvm-unit-tests series still get their series findings', { skip: absent }, async () => {
  const root = path.join(corpus, 'kvm-unit-tests', 'series');
  const dirs = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory()).sort();
  assert.ok(dirs.length >= 10);
  for (const d of dirs) {
    const noCover = patches(path.join(root, d, 'no-cover'));
    const withCover = patches(path.join(root, d, 'with-cover'));
    const rules = async (dir: string): Promise<string[]> => (await check([path.join(root, d, dir)])).map((x) => x.rule).filter((r) => SERIES_IDS.has(r));
    const a = await rules('no-cover');
    const b = await rules('with-cover');
    assert.equal(a.filter((r) => r === 'SERIES_MISSING_COVER').length, noCover.length > 1 ? 1 : 0, `${d}/no-cover: ${a.join(', ')}`);
    assert.ok(!b.includes('SERIES_MISSING_COVER'), `${d}/with-cover: ${b.join(', ')}`);
    const long = withCover.length - 1 > 15;
    assert.equal(a.includes('SERIES_TOO_LONG'), long, `${d}/no-cover SERIES_TOO_LONG`);
    assert.equal(b.includes('SERIES_TOO_LONG'), long, `${d}/with-cover SERIES_TOO_LONG`);
  }
});
