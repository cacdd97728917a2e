/**
 * Issue 8's invariant: the editor and `patchsmith check` give the same findings for the same
 * text. For every patch of ../shared/corpus (skipped with a message when absent) and of the test
 * fixtures, each copied alone into its own folder under its own name (same file name, same
 * configuration: none, HOME pointing at the empty temporary root; no repository), the diagnostics
 * the real server publishes over stdio (rule id, severity and range) equal what
 * `patchsmith check --no-repo --format json FILE` prints. The check runs in this process through
 * the CLI's own entry point (spawning it 1,200 times would take minutes); the documents go
 * through one server, a batch at a time.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, uriOf } from '../lsp/lspClient';
import { main } from '../../server/src/cli/main';
import type { JsonFinding } from '../../server/src/cli/format';
import { corpusPatches, corpusPresent, NO_CORPUS, REPO_ROOT } from './support';

const BATCH = 20;
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

let root = '';
let client: LspTestClient;
const savedHome = process.env['HOME'];

before(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-same-')));
  // The CLI (in this process) and the server read $HOME/.checkpatch.conf: there is none here.
  process.env['HOME'] = root;
  client = await LspTestClient.start({ root, env: { HOME: root }, initializationOptions: { trusted: false } });
});

after(async () => {
  await client?.stop();
  if (savedHome === undefined) delete process.env['HOME'];
  else process.env['HOME'] = savedHome;
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function fixtureFiles(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) fixtureFiles(p, out);
    else if (/\.(patch|mbox|eml)$/.test(e.name) || e.name === 'COMMIT_EDITMSG') out.push(p);
  }
  return out;
}

interface Case {
  source: string;
  file: string;
  text: string;
}

/** Each document alone in its own folder, under its own name; empty and non-UTF-8 files are left out (check refuses them). */
let folders = 0;
function cases(sources: readonly string[]): Case[] {
  const out: Case[] = [];
  sources.forEach((source) => {
    const bytes = fs.readFileSync(source);
    const text = bytes.toString('utf8');
    if (text.trim() === '' || bytes.includes(0) || !Buffer.from(text, 'utf8').equals(bytes) || text.startsWith('\ufeff')) return;
    const dir = path.join(root, `d${folders++}`);
    fs.mkdirSync(dir);
    const file = path.join(dir, path.basename(source));
    fs.writeFileSync(file, bytes);
    out.push({ source, file, text });
  });
  return out;
}

function key(rule: string, severity: string, l1: number, c1: number, l2: number, c2: number): string {
  return `${rule} ${severity} ${l1}:${c1}-${l2}:${c2}`;
}

async function checkJson(file: string): Promise<string[]> {
  let stdout = '';
  let stderr = '';
  const code = await main(['check', '--no-repo', '--format', 'json', file], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  assert.ok(code === 0 || code === 1, `check ${file}: exit ${code}: ${stderr}`);
  const findings = JSON.parse(stdout) as JsonFinding[];
  return findings.map((f) => key(f.rule, f.severity, f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1)).sort();
}

function fromDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => key(String(d.code), SEVERITY[d.severity ?? 1] ?? '', d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character))
    .sort();
}

async function compare(all: readonly Case[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (let b = 0; b < all.length; b += BATCH) {
    const batch = all.slice(b, b + BATCH);
    const published = batch.map((c) => {
      const uri = uriOf(c.file);
      return client.waitForDiagnostics(uri, (_d, p) => p.version === 1, `diagnostics of ${c.source}`);
    });
    for (const c of batch) await client.open(uriOf(c.file), c.text, path.basename(c.file) === 'COMMIT_EDITMSG' ? 'git-commit' : 'git-patch');
    const lsp = await Promise.all(published);
    for (let i = 0; i < batch.length; i++) {
      const c = batch[i]!;
      const editor = fromDiagnostics(lsp[i]!);
      const cli = await checkJson(c.file);
      if (editor.join('\n') !== cli.join('\n')) {
        const onlyEditor = editor.filter((k) => !cli.includes(k));
        const onlyCli = cli.filter((k) => !editor.includes(k));
        mismatches.push(`${path.relative(REPO_ROOT, c.source)}: editor only [${onlyEditor.join('; ')}], check only [${onlyCli.join('; ')}]`);
      }
    }
    for (const c of batch) await client.close(uriOf(c.file));
  }
  return mismatches;
}

test('the test fixtures: the server publishes what check prints', async () => {
  const all = cases(fixtureFiles(path.join(REPO_ROOT, 'test', 'fixtures'), []));
  assert.ok(all.length > 20, `only ${all.length} fixtures`);
  const mismatches = await compare(all);
  assert.deepEqual(mismatches, [], mismatches.slice(0, 20).join('\n'));
});

test('the corpus: the server publishes what check prints', async (t) => {
  if (!corpusPresent()) {
    t.skip(NO_CORPUS);
    return;
  }
  const all = cases(corpusPatches());
  assert.ok(all.length > 500, `only ${all.length} corpus patches`);
  const mismatches = await compare(all);
  assert.deepEqual(mismatches, [], `${mismatches.length} of ${all.length} differ:\n${mismatches.slice(0, 20).join('\n')}`);
});
