/**
 * The `patchsmith` command line end to end: spawns the bundled dist/cli.js (rebuilt here from the
 * sources, so the test never runs a stale bundle) on copies of test/fixtures/cli in a temporary
 * folder, outside any git repository and with HOME pointing there (no stray .checkpatch.conf).
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');
let tmp = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp, ...opts.env };
  delete env['PATCHSMITH_DEBUG'];
  if (opts.env?.['PATCHSMITH_DEBUG']) env['PATCHSMITH_DEBUG'] = opts.env['PATCHSMITH_DEBUG'];
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? tmp,
    input: opts.input ?? '',
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh copy of a fixture (file or folder) in its own folder; returns its path. */
function copy(name: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  const dest = path.join(dir, path.basename(name));
  fs.cpSync(path.join(fixtures, name), dest, { recursive: true });
  return dest;
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-cli-')));
  await buildCli(repoRoot);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const STACK = /\n\s+at /;

function assertUsageError(r: Run, message: RegExp): void {
  assert.equal(r.code, 2, `exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.doesNotMatch(r.stderr, STACK, 'no stack trace');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.stderr}`);
  assert.match(lines[0]!, /^patchsmith: /);
  assert.match(lines[0]!, message);
}

test('--version and --help', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, `patchsmith ${pkg.version}\n`);
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Usage:/);
  assert.match(h.stdout, /1-based/);
  assert.equal(run(['check', '--help']).code, 0);
  const none = run([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage:/);
});

test('bad usage and unreadable input: one line on stderr, exit 2, no stack trace', () => {
  const clean = copy('clean');
  fs.writeFileSync(path.join(tmp, 'binary.patch'), Buffer.from([0x46, 0x72, 0x00, 0x6f, 0x6d]));
  fs.mkdirSync(path.join(tmp, 'empty-dir'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'empty.patch'), '');
  assertUsageError(run(['frobnicate']), /unknown command 'frobnicate'/);
  assertUsageError(run(['--frobnicate']), /unknown option '--frobnicate'/);
  assertUsageError(run(['check', '--frobnicate', clean]), /unknown option '--frobnicate' for 'check'/);
  assertUsageError(run(['check', '--format', 'xml', clean]), /--format must be text, json or sarif/);
  assertUsageError(run(['check', '--format']), /'--format' needs a value/);
  assertUsageError(run(['check', '--profile', 'linux', clean]), /--profile must be one of kernel, qemu, git/);
  assertUsageError(run(['check', '--max-line-length', 'wide', clean]), /--max-line-length needs a number/);
  assertUsageError(run(['check']), /needs at least one PATH/);
  assertUsageError(run(['check', 'no-such.patch']), /cannot read 'no-such.patch': no such file or directory/);
  assertUsageError(run(['check', 'empty-dir']), /no patches .* in 'empty-dir'/);
  assertUsageError(run(['check', 'binary.patch']), /not a text file \(it contains NUL bytes\)/);
  assertUsageError(run(['check', 'empty.patch']), /'empty.patch' is empty/);
  assertUsageError(run(['check', '--fix', '-'], { input: 'x' }), /--fix cannot change standard input/);
  assertUsageError(run(['check', '--repo', 'empty-dir', clean]), /not inside a git repository/);
  assertUsageError(run(['parse']), /'parse' takes one FILE/);
  assertUsageError(run(['parse', 'a', 'b']), /'parse' takes one FILE/);
  assertUsageError(run(['parse', 'no-such.patch']), /no such file or directory/);
  assertUsageError(run(['parse', 'empty-dir']), /cannot read 'empty-dir': is a directory/);
  assertUsageError(run(['parse', 'binary.patch']), /contains NUL bytes/);
  assertUsageError(run(['parse', '--yaml', 'x']), /unknown option '--yaml' for 'parse'/);
});

test('check: a clean patch prints nothing on stdout, the summary on stderr, exit 0', () => {
  const dir = copy('clean');
  const r = run(['check', '--strict', dir]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '0 errors, 0 warnings in 1 file\n');
});

