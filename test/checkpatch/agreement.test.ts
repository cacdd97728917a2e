/**
 * Agreement of `check`'s merged findings (native rules + the kernel's checkpatch.pl as a second
 * source) with checkpatch's own output on ../shared/corpus/kernel, over every checkpatch TYPE: a
 * corpus report is matched by a finding of its TYPE at its line (any line for a report that names
 * none). Precision counts our findings whose rule is a checkpatch TYPE. The corpus was made by a
 * mid-2024 checkpatch (`--no-tree --strict --show-types`); PATCHSMITH_CHECKPATCH is usually
 * Debian's 6.1 (late 2022): the differences per TYPE are printed, so a gap caused by the version
 * difference shows as such rather than being hidden. Needs both the corpus and the script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { runTextRules } from '../../server/src/rules/engine';
import { defaultConfig } from '../../server/src/config/defaults';
import { checkWithCheckpatch } from '../../server/src/checkpatch/check';
import { mergeFindings } from '../../server/src/checkpatch/merge';
import { parseCheckpatchOutput } from '../../server/src/checkpatch/parseOutput';
import { mapLimit } from '../../server/src/checkpatch/pool';
import type { Finding, Profile } from '../../server/src/rules/types';
import { typeForMessage } from '../../server/src/checkpatch/qemuTypes';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

interface AgreementSet {
  /** Corpus folder of patches and of the script's recorded outputs. */
  patches: string;
  outputs: string;
  profile: Profile;
  /** The script to run, from the environment. */
  script: string | undefined;
  env: string;
  label: string;
  /** Reports of TYPEs newer than the script are counted apart (the version gap). */
}

/** The TYPE of a recorded report: its own, or the stable id of a QEMU message kind. */
function typeOf(r: { type: string | null; message: string }): string {
  return r.type ?? typeForMessage(r.message);
}

