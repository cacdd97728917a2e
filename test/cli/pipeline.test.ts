/**
 * `patchsmith check` and `parse` on hostile and huge input, through the bundled CLI: findings
 * are computed by the one check pipeline (server/src/check), so parse problems obey the
 * configuration and show once, each rule's findings are capped, text that is no patch or has
 * lone-CR line endings gets one finding, and huge input never becomes "0 errors" or `[]`.
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
const BASE = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'invariants', 'base.patch'), 'utf8');
let tmp = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface JsonFinding {
  rule: string;
  severity: string;
  line: number;
  message: string;
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-pipeline-')));
  await buildCli(repoRoot);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], cwd = tmp): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp };
  delete env['PATCHSMITH_DEBUG'];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A file in its own folder (no configuration around it unless written there). */
function write(name: string, text: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function checkJson(file: string, extra: string[] = []): { r: Run; findings: JsonFinding[] } {
  const r = run(['check', '--no-repo', '--format', 'json', ...extra, file]);
  assert.doesNotMatch(r.stderr, /internal error/, r.stderr);
  return { r, findings: JSON.parse(r.stdout) as JsonFinding[] };
}

function rules(findings: readonly JsonFinding[]): string[] {
  return findings.map((f) => f.rule);
}

/** base.patch with its diff replaced from the hunk header on. */
function withHunk(lines: string[]): string {
  const head = BASE.slice(0, BASE.indexOf('@@ '));
  return `${head}${lines.join('\n')}\n-- \n2.39.5\n`;
}

test('130,000 malformed hunk lines: one CORRUPTED_PATCH, exit 1, and parse --json gives the model', () => {
  const body: string[] = ['@@ -10,7 +10,7 @@'];
  for (let i = 0; i < 130_000; i++) body.push(`@ not a hunk header ${i}`);
  const file = write('huge.patch', withHunk(body));
  const { r, findings } = checkJson(file);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(rules(findings).filter((x) => x === 'CORRUPTED_PATCH').length, 1, JSON.stringify(rules(findings)));

  const text = run(['check', '--no-repo', file]);
  assert.equal(text.code, 1);
  assert.doesNotMatch(text.stderr, /internal error|\b0 errors/, text.stderr);

  const parsed = run(['parse', '--json', file]);
  assert.equal(parsed.code, 0, parsed.stderr);
  const model = JSON.parse(parsed.stdout) as { kind: string; problems: { code: string }[] };
  assert.equal(model.kind, 'patch');
  assert.ok(model.problems.length > 1000, `problems: ${model.problems.length}`);
});

test('130,000 diff-looking lines past a hunk: checked, capped, never a pass', () => {
  const body: string[] = ['@@ -10,1 +10,1 @@', '-a', '+b'];
  for (let i = 0; i < 130_000; i++) body.push(i % 2 ? `+junk ${i}` : `-junk ${i}`);
  const { r, findings } = checkJson(write('huge2.patch', withHunk(body)));
  assert.equal(r.code, 1, r.stderr);
  assert.ok(findings.length > 0 && findings.length < 10_000, `${findings.length} findings`);
});

test('a configuration of 300,000 ignore entries loads (.patchsmith.json and .checkpatch.conf)', () => {
  const ids: string[] = [];
  for (let i = 0; i < 300_000; i++) ids.push(`NO_SUCH_RULE_${i}`);
  const patch = BASE.replace('Signed-off-by: Ada Lovelace <ada@example.org>\n', '');
  const configs: Record<string, string>[] = [
    { '.patchsmith.json': JSON.stringify({ ignore: ids }) },
    { '.checkpatch.conf': `--ignore ${ids.join(',')}\n` },
    { '.checkpatch.conf': ids.map((id) => `--ignore=${id}`).join('\n') },
  ];
  for (const files of configs) {
    const file = write('0001-x.patch', patch, files);
    const { r, findings } = checkJson(file);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(rules(findings), ['MISSING_SIGN_OFF'], Object.keys(files)[0]);
    // Unknown ids are reported, but not 300,000 lines of them.
    assert.ok(r.stderr.split('\n').length < 50, `stderr has ${r.stderr.split('\n').length} lines`);
  }
});

test('each rule shows at most 1,000 findings, then one "... and N more"', () => {
  const body: string[] = ['@@ -0,0 +1,1500 @@'];
  for (let i = 0; i < 1500; i++) body.push(`+line ${i} `);
  const { r, findings } = checkJson(write('ws.patch', withHunk(body).replace('@@ -10,7', '@@ -0,0')));
  assert.equal(r.code, 1, r.stderr);
  const ws = findings.filter((f) => f.rule === 'TRAILING_WHITESPACE');
  assert.equal(ws.length, 1001);
  assert.match(ws[ws.length - 1]!.message, /^\.\.\. and 500 more TRAILING_WHITESPACE findings/);
  assert.equal(ws[ws.length - 1]!.line, ws[ws.length - 2]!.line + 500);
});

test('text that is not a patch gets one NOT_A_PATCH_MAIL finding', () => {
  const prose = 'Shopping list\n\n- milk\n- eggs: a dozen\n+ bread?\n\nThat is all, really. Thanks for reading this very long line of text that goes on.\n';
  const { r, findings } = checkJson(write('notes.txt', prose));
  assert.equal(r.code, 1);
  assert.deepEqual(rules(findings), ['NOT_A_PATCH_MAIL']);
  assert.equal(findings[0]!.line, 1);
  assert.match(findings[0]!.message, /Not a patch mail/);
  // A commit message is checked as one when asked.
  const msg = checkJson(write('msg.txt', 'fix the frobnicator\n\nIt frobbed twice.\n'), ['--commit-message']);
  assert.ok(!rules(msg.findings).includes('NOT_A_PATCH_MAIL'));
});

test('lone CR line endings: one finding that says so', () => {
  const { r, findings } = checkJson(write('mac.patch', BASE.replace(/\n/g, '\r')));
  assert.equal(r.code, 1);
  assert.deepEqual(rules(findings), ['LONE_CR_LINE_ENDINGS']);
  assert.match(findings[0]!.message, /lone CR/);
});

test('parse problems obey the configuration: --ignore, severity, .checkpatch.conf', () => {
  // A stray line inside the header block, with more headers after it.
  const bad = BASE.replace('Date: ', 'this is not a header\nDate: ');
  const file = write('bad.patch', bad);
  assert.deepEqual(rules(checkJson(file).findings), ['BAD_HEADER']);
  assert.deepEqual(rules(checkJson(file, ['--ignore', 'BAD_HEADER']).findings), []);
  const conf = write('bad.patch', bad, { '.checkpatch.conf': '--ignore BAD_HEADER\n' });
  assert.deepEqual(rules(checkJson(conf).findings), []);
  const json = write('bad.patch', bad, { '.patchsmith.json': '{ "severity": { "BAD_HEADER": "error" } }' });
  const strict = checkJson(json);
  assert.equal(strict.r.code, 1);
  assert.deepEqual(strict.findings.map((f) => `${f.rule}:${f.severity}`), ['BAD_HEADER:error']);
  // Registered: no "no rule has the id" warning for it.
  assert.doesNotMatch(strict.r.stderr, /no rule has the id/);
});

test('a damaged hunk is reported once: one CORRUPTED_PATCH, a short hunk as HUNK_HEADER_MISMATCH only', () => {
  const wrapped = BASE.replace('+\tfor (addr = start; addr < end; addr += PAGE_SIZE)', '+\tfor (addr = start;\naddr < end; addr += PAGE_SIZE)');
  const w = rules(checkJson(write('wrapped.patch', wrapped)).findings);
  assert.equal(w.filter((x) => x === 'CORRUPTED_PATCH').length, 1, w.join(' '));
  const short = BASE.replace('@@ -10,7 +10,7 @@', '@@ -10,9 +10,9 @@');
  const s = rules(checkJson(write('short.patch', short)).findings);
  assert.deepEqual(s, ['HUNK_HEADER_MISMATCH']);
});
