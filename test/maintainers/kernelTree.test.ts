/**
 * Optional: MAINTAINERS matching against the kernel's own scripts/get_maintainer.pl on a real
 * tree. Runs only when PATCHSMITH_KERNEL_TREE names a kernel tree (with MAINTAINERS and
 * scripts/get_maintainer.pl) and perl is installed; skips otherwise (CI has no kernel tree).
 *
 *   PATCHSMITH_KERNEL_TREE=/path/to/linux node --test out/test/maintainers/kernelTree.test.js
 *
 * Measured on Linux 6.1 (Debian linux-source-6.1): the address sets are equal in 100% of 330 and
 * of 1,650 cases (files looked up with -f, patches on stdin). The threshold below leaves room for
 * other kernel versions. Not compared (documented exceptions): addresses get_maintainer reads out
 * of a touched `.yaml` file itself ("in file"; patchsmith does not read the touched files), and
 * which role an address has when two sections of equal rank list it differently (get_maintainer
 * orders such ties by Perl hash order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { measureAgreement } from '../../bench/maintainersAgreement';

const THRESHOLD = { exact: 0.97, precision: 0.99, recall: 0.99 };

function skipReason(): string | null {
  const tree = process.env.PATCHSMITH_KERNEL_TREE;
  if (!tree) return 'PATCHSMITH_KERNEL_TREE is not set (a kernel tree to compare with get_maintainer.pl)';
  for (const f of ['MAINTAINERS', 'scripts/get_maintainer.pl']) {
    if (!existsSync(path.join(tree, f))) return `PATCHSMITH_KERNEL_TREE=${tree} has no ${f}`;
  }
  try {
    execFileSync('perl', ['-e', '1'], { timeout: 10_000, stdio: 'ignore' });
  } catch {
    return 'perl is not installed';
  }
  return null;
}

const reason = skipReason();

test('MAINTAINERS matching gives the addresses get_maintainer.pl gives (sample of a real tree)', { skip: reason ?? false, timeout: 600_000 }, async () => {
  const report = await measureAgreement(path.resolve(process.env.PATCHSMITH_KERNEL_TREE!), { files: 100, patches: 12 });
  const all = report.byRole.all;
  const mismatches = report.cases
    .filter((c) => c.missing.length || c.extra.length)
    .slice(0, 10)
    .map((c) => `${c.id}: missing [${c.missing.join(', ')}] extra [${c.extra.join(', ')}]`)
    .join('\n');
  const figures = `exact ${all.exact.toFixed(3)}, precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)} over ${report.cases.length} cases`;
  assert.ok(report.fileCases >= 50 && report.patchCases >= 6, `too small a sample: ${report.fileCases} files, ${report.patchCases} patches`);
  assert.ok(all.exact >= THRESHOLD.exact, `${figures}\n${mismatches}`);
  assert.ok(all.precision >= THRESHOLD.precision, `${figures}\n${mismatches}`);
  assert.ok(all.recall >= THRESHOLD.recall, `${figures}\n${mismatches}`);
});