test('check: text format, 1-based positions, exit 1 on an error', () => {
  const file = copy('trailing-ws.patch');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => /\S[ \t]+$/.test(l) && l.startsWith('+'));
  const column = lines[line]!.search(/[ \t]+$/);
  const rel = path.relative(tmp, file);
  const r = run(['check', rel]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const out = r.stdout.trimEnd().split('\n');
  assert.ok(out.includes(`${rel}:${line + 1}:${column + 1}: error: trailing whitespace [TRAILING_WHITESPACE]`), r.stdout);
  for (const l of out) assert.match(l, /^[^:]+:\d+:\d+: (error|warning|information|hint): .+ \[[A-Z0-9_]+\]$/);
  assert.match(r.stderr, /^1 error, 0 warnings in 1 file\n$/);
});

test('check: warnings alone exit 0; --ignore, .checkpatch.conf and .patchsmith.json apply', () => {
  const warn = copy('warning-only.patch');
  const w = run(['check', warn]);
  assert.equal(w.code, 0);
  assert.match(w.stdout, /: warning: .*\[SUBJECT_TRAILING_PERIOD\]\n$/);

  const file = copy('trailing-ws.patch');
  assert.equal(run(['check', '--ignore', 'trailing_whitespace,OTHER', file]).code, 0);

  fs.writeFileSync(path.join(path.dirname(file), '.checkpatch.conf'), '--no-tree # local settings\n--ignore TRAILING_WHITESPACE\n');
  const conf = run(['check', file]);
  assert.equal(conf.code, 0, conf.stdout + conf.stderr);
  assert.equal(conf.stdout, '');

  fs.rmSync(path.join(path.dirname(file), '.checkpatch.conf'));
  fs.writeFileSync(path.join(path.dirname(file), '.patchsmith.json'), '{ "severity": { "TRAILING_WHITESPACE": "warning" } }\n');
  const json = run(['check', file]);
  assert.equal(json.code, 0);
  assert.match(json.stdout, /: warning: trailing whitespace \[TRAILING_WHITESPACE\]/);

  fs.writeFileSync(path.join(path.dirname(file), '.patchsmith.json'), '{\n  "severity": {\n    "TRAILING_WHITESPACE": "off",\n  }\n}\n');
  const bad = run(['check', file]);
  assert.equal(bad.code, 1, 'a broken .patchsmith.json is reported and ignored, not fatal');
  assert.match(bad.stderr, /^patchsmith: .*\.patchsmith\.json:4:3: error: invalid JSON: /m);
  assert.doesNotMatch(bad.stderr, STACK);
});

test('check --format json: 1-based positions and fixes', () => {
  const file = copy('trailing-ws.patch');
  const r = run(['check', '--format', 'json', file]);
  assert.equal(r.code, 1);
  const found = JSON.parse(r.stdout) as {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    rule: string;
    message: string;
    fix?: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] };
  }[];
  const ws = found.find((f) => f.rule === 'TRAILING_WHITESPACE');
  assert.ok(ws, r.stdout);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(lines[ws.line - 1]!.slice(ws.column - 1, ws.endColumn - 1), '  ');
  assert.equal(ws.endLine, ws.line);
  assert.equal(ws.file, file);
  assert.equal(ws.severity, 'error');
  assert.deepEqual(ws.fix?.edits, [{ line: ws.line, column: ws.column, endLine: ws.line, endColumn: ws.endColumn, newText: '' }]);
  assert.equal(r.stderr, '', 'machine formats keep stderr quiet');
  const clean = run(['check', '--format', 'json', copy('clean')]);
  assert.equal(clean.code, 0);
  assert.deepEqual(JSON.parse(clean.stdout), []);
});

