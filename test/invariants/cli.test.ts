/**
 * Invariant 4: the command line never prints a stack trace, and exits 0, 1 or 2 as `--help`
 * documents (0 no errors, 1 an error-level problem remains, 2 bad usage or unreadable input),
 * whatever it is given: a folder without patches, a binary file, /dev/null, a missing file, an
 * unreadable file, bad flags, `check --format xml`, `parse` on an mbox, `check --fix` on a
 * read-only copy, and every nasty fixture through every command. Spawns the bundled dist/cli.js,
 * rebuilt here from the sources (to a temporary name, then renamed: atomic for other tests).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';
import { FIXTURES, REPO_ROOT, prng, randomBytes } from './support';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let tmp = '';

interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input = ''): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp };
  delete env['PATCHSMITH_DEBUG'];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: tmp, env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null) : 0;
      resolve({ args, code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** Run several at once (two cores: two at a time is enough to halve the wall time). */
async function runAll(cases: { args: string[]; input?: string }[]): Promise<Run[]> {
  const out: Run[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await run(cases[i]!.args, cases[i]!.input);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return out;
}

const STACK = /^\s+at .+/m;

function assertSane(r: Run, allowed: number[]): void {
  const what = `patchsmith ${r.args.map((a) => path.basename(a)).join(' ')}`;
  assert.doesNotMatch(r.stderr, STACK, `${what}: no stack trace on stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/, `${what}: no internal error:\n${r.stderr}`);
  assert.ok(r.code !== null && allowed.includes(r.code), `${what}: exit ${r.code}, expected ${allowed.join(' or ')}\n${r.stderr}`);
  if (r.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[lines.length - 1]!, /^patchsmith: /, `${what}: the failure is a patchsmith: line\n${r.stderr}`);
  }
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-inv-cli-')));
  await buildCli(REPO_ROOT);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  const dest = path.join(dir, name);
  fs.copyFileSync(path.join(FIXTURES, name), dest);
  return dest;
}

test('unreadable and odd inputs: exit 2 with one patchsmith: line, never a stack trace', async () => {
  const noPatches = path.join(tmp, 'no-patches');
  fs.mkdirSync(noPatches);
  fs.writeFileSync(path.join(noPatches, 'README'), 'not a patch\n');
  const binary = path.join(tmp, 'blob.patch');
  fs.writeFileSync(binary, randomBytes(prng(7), 4096));
  const missing = path.join(tmp, 'missing.patch');
  const cases: { args: string[]; input?: string; codes: number[] }[] = [
    { args: ['check', noPatches], codes: [2] },
    { args: ['preview', noPatches], codes: [2] },
    { args: ['check', binary], codes: [2] },
    { args: ['parse', binary], codes: [2] },
    { args: ['parse', '--json', binary], codes: [2] },
    { args: ['preview', binary], codes: [2] },
    { args: ['check', '/dev/null'], codes: [2] },
    { args: ['parse', '/dev/null'], codes: [2] },
    { args: ['preview', '/dev/null'], codes: [2] },
    { args: ['check', '-'], input: '', codes: [2] },
    { args: ['parse', '-'], input: '', codes: [2] },
    { args: ['check', missing], codes: [2] },
    { args: ['parse', missing], codes: [2] },
    { args: ['preview', missing], codes: [2] },
    { args: ['check', tmp, missing], codes: [2] },
  ];
  const runs = await runAll(cases);
  runs.forEach((r, i) => assertSane(r, cases[i]!.codes));
  assert.match(runs[0]!.stderr, /no patches/);
  assert.match(runs[2]!.stderr, /not a text file/);
  assert.match(runs[11]!.stderr, /no such file or directory/);
});

test('a file without read permission: exit 2, "permission denied"', async (t) => {
  const secret = path.join(tmp, 'secret.patch');
  fs.copyFileSync(path.join(FIXTURES, 'base.patch'), secret);
  fs.chmodSync(secret, 0o000);
  let readable = false;
  try {
    fs.readFileSync(secret);
    readable = true;
  } catch {
    // expected for a normal user
  }
  if (readable) return t.skip('running as a user (root) that reads files without read permission');
  const runs = await runAll([{ args: ['check', secret] }, { args: ['parse', secret] }, { args: ['preview', secret] }]);
  for (const r of runs) {
    assertSane(r, [2]);
    assert.match(r.stderr, /permission denied/);
  }
});

test('bad flags: exit 2, never a stack trace', async () => {
  const p = copyFixture('base.patch');
  const cases = [
    ['check', '--format', 'xml', p],
    ['check', '--format=xml', p],
    ['check', '--format'],
    ['check', '--format=', p],
    ['check', '--bogus', p],
    ['check', '-z', p],
    ['check', '--strict=yes', p],
    ['check', '--fix=all', p],
    ['check', '--max-line-length', '-5', p],
    ['check', '--max-line-length', '1e3', p],
    ['check', '--max-line-length', '99999999999999999999', p],
    ['check', '--profile', 'linux', p],
    ['check', '--profile', '', p],
    ['check', '--profile', 'kernel', '--profile', 'qemu', p],
    ['check', '--repo', '/nonexistent', p],
    ['check', '--repo', p, p],
    ['check', '--repo', tmp, '--no-repo', p],
    ['check', '--ignore'],
    ['check'],
    ['parse'],
    ['parse', '--json'],
    ['parse', '--json', '--json', p],
    ['parse', '-x', p],
    ['parse', p, p],
    ['preview'],
    ['preview', '-o'],
    ['preview', '--output', tmp, p],
    ['preview', '-o', path.join(tmp, 'no', 'such', 'dir', 'x.html'), p],
    ['lsp', '--tcp'],
    ['frobnicate'],
    ['--frobnicate'],
    ['-'],
    [''],
    ['check', '--', '--format'],
  ];
  const runs = await runAll(cases.map((args) => ({ args })));
  for (const r of runs) assertSane(r, [2]);
});

test('check --format xml is refused before reading anything', async () => {
  const r = await run(['check', '--format', 'xml', path.join(tmp, 'missing.patch')]);
  assertSane(r, [2]);
  assert.match(r.stderr, /--format must be text, json or sarif/);
});

test('parse on an mbox lists its three messages; --json gives an array of three', async () => {
  const mbox = copyFixture('mbox-3.mbox');
  const [text, json] = await runAll([{ args: ['parse', mbox] }, { args: ['parse', '--json', mbox] }]);
  assertSane(text!, [0]);
  assert.match(text!.stdout, /message 1 of 3/);
  assert.match(text!.stdout, /message 3 of 3/);
  assertSane(json!, [0]);
  const model = JSON.parse(json!.stdout) as unknown;
  assert.ok(Array.isArray(model), 'an array for an mbox');
  assert.equal(model.length, 3);
});

test('every fixture through every command: exit 0/1 (2 only for the empty file), no stack trace', async () => {
  const names = fs.readdirSync(FIXTURES).sort();
  const cases: { args: string[]; codes: number[] }[] = [];
  const all: string[] = [];
  const copies: string[] = [];
  for (const name of names) {
    const p = copyFixture(name);
    const empty = fs.statSync(p).size === 0;
    const bare = name.startsWith('COMMIT_EDITMSG');
    cases.push({ args: ['parse', p], codes: empty ? [2] : [0] });
    cases.push({ args: ['parse', '--json', ...(bare ? ['--commit-message'] : []), p], codes: empty ? [2] : [0] });
    if (empty) {
      cases.push({ args: ['check', p], codes: [2] }, { args: ['preview', p], codes: [2] });
      continue;
    }
    all.push(p);
    copies.push(copyFixture(name));
  }
  // Several files at once, as users run it: they are grouped into series too.
  for (const format of ['text', 'json', 'sarif']) cases.push({ args: ['check', '--strict', '--format', format, ...all], codes: [1] });
  cases.push({ args: ['preview', ...all], codes: [0] });
  cases.push({ args: ['check', '--fix', '--strict', ...copies], codes: [0, 1] });
  const runs = await runAll(cases);
  runs.forEach((r, i) => assertSane(r, cases[i]!.codes));
  // JSON and SARIF are always valid JSON.
  runs.forEach((r) => {
    if (r.code !== 2 && (r.args.includes('json') || r.args.includes('sarif') || r.args.includes('--json'))) {
      assert.doesNotThrow(() => JSON.parse(r.stdout), `${r.args.map((a) => path.basename(a)).join(' ')} prints JSON`);
    }
  });
  // --fix changed files and said so; what it fixed is not reported again.
  const fixRun = runs[runs.length - 1]!;
  assert.match(fixRun.stderr, /^fixed \d+ problems? in /m);
});

test('check --fix on a read-only copy: refused with one line, or (as root) written; never a stack trace', async () => {
  const p = copyFixture('fixables.patch');
  const before = fs.readFileSync(p, 'utf8');
  fs.chmodSync(p, 0o444);
  let writable = false;
  try {
    fs.accessSync(p, fs.constants.W_OK);
    writable = true;
  } catch {
    // expected for a normal user
  }
  const r = await run(['check', '--fix', p]);
  if (writable) {
    // root writes read-only files: the fix goes through like on any file.
    assertSane(r, [0, 1]);
    assert.notEqual(fs.readFileSync(p, 'utf8'), before);
  } else {
    assertSane(r, [2]);
    assert.match(r.stderr, /cannot write/);
    assert.equal(fs.readFileSync(p, 'utf8'), before, 'the file is unchanged');
  }
});

test('check --fix in a read-only folder fails cleanly or (as root) writes', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'ro-'));
  const p = path.join(dir, 'fixables.patch');
  fs.copyFileSync(path.join(FIXTURES, 'fixables.patch'), p);
  fs.chmodSync(dir, 0o555);
  const r = await run(['check', '--fix', p]);
  fs.chmodSync(dir, 0o755);
  assertSane(r, [0, 1, 2]);
});

test('random garbage on standard input: exit 0 or 1 (2 when it holds NUL bytes), no stack trace', async () => {
  const rand = prng(99);
  const cases: { args: string[]; input: string; codes: number[] }[] = [];
  for (let i = 0; i < 6; i++) {
    const bytes = randomBytes(rand, 2000);
    for (let j = 0; j < bytes.length; j++) if (bytes[j] === 0) bytes[j] = 0x0a;
    const input = bytes.toString('latin1');
    cases.push({ args: ['check', '--strict', '-'], input, codes: [0, 1] });
    cases.push({ args: ['parse', '--json', '-'], input, codes: [0] });
  }
  const runs = await runAll(cases);
  runs.forEach((r, i) => assertSane(r, cases[i]!.codes));
});
