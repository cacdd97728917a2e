/**
 * `patchsmith check` with checkpatch.pl as a second source, end to end (the bundled CLI in a
 * temporary folder): a script that fails gives one message and the native findings still come;
 * with the real script (PATCHSMITH_CHECKPATCH), JSON and SARIF carry each finding's source, every
 * file of several gets its findings, and --no-checkpatch turns it off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';
import { PATCH } from './samplePatch';

const repoRoot = path.resolve(__dirname, '../../..');
let cli = '';
let tmp = '';
const real = process.env['PATCHSMITH_CHECKPATCH'];

before(async () => {
  cli = await buildCli(repoRoot);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-cp-cli-'));
  fs.writeFileSync(path.join(tmp, '0001-a.patch'), PATCH);
  fs.writeFileSync(path.join(tmp, '0001-b.patch'), PATCH.replace('lib: add foo_sum', 'lib: add foo_sum again'));
  fs.writeFileSync(path.join(tmp, 'die.pl'), 'die "broken checkpatch\\n";\n');
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, HOME: tmp }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  file: string;
  rule: string;
  source: string;
  fix?: { safety: 'safe' | 'unsafe' };
}

test('a checkpatch.pl that fails: one message, the native findings still come', () => {
  const r = check(['--format', 'json', '--checkpatch', 'die.pl', '0001-a.patch', '0001-b.patch']);
  const lines = r.stderr.split('\n').filter((l) => l.includes('checkpatch.pl'));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /was not used: it failed \(exit status 255\): broken checkpatch; the native rules still ran/);
  // Exactly what patchsmith finds without checkpatch.
  const without = check(['--format', 'json', '--no-checkpatch', '0001-a.patch', '0001-b.patch']);
  assert.equal(r.stdout, without.stdout);
  assert.equal(r.code, without.code);
});

test('--checkpatch with no file there is a clear message, not a crash', () => {
  const r = check(['--checkpatch', 'nope.pl', '0001-a.patch']);
  assert.match(r.stderr, /checkpatch\.pl named by --checkpatch not found at .*nope\.pl; the native rules still ran/);
  assert.notEqual(r.code, 2);
});

test('the real checkpatch.pl: merged findings with their source in JSON and SARIF, on every file; --no-checkpatch', (t) => {
  if (!real) {
    t.skip('PATCHSMITH_CHECKPATCH is not set: real-script CLI checks skipped');
    return;
  }
  const r = check(['--format', 'json', '--checkpatch', real, '0001-a.patch', '0001-b.patch']);
  const out = JSON.parse(r.stdout) as JsonOut[];
  for (const file of ['0001-a.patch', '0001-b.patch']) {
    const spacing = out.find((f) => f.file === file && f.rule === 'SPACING');
    assert.ok(spacing, `${file}: ${JSON.stringify(out.map((f) => `${f.file}:${f.rule}:${f.source}`))}`);
    assert.equal(spacing.source, 'checkpatch.pl');
    assert.equal(spacing.fix?.safety, 'unsafe');
  }
  // No duplicates: one finding per rule and line and source.
  const sarif = JSON.parse(check(['--format', 'sarif', '--checkpatch', real, '0001-a.patch']).stdout) as {
    runs: { results: { ruleId: string; properties: { source: string } }[] }[];
  };
  assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === 'SPACING' && x.properties.source === 'checkpatch.pl'));
  const off = JSON.parse(check(['--format', 'json', '--no-checkpatch', '--checkpatch-timeout', '5', '0001-a.patch']).stdout) as JsonOut[];
  assert.ok(off.every((f) => f.source === 'patchsmith'));
  // --fix applies safe fixes only: checkpatch's stay offered, the file keeps its comma.
  check(['--fix', '--checkpatch', real, '0001-a.patch']);
  assert.ok(fs.readFileSync(path.join(tmp, '0001-a.patch'), 'utf8').includes('+int foo_sum(int a,int b)'));
});
