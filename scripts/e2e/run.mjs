// Runs the end-to-end tests (out/test/e2e/*.e2e.js: code-server + Chromium, Neovim) one file at
// a time with node's test runner. `npm run test:e2e` builds first. Pass a name to run one:
// `node scripts/e2e/run.mjs neovim`.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = 'out/test/e2e';
if (!existsSync(dir)) {
  console.error(`${dir} is missing: compile first (npx tsc -p .)`);
  process.exit(1);
}
const filter = process.argv.slice(2);
let files = readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort().map((f) => join(dir, f));
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error(`no end-to-end tests found in ${dir}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: { ...process.env, PATCHSMITH_E2E: '1' },
});
process.exit(r.status ?? 1);
