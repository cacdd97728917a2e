/**
 * `npm run bench`: prints the figures the issues ask for. Single process (the machine has two
 * cores; nothing here runs in parallel). Numbers, not assertions: a benchmark never fails CI.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchCheckpatch, benchCliPerFile, benchText } from './textBench';

const root = resolve(__dirname, '../..');
const corpus = resolve(root, '../shared/corpus');

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(32) : String(c).padStart(12))).join(' ');
}

function optionalModule<T>(path: string): T | null {
  try {
    return require(path) as T;
  } catch (err) {
    console.log(`  (skipped: ${path} unavailable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return null;
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  if (!existsSync(corpus)) console.log(`corpus not found at ${corpus}: corpus figures skipped`);

  console.log('\n== parse + all text rules (targets: < 1 ms for a 500-line patch, < 50 ms for 50,000 lines)');
  console.log(row(['input', 'files', 'ms/patch', 'MB/s']));
  const { timings, corpusFiles } = benchText(corpus);
  for (const t of timings) console.log(row([t.name, t.files, t.msPerFile.toFixed(3), t.mbPerSec.toFixed(1)]));

  const checkpatch = process.env.CHECKPATCH;
  if (checkpatch && corpusFiles.length) {
    if (!existsSync(checkpatch)) console.log(`CHECKPATCH=${checkpatch} does not exist: comparison skipped`);
    else {
      const cp = benchCheckpatch(checkpatch, corpusFiles);
      const cli = benchCliPerFile(resolve(root, 'dist/cli.js'), corpusFiles);
      const ours = timings[0]!.msPerFile; // corpusFiles is not empty: the corpus timing is first
      console.log(row(['checkpatch.pl, a process a file', 50, cp.toFixed(1), '']));
      console.log(row(['patchsmith check, a process a file', 50, cli.toFixed(1), '']));
      console.log(`checkpatch / patchsmith time ratio: ${(cp / ours).toFixed(0)}x in process (editor), ${(cp / cli).toFixed(1)}x a process a file (CLI, Node start-up included)`);
    }
  } else {
    console.log('(set CHECKPATCH=/path/to/checkpatch.pl to time checkpatch on the same files)');
  }

  console.log('\n== language server (targets: didChange->diagnostics 20 ms @2,000 lines, 150 ms @50,000; completion 30 ms, 150 MB @100,000 commits)');
  const lsp = optionalModule<{ benchLsp(): Promise<Record<string, number>> }>('./lspBench');
  if (lsp) {
    const figures = await lsp.benchLsp();
    for (const [k, v] of Object.entries(figures)) console.log(row([k, typeof v === 'number' ? v.toFixed(1) : String(v)]));
  }

  console.log('\n== huge input (issue 9: responsive editor, incremental mbox, memory, ratio to git)');
  const huge = optionalModule<{ benchHuge(print: (k: string, v: number) => void): Promise<void> }>('./hugeBench');
  if (huge) await huge.benchHuge((k, v) => console.log(row([k, Number.isInteger(v) ? v : v.toFixed(1)])));

  console.log('\n== history index');
  const hist = optionalModule<{ benchHistory(): Promise<Record<string, number>> }>('./historyBench');
  if (hist) {
    const figures = await hist.benchHistory();
    for (const [k, v] of Object.entries(figures)) console.log(row([k, typeof v === 'number' ? v.toFixed(1) : String(v)]));
  }

  console.log('\n== checkpatch.pl as a second source (wall time per patch, CLI multi-file speed-up, native latency with it on)');
  const cpScript = process.env.PATCHSMITH_CHECKPATCH ?? process.env.CHECKPATCH;
  if (!cpScript || !existsSync(cpScript) || !existsSync(resolve(corpus, 'kernel'))) {
    console.log('(skipped: set PATCHSMITH_CHECKPATCH=/path/to/scripts/checkpatch.pl, with ../shared/corpus/kernel present)');
  } else {
    const cpb = optionalModule<{ benchCheckpatchSource(s: string, c: string, cli: string): Promise<Record<string, number>> }>('./checkpatchBench');
    if (cpb) {
      const figures = await cpb.benchCheckpatchSource(cpScript, corpus, resolve(root, 'dist/cli.js'));
      for (const [k, v] of Object.entries(figures)) console.log(row([k, Number.isInteger(v) ? v : v.toFixed(1)]));
    }
  }

  console.log('\n== a huge MAINTAINERS (100,000 generated sections): background read, event-loop stall, heap, look-up');
  const hugeMaintainers = optionalModule<{ benchMaintainersHuge(): Promise<Record<string, number>> }>('./maintainersBench');
  if (hugeMaintainers) {
    const figures = await hugeMaintainers.benchMaintainersHuge();
    for (const [k, v] of Object.entries(figures)) console.log(row([k, Number.isInteger(v) ? v : v.toFixed(1)]));
  }

  console.log('\n== MAINTAINERS matching vs scripts/get_maintainer.pl (a kernel tree)');
  const kernelTree = process.env.PATCHSMITH_KERNEL_TREE;
  if (!kernelTree) console.log('(skipped: set PATCHSMITH_KERNEL_TREE=/path/to/linux to compare with get_maintainer.pl)');
  else {
    const maint = optionalModule<{ benchMaintainers(tree: string): Promise<Record<string, number>> }>('./maintainersAgreement');
    if (maint) await maint.benchMaintainers(resolve(kernelTree)); // prints its own table
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
