/**
 * Trojan Source through the bundled CLI: `check --format json` gives one BIDI_CONTROL_CHARACTER
 * finding per bidirectional control character of the mail and the added lines (exact 1-based
 * columns, the character named), errors in added lines only, none for the context line; and
 * `preview -o` writes a page in which no raw bidi character is left.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';
import { hasBidi } from '../../server/src/model/bidi';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'invariants', 'bidi-trojan.patch');
const TEXT = fs.readFileSync(FIXTURE, 'utf8');
let tmp = '';

interface JsonFinding {
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

before(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-bidi-')));
  await buildCli(repoRoot);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** 1-based line and column of every character of `text` in the given set (UTF-16 columns). */
function positionsOf(text: string, chars: RegExp): { line: number; column: number; ch: string }[] {
  const out: { line: number; column: number; ch: string }[] = [];
  text.split('\n').forEach((l, i) => {
    for (let c = 0; c < l.length; c++) if (chars.test(l[c]!)) out.push({ line: i + 1, column: c + 1, ch: l[c]! });
  });
  return out;
}

test('check --format json: one finding per bidi control, on the character, an error only in added lines', () => {
  const r = spawnSync(process.execPath, [cli, 'check', '--no-repo', '--format', 'json', FIXTURE], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as JsonFinding[]).filter((f) => f.rule === 'BIDI_CONTROL_CHARACTER');
  const lines = TEXT.split('\n');
  const contextLine = lines.findIndex((l) => l.startsWith(' int a;')) + 1;
  const fromLine = lines.findIndex((l) => l.startsWith('From: ')) + 1;
  // Every raw control and every mark of an added line, except the context line's.
  const expected = positionsOf(TEXT, /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/).filter(
    (p) => p.line !== contextLine && (/[\u202a-\u202e\u2066-\u2069]/.test(p.ch) || lines[p.line - 1]!.startsWith('+')),
  );
  const raw = findings.filter((f) => f.line !== fromLine);
  assert.deepEqual(
    raw.map((f) => [f.line, f.column, f.endLine, f.endColumn]),
    expected.map((p) => [p.line, p.column, p.line, p.column + 1]),
  );
  for (const [i, f] of raw.entries()) {
    const code = expected[i]!.ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    assert.ok(f.message.includes(`U+${code} `), f.message);
    const added = lines[f.line - 1]!.startsWith('+') && !lines[f.line - 1]!.startsWith('+++');
    const isMark = /^Bidirectional mark/.test(f.message);
    assert.equal(f.severity, added && !isMark ? 'error' : 'warning', `${f.line}:${f.column} ${f.message}`);
  }
  assert.match(findings.find((f) => f.line === contextLine + 1)?.message ?? '', /U\+202E RIGHT-TO-LEFT OVERRIDE in an added line/);
  // The RFC 2047 encoded From: one finding on the encoded word.
  const from = findings.filter((f) => f.line === fromLine);
  assert.equal(from.length, 1);
  assert.equal(lines[fromLine - 1]!.slice(from[0]!.column - 1, from[0]!.endColumn - 1), '=?UTF-8?q?Jane=E2=80=AE=20Dev?=');
  assert.match(from[0]!.message, /U\+202E RIGHT-TO-LEFT OVERRIDE in the From header \(RFC 2047 encoded\)/);
});

test('preview -o: the page shows every bidi character as a marker, none raw', () => {
  const out = path.join(tmp, 'preview.html');
  const r = spawnSync(process.execPath, [cli, 'preview', FIXTURE, '-o', out], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const html = fs.readFileSync(out, 'utf8');
  assert.ok(!hasBidi(html), 'a raw bidi character reached the HTML');
  assert.ok(html.includes('<span class="bidi" title="U+202E RIGHT-TO-LEFT OVERRIDE">⟨U+202E⟩</span>'), 'the override is shown');
  // The parts a patch's preview shows: subject, author, diff (the log is not shown).
  for (const code of ['202C', '202E', '2066', '2069', '200E', '200F', '061C']) {
    assert.ok(html.includes(`⟨U+${code}⟩`), `U+${code} is shown`);
  }
});

test('check output never carries a raw bidi character: messages quoting the patch show them as markers (text, JSON, SARIF)', () => {
  for (const format of ['text', 'json', 'sarif']) {
    const r = spawnSync(process.execPath, [cli, 'check', '--no-repo', '--format', format, FIXTURE], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const out = r.stdout + r.stderr;
    assert.equal(hasBidi(out), false, `${format}: ${out.split('\n').filter((l) => hasBidi(l)).join('\n')}`);
    assert.match(out, /⟨U\+202E⟩/, format);
  }
});
