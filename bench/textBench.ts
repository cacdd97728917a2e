/**
 * Parse + all text rules: ms per patch and MB/s over the corpus, and on synthetic patches of
 * 500 and 50,000 lines. With CHECKPATCH=/path/to/checkpatch.pl, times checkpatch on the same files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parsePatch } from '../server/src/parse/parsePatch';
import { runTextRules } from '../server/src/rules/engine';
import { defaultConfig } from '../server/src/config/defaults';
import { makeSyntheticPatch } from './synthetic';

export interface Timing {
  name: string;
  files: number;
  bytes: number;
  msPerFile: number;
  mbPerSec: number;
}

function patchFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) patchFiles(p, out);
    else if (name.endsWith('.patch')) out.push(p);
  }
  return out;
}

/** Runs `work` over all texts until at least minMs elapsed; returns ms per text (median of rounds). */
function time(texts: readonly string[], minMs: number, work: (t: string) => void): number {
  for (const t of texts) work(t); // warm-up
  const rounds: number[] = [];
  const deadline = performance.now() + minMs;
  do {
    const t0 = performance.now();
    for (const t of texts) work(t);
    rounds.push((performance.now() - t0) / texts.length);
  } while (performance.now() < deadline || rounds.length < 5);
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(rounds.length / 2)]!; // at least five rounds
}

function timing(name: string, texts: readonly string[], minMs: number): Timing {
  const config = { ...defaultConfig('kernel'), strict: true };
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const ms = time(texts, minMs, (t) => {
    runTextRules(parsePatch(t), config);
  });
  return { name, files: texts.length, bytes, msPerFile: ms, mbPerSec: bytes / texts.length / 1e6 / (ms / 1000) };
}

export function benchText(corpusDir: string): { timings: Timing[]; corpusFiles: string[] } {
  const corpusFiles = patchFiles(corpusDir);
  const timings: Timing[] = [];
  if (corpusFiles.length) {
    timings.push(timing('corpus (all patches)', corpusFiles.map((f) => readFileSync(f, 'utf8')), 3000));
  }
  timings.push(timing('synthetic 500-line patch', [makeSyntheticPatch(500)], 2000));
  timings.push(timing('synthetic 50,000-line patch', [makeSyntheticPatch(50000)], 3000));
  return { timings, corpusFiles };
}

/**
 * Wall-clock ms per file of `perl checkpatch.pl` over the first 50 files (one process per file,
 * as users run it; the files are absolute paths, run from a temporary folder).
 */
export function benchCheckpatch(checkpatch: string, files: readonly string[]): number {
  const sample = files.slice(0, 50);
  const t0 = performance.now();
  for (const f of sample) {
    try {
      execFileSync('perl', [checkpatch, '--no-tree', '--strict', '--show-types', '--no-color', f], {
        stdio: 'ignore',
        timeout: 60_000,
        // checkpatch writes a .checkpatch-camelcase cache into a git work tree it runs in.
        cwd: tmpdir(),
      });
    } catch {
      // checkpatch exits 1 when it finds errors; only the time matters here.
    }
  }
  return (performance.now() - t0) / sample.length;
}

/** The same, for `node dist/cli.js check` (one process per file): the like-for-like comparison. */
export function benchCliPerFile(cli: string, files: readonly string[]): number {
  const sample = files.slice(0, 50);
  const t0 = performance.now();
  for (const f of sample) {
    try {
      execFileSync(process.execPath, [cli, 'check', '--no-repo', '--strict', f], { stdio: 'ignore', timeout: 60_000, cwd: tmpdir() });
    } catch {
      // exit 1 when an error is found; only the time matters here.
    }
  }
  return (performance.now() - t0) / sample.length;
}
