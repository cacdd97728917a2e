/**
 * `check --fix` applies every fix, not only those of the first 1,000 findings of a rule (the
 * findings shown are capped, the fixes are not): a file with thousands of trailing blanks comes out clean.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeSyntheticPatch } from '../../bench/synthetic';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
let tmp = '';

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-fixmany-')));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('check --fix fixes every finding of a rule, beyond the 1,000 shown (and beyond three passes of them)', () => {
  const clean = makeSyntheticPatch(20_000);
  let n = 0;
  const dirty = clean.replace(/^(\+\tnew_value_1\d = .*)$/gm, (l) => {
    n++;
    return `${l}  `;
  });
  assert.ok(n > 4000, `only ${n} lines made dirty`);
  const file = path.join(tmp, 'many.patch');
  fs.writeFileSync(file, dirty);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp };
  delete env['PATCHSMITH_DEBUG'];
  const r = spawnSync(process.execPath, [cli, 'check', '--no-repo', '--fix', file], { cwd: tmp, encoding: 'utf8', env, timeout: 120_000 });
  assert.match(r.stderr, new RegExp(`fixed ${n} problems in .*many\\.patch: TRAILING_WHITESPACE`), r.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), clean);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
