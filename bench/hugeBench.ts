/**
 * Huge input figures (issue 9), numbers, not assertions:
 *
 *   in process      - full check vs a one-character edit of a huge mbox with the incremental
 *                     engine (check/incremental.ts): time, and messages parsed and checked
 *   language server - latency of completion requests sent every 100 ms while a huge mbox is
 *                     being checked; didOpen -> diagnostics; one-character edit -> diagnostics;
 *                     server RSS (main thread and check worker) against the document's size
 *   command line    - `check` against `git apply --numstat` on the same 2M-line patch, side by
 *                     side, with peak RSS (GNU time) against the input's size
 *
 * Sizes follow the issue (20 MB mbox, 2,000,000-line patch); PATCHSMITH_BENCH_MB and
 * PATCHSMITH_BENCH_LINES make them smaller on a slow machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { IncrementalDocument, incrementalStats } from '../server/src/check/incremental';
import { defaultConfig } from '../server/src/config/defaults';
import { makeMbox } from '../test/helpers/mbox';
import { makeSyntheticPatch } from './synthetic';
import { LspTestClient } from '../test/lsp/lspClient';

const MB = Number(process.env.PATCHSMITH_BENCH_MB ?? 20);
const LINES = Number(process.env.PATCHSMITH_BENCH_LINES ?? 2_000_000);
const root = path.resolve(__dirname, '../..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

function rssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function inProcess(text: string, messages: number): Record<string, number> {
  const config = defaultConfig();
  const inc = new IncrementalDocument();
  let t = performance.now();
  inc.update(text);
  inc.textFindings(config);
  const fullMs = performance.now() - t;
  const at = text.indexOf(`case ${Math.floor(messages / 2)},`);
  const before = { ...incrementalStats };
  t = performance.now();
  inc.update(text.slice(0, at) + 'x' + text.slice(at));
  inc.textFindings(config);
  const editMs = performance.now() - t;
  const parsed = incrementalStats.messageParses - before.messageParses;
  const nl = { ...incrementalStats };
  t = performance.now();
  inc.update(text.slice(0, at) + '\n' + text.slice(at));
  inc.textFindings(config);
  const newlineMs = performance.now() - t;
  return {
    'full check, ms': fullMs,
    'one-char edit, ms': editMs,
    'messages parsed by that edit': parsed,
    'new-line edit (later messages move), ms': newlineMs,
    'messages parsed by that edit ': incrementalStats.messageParses - nl.messageParses,
  };
}

async function server(text: string, messages: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-huge-'));
  const client = await LspTestClient.start({ root: dir, initializationOptions: { debounceMs: 0, trusted: false } });
  try {
    const small = path.join(dir, 'small.patch');
    const smallText = makeSyntheticPatch(300).replace(/^Signed-off-by: .*$/m, (l) => `${l}\nRevi`);
    writeFileSync(small, smallText);
    const smallUri = `file://${small}`;
    await client.open(smallUri, smallText);
    await client.waitForDiagnostics(smallUri, (_d, p) => p.version === 1);
    const row = smallText.split('\n').indexOf('Revi');

    const uri = 'untitled:huge.mbox';
    let done = false;
    const t0 = performance.now();
    const diag = client.waitForDiagnostics(uri, (_d, p) => p.version === 1).then(() => {
      done = true;
    });
    await client.open(uri, text);
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri: smallUri }, position: { line: row, character: 4 } });
      if (!done) latencies.push(performance.now() - t);
      await Promise.race([diag, new Promise((r) => setTimeout(r, 100))]);
    }
    const openMs = performance.now() - t0;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(`case ${Math.floor(messages / 2)},`));
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const v = await client.edit(uri, { start: { line, character: 0 }, end: { line, character: i % 2 ? 1 : 0 } }, i % 2 ? '' : 'x');
      await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
      edits.push(performance.now() - t);
    }
    return {
      'completion during the check, median ms': median(latencies),
      'completion during the check, max ms': latencies.length ? Math.max(...latencies) : NaN,
      'completions answered during the check': latencies.length,
      'didOpen -> diagnostics, ms': openMs,
      'one-char edit -> diagnostics, median ms': median(edits),
      'server peak RSS, MB': rssMb(client.child.pid!),
      'server peak RSS / document size': rssMb(client.child.pid!) / (text.length / 1e6),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time and peak RSS (GNU time) of a command. */
function timed(cmd: string, args: string[]): { ms: number; mb: number } {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const kb = Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1] ?? NaN);
  return { ms, mb: kb / 1024 };
}

function commandLine(): Record<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-cli-'));
  try {
    const file = path.join(dir, 'huge.patch');
    writeFileSync(file, makeSyntheticPatch(LINES));
    const mb = statSync(file).size / 1e6;
    execFileSync('git', ['init', '-q', dir]);
    const git = timed('git', ['-C', dir, 'apply', '--numstat', file]);
    const ours = timed(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--no-repo', '--format', 'json', file]);
    return {
      'patch size, MB': mb,
      'git apply --numstat, ms': git.ms,
      'patchsmith check, ms': ours.ms,
      'check / git apply time ratio': ours.ms / git.ms,
      'check peak RSS, MB': ours.mb,
      'check peak RSS / input size': ours.mb / mb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHuge(print: (k: string, v: number) => void): Promise<void> {
  const { text, messages } = makeMbox(MB * 1e6);
  console.log(`-- in process, ${(text.length / 1e6).toFixed(1)} MB mbox of ${messages} messages`);
  for (const [k, v] of Object.entries(inProcess(text, messages))) print(k, v);
  if (existsSync(path.join(root, 'dist/server.js'))) {
    console.log(`-- language server, the same mbox opened as an unsaved buffer`);
    for (const [k, v] of Object.entries(await server(text, messages))) print(k, v);
  }
  console.log(`-- command line, a ${LINES}-line patch`);
  for (const [k, v] of Object.entries(commandLine())) print(k, v);
}