test('check --format sarif: a valid SARIF 2.1.0 log', () => {
  const file = copy('trailing-ws.patch');
  const r = run(['check', '--format', 'sarif', path.relative(tmp, file)]);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout) as {
    version: string;
    $schema: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
        fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: object; insertedContent: { text: string } }[] }[] }[];
      }[];
    }[];
  };
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run0 = log.runs[0]!;
  assert.equal(run0.tool.driver.name, 'patchsmith');
  const ids = run0.tool.driver.rules.map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of run0.tool.driver.rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
  }
  assert.ok(run0.results.length >= 1);
  for (const res of run0.results) {
    assert.equal(run0.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.ok(res.message.text);
    const loc = res.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uri, path.relative(tmp, file).split(path.sep).join('/'));
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  }
  const ws = run0.results.find((x) => x.ruleId === 'TRAILING_WHITESPACE');
  assert.equal(ws?.level, 'error');
  assert.equal(ws?.fixes?.[0]?.artifactChanges[0]?.replacements[0]?.insertedContent.text, '');
});

test('check --fix changes a copy in place, reports it, and leaves a fixed file alone', () => {
  const file = copy('trailing-ws.patch');
  const before = fs.readFileSync(file, 'utf8');
  const r = run(['check', '--fix', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`^fixed 1 problem in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: TRAILING_WHITESPACE$`, 'm'));
  const after = fs.readFileSync(file, 'utf8');
  assert.equal(after, before.replace('return -EINVAL;  \n', 'return -EINVAL;\n'));
  const mtime = fs.statSync(file).mtimeMs;
  const again = run(['check', '--fix', file]);
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.stderr, /fixed/);
  assert.equal(fs.statSync(file).mtimeMs, mtime, 'not rewritten when nothing changed');

});

