// Bundles the client, the server (and its check worker) and the CLI into dist/ with esbuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  // The language server's check worker (a worker thread; loaded from next to dist/server.js).
  build({ ...common, entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  // `check`'s worker threads for many files (loaded from next to dist/cli.js).
  build({ ...common, entryPoints: ['server/src/cli/checkFilesWorker.ts'], outfile: 'dist/checkFilesWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
