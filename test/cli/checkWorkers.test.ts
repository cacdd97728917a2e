/**
 * `patchsmith check` of many files on worker threads (cli/checkFiles.ts) prints exactly what the
 * in-process check prints: the same findings in the same order, the same summary and exit status,
 * on a generated folder and on the shared corpus. PATCHSMITH_CHECK_WORKERS forces each mode.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writePatchFolder } from '../helpers/patchFolder';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const corpus = path.resolve(repoRoot, '../shared/corpus');
let tmp = '';

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-workers-')));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], workers: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp, PATCHSMITH_CHECK_WORKERS: workers };
  delete env['PATCHSMITH_DEBUG'];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', env, timeout: 300_000, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function same(args: string[]): void {
  const inProcess = run(args, '0');
  const workers = run(args, '2');
  assert.doesNotMatch(inProcess.stderr, /internal error/, inProcess.stderr);
  assert.equal(workers.stdout, inProcess.stdout);
  assert.equal(workers.stderr, inProcess.stderr);
  assert.equal(workers.code, inProcess.code);
}

test('check of a generated folder: the same output with and without workers', () => {
  const dir = path.join(tmp, 'folder');
  fs.mkdirSync(dir);
  writePatchFolder(dir, 400);
  const r = run(['check', '--no-repo', '--format', 'json', dir], '2');
  const found = JSON.parse(r.stdout) as { rule: string }[];
  // The generated folder has findings of the text, parse and series rules.
  for (const rule of ['MISSING_SIGN_OFF', 'COMMIT_LOG_LONG_LINE']) assert.ok(found.some((f) => f.rule === rule), `no ${rule}`);
  assert.ok(found.some((f) => /^SERIES_|^COVER_/.test(f.rule)), 'no series finding');
  same(['check', '--no-repo', '--format', 'json', dir]);
  same(['check', '--no-repo', dir]);
});

test('check of the shared corpus: the same output with and without workers', (t) => {
  if (!fs.existsSync(corpus)) {
    t.skip(`corpus not found at ${corpus}`);
    return;
  }
  for (const sub of fs.readdirSync(corpus)) {
    const dir = path.join(corpus, sub);
    if (!fs.statSync(dir).isDirectory() || !fs.readdirSync(dir).some((n) => /\.(patch|mbox|eml)$/i.test(n))) continue;
    same(['check', '--no-repo', '--no-checkpatch', '--format', 'json', dir]);
  }
});
