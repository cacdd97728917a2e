/**
 * How often patchsmith's MAINTAINERS matching (server/src/maintainers/maintainers.ts) gives the
 * addresses the kernel's own `scripts/get_maintainer.pl` gives, measured on a real kernel tree:
 *
 *   node out/bench/maintainersAgreement.js /path/to/linux
 *
 * The tree is only read (never copied anywhere). A deterministic sample of its files (~300, spread
 * over drivers/, arch/, fs/, net/, kernel/, include/, Documentation/, tools/, scripts/, the rest,
 * files only an N: regex names and files whose text a K: keyword matches) is looked up two ways:
 *
 *  - `get_maintainer.pl --no-git --no-git-fallback -f FILE` (a process a file, cwd = the tree):
 *    F:/X:/N: on the path and K: on the file's whole text; patchsmith gets the path and the text;
 *  - about 30 patches made from sampled files (a changed line, a commit message, a context line
 *    carrying a K: keyword, two files in one patch) piped to get_maintainer.pl on stdin;
 *    patchsmith gets the paths and the patch text.
 *
 * get_maintainer runs with roles on and one address a line (instead of `--no-rolestats
 * --no-multiline --separator ,`: same addresses, but names with commas and the roles parse
 * unambiguously). Compared: the SET of addresses (lower case), overall and per role (maintainer =
 * any M:, reviewer = R:, list = L:). Addresses get_maintainer reads out of a `.yaml` file itself
 * ("in file") are left out of the comparison and counted: patchsmith does not read the files a
 * patch touches.
 */
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadMaintainers, maintainersFor, parseMaintainers, type Maintainers, type MaintainerRole } from '../server/src/maintainers/maintainers';

export type Role = MaintainerRole;
const ROLES: Role[] = ['maintainer', 'reviewer', 'list'];

export interface ReferenceEntry {
  email: string;
  /** `infile`: read out of the file itself; `other`: a role this bench does not know. */
  role: Role | 'infile' | 'other';
  /** get_maintainer's role text, e.g. `maintainer:NETWORKING DRIVERS`. */
  label: string;
}

export interface AgreementCase {
  /** The path (file mode) or `patch N: a, b` (patch mode). */
  id: string;
  kind: 'file' | 'patch';
  paths: string[];
  reference: ReferenceEntry[];
  ours: { email: string; role: Role; section: string }[];
  /** Addresses get_maintainer gives and patchsmith does not, and the other way round. */
  missing: string[];
  extra: string[];
}

export interface RoleAgreement {
  /** Share of cases where the two address sets are equal. */
  exact: number;
  /** Common addresses / patchsmith's addresses, summed over the cases. */
  precision: number;
  /** Common addresses / get_maintainer's addresses, summed over the cases. */
  recall: number;
}

export interface AgreementReport {
  cases: AgreementCase[];
  byRole: Record<Role | 'all', RoleAgreement>;
  fileCases: number;
  patchCases: number;
  /** Addresses get_maintainer read out of the files (`in file`), not compared. */
  inFileAddresses: number;
  /** Mean wall time of one get_maintainer.pl process. */
  getMaintainerMs: number;
  /** loadMaintainers on the tree, first (uncached) read: parse, .mailmap, directory look-ups. */
  loadMs: number;
}

export interface AgreementOptions {
  /** Files looked up with -f (about; the quotas are scaled). Default 300. */
  files?: number;
  /** Patches piped to get_maintainer. Default 30. */
  patches?: number;
  /** get_maintainer processes at a time. Default 2. */
  concurrency?: number;
}

/** Per-subsystem quotas for a 300-file sample. */
const QUOTAS: [string, number][] = [
  ['drivers/', 85],
  ['arch/', 40],
  ['fs/', 25],
  ['net/', 25],
  ['include/', 25],
  ['Documentation/', 25],
  ['kernel/', 15],
  ['tools/', 15],
  ['scripts/', 10],
  ['', 15], // everything else: lib/, mm/, sound/, block/, crypto/, security/, ...
];
const N_ONLY = 10; // files an N: regex names
const K_FILES = 10; // files whose text a K: keyword matches

/** FNV-1a: a stable order for sampling (no Math.random: the same sample every run). */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const p = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(p);
      } else if (e.isFile()) out.push(p);
    }
  };
  await walk('');
  return out.sort();
}