async function agreement(t: import('node:test').TestContext, set: AgreementSet): Promise<void> {
  const { patches, outputs, script: real } = set;
  if (!fs.existsSync(patches) || !fs.existsSync(outputs)) {
    t.skip(`${patches} not found: agreement not measured`);
    return;
  }
  if (!real) {
    t.skip(`${set.env} is not set: agreement with ${set.label}'s checkpatch.pl over all its types not measured`);
    return;
  }
  const types = new Set<string>();
  for (const m of fs.readFileSync(real, 'latin1').matchAll(/\b(?:WARN|ERROR|CHK)\(\s*"([A-Z0-9_]+)"/g)) types.add(m[1]!);
  // A script without TYPEs (QEMU's fork): its message kinds' ids, from the messages it prints.
  for (const m of fs.readFileSync(real, 'latin1').matchAll(/\b(?:WARN|ERROR|CHK)\(\s*"([^"$\\]{8,})/g)) types.add(typeForMessage(m[1]!));
  // Checkpatch's TYPEs: those of this script and those the corpus's (newer) script printed.
  const scriptTypes = new Set(types);
  for (const f of fs.readdirSync(outputs)) for (const r of parseCheckpatchOutput(fs.readFileSync(path.join(outputs, f), 'utf8')).reports) types.add(typeOf(r));
  const files = fs.readdirSync(outputs).filter((f) => f.endsWith('.patch.txt') && fs.existsSync(path.join(patches, f.slice(0, -4)))).sort();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-agree-'));
  const config = { ...defaultConfig(set.profile), strict: true };
  const perType = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, k: 'tp' | 'fp' | 'fn'): void => {
    let e = perType.get(type);
    if (!e) perType.set(type, (e = { tp: 0, fp: 0, fn: 0 }));
    e[k]++;
  };
  let failures = 0;
  try {
    await mapLimit(files, 2, async (f) => {
      const name = f.slice(0, -4);
      const text = fs.readFileSync(path.join(patches, name), 'utf8');
      const native = runTextRules(parsePatch(text), config);
      const cp = await checkWithCheckpatch({ script: real, cwd, origin: set.env }, text, { fileName: name, noTree: true, fix: false });
      if (!cp.ok) {
        failures++;
        return;
      }
      const ours: Finding[] = mergeFindings(native, cp.findings, config).filter((x) => types.has(x.rule) || x.source === 'checkpatch.pl');
      const expected = parseCheckpatchOutput(fs.readFileSync(path.join(outputs, f), 'utf8')).reports;
      const used = new Set<number>();
      for (const r of expected) {
        const type = typeOf(r);
        const i = ours.findIndex((o, k) => !used.has(k) && o.rule === type && (r.line === null || (o.range.start.line <= r.line - 1 && r.line - 1 <= o.range.end.line)));
        if (i >= 0) {
          used.add(i);
          bump(type, 'tp');
        } else bump(type, 'fn');
      }
      ours.forEach((o, k) => {
        if (!used.has(k)) bump(o.rule, 'fp');
      });
    });
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of perType.values()) {
    tp += e.tp;
    fp += e.fp;
    fn += e.fn;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  // Reports of TYPEs this script does not have (added to checkpatch after it): the version gap.
  let gap = 0;
  for (const [type, e] of perType) if (!scriptTypes.has(type)) gap += e.fn;
  const recallKnown = tp / (tp + fn - gap);
  const lines = [...perType.entries()]
    .filter(([, e]) => e.fp || e.fn)
    .sort((a, b) => b[1].fp + b[1].fn - (a[1].fp + a[1].fn))
    .map(([type, e]) => `  ${type.padEnd(28)} agree ${e.tp}, only ours ${e.fp}, only the corpus's ${e.fn}`);
  const summary = [
    `${set.label} corpus, ${files.length} patches, all checkpatch types: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} agree, ${fp} only ours, ${fn} only the corpus's)`,
    `recall over the TYPEs this checkpatch.pl has: ${recallKnown.toFixed(3)} (${gap} corpus reports are of TYPEs newer than it)`,
    ...lines.map((l) => `${l}${[...perType.keys()].includes(l.trim().split(/\s/)[0]!) && !scriptTypes.has(l.trim().split(/\s/)[0]!) ? ' (not in this checkpatch.pl)' : ''}`),
  ];
  for (const l of summary) t.diagnostic(l);
  console.log(summary.join('\n'));
  assert.equal(failures, 0, 'checkpatch.pl ran on every patch');
  assert.ok(precision >= 0.98, `precision ${precision.toFixed(3)}`);
  assert.ok(recallKnown >= 0.98, `recall over this script's TYPEs ${recallKnown.toFixed(3)}`);
}

test('merged findings agree with checkpatch on the kernel corpus (precision and recall printed)', { timeout: 600_000 }, (t) =>
  agreement(t, {
    patches: path.join(corpus, 'kernel'),
    outputs: path.join(corpus, 'checkpatch', 'kernel'),
    profile: 'kernel',
    script: process.env['PATCHSMITH_CHECKPATCH'],
    env: 'PATCHSMITH_CHECKPATCH',
    label: 'kernel',
  }),
);

// QEMU's fork prints no TYPEs: its reports are compared by the stable ids of their message kinds
// (server/src/checkpatch/qemuTypes.ts). The corpus was made by QEMU's 2026 checkpatch; Debian's
// source package of QEMU 7.2 carries the 2022 one (`apt-get source qemu`).
test("merged findings agree with QEMU's checkpatch on the QEMU corpus under --profile qemu", { timeout: 600_000 }, (t) =>
  agreement(t, {
    patches: path.join(corpus, 'qemu'),
    outputs: path.join(corpus, 'qemu-checkpatch'),
    profile: 'qemu',
    script: process.env['PATCHSMITH_QEMU_CHECKPATCH'],
    env: 'PATCHSMITH_QEMU_CHECKPATCH',
    label: 'qemu',
  }),
);
