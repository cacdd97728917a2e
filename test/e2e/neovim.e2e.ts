/**
 * Neovim end to end: headless Neovim with test/e2e/nvim/init.lua attaches `node dist/cli.js lsp
 * --stdio` to a patch buffer, and the expected rule shows up in vim.diagnostic.get().
 * Run by `npm run test:e2e` (needs Debian's neovim).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_SKIP, SetupError, copyExamples, repoRoot, requireBuild, tempDir } from './harness';

const NVIM = process.env.PATCHSMITH_NVIM ?? 'nvim';
const INIT = path.join(repoRoot, 'test/e2e/nvim/init.lua');
const CHECK = path.join(repoRoot, 'test/e2e/nvim/check.lua');

interface NvimResult {
  filetype: string;
  clients: string[];
  diagnostics: { line: number; code: string | null; message: string; source: string | null }[];
}

let tmp: { dir: string; remove: () => void } | undefined;
let setupFailure: Error | undefined;

function runNvim(file: string, expect: string): NvimResult {
  const out = path.join(tmp!.dir, `nvim-${path.basename(file)}.json`);
  const r = spawnSync(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', INIT, file, '-c', `luafile ${CHECK}`], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PATCHSMITH_NVIM_OUT: out, PATCHSMITH_EXPECT: expect, PATCHSMITH_ROOT: repoRoot, XDG_STATE_HOME: tmp!.dir, XDG_DATA_HOME: tmp!.dir },
  });
  if (!existsSync(out)) {
    throw new Error(`Neovim wrote no result (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${`${r.stdout}\n${r.stderr}`.trim().slice(-2000)}`);
  }
  return JSON.parse(readFileSync(out, 'utf8')) as NvimResult;
}

describe('Neovim end to end', { timeout: 5 * 60_000, skip: E2E_SKIP }, () => {
  before(() => {
    try {
      requireBuild();
      const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 20_000 });
      if (v.status !== 0) throw new SetupError(`Neovim not found (${NVIM}): apt-get install neovim, or set PATCHSMITH_NVIM`);
      tmp = tempDir('patchsmith-nvim-');
    } catch (err) {
      setupFailure = err instanceof SetupError ? err : new SetupError((err as Error).message);
      throw setupFailure;
    }
  });

  after(() => tmp?.remove());

  it('attaches patchsmith to a .patch buffer and lists BAD_SIGN_OFF for Reviewed-By:', () => {
    if (setupFailure) throw setupFailure;
    const ws = copyExamples(tmp!.dir);
    const file = path.join(ws, 'v2/v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch');
    const result = runNvim(file, 'BAD_SIGN_OFF');
    assert.deepEqual(result.clients, ['patchsmith'], `patchsmith attached to the buffer (filetype ${result.filetype})`);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('Reviewed-By:'));
    const found = result.diagnostics.find((d) => d.code === 'BAD_SIGN_OFF');
    assert.ok(found, `BAD_SIGN_OFF among Neovim's diagnostics: ${JSON.stringify(result.diagnostics)}`);
    assert.equal(found.line, line);
  });
});
