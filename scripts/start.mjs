// `npm start`: build, package the extension, set up code-server (once, in the cache folder),
// and open examples/ in it with the extension installed. Prints the URL and runs until Ctrl+C.
// When code-server cannot be set up, runs `patchsmith check` on the examples instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.PATCHSMITH_CACHE ?? join(homedir(), '.cache/patchsmith');
const state = join(cache, 'start');
const examples = join(root, 'examples');

function say(msg) {
  console.log(`patchsmith: ${msg}`);
}

function run(what, cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    say(`${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function examplePatches() {
  const out = [];
  for (const dir of readdirSync(examples, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(examples, dir.name)).sort()) if (f.endsWith('.patch')) out.push(join('examples', dir.name, f));
  }
  return out;
}

function fallback(reason) {
  say(`cannot start VS Code (code-server): ${reason}`);
  say('running the command line checker on the examples instead:');
  console.log(`\n  node dist/cli.js check ${examplePatches().join(' ')}\n`);
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', ...examplePatches()], { cwd: root, stdio: 'inherit' });
  say('for other editors see docs/editors.md (Neovim, Helix: `node dist/cli.js lsp --stdio`).');
  process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 1);
}

function portFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.PORT ?? 8080);
  if (await portFree(wanted)) return wanted;
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

say('building (dist/)');
run('the build', process.execPath, ['scripts/build.mjs']);

mkdirSync(state, { recursive: true });
const vsix = join(state, 'patchsmith.vsix');
say('packaging the extension');
run('vsce package', process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix]);

say('setting up code-server (the first time takes a few minutes; later runs reuse ~/.cache/patchsmith)');
const setup = spawnSync('bash', [join(root, 'scripts/setup-code-server.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const entry = setup.status === 0 ? setup.stdout.trim().split('\n').pop() : '';
if (setup.status !== 0 || !entry || !existsSync(entry)) fallback(setup.error ? setup.error.message : `scripts/setup-code-server.sh exited with ${setup.status}`);

const userData = join(state, 'user-data');
const extensions = join(state, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
const settingsFile = join(userData, 'User/settings.json');
if (!existsSync(settingsFile)) {
  writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
      },
      null,
      2,
    ),
  );
}
const env = { ...process.env, XDG_CONFIG_HOME: join(state, 'xdg-config'), XDG_DATA_HOME: join(state, 'xdg-data') };
const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', join(state, 'config.yaml')];
say('installing the extension into code-server');
const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
if (install.status !== 0) fallback(`code-server --install-extension failed:\n${install.stderr || install.stdout}`);

const port = await choosePort();
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
const child = spawn(
  process.execPath,
  [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', examples],
  { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  say('stopping code-server');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  if (stopping) process.exit(0);
  console.error(log.trim().split('\n').slice(-15).join('\n'));
  fallback(`code-server exited (${code})`);
});

for (let i = 0; i < 120; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (res.ok) break;
  } catch {
    /* not yet */
  }
  await new Promise((r) => setTimeout(r, 500));
}
say(`VS Code is ready with the example series:\n\n    ${url}\n`);
say('open a patch under v2/ to see the diagnostics, the status bar and "patchsmith: Preview Series". Ctrl+C stops.');
