/**
 * Bundle dist/cli.js from the sources, as scripts/build.mjs does, so a CLI test never runs a stale
 * bundle. Built to a temporary name, then renamed: atomic for another test process using it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function buildCli(repoRoot: string): Promise<string> {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const { build } = await import('esbuild');
  const staging = path.join(repoRoot, 'dist', `cli.${process.pid}.${Date.now()}.tmp.js`);
  await build({
    entryPoints: [path.join(repoRoot, 'server/src/cli/main.ts')],
    outfile: staging,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    banner: { js: '#!/usr/bin/env node' },
  });
  fs.renameSync(staging, cli);
  return cli;
}
