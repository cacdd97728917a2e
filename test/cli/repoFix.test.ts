/**
 * `patchsmith check` on a patch inside a real git repository: a Fixes: tag and a commit reference
 * whose sha is too short for the text rules to fix are reported once each (the repository's
 * finding replaces the text rule's on the same range) and `--fix` writes them from the commit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCli } from '../helpers/buildCli';
import { commit, makeRepo, removeRepo, testGitEnv } from '../helpers/gitRepo';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const TEMPLATE = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/repo/patch.patch'), 'utf8');
const TITLE = 'mm: rework the reclaim counter';

let dir = '';
let sha = '';

before(async () => {
  await buildCli(repoRoot);
  dir = await makeRepo({ user: { name: 'Jane Doe', email: 'jane@example.org' }, prefix: 'patchsmith-cli-repo-' });
  await commit(dir, { message: 'mm: add the reclaim counter\n', files: { 'mm/vmscan.c': 'int count;\n' } });
  sha = await commit(dir, { message: `${TITLE}\n\nLonger text.\n`, files: { 'mm/vmscan.c': 'long count;\n' } });
});

after(async () => {
  if (dir) await removeRepo(dir);
});

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = testGitEnv({ HOME: dir });
  delete env['PATCHSMITH_DEBUG'];
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  line: number;
  rule: string;
  message: string;
  fix?: { title: string };
}

test('check --fix in a repository writes a short-sha Fixes: tag and commit reference from the commit', () => {
  const right = TEMPLATE.replaceAll('SHA12', sha.slice(0, 12));
  const short = TEMPLATE.replace('commit SHA12', `commit ${sha.slice(0, 8)}`).replace('Fixes: SHA12', `Fixes: ${sha.slice(0, 7)}`);
  const file = path.join(dir, '0001-mm-fix-the-reclaim-counter.patch');
  fs.writeFileSync(file, short);

  const json = run(['check', '--format', 'json', file]);
  const found = JSON.parse(json.stdout) as JsonFinding[];
  const fixes = found.filter((f) => f.rule === 'BAD_FIXES_TAG');
  assert.equal(fixes.length, 1, `one BAD_FIXES_TAG finding: ${json.stdout}`);
  assert.equal(fixes[0]!.fix?.title, `Write 'Fixes: ${sha.slice(0, 12)} ("${TITLE}")'`);
  const refs = found.filter((f) => f.rule === 'GIT_COMMIT_ID');
  assert.equal(refs.length, 1, `one GIT_COMMIT_ID finding: ${json.stdout}`);
  assert.equal(refs[0]!.fix?.title, `Write 'commit ${sha.slice(0, 12)} ("${TITLE}")'`);
  assert.equal(json.code, 1, 'GIT_COMMIT_ID is an error');

  const r = run(['check', '--fix', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /^fixed 2 problems in .*: (GIT_COMMIT_ID, BAD_FIXES_TAG|BAD_FIXES_TAG, GIT_COMMIT_ID)$/m);
  assert.equal(fs.readFileSync(file, 'utf8'), right);
  assert.equal(r.stdout, '', 'nothing left to report');
});

test('without the repository (--no-repo) the short sha is reported but not fixed', () => {
  const short = TEMPLATE.replaceAll('SHA12', sha.slice(0, 12)).replace(`Fixes: ${sha.slice(0, 12)}`, `Fixes: ${sha.slice(0, 7)}`);
  const file = path.join(dir, '0001-no-repo.patch');
  fs.writeFileSync(file, short);
  const r = run(['check', '--no-repo', '--fix', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\[BAD_FIXES_TAG\]/);
  assert.equal(fs.readFileSync(file, 'utf8'), short);
});