/** The deterministic sample of files, by subsystem. */
export async function sampleFiles(tree: string, m: Maintainers, total = 300): Promise<string[]> {
  const all = (await listFiles(tree)).filter((f) => f !== 'MAINTAINERS');
  const byHash = [...all].sort((a, b) => fnv(a) - fnv(b) || (a < b ? -1 : 1));
  const scale = total / 300;
  const chosen = new Set<string>();
  const top = QUOTAS.map(([p]) => p).filter((p) => p !== '');
  for (const [prefix, n] of QUOTAS) {
    const want = Math.max(1, Math.round(n * scale));
    let got = 0;
    for (const f of byHash) {
      if (got >= want) break;
      const inBucket = prefix === '' ? !top.some((p) => f.startsWith(p)) : f.startsWith(prefix);
      if (inBucket && !chosen.has(f)) {
        chosen.add(f);
        got++;
      }
    }
  }
  const names = m.sections.flatMap((s) => s.namePatterns);
  let got = 0;
  for (const f of byHash) {
    if (got >= Math.max(1, Math.round(N_ONLY * scale))) break;
    if (!chosen.has(f) && names.some((re) => re.test(f))) {
      chosen.add(f);
      got++;
    }
  }
  const keywords = m.sections.flatMap((s) => s.keywords);
  got = 0;
  for (const f of byHash.slice(0, 4000)) {
    if (got >= Math.max(1, Math.round(K_FILES * scale))) break;
    if (chosen.has(f)) continue;
    const text = await readText(tree, f);
    if (text !== null && text.length < 200_000 && keywords.some((re) => re.test(text))) {
      chosen.add(f);
      got++;
    }
  }
  return [...chosen];
}

async function readText(tree: string, file: string): Promise<string | null> {
  try {
    return await readFile(path.join(tree, file), 'utf8');
  } catch {
    return null;
  }
}

function runPerl(tree: string, args: string[], stdin?: string): Promise<string> {
  const argv = ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', ...args];
  if (stdin === undefined) {
    return new Promise((resolve, reject) => {
      execFile('perl', argv, { cwd: tree, timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout) => {
        // get_maintainer exits 0; warnings go to stderr.
        if (err) reject(err);
        else resolve(stdout);
      });
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn('perl', argv, { cwd: tree, timeout: 60_000, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`get_maintainer.pl exited ${code}`))));
    child.stdin.end(stdin);
  });
}

/** One output line of get_maintainer (`Name <addr> (role)` or `addr (role)`). */
export function parseReferenceLine(line: string): ReferenceEntry | null {
  const angled = /<([^<>\s]+@[^<>\s]+)>\s*(.*)$/.exec(line);
  const bare = angled ? null : /^\s*([^\s<>()]+@[^\s<>()]+)\s*(.*)$/.exec(line);
  const m = angled ?? bare;
  if (!m) return null;
  let label = m[2]!.trim();
  if (label.startsWith('(') && label.endsWith(')')) label = label.slice(1, -1);
  let role: ReferenceEntry['role'];
  if (/^(open|moderated|subscriber) list/.test(label)) role = 'list';
  else if (label.startsWith('reviewer:')) role = 'reviewer';
  else if (label.startsWith('in file')) role = 'infile';
  else if (/^(maintainer|supporter|odd fixer|orphan minder|obsolete minder|chief penguin|unknown|[a-z ]+):/.test(label)) role = 'maintainer';
  else role = 'other';
  return { email: m[1]!.toLowerCase(), role, label };
}

function parseReference(stdout: string): ReferenceEntry[] {
  return stdout
    .split('\n')
    .map(parseReferenceLine)
    .filter((e): e is ReferenceEntry => e !== null);
}

/** A small git-style patch changing line `at` of `file` to `added`, with a commit message. */
function makePatch(files: { path: string; lines: string[]; at: number; added: string; context?: string }[], message: string): string {
  const out = [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    'From: Agreement Bench <bench@example.org>',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    'Subject: [PATCH] agreement: a test change',
    '',
    ...message.split('\n'),
    '',
    'Signed-off-by: Agreement Bench <bench@example.org>',
    '---',
  ];
  for (const f of files) {
    const at = Math.min(Math.max(f.at, 1), f.lines.length - 2);
    const before = f.context ?? f.lines[at - 1]!;
    out.push(
      `diff --git a/${f.path} b/${f.path}`,
      'index 1111111..2222222 100644',
      `--- a/${f.path}`,
      `+++ b/${f.path}`,
      `@@ -${at},3 +${at},3 @@`,
      ` ${before}`,
      `-${f.lines[at]!}`,
      `+${f.added}`,
      ` ${f.lines[at + 1]!}`,
    );
  }
  out.push('-- ', '2.39.5', '');
  return out.join('\n');
}

async function pool<T, R>(items: T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, n) }, worker));
  return results;
}

