/**
 * The diff parser against git itself: for every patch of the shared corpus, the files and
 * per-file added/deleted counts must equal `git apply --numstat`, and the patch's own diffstat
 * must agree with the diff (except for the patches listed below, whose diffstat really is stale).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDiffStart, parseDiff, unquoteCPath } from '../../server/src/parse/diff';
import { parseDiffstat } from '../../server/src/parse/diffstat';
import { findSignature } from '../../server/src/parse/signature';
import type { Diff, DiffFile, Diffstat, ParseProblem } from '../../server/src/model/types';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** Patches git apply rejects, and why; the parser must report a problem for each. */
const DAMAGED: Record<string, string> = {
  'buildroot__suricata__0002-configure.ac-fix-static-build.patch':
    'hand-edited: the first hunk header lost an "@" ("@ -1263,6 +1263,8 @@"); git apply: "patch fragment without header"',
};

/** Patches whose diffstat does not match their diff (edited after format-patch); the parser must see the mismatch. */
const STALE_DIFFSTAT: Record<string, string> = {
  'buildroot__freerdp__0024-only-clean-up-thread-before-free.patch': 'diff trimmed, counts not updated',
  'buildroot__liburcu__0001-Only-blacklist-ARM-gcc-4.8.0-and-4.8.1.patch': 'diffstat names urcu/compiler.h, the diff include/urcu/arch/arm.h',
  'buildroot__meson__0002-mesonbuild-dependencies-base.py-add-pkg_config_stati.patch': 'one more line added than the diffstat says',
  'buildroot__mjpg-streamer__0002-cmake4.patch': 'backport kept 1 of 8 files',
  'buildroot__nbd__0003-fix-generation-of-systemd-service.patch': 'backport kept 2 of 3 files',
  'buildroot__openvmtools__0006-Fix-definition-of-ALLPERMS-and-ACCESSPERMS.patch': 'quilt patch: diffstat paths keep the top directory (-p0), the diff is applied -p1',
  'buildroot__qt5__qt5webkit__0001-WinCairo-PlayStation-ICU-68.1-no-longer-exposes-FALS.patch': 'backport kept 4 of 7 files',
  'buildroot__suricata__0002-configure.ac-fix-static-build.patch': 'damaged diff (see above)',
};

function corpusFiles(): string[] {
  const out: string[] = [];
  const addDir = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.patch')) out.push(path.join(dir, f));
  };
  addDir(path.join(corpus, 'kvm-unit-tests/single'));
  const series = path.join(corpus, 'kvm-unit-tests/series');
  if (fs.existsSync(series)) {
    for (const s of fs.readdirSync(series).sort()) {
      const sdir = path.join(series, s);
      if (!fs.statSync(sdir).isDirectory()) continue;
      for (const kind of fs.readdirSync(sdir).sort()) addDir(path.join(sdir, kind));
    }
  }
  addDir(path.join(corpus, 'intree-buildroot'));
  return out;
}

interface Parsed {
  lines: string[];
  diffStart: number;
  diff: Diff | null;
  problems: ParseProblem[];
  diffstat: Diffstat | null;
}

function parse(file: string): Parsed {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const sig = findSignature(new ArrayLines(lines), 0, lines.length);
  const end = sig ? sig.line : lines.length;
  const diffStart = findDiffStart(new ArrayLines(lines), 0, end);
  if (diffStart < 0) return { lines, diffStart, diff: null, problems: [], diffstat: null };
  const { diff, problems } = parseDiff(new ArrayLines(lines), diffStart, end);
  const sep = lines.findIndex((l, i) => i < diffStart && l === '---');
  const diffstat = sep >= 0 ? parseDiffstat(new ArrayLines(lines), sep + 1, diffStart) : null;
  return { lines, diffStart, diff, problems, diffstat };
}

