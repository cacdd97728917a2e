/**
 * `check --fix` applies safe fixes only and says which unsafe ones it left; `--fix
 * --unsafe-fixes` applies both; `--format json` carries each fix's safety. Real CLI bundle, on
 * copies in a temporary folder.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const CLEAN = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/commitlog/patch.patch'), 'utf8');
const TEXT = CLEAN.replace('on memcg offline\n', 'on memcg offline.\n').replace('so\nthe next reclaim', 'so\nthe seperate reclaim');
let tmp = '';

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, HOME: tmp }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copy(): string {
  const file = path.join(fs.mkdtempSync(path.join(tmp, 'case-')), '0001-mm-fix.patch');
  fs.writeFileSync(file, TEXT);
  return file;
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-fixsafety-')));
  await buildCli(repoRoot);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('check --fix applies the safe fixes and names the unsafe ones it left', () => {
  const file = copy();
  const r = run(['check', '--no-repo', '--fix', file]);
  assert.match(r.stderr, /fixed 1 problem in .*: SUBJECT_TRAILING_PERIOD/);
  assert.match(r.stderr, /1 unsafe fix not applied in .* \(TYPO_SPELLING\): review them, or use --fix --unsafe-fixes/);
  assert.equal(fs.readFileSync(file, 'utf8'), CLEAN.replace('so\nthe next reclaim', 'so\nthe seperate reclaim'));
  assert.match(r.stdout, /TYPO_SPELLING/);
});

test('check --fix --unsafe-fixes applies both', () => {
  const file = copy();
  const r = run(['check', '--no-repo', '--fix', '--unsafe-fixes', file]);
  assert.match(r.stderr, /fixed 2 problems in .*: (SUBJECT_TRAILING_PERIOD, TYPO_SPELLING|TYPO_SPELLING, SUBJECT_TRAILING_PERIOD)/);
  assert.doesNotMatch(r.stderr, /unsafe fix/);
  assert.equal(fs.readFileSync(file, 'utf8'), CLEAN.replace('so\nthe next reclaim', 'so\nthe separate reclaim'));
});

test('--unsafe-fixes needs --fix; --help and JSON tell the safety', () => {
  const file = copy();
  const bad = run(['check', '--unsafe-fixes', file]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--unsafe-fixes goes with --fix/);
  assert.match(run(['--help']).stdout, /--unsafe-fixes/);
  const json = JSON.parse(run(['check', '--no-repo', '--format', 'json', file]).stdout) as { rule: string; fix?: { safety: string } }[];
  assert.equal(json.find((f) => f.rule === 'SUBJECT_TRAILING_PERIOD')?.fix?.safety, 'safe');
  assert.equal(json.find((f) => f.rule === 'TYPO_SPELLING')?.fix?.safety, 'unsafe');
});
