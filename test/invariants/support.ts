/**
 * Shared pieces of the invariant tests: where the corpus and the hand-written nasty fixtures
 * are, a generic walk over the model that finds every Range, bounds checks that name the file
 * and the path inside the object, and a seeded PRNG so that every "random" input is the same
 * on every run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { stripCr } from '../../server/src/model/range';
import type { PatchDocument, Range } from '../../server/src/model/types';
import type { RuleConfig } from '../../server/src/rules/types';
import { defaultConfig } from '../../server/src/config';
import type { Lines } from '../../server/src/model/lines';

/** The repository root, seen from out/test/invariants/. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'invariants');
export const NO_CORPUS = `the shared corpus is absent (${CORPUS})`;

export function corpusPresent(): boolean {
  return fs.existsSync(CORPUS);
}

function walkFiles(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (/\.(patch|mbox|eml)$/.test(e.name)) out.push(p);
  }
}

/** Every patch file of the corpus (singles, series, buildroot), sorted; [] when absent. */
export function corpusPatches(): string[] {
  const out: string[] = [];
  if (corpusPresent()) walkFiles(CORPUS, out);
  return out;
}

/** Every series folder of the corpus (the folders holding numbered patches). */
export function corpusSeriesDirs(): string[] {
  const root = path.join(CORPUS, 'kvm-unit-tests', 'series');
  const out: string[] = [];
  if (!fs.existsSync(root)) return out;
  for (const s of fs.readdirSync(root).sort()) {
    for (const kind of ['with-cover', 'no-cover']) {
      const d = path.join(root, s, kind);
      if (fs.existsSync(d)) out.push(d);
    }
  }
  return out;
}

export interface Sample {
  /** A name for messages: the path relative to the corpus or fixtures folder. */
  name: string;
  text: string;
  commitMessage?: boolean;
}

/** The hand-written fixtures of test/fixtures/invariants (COMMIT_EDITMSG* are bare commit messages). */
export function fixtureSamples(): Sample[] {
  return fs
    .readdirSync(FIXTURES)
    .sort()
    .map((name) => ({
      name: `fixtures/${name}`,
      text: fs.readFileSync(path.join(FIXTURES, name), 'utf8'),
      commitMessage: name.startsWith('COMMIT_EDITMSG'),
    }));
}

export function corpusSamples(): Sample[] {
  return corpusPatches().map((p) => ({ name: path.relative(CORPUS, p), text: fs.readFileSync(p, 'utf8') }));
}

export function parseSample(s: Sample): PatchDocument {
  return parsePatch(s.text, s.commitMessage ? { commitMessage: true } : {});
}

/** The configuration the invariants run with: every rule on (strict), kernel profile. */
export function strictConfig(): RuleConfig {
  const c = defaultConfig('kernel');
  c.strict = true;
  return c;
}

function isPosition(v: unknown): v is { line: unknown; character: unknown } {
  return typeof v === 'object' && v !== null && 'line' in v && 'character' in v;
}

export function isRange(v: unknown): v is Range {
  return typeof v === 'object' && v !== null && isPosition((v as Range).start) && isPosition((v as Range).end);
}

