/**
 * Huge input figures (issue 9), numbers, not assertions:
 *
 *   in process      - full check vs a one-character edit of a huge mbox with the incremental
 *                     engine (check/incremental.ts): time, and messages parsed and checked; the
 *                     heap the server keeps for the document besides its text
 *   language server - latency of completion requests (on another document) and of hovers (on
 *                     the huge mbox itself) sent every 100 ms while a huge mbox is being
 *                     checked; didOpen -> diagnostics; one-character edit -> diagnostics;
 *                     server RSS (main thread and check worker) against the document's size,
 *                     right after the edits, once idle and at the peak (also over the idle
 *                     server)
 *   command line    - `check` against `git apply --numstat` on the same 2M-line patch, side by
 *                     side, with peak RSS (GNU time) against the input's size
 *   memory          - peak RSS of `check` (and `check --fix`) on patches of a few sizes, against
 *                     the input's size (goal: at most 4x)
 *   many files      - `check` of a folder of 5,000 patches in process and on every core
 *                     (PATCHSMITH_CHECK_WORKERS=0 / the default), and the speed-up
 *
 * Sizes follow the issue (20 MB mbox, 2,000,000-line patch, 5,000 files); PATCHSMITH_BENCH_MB,
 * PATCHSMITH_BENCH_LINES and PATCHSMITH_BENCH_FILES make them smaller on a slow machine;
 * PATCHSMITH_BENCH_ONLY=process, server or cli runs one part.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FindingsReceiver, IncrementalDocument, incrementalStats } from '../server/src/check/incremental';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultConfig } from '../server/src/config/defaults';
import { makeMbox } from '../test/helpers/mbox';
import { makeSyntheticPatch } from './synthetic';
import { writePatchFolder } from '../test/helpers/patchFolder';
import { availableParallelism } from 'node:os';
import { LspTestClient } from '../test/lsp/lspClient';
import { withMallocTunables } from '../server/src/io/mallocTunables';

const MB = Number(process.env.PATCHSMITH_BENCH_MB ?? 20);
const LINES = Number(process.env.PATCHSMITH_BENCH_LINES ?? 2_000_000);
const FILES = Number(process.env.PATCHSMITH_BENCH_FILES ?? 5_000);
const root = path.resolve(__dirname, '../..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

/** Resident memory now (VmRSS), MB. */
function currentRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
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
  // The check worker's engine: findings only, a digest per message, no model kept.
  const config = defaultConfig();
  const inc = new IncrementalDocument();
  let t = performance.now();
  inc.check(text, config);
  const fullMs = performance.now() - t;
  const at = text.indexOf(`case ${Math.floor(messages / 2)},`);
  const before = { ...incrementalStats };
  t = performance.now();
  inc.check(text.slice(0, at) + 'x' + text.slice(at), config);
  const editMs = performance.now() - t;
  const parsed = incrementalStats.messageParses - before.messageParses;
  const nl = { ...incrementalStats };
  t = performance.now();
  inc.check(text.slice(0, at) + '\n' + text.slice(at), config);
  const newlineMs = performance.now() - t;
  return {
    'full check, ms': fullMs,
    'one-char edit, ms': editMs,
    'messages parsed by that edit': parsed,
    'new-line edit (later messages move), ms': newlineMs,
    'messages parsed by that edit ': incrementalStats.messageParses - nl.messageParses,
  };
}

/**
 * The heap the language server keeps for an open document besides its text, after a full
 * garbage collection: the main thread's model (a huge mbox: its outline, messages parsed when
 * read), the findings it holds, and the check worker's state (a digest per message).
 */
function keptHeap(text: string): Record<string, number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const base = used();
  const main = new IncrementalDocument();
  const doc = main.update(text);
  const worker = new IncrementalDocument();
  const findings = new FindingsReceiver().apply(worker.checkDelta(text, defaultConfig()));
  alive.now = [main, doc, worker, findings];
  const kept = used() - base;
  alive.now = [];
  const size = Buffer.byteLength(text);
  return {
    'findings held': findings.length,
    'kept heap besides the text, MB': kept / 1e6,
    'kept heap with the text / document size': (kept + size) / size,
  };
}

/** What keptHeap measures, alive while it is measured. */
const alive: { now: unknown[] } = { now: [] };

/**
 * The language server's figures. `tunables`: started as the VS Code client starts it, with
 * glibc's allocator settings (io/mallocTunables.ts); without them, as an editor that runs
 * `patchsmith lsp` as is.
 */
