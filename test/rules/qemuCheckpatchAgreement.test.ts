/**
 * Agreement with QEMU's own checkpatch on ../shared/corpus/qemu (150 QEMU commits; outputs of
 * QEMU's scripts/checkpatch.pl in ../shared/corpus/qemu-checkpatch/, without TYPE names). Its
 * messages are mapped to patchsmith's ids for the checks both tools have; patchsmith runs with
 * --profile qemu. Asserted: precision >= 0.98 and recall >= 0.95 over the compared types, and no
 * error-level finding on a commit QEMU's checkpatch passes, except the deliberate differences
 * listed below (also in README.md's table). QEMU's code-style checks (tabs, 80/90 columns,
 * SPDX...) are out of patchsmith's scope and not compared.
 *
 * Skipped with a message when the corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { runTextRules } from '../../server/src/rules/engine';
import { mergeConfig } from '../../server/src/config/layer';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const patches = path.join(corpus, 'qemu');
const outputs = path.join(corpus, 'qemu-checkpatch');
const absent = fs.existsSync(patches) && fs.existsSync(outputs) ? undefined : `QEMU corpus not found under ${corpus}: skipping`;

/** QEMU checkpatch message -> patchsmith id, for the checks both have. */
const MESSAGES: [RegExp, string][] = [
  [/^added, moved or deleted file\(s\)(?::|,)(?! imported from Linux)/, 'FILE_PATH_CHANGES'],
  [/^trailing whitespace/, 'TRAILING_WHITESPACE'],
  [/^DOS line endings/, 'DOS_LINE_ENDINGS'],
  [/^adding a line without newline at end of file/, 'MISSING_EOF_NEWLINE'],
  [/^do not set execute permissions for source files/, 'EXECUTE_PERMISSIONS'],
  [/^Invalid UTF-8/, 'INVALID_UTF8'],
  [/^patch seems to be corrupt/, 'CORRUPTED_PATCH'],
  [/^The correct form is "Signed-off-by"|^space required after Signed-off-by/, 'BAD_SIGN_OFF'],
  [/^Missing Signed-off-by/, 'MISSING_SIGN_OFF'],
  [/^Author email address is mangled by the mailing list/, 'MANGLED_AUTHOR_ADDRESS'],
  [/may be misspelled - perhaps/, 'TYPO_SPELLING'],
];
const TYPES = [...new Set(MESSAGES.map(([, id]) => id))];

interface QemuFinding {
  level: string;
  message: string;
  /** The lines of the message after the first (file lists). */
  detail: string[];
}

/** Deliberate differences from QEMU's checkpatch, with the reason. */
const DELIBERATE: { type: string; reason: string; excludeTheirs: (f: QemuFinding, patch: string) => boolean }[] = [
  {
    type: 'FILE_PATH_CHANGES',
    reason:
      "a mode change (`old mode 100755` / `new mode 100644`) adds, moves or deletes nothing; QEMU's checkpatch " +
      "reads `new mode` as an added file (its `(new|deleted) (?:file )?mode` pattern)",
    excludeTheirs: (f, patch) =>
      f.detail.every((file) => new RegExp(`^diff --git a/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} b/\\S+\\nold mode \\d+\\nnew mode \\d+$`, 'm').test(patch)),
  },
];

function parseOutput(text: string): { findings: QemuFinding[]; exit: number } {
  const lines = text.split('\n');
  const findings: QemuFinding[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(ERROR|WARNING): (.*)$/.exec(lines[i]!);
    if (!m) continue;
    const detail: string[] = [];
    for (let j = i + 1; j < lines.length && !/^(ERROR|WARNING): |^total: /.test(lines[j]!); j++) {
      const f = /^  (\S+)$/.exec(lines[j]!);
      if (f) detail.push(f[1]!);
    }
    findings.push({ level: m[1]!, message: m[2]!, detail });
  }
  const exit = Number(/^exit=(\d+)/m.exec(text)?.[1] ?? '0');
  return { findings, exit };
}

const typeOf = (message: string): string | null => MESSAGES.find(([re]) => re.test(message))?.[1] ?? null;

test("Agreement with QEMU's checkpatch (--profile qemu)", { skip: absent }, (t) => {
  const files = fs.readdirSync(patches).filter((f) => f.endsWith('.patch')).sort();
  assert.ok(files.length >= 100);
  const config = mergeConfig([{ profile: 'qemu' }]);
  const theirs = new Map<string, Set<string>>(TYPES.map((x) => [x, new Set()]));
  const ours = new Map<string, Set<string>>(TYPES.map((x) => [x, new Set()]));
  const errorsOnPassed: string[] = [];
  let passed = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(patches, file), 'utf8');
    const out = parseOutput(fs.readFileSync(path.join(outputs, `${file}.txt`), 'utf8'));
    for (const f of out.findings) {
      const type = typeOf(f.message);
      if (!type || DELIBERATE.some((d) => d.type === type && d.excludeTheirs(f, text))) continue;
      theirs.get(type)!.add(file);
    }
    const found = runTextRules(parsePatch(text), { ...config, fileName: file });
    for (const f of found) ours.get(f.rule)?.add(file);
    if (out.exit === 0) {
      passed++;
      for (const f of found) if (f.severity === 'error') errorsOnPassed.push(`${file}:${f.range.start.line + 1}: ${f.rule} ${f.message}`);
    }
  }
  let both = 0;
  let nTheirs = 0;
  let nOurs = 0;
  t.diagnostic(`${'TYPE'.padEnd(24)} ${'qemu'.padEnd(6)} ${'ours'.padEnd(6)} ${'both'.padEnd(6)} precision recall`);
  const detail: string[] = [];
  for (const type of TYPES) {
    const a = theirs.get(type)!;
    const b = ours.get(type)!;
    const n = [...b].filter((p) => a.has(p)).length;
    both += n;
    nTheirs += a.size;
    nOurs += b.size;
    t.diagnostic(`${type.padEnd(24)} ${String(a.size).padEnd(6)} ${String(b.size).padEnd(6)} ${String(n).padEnd(6)} ${(b.size ? n / b.size : 1).toFixed(3).padEnd(9)} ${(a.size ? n / a.size : 1).toFixed(3)}`);
    for (const p of b) if (!a.has(p)) detail.push(`  ${type}: patchsmith only: ${p}`);
    for (const p of a) if (!b.has(p)) detail.push(`  ${type}: QEMU's checkpatch only: ${p}`);
  }
  const precision = nOurs ? both / nOurs : 1;
  const recall = nTheirs ? both / nTheirs : 1;
  t.diagnostic(`all compared: qemu ${nTheirs}, ours ${nOurs}, both ${both}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  t.diagnostic(`${passed} of ${files.length} commits pass QEMU's checkpatch; error-level findings on them: ${errorsOnPassed.length}`);
  for (const d of DELIBERATE) t.diagnostic(`deliberate difference, ${d.type}: ${d.reason}`);
  assert.ok(precision >= 0.98 && recall >= 0.95, `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${detail.join('\n')}`);
  assert.deepEqual(errorsOnPassed, [], 'no error-level finding on a commit that QEMU\'s checkpatch passes');
});