function compare(id: string, kind: AgreementCase['kind'], paths: string[], reference: ReferenceEntry[], m: Maintainers, content: string | undefined): AgreementCase {
  const ours = maintainersFor(m, paths, content).map((e) => ({ email: e.email.toLowerCase(), role: e.role, section: e.section }));
  const refSet = new Set(reference.filter((e) => e.role !== 'infile').map((e) => e.email));
  const ourSet = new Set(ours.map((e) => e.email));
  return {
    id,
    kind,
    paths,
    reference,
    ours,
    missing: [...refSet].filter((e) => !ourSet.has(e)),
    extra: [...ourSet].filter((e) => !refSet.has(e)),
  };
}

function agreementOf(cases: AgreementCase[], role: Role | 'all'): RoleAgreement {
  let exact = 0;
  let common = 0;
  let ours = 0;
  let ref = 0;
  for (const c of cases) {
    const r = new Set(c.reference.filter((e) => e.role !== 'infile' && (role === 'all' || e.role === role)).map((e) => e.email));
    const o = new Set(c.ours.filter((e) => role === 'all' || e.role === role).map((e) => e.email));
    const both = [...o].filter((e) => r.has(e)).length;
    if (both === r.size && both === o.size) exact++;
    common += both;
    ours += o.size;
    ref += r.size;
  }
  return { exact: cases.length ? exact / cases.length : 1, precision: ours ? common / ours : 1, recall: ref ? common / ref : 1 };
}