/** The name git apply --numstat prints: the new name, the old one for deletions, -p1 applied. */
function numstatName(f: DiffFile): string {
  const name = f.isDeleted ? f.from : f.to;
  return f.prefixed ? name : name.slice(name.indexOf('/') + 1);
}

function gitNumstat(file: string): string[] | null {
  try {
    const out = execFileSync('git', ['apply', '--numstat', file], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
    return out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [a, d, ...name] = l.split('\t');
        return `${a}\t${d}\t${unquoteCPath(name.join('\t'))}`;
      });
  } catch {
    return null;
  }
}

function diffstatMismatches(ds: Diffstat, diff: Diff): string[] {
  const errs: string[] = [];
  const ins = diff.files.reduce((n, f) => n + f.added, 0);
  const del = diff.files.reduce((n, f) => n + f.deleted, 0);
  if (ds.filesChanged !== null) {
    if (ds.filesChanged !== diff.files.length) errs.push(`${ds.filesChanged} files changed, the diff has ${diff.files.length}`);
    if (ds.insertions !== ins || ds.deletions !== del) errs.push(`summary ${ds.insertions}/${ds.deletions}, diff ${ins}/${del}`);
  }
  if (ds.files.length !== diff.files.length) errs.push(`${ds.files.length} diffstat lines for ${diff.files.length} files`);
  ds.files.forEach((sf, k) => {
    const df = diff.files[k];
    if (!df) return;
    const name = df.isDeleted ? df.from : df.to;
    const same = sf.path === name || (sf.path.startsWith('...') && name.endsWith(sf.path.slice(3)));
    if (!same) errs.push(`line ${sf.line}: ${sf.path} vs ${name}`);
    if (sf.binary !== df.binary) errs.push(`${sf.path}: binary ${sf.binary}`);
    if (!sf.binary && sf.changes !== df.added + df.deleted) errs.push(`${sf.path}: ${sf.changes} changes, diff ${df.added + df.deleted}`);
    if (!sf.binary && !ds.scaled && (sf.added !== df.added || sf.deleted !== df.deleted)) errs.push(`${sf.path}: bar`);
  });
  return errs;
}

test('every corpus patch: files and counts equal git apply --numstat, diffstat agrees', (t) => {
  const files = corpusFiles();
  if (files.length === 0) {
    t.skip(`corpus not found at ${corpus}`);
    return;
  }
  let compared = 0;
  let withDiffstat = 0;
  let scaled = 0;
  for (const file of files) {
    const base = path.basename(file);
    const p = parse(file);
    const expected = gitNumstat(file);
    if (base in DAMAGED) {
      assert.equal(expected, null, `${base}: git apply rejects it`);
      assert.ok(p.problems.length > 0, `${base}: damage reported (${DAMAGED[base]})`);
    } else if (expected === null) {
      // Only cover letters have no diff at all.
      assert.equal(p.diffStart, -1, `${base}: git finds no patch, neither must we`);
      assert.match(base, /cover-letter/);
      continue;
    } else {
      assert.ok(p.diff, `${base}: diff found`);
      assert.deepEqual(p.problems, [], `${base}: no parse problems`);
      const got = p.diff.files.map((f) => `${f.binary ? '-' : f.added}\t${f.binary ? '-' : f.deleted}\t${numstatName(f)}`);
      assert.deepEqual(got, expected, base);
      compared++;
    }
    if (p.diffstat && p.diff) {
      withDiffstat++;
      if (p.diffstat.scaled) scaled++;
      const errs = diffstatMismatches(p.diffstat, p.diff);
      if (base in STALE_DIFFSTAT) assert.ok(errs.length > 0, `${base}: stale diffstat seen (${STALE_DIFFSTAT[base]})`);
      else assert.deepEqual(errs, [], base);
    }
  }
  assert.ok(compared > 800, `compared ${compared} patches`);
  assert.ok(withDiffstat > 800 && scaled > 0, `${withDiffstat} diffstats, ${scaled} scaled`);
});
