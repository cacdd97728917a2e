/**
 * patchsmith's version, read from the package.json found walking up from this file (dist/ in a
 * package, out/server/src/cli/ in a build tree).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | null = null;

export function readVersion(): string {
  if (cached !== null) return cached;
  let dir = __dirname;
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'patchsmith' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not here
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = 'unknown');
    dir = parent;
  }
}
