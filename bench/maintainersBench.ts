/**
 * A huge MAINTAINERS (generated: 100,000 sections, about 16 MB, with N:/K: patterns in some of
 * them): how long its background read takes, the longest the event loop is blocked meanwhile,
 * the heap it costs once indexed, and a look-up. Numbers, not assertions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMaintainers, maintainersFor } from '../server/src/maintainers/maintainers';

export function makeMaintainers(sections: number): string {
  const out: string[] = [];
  for (let i = 0; i < sections; i++) {
    out.push(
      `SUBSYSTEM NUMBER ${i} DRIVER (SUB${i})`,
      `M:\tMaintainer Number${i} <maint${i}@example.org>`,
      `L:\tlist${i % 500}@vger.example.org`,
      'S:\tMaintained',
      `F:\tdrivers/sub${i % 1000}/part${i}/`,
      `F:\tinclude/linux/sub${i}*.h`,
      ...(i % 50 === 0 ? [`N:\tsub${i}[a-z]+`, `K:\t\\bsub${i}_(?:init|exit)\\b`] : []),
      '',
    );
  }
  return out.join('\n');
}

export async function benchMaintainersHuge(sections = 100_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-maint-bench-'));
  try {
    const text = makeMaintainers(sections);
    writeFileSync(path.join(dir, 'MAINTAINERS'), text);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    // The event loop's longest stall while the file is read: a timer asking every millisecond.
    let last = performance.now();
    let worst = 0;
    const probe = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 1);
    const t0 = performance.now();
    const m = await loadMaintainers(dir);
    const loadMs = performance.now() - t0;
    clearInterval(probe);
    if (!m) throw new Error('no MAINTAINERS read');
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const paths = ['drivers/sub7/part5007/core.c', 'include/linux/sub42x.h', 'lib/other.c'];
    const t1 = performance.now();
    const found = maintainersFor(m, paths, '+sub50_init();\n');
    const firstMs = performance.now() - t1;
    const t2 = performance.now();
    for (let i = 0; i < 20; i++) maintainersFor(m, paths, '+sub50_init();\n');
    const nextMs = (performance.now() - t2) / 20;
    return {
      'MAINTAINERS MB': text.length / 2 ** 20,
      sections: m.sections.length,
      'background read ms': loadMs,
      'longest event-loop stall ms': worst,
      'heap after index MB': heapMb,
      'first look-up ms': firstMs,
      'look-up ms': nextMs,
      'addresses found': found.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchMaintainersHuge(Number(process.argv[2] ?? 100_000)).then((r) => {
    for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(32)} ${Number.isInteger(v) ? v : v.toFixed(1)}`);
  });
}