/** Runs both sides on the sample and compares them. */
export async function measureAgreement(tree: string, options: AgreementOptions = {}): Promise<AgreementReport> {
  // As the language server reads it: with the tree's .mailmap and its directories known.
  const t0 = performance.now();
  const m = await loadMaintainers(tree);
  const loadMs = performance.now() - t0;
  if (!m) throw new Error(`no MAINTAINERS in ${tree}`);
  const files = await sampleFiles(tree, m, options.files ?? 300);
  const concurrency = options.concurrency ?? 2;
  let perlMs = 0;
  let perlRuns = 0;
  const timed = async (args: string[], stdin?: string): Promise<string> => {
    const t0 = performance.now();
    const out = await runPerl(tree, args, stdin);
    perlMs += performance.now() - t0;
    perlRuns++;
    return out;
  };

  const texts = new Map<string, string | null>();
  for (const f of files) texts.set(f, await readText(tree, f));
  const fileCases = await pool(files, concurrency, async (f) => {
    const ref = parseReference(await timed(['-f', f]));
    return compare(f, 'file', [f], ref, m, texts.get(f) ?? undefined);
  });

  // Patches: keyword-bearing lines taken from the sampled files themselves.
  const keywords = m.sections.flatMap((s) => s.keywords);
  const keywordLines: string[] = [];
  for (const f of files) {
    for (const line of (texts.get(f) ?? '').split('\n')) {
      if (line.length > 0 && line.length < 120 && !line.includes('\r') && keywords.some((re) => re.test(line))) {
        keywordLines.push(line);
        break;
      }
    }
  }
  const textual = files.filter((f) => {
    const t = texts.get(f);
    return t && t.split('\n').length >= 5 && !t.includes('\0') && !t.includes('\r');
  });
  const wanted = options.patches ?? 30;
  const patches: { paths: string[]; text: string }[] = [];
  for (let i = 0; i < wanted && textual.length > 1 && keywordLines.length > 0; i++) {
    const f = textual[(i * 7) % textual.length]!;
    const lines = texts.get(f)!.split('\n');
    const at = 1 + (fnv(f) % (lines.length - 3));
    const kw = keywordLines[i % keywordLines.length]!;
    const neutral = '\t/* changed by the agreement bench */';
    const variant = i % 4;
    if (variant === 0) {
      patches.push({ paths: [f], text: makePatch([{ path: f, lines, at, added: kw }], 'Changes one line.') });
    } else if (variant === 1) {
      patches.push({ paths: [f], text: makePatch([{ path: f, lines, at, added: neutral }], `Mentions a keyword in the message:\n${kw}`) });
    } else if (variant === 2) {
      patches.push({ paths: [f], text: makePatch([{ path: f, lines, at, added: neutral, context: kw }], 'A keyword in a context line only.') });
    } else {
      const g = textual[(i * 13 + 5) % textual.length]!;
      const glines = texts.get(g)!.split('\n');
      if (g === f) continue;
      patches.push({
        paths: [f, g],
        text: makePatch(
          [
            { path: f, lines, at, added: neutral },
            { path: g, lines: glines, at: 1 + (fnv(g) % (glines.length - 3)), added: kw },
          ],
          'Two files.',
        ),
      });
    }
  }
  const patchCases = await pool(patches, concurrency, async (p, i) => {
    const ref = parseReference(await timed([], p.text));
    return compare(`patch ${i}: ${p.paths.join(', ')}`, 'patch', p.paths, ref, m, p.text);
  });

  const cases = [...fileCases, ...patchCases];
  const byRole = { all: agreementOf(cases, 'all') } as Record<Role | 'all', RoleAgreement>;
  for (const r of ROLES) byRole[r] = agreementOf(cases, r);
  return {
    cases,
    byRole,
    fileCases: fileCases.length,
    patchCases: patchCases.length,
    inFileAddresses: cases.reduce((n, c) => n + c.reference.filter((e) => e.role === 'infile').length, 0),
    getMaintainerMs: perlRuns ? perlMs / perlRuns : 0,
    loadMs,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Times patchsmith on the real MAINTAINERS: parse, then one lookup a path (with and without text). */
async function timings(tree: string, paths: string[]): Promise<Record<string, number>> {
  const text = await readFile(path.join(tree, 'MAINTAINERS'), 'utf8');
  const parses: number[] = [];
  let m = parseMaintainers(text);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    m = parseMaintainers(text);
    parses.push(performance.now() - t0);
  }
  const t1 = performance.now();
  for (const p of paths) maintainersFor(m, [p]);
  const perPath = (performance.now() - t1) / Math.max(1, paths.length);
  const changed = '+\tstatic int example_probe(struct platform_device *pdev)\n-\treturn 0;\n';
  const t2 = performance.now();
  for (const p of paths) maintainersFor(m, [p], changed);
  const perPathK = (performance.now() - t2) / Math.max(1, paths.length);
  return { sections: m.sections.length, parseMs: median(parses), maintainersForMs: perPath, maintainersForWithKeywordsMs: perPathK };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Prints the agreement and the timings; returns the figures (for bench/run.ts). */
export async function benchMaintainers(kernelTree: string): Promise<Record<string, number>> {
  const report = await measureAgreement(kernelTree);
  console.log(`${report.fileCases} files (-f) + ${report.patchCases} patches (stdin), get_maintainer.pl ${report.getMaintainerMs.toFixed(0)} ms a run`);
  console.log(`${'role'.padEnd(12)} ${'exact set'.padStart(10)} ${'precision'.padStart(10)} ${'recall'.padStart(10)}`);
  for (const role of ['all', ...ROLES] as const) {
    const a = report.byRole[role];
    console.log(`${role.padEnd(12)} ${pct(a.exact).padStart(10)} ${pct(a.precision).padStart(10)} ${pct(a.recall).padStart(10)}`);
  }
  if (report.inFileAddresses) console.log(`(${report.inFileAddresses} addresses get_maintainer read out of .yaml files themselves: not compared)`);
  const bad = report.cases.filter((c) => c.missing.length || c.extra.length);
  for (const c of bad.slice(0, 15)) {
    const why = c.extra.map((e) => `${e} [${c.ours.find((o) => o.email === e)?.section ?? '?'}]`);
    const lost = c.missing.map((e) => `${e} [${c.reference.find((r) => r.email === e)?.label ?? '?'}]`);
    console.log(`  mismatch ${c.id}:${lost.length ? ` missing ${lost.join(', ')}` : ''}${why.length ? ` extra ${why.join(', ')}` : ''}`);
  }
  if (bad.length > 15) console.log(`  ... ${bad.length - 15} more mismatches`);
  const t = await timings(kernelTree, report.cases.filter((c) => c.kind === 'file').map((c) => c.id));
  console.log(`parseMaintainers: ${t.sections} sections in ${t.parseMs!.toFixed(1)} ms (loadMaintainers with .mailmap and directory look-ups: ${report.loadMs.toFixed(0)} ms); maintainersFor: ${(t.maintainersForMs! * 1000).toFixed(0)} us a path, ${(t.maintainersForWithKeywordsMs! * 1000).toFixed(0)} us with changed lines`);
  return {
    files: report.fileCases,
    patches: report.patchCases,
    exactAll: report.byRole.all.exact,
    precisionAll: report.byRole.all.precision,
    recallAll: report.byRole.all.recall,
    exactMaintainer: report.byRole.maintainer.exact,
    exactReviewer: report.byRole.reviewer.exact,
    exactList: report.byRole.list.exact,
    getMaintainerMs: report.getMaintainerMs,
    loadMs: report.loadMs,
    ...t,
  };
}

if (require.main === module) {
  const tree = process.argv[2] ?? process.env.PATCHSMITH_KERNEL_TREE;
  if (!tree) {
    console.error('usage: node out/bench/maintainersAgreement.js /path/to/linux');
    process.exit(2);
  }
  benchMaintainers(path.resolve(tree)).catch((err: unknown) => {
    console.error(`maintainers agreement failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
