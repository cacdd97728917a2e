/**
 * Running a checkpatch.pl. Failure modes with small perl scripts written here (one that sleeps
 * past the timeout, dies, loops forever, leaves a child holding its output open, prints garbage,
 * prints megabytes; no perl at all): each is one clear failure, never a throw or a hang. Then the
 * real script from PATCHSMITH_CHECKPATCH (the kernel's, GPL: never copied into the project;
 * skipped with a message when unset): caret ranges, --fix as unsafe fixes, the --no-tree retry.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheckpatch } from '../../server/src/checkpatch/run';
import { checkWithCheckpatch } from '../../server/src/checkpatch/check';
import { discoverCheckpatch } from '../../server/src/checkpatch/discover';
import { readScriptOptions } from '../../server/src/checkpatch/options';
import { applyFixes } from '../../server/src/rules/fixes';
import type { CheckpatchLocation } from '../../server/src/checkpatch/discover';
import { PATCH } from './samplePatch';

let tmp = '';
const real = process.env['PATCHSMITH_CHECKPATCH'];

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-cp-run-'));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function script(name: string, body: string): CheckpatchLocation {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `#!/usr/bin/perl\nuse strict;\n${body}\n`);
  return { script: file, cwd: tmp, origin: 'the test' };
}



const QUICK = { timeoutMs: 2000 };

test('a script that never exits is stopped at the timeout', async () => {
  const started = Date.now();
  const r = await runCheckpatch(script('loop.pl', 'while (1) { }'), PATCH, QUICK);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.kind, 'timeout');
  assert.match(!r.ok ? r.message : '', /longer than 2 s/);
  assert.ok(Date.now() - started < 10_000);
});

test('a script that sleeps and leaves a child holding its output is stopped, child included', async () => {
  const r = await runCheckpatch(script('fork.pl', 'if (fork() == 0) { sleep 600; exit 0 } sleep 600;'), PATCH, QUICK);
  assert.equal(!r.ok && r.kind, 'timeout');
});

test('a script that crashes: one clear message with its first words', async () => {
  const r = await runCheckpatch(script('die.pl', 'die "Can\'t locate Term/ANSIColor.pm in @INC\\n";'), PATCH, QUICK);
  assert.equal(!r.ok && r.kind, 'failed');
  assert.match(!r.ok ? r.message : '', /exit status 255.*Term\/ANSIColor/);
});

test('a script that prints garbage is not taken for a report', async () => {
  const r = await runCheckpatch(script('garbage.pl', 'print "hello\\n\\x00\\x01 not checkpatch\\n"; exit 0;'), PATCH, QUICK);
  assert.equal(!r.ok && r.kind, 'garbage');
});

test('a script that prints megabytes is stopped at the output limit', async () => {
  const r = await runCheckpatch(script('flood.pl', '$| = 1; print "ERROR:X: " . ("x" x 1000) . "\\n" while 1;'), PATCH, { ...QUICK, timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 });
  assert.equal(!r.ok && r.kind, 'too-much-output');
  assert.match(!r.ok ? r.message : '', /more than 1 MB/);
});

test('no perl: one clear message', async () => {
  const r = await runCheckpatch(script('ok.pl', 'exit 0;'), PATCH, { ...QUICK, perl: path.join(tmp, 'no-such-perl') });
  assert.equal(!r.ok && r.kind, 'no-perl');
  assert.match(!r.ok ? r.message : '', /was not found/);
});

test('an aborted run (a newer version arrived) is killed', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const r = await runCheckpatch(script('slow.pl', 'sleep 600;'), PATCH, { timeoutMs: 30_000, signal: controller.signal });
  assert.equal(!r.ok && r.kind, 'aborted');
});

test('options are read from the Getopt table: kernel-style and QEMU-style scripts', () => {
  const kernel = readScriptOptions(`GetOptions(\n\t'tree!'\t\t=> \\$tree,\n\t'strict!'\t=> \\$check,\n\t'show-types!'\t=> \\$show_types,\n\t'fix!'\t\t=> \\$fix,\n\t'color=s'\t=> \\$color,\n)`);
  assert.deepEqual(kernel, { showTypes: true, fix: true, strict: true, noTree: true, noColor: ['--color=never'] });
  const qemu = readScriptOptions(`GetOptions(\n\t'q|quiet+'\t=> \\$quiet,\n\t'tree!'\t\t=> \\$tree,\n\t'color=s'\t=> \\$color,\n)`);
  assert.deepEqual(qemu, { showTypes: false, fix: false, strict: false, noTree: true, noColor: ['--color=never'] });
});

test('discovery: --checkpatch, .patchsmith.json (path or false), the repository script, --no-checkpatch', async () => {
  const repo = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(repo, 'scripts'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'tools'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'scripts', 'checkpatch.pl'), 'exit 0;\n');
  fs.writeFileSync(path.join(repo, 'tools', 'cp.pl'), 'exit 0;\n');
  const own = await discoverCheckpatch({ repoRoot: repo });
  assert.deepEqual(own, { kind: 'found', location: { script: path.join(repo, 'scripts', 'checkpatch.pl'), cwd: repo, origin: 'the repository' } });
  assert.deepEqual(await discoverCheckpatch({ repoRoot: repo, off: true }), { kind: 'off' });
  fs.writeFileSync(path.join(repo, '.patchsmith.json'), '{ "checkpatch": "tools/cp.pl" }');
  const named = await discoverCheckpatch({ repoRoot: repo });
  assert.equal(named.kind === 'found' && named.location.script, path.join(repo, 'tools', 'cp.pl'));
  fs.writeFileSync(path.join(repo, '.patchsmith.json'), '{ "checkpatch": false }');
  assert.deepEqual(await discoverCheckpatch({ repoRoot: repo }), { kind: 'off' });
  const option = await discoverCheckpatch({ repoRoot: repo, option: 'tools/cp.pl', cwd: repo });
  assert.equal(option.kind === 'found' && option.location.origin, '--checkpatch');
  assert.deepEqual(await discoverCheckpatch({ repoRoot: repo, option: 'nope.pl', cwd: repo }), { kind: 'missing', path: path.join(repo, 'nope.pl'), origin: '--checkpatch' });
  assert.deepEqual(await discoverCheckpatch({ repoRoot: null }), { kind: 'none' });
});

test('the real checkpatch.pl: findings at the caret, --fix as an unsafe fix, run outside its tree', async (t) => {
  if (!real) {
    t.skip('PATCHSMITH_CHECKPATCH is not set (the path of a kernel scripts/checkpatch.pl): real-script checks skipped');
    return;
  }
  // From a folder that is no kernel tree: the script may need --no-tree, found out and remembered.
  const location: CheckpatchLocation = { script: real, cwd: tmp, origin: 'PATCHSMITH_CHECKPATCH' };
  const r = await checkWithCheckpatch(location, PATCH, { fileName: '0001-lib-add-foo_sum.patch' });
  assert.ok(r.ok, JSON.stringify(r));
  const spacing = r.findings.find((f) => f.rule === 'SPACING');
  assert.ok(spacing, JSON.stringify(r.findings.map((f) => f.rule)));
  const line = PATCH.split('\n').indexOf('+int foo_sum(int a,int b)');
  assert.deepEqual(spacing.range, { start: { line, character: 18 }, end: { line, character: 19 } });
  assert.equal(spacing.severity, 'error');
  assert.equal(spacing.source, 'checkpatch.pl');
  assert.equal(spacing.fix?.safety, 'unsafe');
  assert.ok(applyFixes(PATCH, [spacing.fix]).text.includes('+int foo_sum(int a, int b)\n'));
});