async function server(text: string, messages: number, tunables: boolean): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-huge-'));
  const env: Record<string, string> = tunables ? { GLIBC_TUNABLES: withMallocTunables(process.env).GLIBC_TUNABLES! } : {};
  const client = await LspTestClient.start({ root: dir, env, initializationOptions: { debounceMs: 0, trusted: false } });
  try {
    const small = path.join(dir, 'small.patch');
    const smallText = makeSyntheticPatch(300).replace(/^Signed-off-by: .*$/m, (l) => `${l}\nRevi`);
    writeFileSync(small, smallText);
    const smallUri = `file://${small}`;
    await client.open(smallUri, smallText);
    await client.waitForDiagnostics(smallUri, (_d, p) => p.version === 1);
    const row = smallText.split('\n').indexOf('Revi');

    // Idle: once the start-up's garbage is gone.
    await new Promise((r) => setTimeout(r, 5_000));
    const idleMb = currentRssMb(client.child.pid!);
    const uri = 'untitled:huge.mbox';
    let done = false;
    const t0 = performance.now();
    const diag = client.waitForDiagnostics(uri, (_d, p) => p.version === 1).then(() => {
      done = true;
    });
    await client.open(uri, text);
    // A hover on the huge document itself: the trailer key of its middle message.
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes(`case ${Math.floor(messages / 2)},`));
    const trailer = lines.indexOf('Reviewed-by: Another Reviewer <reviewer@example.net>', line);
    const latencies: number[] = [];
    const hovers: number[] = [];
    while (!done) {
      // Every request sent before the diagnostics, also one that waited behind their last steps.
      let t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri: smallUri }, position: { line: row, character: 4 } });
      latencies.push(performance.now() - t);
      t = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: trailer, character: 3 } });
      hovers.push(performance.now() - t);
      await Promise.race([diag, new Promise((r) => setTimeout(r, 100))]);
    }
    const openMs = performance.now() - t0;
    const edits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const v = await client.edit(uri, { start: { line, character: 0 }, end: { line, character: i % 2 ? 1 : 0 } }, i % 2 ? '' : 'x');
      await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
      edits.push(performance.now() - t);
    }
    const afterEdits = currentRssMb(client.child.pid!);
    // V8 gives memory back once the server is idle for a few seconds.
    await new Promise((r) => setTimeout(r, 15_000));
    const settled = currentRssMb(client.child.pid!);
    return {
      'completion during the check, median ms': median(latencies),
      'completion during the check, max ms': latencies.length ? Math.max(...latencies) : NaN,
      'completions answered during the check': latencies.length,
      'hover on the huge document during its check, median ms': median(hovers),
      'hover on the huge document during its check, max ms': hovers.length ? Math.max(...hovers) : NaN,
      'didOpen -> diagnostics, ms': openMs,
      'one-char edit -> diagnostics, median ms': median(edits),
      'server idle RSS before the open, MB': idleMb,
      'server RSS after the edits, MB': afterEdits,
      'server RSS over idle / document size': (afterEdits - idleMb) / (text.length / 1e6),
      'server RSS 15 s later, MB': settled,
      'server RSS over idle 15 s later / document size': (settled - idleMb) / (text.length / 1e6),
      'server peak RSS, MB': rssMb(client.child.pid!),
      'server peak RSS / document size': rssMb(client.child.pid!) / (text.length / 1e6),
      'server peak RSS over idle / document size': (rssMb(client.child.pid!) - idleMb) / (text.length / 1e6),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time and peak RSS (GNU time; NaN without it) of a command. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; mb: number } {
  const gnuTime = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const ms = performance.now() - t;
  const kb = gnuTime ? Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1] ?? NaN) : NaN;
  return { ms, mb: kb / 1024 };
}

/** Runs of each command the side-by-side comparison with git takes the median of. */
const RUNS = 5;

const cliJs = (): string => path.join(root, 'dist/cli.js');

