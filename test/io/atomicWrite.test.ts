/**
 * Never lose a file: server/src/io/atomicWrite.ts directly (a child killed mid-write, a file
 * changed between read and write, properties over generated contents) and through the real CLI
 * (`check --fix` through a symbolic link and on a read-only file, `preview -o`).
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { AtomicWriteError, readFileStamped, writeFileAtomic } from '../../server/src/io/atomicWrite';
import { buildCli } from '../helpers/buildCli';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const trailingWs = path.join(repoRoot, 'test', 'fixtures', 'cli', 'trailing-ws.patch');
let tmp = '';

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-atomic-')));
  await buildCli(repoRoot);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function caseDir(): string {
  return fs.mkdtempSync(path.join(tmp, 'case-'));
}

function runCli(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp };
  delete env['PATCHSMITH_DEBUG'];
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
}

/** Files left in a folder other than the expected ones (temporary files must not stay). */
function strays(dir: string, expected: string[]): string[] {
  return fs.readdirSync(dir).filter((n) => !expected.includes(n));
}

test('check --fix through a symbolic link fixes the target and keeps the link a link', () => {
  const dir = caseDir();
  const real = path.join(dir, 'real.patch');
  fs.copyFileSync(trailingWs, real);
  const link = path.join(dir, 'link.patch');
  fs.symlinkSync('real.patch', link);
  const r = runCli(['check', '--fix', 'link.patch'], dir);
  assert.match(r.stderr, /fixed 1 problem in link\.patch: TRAILING_WHITESPACE/);
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(fs.readlinkSync(link), 'real.patch');
  assert.notEqual(fs.readFileSync(real, 'utf8'), fs.readFileSync(trailingWs, 'utf8'));
  assert.doesNotMatch(runCli(['check', '--fix', 'link.patch'], dir).stderr, /fixed/);
  assert.deepEqual(strays(dir, ['real.patch', 'link.patch']), []);
});

test('check --fix keeps the mode of the file (a read-only patch stays read-only)', () => {
  const dir = caseDir();
  const file = path.join(dir, 'ro.patch');
  fs.copyFileSync(trailingWs, file);
  fs.chmodSync(file, 0o444);
  const r = runCli(['check', '--fix', 'ro.patch'], dir);
  assert.match(r.stderr, /fixed 1 problem in ro\.patch/, r.stderr);
  assert.equal(fs.statSync(file).mode & 0o777, 0o444);
  assert.notEqual(fs.readFileSync(file, 'utf8'), fs.readFileSync(trailingWs, 'utf8'));
  fs.chmodSync(file, 0o640);
  const again = runCli(['check', '--fix', 'ro.patch'], dir);
  assert.doesNotMatch(again.stderr, /fixed/);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
});

test('preview -o writes through a symbolic link, never leaving a temporary file', () => {
  const dir = caseDir();
  fs.copyFileSync(trailingWs, path.join(dir, 'a.patch'));
  fs.mkdirSync(path.join(dir, 'site'));
  fs.writeFileSync(path.join(dir, 'site', 'page.html'), 'old page');
  fs.symlinkSync(path.join('site', 'page.html'), path.join(dir, 'out.html'));
  const r = runCli(['preview', 'a.patch', '-o', 'out.html'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.lstatSync(path.join(dir, 'out.html')).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(dir, 'site', 'page.html'), 'utf8'), /^<!DOCTYPE html>/);
  assert.deepEqual(strays(path.join(dir, 'site'), ['page.html']), []);
});

test('a file changed on disk between read and write is refused, and left as the other writer left it', () => {
  const dir = caseDir();
  const file = path.join(dir, 'x.patch');
  fs.writeFileSync(file, 'first\n');
  const { stamp } = readFileStamped(file);
  // Another writer (an editor, git am) replaces it: same size, other content.
  fs.writeFileSync(file, 'other\n');
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(file, later, later);
  assert.throws(
    () => writeFileAtomic(file, 'fixed\n', { expect: stamp }),
    (e: unknown) => e instanceof AtomicWriteError && /x\.patch'?: it changed on disk since it was read/.test(e.message),
  );
  assert.equal(fs.readFileSync(file, 'utf8'), 'other\n');
  assert.deepEqual(strays(dir, ['x.patch']), []);
  // Unchanged since read: written.
  const fresh = readFileStamped(file).stamp;
  writeFileAtomic(file, 'fixed\n', { expect: fresh });
  assert.equal(fs.readFileSync(file, 'utf8'), 'fixed\n');
});

test('a writer killed (SIGKILL) in the middle of a 50 MB write leaves the original whole', async () => {
  const dir = caseDir();
  const file = path.join(dir, 'big.patch');
  const original = 'From: original\n'.repeat(4096);
  fs.writeFileSync(file, original);
  const helper = path.join(repoRoot, 'out', 'server', 'src', 'io', 'atomicWrite.js');
  // The child writes 50 MB over the file again and again until it is killed.
  const script = `
    const { writeFileAtomic } = require(${JSON.stringify(helper)});
    const big = Buffer.alloc(50 * 1024 * 1024, 0x2b);
    process.stdout.write('ready\\n');
    for (;;) writeFileAtomic(${JSON.stringify(file)}, big);
  `;
  for (const delayMs of [30, 120, 400]) {
    fs.writeFileSync(file, original);
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, delayMs));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const after = fs.readFileSync(file);
    const whole = after.equals(Buffer.from(original)) || (after.length === 50 * 1024 * 1024 && after.every((b) => b === 0x2b));
    assert.ok(whole, `after a kill at ${delayMs} ms the file has ${after.length} bytes: neither the old nor the new content`);
    // Killed processes cannot clean up: their temporary file is hidden and never the original.
    for (const n of strays(dir, ['big.patch'])) fs.rmSync(path.join(dir, n));
  }
});

test('property: the file holds exactly what was written, keeps its mode, and no temporary file stays', () => {
  const dir = caseDir();
  const file = path.join(dir, 'p.txt');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(0o600, 0o644, 0o444, 0o755), (text, mode) => {
      fs.rmSync(file, { force: true });
      fs.writeFileSync(file, 'before');
      fs.chmodSync(file, mode);
      writeFileAtomic(file, text, { expect: readFileStamped(file).stamp });
      assert.equal(fs.readFileSync(file, 'utf8'), Buffer.from(text, 'utf8').toString('utf8'));
      assert.equal(fs.statSync(file).mode & 0o777, mode);
      assert.deepEqual(strays(dir, ['p.txt']), []);
    }),
    { numRuns: 60 },
  );
});

test('a long text is written as UTF-8 a slice at a time, never cutting a surrogate pair or a multi-byte character', () => {
  const dir = caseDir();
  const file = path.join(dir, 'big.patch');
  // Emoji (surrogate pairs) and 2- and 3-byte characters across every 1 MiB slice boundary.
  const unit = 'a\u00e9\u20ac\u{1f600}';
  for (const shift of [0, 1, 2, 3, 4]) {
    const text = 'x'.repeat(shift) + unit.repeat(((1 << 20) * 2.5) / unit.length);
    writeFileAtomic(file, text);
    const back = fs.readFileSync(file);
    assert.ok(back.equals(Buffer.from(text, 'utf8')), `shift ${shift}: the bytes are the text's UTF-8`);
  }
});
