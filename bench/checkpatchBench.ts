/**
 * checkpatch.pl as a second source (issue 10). Numbers, not assertions. Needs a checkpatch.pl
 * (PATCHSMITH_CHECKPATCH or CHECKPATCH) and the corpus's kernel patches.
 *
 *   cpWallMs           - median wall time of one checkpatch.pl run (process, parse, map, --fix diff)
 *                        per kernel corpus patch, as the CLI and the editor run it
 *   cliSerialMs / cliParallelMs / cliSpeedup
 *                      - `check --checkpatch` on those patches with one checkpatch process at a
 *                        time, and with as many as there are CPUs
 *   diag2kMs / diag2kWithCpMs
 *                      - didChange -> the native publishDiagnostics of that version on a 2,000-line
 *                        patch, without and with checkpatch.pl on (each edit made while a
 *                        checkpatch run on the previous version is in flight)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkWithCheckpatch } from '../server/src/checkpatch/check';
import { makeSyntheticPatch } from './synthetic';
import { LspTestClient, uriOf } from '../test/lsp/lspClient';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function editLatency(script: string | null, runs: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-cp-'));
  const client = await LspTestClient.start({
    root: dir,
    initializationOptions: { debounceMs: 0, trusted: true, checkpatch: script ? { path: script, enabled: true } : { enabled: false } },
  });
  try {
    const file = path.join(dir, 'bench-2000.patch');
    const text = makeSyntheticPatch(2_000);
    writeFileSync(file, text);
    const uri = uriOf(file);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    const row = text.split('\n').findIndex((l) => l.startsWith('Reading vcpu'));
    const col = text.split('\n')[row]!.length;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Let checkpatch start on the previous version (its delay is 400 ms): the edit lands while it runs.
      await sleep(script ? 550 : 0);
      const add = i % 2 === 0;
      const range = { start: { line: row, character: col }, end: { line: row, character: add ? col : col + 1 } };
      const t0 = performance.now();
      const v = await client.edit(uri, range, add ? 'x' : '');
      await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
      times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCheckpatchSource(script: string, corpus: string, cli: string): Promise<Record<string, number>> {
  const kernel = path.join(corpus, 'kernel');
  const files = readdirSync(kernel)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .slice(0, 24)
    .map((f) => path.join(kernel, f));
  const cwd = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-cpwall-'));
  const walls: number[] = [];
  try {
    for (const f of files) {
      const t0 = performance.now();
      await checkWithCheckpatch({ script, cwd, origin: 'bench' }, readFileSync(f, 'utf8'), { fileName: path.basename(f) });
      walls.push(performance.now() - t0);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const timeCli = (jobs: number): number => {
    const t0 = performance.now();
    spawnSync(process.execPath, [cli, 'check', '--no-repo', '--checkpatch', script, ...files], {
      env: { ...process.env, PATCHSMITH_CHECKPATCH_JOBS: String(jobs) },
      encoding: 'utf8',
      timeout: 600_000,
    });
    return performance.now() - t0;
  };
  const cliSerialMs = timeCli(1);
  const cliParallelMs = timeCli(availableParallelism());
  const diag2kMs = await editLatency(null, 11);
  const diag2kWithCpMs = await editLatency(script, 11);
  return {
    patches: files.length,
    cpWallMs: median(walls),
    cliSerialMs,
    cliParallelMs,
    cliSpeedup: cliSerialMs / cliParallelMs,
    cpus: availableParallelism(),
    diag2kMs,
    diag2kWithCpMs,
  };
}