/** Peak RSS of `check` (and `check --fix` on a copy) against the input's size, at a few sizes. */
function memory(): Record<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-mem-'));
  const out: Record<string, number> = {};
  try {
    // Sizes over 10 MB (the goal is for those; below, node's own ~50 MB dominates).
    for (const lines of [LINES / 8, LINES / 4, LINES / 2].map(Math.round)) {
      const file = path.join(dir, `p${lines}.patch`);
      // A few fixable findings (trailing whitespace in the log), so --fix rewrites the file.
      writeFileSync(file, makeSyntheticPatch(lines).replace('kvm_register_read() accessor everywhere', 'kvm_register_read() accessor everywhere  '));
      const mb = statSync(file).size / 1e6;
      const check = timed(process.execPath, [cliJs(), 'check', '--no-repo', '--format', 'json', file]);
      const fix = timed(process.execPath, [cliJs(), 'check', '--no-repo', '--fix', file]);
      out[`${mb.toFixed(0)} MB: check peak RSS, MB`] = check.mb;
      out[`${mb.toFixed(0)} MB: check peak RSS / input`] = check.mb / mb;
      out[`${mb.toFixed(0)} MB: check --fix peak RSS / input`] = fix.mb / mb;
    }
    // A mailbox of many messages (checked a slice of messages at a time).
    const { text } = makeMbox(MB * 1e6);
    const mboxFile = path.join(dir, 'huge.mbox');
    writeFileSync(mboxFile, text);
    const mbMbox = statSync(mboxFile).size / 1e6;
    const mbox = timed(process.execPath, [cliJs(), 'check', '--no-repo', '--format', 'json', mboxFile]);
    out[`${mbMbox.toFixed(0)} MB mbox: check peak RSS, MB`] = mbox.mb;
    out[`${mbMbox.toFixed(0)} MB mbox: check peak RSS / input`] = mbox.mb / mbMbox;
    out[`${mbMbox.toFixed(0)} MB mbox: check, ms`] = mbox.ms;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `check` of a folder of many patches, in process and on every core. */
function manyFiles(): Record<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-files-'));
  try {
    const n = writePatchFolder(dir, FILES);
    const args = [cliJs(), 'check', '--no-repo', '--format', 'json', dir];
    const single = timed(process.execPath, args, { ...process.env, PATCHSMITH_CHECK_WORKERS: '0' });
    const env = { ...process.env };
    delete env['PATCHSMITH_CHECK_WORKERS'];
    const multi = timed(process.execPath, args, env);
    return {
      files: n,
      cores: availableParallelism(),
      'in process (one core), ms': single.ms,
      'worker threads (every core), ms': multi.ms,
      'speed-up': single.ms / multi.ms,
      'peak RSS in process, MB': single.mb,
      'peak RSS with workers, MB': multi.mb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function commandLine(): Record<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-cli-'));
  try {
    const file = path.join(dir, 'huge.patch');
    writeFileSync(file, makeSyntheticPatch(LINES));
    const mb = statSync(file).size / 1e6;
    execFileSync('git', ['init', '-q', dir]);
    const runGit = (): { ms: number; mb: number } => timed('git', ['-C', dir, 'apply', '--numstat', file]);
    const runOurs = (): { ms: number; mb: number } => timed(process.execPath, [cliJs(), 'check', '--no-repo', '--format', 'json', file]);
    // Side by side, warm: one run of each first (the page cache, node's code cache), then
    // RUNS alternating runs of each; the medians are compared (a single run of git swung from
    // 0.1 to 0.26 s with the page cache).
    runGit();
    runOurs();
    const git: { ms: number; mb: number }[] = [];
    const ours: { ms: number; mb: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      git.push(runGit());
      ours.push(runOurs());
    }
    const gitMs = median(git.map((r) => r.ms));
    const oursMs = median(ours.map((r) => r.ms));
    return {
      'patch size, MB': mb,
      [`git apply --numstat, median of ${RUNS}, ms`]: gitMs,
      [`patchsmith check, median of ${RUNS}, ms`]: oursMs,
      'check / git apply time ratio': oursMs / gitMs,
      'check peak RSS, MB': Math.max(...ours.map((r) => r.mb)),
      'check peak RSS / input size': Math.max(...ours.map((r) => r.mb)) / mb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchHuge(print: (k: string, v: number) => void): Promise<void> {
  // PATCHSMITH_BENCH_ONLY=server (or process, cli): one part only.
  const only = process.env.PATCHSMITH_BENCH_ONLY;
  const part = (name: string): boolean => !only || only === name;
  const { text, messages } = makeMbox(MB * 1e6);
  if (part('process')) {
    console.log(`-- in process, ${(text.length / 1e6).toFixed(1)} MB mbox of ${messages} messages`);
    for (const [k, v] of Object.entries(inProcess(text, messages))) print(k, v);
    for (const [k, v] of Object.entries(keptHeap(text))) print(k, v);
  }
  if (part('server') && existsSync(path.join(root, 'dist/server.js'))) {
    console.log(`-- language server, a ${(text.length / 1e6).toFixed(1)} MB mbox opened as an unsaved buffer (started as the VS Code client starts it)`);
    for (const [k, v] of Object.entries(await server(text, messages, true))) print(k, v);
    console.log(`-- language server, the same, without glibc's allocator settings (an editor running \`patchsmith lsp\` as is)`);
    for (const [k, v] of Object.entries(await server(text, messages, false))) print(k, v);
  }
  if (!part('cli')) return;
  console.log(`-- command line, a ${LINES}-line patch`);
  for (const [k, v] of Object.entries(commandLine())) print(k, v);
  console.log(`-- command line, peak memory against input size`);
  for (const [k, v] of Object.entries(memory())) print(k, v);
  console.log(`-- command line, a folder of ${FILES} patches`);
  for (const [k, v] of Object.entries(manyFiles())) print(k, v);
}
