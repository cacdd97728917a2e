/**
 * Helpers for the end-to-end tests (not a test file itself): code-server set-up and start,
 * Chromium through playwright-core, small waits. Failures of the set-up are reported as one
 * clear message (SetupError), not as a stack trace from deep inside a helper.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

/**
 * `node --test out/test/` would run these files too (everything under a test/ folder); they start
 * code-server and Neovim, so they run only when scripts/e2e/run.mjs (npm run test:e2e) asks.
 */
export const E2E_SKIP: string | false = process.env.PATCHSMITH_E2E === '1' ? false : 'end-to-end test: run it with npm run test:e2e';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
    // The message says it all; the stack of the helper that found the problem does not help.
    this.stack = `SetupError: ${message}`;
  }
}

export function cacheRoot(): string {
  return process.env.PATCHSMITH_CACHE ?? path.join(homedir(), '.cache/patchsmith');
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** dist/server.js and dist/cli.js must be built (npm run test:e2e builds them). */
export function requireBuild(): void {
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) {
    if (!existsSync(path.join(repoRoot, f))) {
      throw new SetupError(`${f} is missing: build first (npm run build, or run the tests with npm run test:e2e)`);
    }
  }
}

/** Runs scripts/setup-code-server.sh (idempotent) and returns code-server's entry script. */
export function setupCodeServer(): string {
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts/setup-code-server.sh')], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 40 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) throw new SetupError(`scripts/setup-code-server.sh could not run: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-6).join('\n');
    throw new SetupError(`scripts/setup-code-server.sh failed (exit ${r.status}):\n${tail}`);
  }
  const entry = r.stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(entry)) throw new SetupError(`scripts/setup-code-server.sh did not print code-server's entry point (got "${entry}")`);
  return entry;
}

/** Packages the extension with vsce into `dir` and returns the .vsix path. */
export function packageVsix(dir: string): string {
  const vsix = path.join(dir, 'patchsmith-e2e.vsix');
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '-o', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (r.status !== 0 || !existsSync(vsix)) {
    throw new SetupError(`vsce package failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-8).join('\n')}`);
  }
  return vsix;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface CodeServer {
  url: string;
  workspace: string;
  userDataDir: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  entry: string;
  vsix: string;
  /** Folder to open. */
  workspace: string;
  /** Where user data and extensions go (fresh). */
  stateDir: string;
  port?: number;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export const CODE_SERVER_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
};

/** Installs the .vsix into a fresh extensions dir and starts code-server on the workspace. */
export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const userDataDir = path.join(o.stateDir, 'user-data');
  const extensionsDir = path.join(o.stateDir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...CODE_SERVER_SETTINGS, ...o.settings }, null, 2));
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', path.join(o.stateDir, 'config.yaml')];
  // code-server keeps state of its own under XDG folders: keep it inside stateDir as well.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(o.stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(o.stateDir, 'xdg-data'),
    PATCHSMITH_E2E: '1',
  };
  const install = spawnSync(process.execPath, [o.entry, ...common, '--install-extension', o.vsix], {
    encoding: 'utf8',
    timeout: 3 * 60_000,
    env,
  });
  const installed = existsSync(extensionsDir) && readdirSync(extensionsDir).some((d) => d.startsWith('patchsmith.patchsmith-'));
  if (install.status !== 0 || !installed) {
    throw new SetupError(`code-server --install-extension failed (exit ${install.status}):\n${`${install.stdout}\n${install.stderr}`.trim().split('\n').slice(-8).join('\n')}`);
  }
  const port = o.port ?? (await freePort());
  let output = '';
  const child = spawn(
    process.execPath,
    [
      o.entry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      o.workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.workspace)}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      'code-server to answer',
      async () => {
        if (child.exitCode !== null) throw new SetupError(`code-server exited (${child.exitCode}):\n${output.trim().split('\n').slice(-8).join('\n')}`);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return res.ok;
      },
      60_000,
    );
  } catch (err) {
    await stop();
    if (err instanceof SetupError) throw err;
    throw new SetupError(`code-server did not start on port ${port}: ${(err as Error).message}\n${output.trim().split('\n').slice(-8).join('\n')}`);
  }
  return { url, workspace: o.workspace, userDataDir, process: child, log: () => output, stop };
}

/** Copies examples/ into a temporary folder that is no git repository (the tests edit files). */
export function copyExamples(dir: string): string {
  const ws = path.join(dir, 'examples');
  cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true });
  return ws;
}

export const CHROMIUM = process.env.PATCHSMITH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new SetupError(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set PATCHSMITH_CHROMIUM)`);
}
