/**
 * Language-server figures, measured through the real server (node dist/server.js --stdio) with a
 * real LSP client, as an editor sees them. Numbers, not assertions.
 *
 *   diag2kMs / diag50kMs  - median time from didChange to the publishDiagnostics of that version,
 *                           on a 2,000- and a 50,000-line patch (debounce set to 0; text rules,
 *                           series rules of the folder; no repository)
 *   completionMs          - median latency of a `Reviewed-by: <prefix>` completion with a
 *                           100,000-commit history indexed
 *   historyCommits        - commits indexed (the cap is set to 100,000)
 *   historyIndexMs        - from opening the patch to the history read being complete
 *   serverRssMb           - server resident memory with that history indexed
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeSyntheticPatch } from './synthetic';
import { fastImport, makeRepo, removeRepo, type FastImportCommit, type PersonSpec } from '../test/helpers/gitRepo';
import { LspTestClient, uriOf } from '../test/lsp/lspClient';

const HISTORY_COMMITS = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

/** Median didChange -> publishDiagnostics time on a synthetic patch of `lines` lines. */
async function diagnosticsLatency(client: LspTestClient, dir: string, lines: number, runs: number): Promise<number> {
  const file = path.join(dir, `bench-${lines}.patch`);
  const text = makeSyntheticPatch(lines);
  writeFileSync(file, text);
  const uri = uriOf(file);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
  // Edit the end of a body line of the commit message (what a user types).
  const row = text.split('\n').findIndex((l) => l.startsWith('Reading vcpu'));
  const col = text.split('\n')[row]!.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const add = i % 2 === 0;
    const range = { start: { line: row, character: col }, end: { line: row, character: add ? col : col + 1 } };
    const t0 = performance.now();
    const v = await client.edit(uri, range, add ? 'x' : '');
    await client.waitForDiagnostics(uri, (_d, p) => p.version === v);
    times.push(performance.now() - t0);
  }
  await client.close(uri);
  return median(times);
}

function people(n: number): PersonSpec[] {
  const out: PersonSpec[] = [];
  const first = ['Ada', 'Ben', 'Chao', 'Dmitry', 'Elena', 'Fabio', 'Greg', 'Hans', 'Ingo', 'Jens', 'Kees', 'Lena', 'Mika', 'Nadia', 'Olga', 'Paolo', 'Rob', 'Sean', 'Thomas', 'Uwe'];
  const last = ['Anders', 'Bauer', 'Chen', 'Dubois', 'Fischer', 'Hansen', 'Ito', 'Kowalski', 'Larsen', 'Novak', 'Petrov', 'Rossi', 'Silva', 'Tanaka', 'Varga', 'Wang', 'Weber', 'Xu', 'Yamada', 'Zhang'];
  for (let i = 0; i < n; i++) {
    const f = first[i % first.length]!;
    const l = last[Math.floor(i / first.length) % last.length]!;
    out.push({ name: `${f} ${l}`, email: `${f}.${l}${i}@example.org`.toLowerCase() });
  }
  return out;
}

function* history(pool: PersonSpec[]): Generator<FastImportCommit> {
  let s = 42;
  const rnd = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (): PersonSpec => pool[Math.floor(pool.length * rnd() ** 3)]!;
  for (let i = 0; i < HISTORY_COMMITS; i++) {
    const author = pick();
    const reviewer = pick();
    const message =
      `KVM: x86: Fix case ${i} of the frobnicator\n\nThe frobnicator mishandled case ${i}.\n\n` +
      `Reviewed-by: ${reviewer.name} <${reviewer.email}>\nSigned-off-by: ${author.name} <${author.email}>\n`;
    yield { message, author, date: 1_400_000_000 + i * 3000 };
  }
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function completionFigures(): Promise<{ completionMs: number; historyCommits: number; historyIndexMs: number; serverRssMb: number }> {
  const pool = people(2000);
  const dir = await makeRepo({ prefix: 'patchsmith-bench-lsp-' });
  let client: LspTestClient | null = null;
  try {
    await fastImport(dir, history(pool));
    const file = path.join(dir, 'patches', '0001-fix.patch');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(file), { recursive: true });
    const text = makeSyntheticPatch(300).replace(/^Signed-off-by: .*$/m, (l) => `${l}\nReviewed-by: `);
    writeFileSync(file, text);
    client = await LspTestClient.start({ root: dir, initializationOptions: { debounceMs: 0, historyCap: HISTORY_COMMITS } });
    const uri = uriOf(file);
    const t0 = performance.now();
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, p) => p.version === 1);
    let historyCommits = 0;
    for (;;) {
      const st = await client.request<{ historyComplete: boolean; historyCommits: number }>('patchsmith/repositoryStatus', { uri });
      historyCommits = st.historyCommits;
      if (st.historyComplete) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const historyIndexMs = performance.now() - t0;
    const row = text.split('\n').findIndex((l) => l === 'Reviewed-by: ');
    const lines = text.split('\n');
    const times: number[] = [];
    let current = lines[row]!;
    for (let i = 0; i < 40; i++) {
      const p = pool[(i * 37) % pool.length]!;
      const typed = (i % 2 ? p.email : p.name).slice(0, 1 + (i % 3));
      const next = `Reviewed-by: ${typed}`;
      const v = await client.edit(uri, { start: { line: row, character: 0 }, end: { line: row, character: current.length } }, next);
      current = next;
      await client.waitForDiagnostics(uri, (_d, p2) => p2.version === v);
      const t1 = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: row, character: next.length } });
      times.push(performance.now() - t1);
    }
    return { completionMs: median(times), historyCommits, historyIndexMs, serverRssMb: rssMb(client.child.pid!) };
  } finally {
    await client?.stop();
    await removeRepo(dir);
  }
}

export async function benchLsp(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-bench-diag-'));
  const client = await LspTestClient.start({ root: dir, initializationOptions: { debounceMs: 0, trusted: false } });
  let diag2kMs: number;
  let diag50kMs: number;
  try {
    diag2kMs = await diagnosticsLatency(client, dir, 2_000, 21);
    diag50kMs = await diagnosticsLatency(client, dir, 50_000, 9);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const c = await completionFigures();
  return { diag2kMs, diag50kMs, ...c };
}

if (require.main === module) {
  benchLsp().then(
    (figures) => console.log(figures),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