/** Every Range reachable from `root`, with its path (`messages[0].subject.summaryRange`). */
export function collectRanges(root: unknown, base = ''): { path: string; range: Range }[] {
  const out: { path: string; range: Range }[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, p: string): void => {
    if (typeof v !== 'object' || v === null) return;
    if (isRange(v)) {
      out.push({ path: p, range: v });
      return;
    }
    if (seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${p}[${i}]`));
      return;
    }
    if (v instanceof Set || v instanceof Map || ArrayBuffer.isView(v)) return;
    for (const [k, x] of Object.entries(v)) visit(x, p ? `${p}.${k}` : k);
  };
  visit(root, base);
  return out;
}

/** What is wrong with a range in a document of these lines, or null when it is exact and in bounds. */
export function rangeProblem(lines: Lines, r: Range): string | null {
  const check = (what: string, line: unknown, character: unknown): string | null => {
    if (!Number.isInteger(line) || !Number.isInteger(character)) return `${what} is not integral (${String(line)}:${String(character)})`;
    const l = line as number;
    const c = character as number;
    if (l < 0 || l >= lines.length) return `${what}.line ${l} outside 0..${lines.length - 1}`;
    const len = stripCr(lines.get(l)!).length;
    if (c < 0 || c > len) return `${what}.character ${c} outside 0..${len} on line ${l}`;
    return null;
  };
  const bad = check('start', r.start.line, r.start.character) ?? check('end', r.end.line, r.end.character);
  if (bad) return bad;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) {
    return `start ${r.start.line}:${r.start.character} after end ${r.end.line}:${r.end.character}`;
  }
  // A column must not split a UTF-16 surrogate pair.
  for (const p of [r.start, r.end]) {
    const text = lines.get(p.line)!;
    const c = p.character;
    if (c > 0 && c < text.length) {
      const hi = text.charCodeAt(c - 1);
      const lo = text.charCodeAt(c);
      if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) return `column ${c} on line ${p.line} splits a surrogate pair`;
    }
  }
  return null;
}

/** Violations of the range invariant for everything reachable from `root`, as readable lines. */
export function rangeViolations(file: string, lines: Lines, root: unknown, base: string): string[] {
  const out: string[] = [];
  for (const { path: p, range } of collectRanges(root, base)) {
    const bad = rangeProblem(lines, range);
    if (bad) out.push(`${file}: ${p}: ${bad}`);
  }
  return out;
}

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` random bytes from the PRNG. */
export function randomBytes(rand: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

/** Pick `count` items spread evenly over the list (all of them when the list is shorter). */
export function evenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(items[Math.floor((i * items.length) / count)]!);
  return out;
}

/** Subjects a hurried or hostile hand writes: odd counters, huge numbers, nested or broken brackets. */
export const HOSTILE_SUBJECTS = [
  '[PATCH 1/0] mm: x',
  '[PATCH 0/0] mm: x',
  '[PATCH 3/1] mm: x',
  '[PATCH 99999999999999999999/3] mm: x',
  '[PATCH v99999999999999999999] mm: x',
  '[PATCH v0] mm: x',
  '[PATCH 001/3] mm: x',
  '[PATCH 01/100] mm: x.',
  '[PATCH v2 0001/3] mm: x.',
  '[PATCH][PATCH] mm: x',
  '[PATCH] [PATCH v2] mm: x',
  '[[PATCH]] mm: x',
  '[PATCH',
  '[]',
  '[PATCH] ',
  '[PATCH] .',
  '[PATCH] mm: x..',
  'Re: Re: [PATCH] mm',
  '[PATCH] 🦀: 😀.',
  '[PATCHv2 1/2] mm: x.',
  '[RFC PATCH net-next v3 02/10] net: x.',
  '  [PATCH]   mm:   x.  ',
  '[PATCH 1/2]mm: x.',
  '[PATCH 1/２] mm: x',
  '[PATCH -1/3] mm',
  '[PATCH 1/3/4] mm',
  '[patch v2 1/3] mm: x.',
  '[RFC] mm: x.',
  '\r[PATCH] mm: x',
];

/** Long runs of one piece, for the places where a regex could backtrack without end. */
const RUN_PIECES = [' ', '\t', 'a', '(', '[', '<', '@', ':', '-', '=?', '.', '/', '|', '"', '\\', 'a@b', '<a@', 'x: ', 'Fixes: ', 'commit ', 'http://', '0123456789abcdef', '(a)', '<a>', '🦀'];
const RUN_LENGTH = 600;

/**
 * The base fixture with each hostile subject, and with a long run of each piece in the subject,
 * the From: header, the body, a trailer, the diffstat and an added line.
 */
export function hostileSamples(): Sample[] {
  const base = fs.readFileSync(path.join(FIXTURES, 'base.patch'), 'utf8');
  const subject = 'Subject: [PATCH] mm: fix off-by-one in frobnicate()';
  const out: Sample[] = HOSTILE_SUBJECTS.map((s, i) => ({ name: `hostile subject ${i} ${JSON.stringify(s)}`, text: base.replace(subject, `Subject: ${s}`) }));
  const places: [string, (run: string) => string][] = [
    ['subject', (r) => base.replace(subject, `${subject} ${r}`)],
    ['From:', (r) => base.replace('From: Ada Lovelace <ada@example.org>', `From: ${r}`)],
    ['body', (r) => base.replace('Stop at the last page.', `Stop at the last page. ${r}`)],
    ['trailer', (r) => base.replace('Signed-off-by: Ada', `Reviewed-by: ${r}\nSigned-off-by: Ada`)],
    ['diffstat', (r) => base.replace(' mm/frob.c | 2 +-', ` mm/frob.c${r} | 2 +-`)],
    ['added line', (r) => base.replace('+\tfor (addr = start;', `+\tfor (addr = start;${r}`)],
  ];
  for (const piece of RUN_PIECES) {
    const run = piece.repeat(Math.ceil(RUN_LENGTH / piece.length));
    for (const [where, make] of places) out.push({ name: `run of ${JSON.stringify(piece)} in the ${where}`, text: make(run) });
  }
  return out;
}
