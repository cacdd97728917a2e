/**
 * checkpatch.pl's output read as checkpatch wrote it: against the real outputs of the corpus (the
 * kernel's checkpatch with --show-types, QEMU's fork without types) for the real patches they were
 * printed for. Skipped with a message when ../shared/corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCheckpatchOutput } from '../../server/src/checkpatch/parseOutput';
import { reportsToFindings, splitLines } from '../../server/src/checkpatch/toFindings';
import { derivedType, typeForMessage } from '../../server/src/checkpatch/qemuTypes';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** checkpatch's cat_vet: control characters as ^X (a tab as ^I) and a '$' at the end, as its whitespace reports quote a line. */
function catVet(line: string): string {
  return `${line.replace(/[\x00-\x1f\x7f]/g, (c) => `^${String.fromCharCode((c.charCodeAt(0) + 64) & 0x7f)}`)}$`;
}

interface Pair {
  name: string;
  patch: string;
  output: string;
}

function pairs(patchDir: string, outDir: string): Pair[] | null {
  const pd = path.join(corpus, patchDir);
  const od = path.join(corpus, outDir);
  if (!fs.existsSync(pd) || !fs.existsSync(od)) return null;
  return fs
    .readdirSync(od)
    .filter((f) => f.endsWith('.patch.txt') && fs.existsSync(path.join(pd, f.slice(0, -4))))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), patch: fs.readFileSync(path.join(pd, f.slice(0, -4)), 'utf8'), output: fs.readFileSync(path.join(od, f), 'utf8') }));
}

const SETS = [
  { name: 'kernel', patches: 'kernel', outputs: 'checkpatch/kernel', typed: true },
  { name: 'qemu', patches: 'qemu', outputs: 'qemu-checkpatch', typed: false },
];

for (const set of SETS) {
  test(`every report of the ${set.name} corpus outputs is read, at the patch line it names`, (t) => {
    const list = pairs(set.patches, set.outputs);
    if (!list) {
      t.skip(`../shared/corpus/${set.outputs} not found: corpus checks skipped`);
      return;
    }
    assert.ok(list.length >= 100, `${list.length} outputs`);
    let reports = 0;
    let located = 0;
    for (const { name, patch, output } of list) {
      const parsed = parseCheckpatchOutput(output);
      const headers = output.split('\n').filter((l) => /^(ERROR|WARNING|CHECK):/.test(l)).length;
      assert.equal(parsed.reports.length, headers, `${name}: every report read`);
      assert.ok(parsed.sawTotal, `${name}: the total line`);
      // The totals checkpatch printed agree with the reports read.
      const total = /^total: (\d+) errors?, (\d+) warnings?(?:, (\d+) checks?)?/m.exec(output)!;
      assert.equal(parsed.reports.filter((r) => r.level === 'ERROR').length, Number(total[1]), `${name}: errors`);
      assert.equal(parsed.reports.filter((r) => r.level === 'WARNING').length, Number(total[2]), `${name}: warnings`);
      const lines = splitLines(patch);
      for (const r of parsed.reports) {
        assert.equal(r.type !== null, set.typed, `${name}: ${r.message}: a TYPE exactly when the script prints them`);
        if (r.line === null) continue;
        located++;
        // The line NN names is one of the lines checkpatch quoted (the first, or the last after its previous one).
        const l = lines[r.line - 1]!;
        if (r.quoted.length) assert.ok(r.quoted.includes(l) || r.quoted.includes(catVet(l)), `${name}: #${r.line} is quoted: ${JSON.stringify(r.quoted)}`);
      }
      reports += parsed.reports.length;
      for (const f of reportsToFindings(parsed.reports, patch)) {
        const text = lines[f.range.start.line]!;
        assert.equal(f.range.start.line, f.range.end.line);
        assert.ok(f.range.end.character > f.range.start.character || text.length === 0, `${name}: ${f.rule} has a non-empty range`);
        assert.ok(f.range.end.character <= text.length, `${name}: ${f.rule} inside its line`);
        assert.equal(f.source, 'checkpatch.pl');
      }
    }
    assert.ok(reports > 50 && located > 0, `${reports} reports, ${located} with a line`);
  });
}

test("QEMU's message kinds in the corpus all have an id from the table, stable and configurable", (t) => {
  const list = pairs('qemu', 'qemu-checkpatch');
  if (!list) {
    t.skip('../shared/corpus/qemu-checkpatch not found: corpus checks skipped');
    return;
  }
  for (const { name, output } of list) {
    for (const r of parseCheckpatchOutput(output).reports) {
      const id = typeForMessage(r.message);
      assert.match(id, /^[A-Z][A-Z0-9_]*$/);
      assert.notEqual(id, derivedType(r.message.split('\n')[0]!), `${name}: '${r.message.split('\n')[0]}' is in the table`);
    }
  }
});

test('ids of QEMU messages: the table, else derived from the words', () => {
  assert.equal(typeForMessage('code indent should never use tabs'), 'QEMU_CODE_INDENT_TABS');
  assert.equal(typeForMessage('line over 90 characters'), 'LONG_LINE');
  assert.equal(typeForMessage("space required after that ',' (ctx:VxV)"), 'SPACING');
  assert.equal(typeForMessage("Does new file 'a/b.rs' need 'SPDX-License-Identifier'?"), 'SPDX_LICENSE_TAG');
  assert.equal(typeForMessage('added, moved or deleted file(s):\n\n  hw/a.c\n\nDoes MAINTAINERS need updating?'), 'FILE_PATH_CHANGES');
  assert.equal(typeForMessage("unknown thing '%s' in 3 places"), 'UNKNOWN_THING_IN_PLACES');
});

test('a QEMU report that spreads its message over several lines keeps them, and names no line', () => {
  const out = [
    'WARNING: added, moved or deleted file(s):',
    '',
    '  hw/arm/smmuv3-accel.c',
    '',
    'Does MAINTAINERS need updating?',
    '',
    'total: 0 errors, 1 warnings, 134 lines checked',
  ].join('\n');
  const { reports, sawTotal } = parseCheckpatchOutput(out);
  assert.ok(sawTotal);
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.line, null);
  assert.equal(reports[0]!.message, 'added, moved or deleted file(s):\n\n  hw/arm/smmuv3-accel.c\n\nDoes MAINTAINERS need updating?');
});