test('check a folder of two series versions and an mbox: grouped, exit 0', () => {
  const dir = copy('series-v1v2');
  const r = run(['check', '--format', 'json', dir, copy('two.mbox')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const found = JSON.parse(r.stdout) as { severity: string }[];
  assert.ok(found.every((f) => f.severity !== 'error'));
});

test('parse --json: the model with 1-based lines', () => {
  const file = copy('clean/0001-lib-string-check-length-before-copying.patch');
  const r = run(['parse', '--json', file]);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout) as {
    kind: string;
    subject: { prefixes: string[]; version: number | null; number: number | null; total: number | null; rfc: boolean; resend: boolean; summary: string; subsystem: string | null };
    author: { name: string; email: string };
    trailers: { key: string; value: string; line: number }[];
    diffstat: { files: { path: string; added: number; deleted: number }[]; filesChanged: number; insertions: number; deletions: number };
    diff: { files: { from: string; to: string; added: number; deleted: number; binary: boolean }[] };
    date: string;
    problems: unknown[];
  };
  assert.equal(m.kind, 'patch');
  assert.deepEqual(
    { ...m.subject },
    { ...m.subject, prefixes: ['PATCH'], version: null, number: null, total: null, rfc: false, resend: false, summary: 'lib/string: check the length before copying' },
  );
  assert.deepEqual(m.author, { name: 'Grace Hopper', email: 'grace@example.org' });
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const sob = lines.findIndex((l) => l.startsWith('Signed-off-by:'));
  assert.deepEqual(m.trailers, [{ key: 'Signed-off-by', value: 'Grace Hopper <grace@example.org>', line: sob + 1 }]);
  assert.deepEqual(m.diffstat.files.map((f) => [f.path, f.added, f.deleted]), [['lib/string.c', 3, 0]]);
  assert.deepEqual([m.diffstat.filesChanged, m.diffstat.insertions, m.diffstat.deletions], [1, 3, 0]);
  assert.deepEqual(m.diff.files.map((f) => [f.from, f.to, f.added, f.deleted, f.binary]), [['lib/string.c', 'lib/string.c', 3, 0, false]]);
  assert.equal(m.date, 'Wed, 5 Jun 2024 09:30:00 +0200');
  assert.deepEqual(m.problems, []);

  const stdin = run(['parse', '--json', '-'], { input: fs.readFileSync(file, 'utf8') });
  assert.equal(stdin.code, 0);
  assert.equal(stdin.stdout, r.stdout, 'standard input gives the same model');

  const human = run(['parse', file]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /subject: +lib\/string: check the length before copying/);
  assert.match(human.stdout, /Signed-off-by: Grace Hopper <grace@example.org>/);
});

test('parse --json on an mbox prints an array; --commit-message reads a bare message', () => {
  const r = run(['parse', '--json', copy('two.mbox')]);
  assert.equal(r.code, 0);
  const all = JSON.parse(r.stdout) as { subject: { summary: string }; lines: { start: number } }[];
  assert.ok(Array.isArray(all));
  assert.deepEqual(all.map((m) => m.subject.summary), ['lib/string: check the length before copying', 'lib/string: return -EINVAL for long names']);
  assert.equal(all[0]!.lines.start, 1);

  const msg = run(['parse', '--json', '--commit-message', '-'], { input: 'foo: do a thing\n\nBecause.\n\nSigned-off-by: A <a@b.c>\n# comment\n' });
  assert.equal(msg.code, 0, msg.stderr);
  const m = JSON.parse(msg.stdout) as { kind: string; title: string; trailers: { key: string; line: number }[] };
  assert.equal(m.kind, 'commit-message');
  assert.equal(m.title, 'foo: do a thing');
  assert.deepEqual(m.trailers.map((t) => [t.key, t.line]), [['Signed-off-by', 5]]);
});

test('preview writes a standalone HTML page', () => {
  const dir = copy('series-v1v2');
  const out = path.join(tmp, 'series.html');
  const r = run(['preview', dir, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const html = fs.readFileSync(out, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /foo: add bar/);
});

test('lsp --stdio answers initialize', { skip: fs.existsSync(path.join(repoRoot, 'server/src/lsp/server.ts')) ? undefined : 'no language server yet' }, async () => {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: tmp, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HOME: tmp } });
  try {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const msg = await new Promise<{ id?: number; result?: { capabilities?: object } }>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      child.stdout.on('data', (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        for (;;) {
          const head = buf.indexOf('\r\n\r\n');
          if (head < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('ascii'))?.[1] ?? NaN);
          if (buf.length < head + 4 + length) return;
          const m = JSON.parse(buf.subarray(head + 4, head + 4 + length).toString('utf8')) as { id?: number; result?: { capabilities?: object } };
          buf = buf.subarray(head + 4 + length);
          if (m.id === 1) return resolve(m);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    assert.equal(msg.id, 1);
    assert.ok(msg.result?.capabilities);
  } finally {
    child.kill();
  }
});

test('check reads COMMIT_EDITMSG (and --commit-message files) as a bare commit message, as a commit-msg hook would', () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'msg-'));
  const text = [
    'KVM: x86: Fix the thing',
    '',
    'Explain the thing in enough words.',
    '',
    'Reviewd-by: Some One <some@one.org>',
    'Signed-off-by: Me Myself <me@example.org>',
    '# Please enter the commit message for your changes.',
    '# ------------------------ >8 ------------------------',
    'diff --git a/x b/x',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'COMMIT_EDITMSG'), text);
  fs.writeFileSync(path.join(dir, 'message.txt'), text);
  const expected = ":5:1: warning: Non-standard signature: 'Reviewd-by:' - perhaps 'Reviewed-by:'? [BAD_SIGN_OFF]\n";
  const auto = run(['check', 'COMMIT_EDITMSG'], { cwd: dir });
  assert.equal(auto.stdout, `COMMIT_EDITMSG${expected}`, 'no NOT_UNIFIED_DIFF on a commit message');
  assert.equal(auto.code, 0);
  const flagged = run(['check', '--commit-message', 'message.txt'], { cwd: dir });
  assert.equal(flagged.stdout, `message.txt${expected}`);
  const asMail = run(['check', 'message.txt'], { cwd: dir });
  assert.match(asMail.stdout, /\[NOT_UNIFIED_DIFF\]/, 'without the flag an arbitrary file is a patch');
});
