/**
 * The cover letter text on the command line: `series cover` prints it as stored, `series cover
 * --edit` hands git's editor a `<branch>.cover` file in the repository's git directory, and
 * `check` reads such a file (or stdin with --cover-text) as a cover letter text: the template's
 * placeholders and nothing else, a filled cover clean.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { git, removeRepo, testGitEnv } from '../helpers/gitRepo';
import { buildCli } from '../helpers/buildCli';
import { repoRoot, runCli, seriesRepo } from './harness';

let cli = '';
let dir = '';

before(async () => {
  cli = await buildCli(repoRoot);
  dir = await seriesRepo();
});

after(async () => {
  if (dir) await removeRepo(dir);
});

const run = (args: string[], env: Record<string, string> = {}) => runCli(cli, dir, args, env);

const FILLED = 'foo: count the foos\n\nThis series counts the foos, with a helper from bar.\n\nCc: Extra Person <extra@example.org>\n\nSigned-off-by: Ann Dev <ann@example.org>\n';

/** `patchsmith check --cover-text -` with `text` on stdin. */
function checkStdin(text: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'check', '--no-checkpatch', '--cover-text', '-'], { cwd: dir, env: { ...testGitEnv(), HOME: dir } });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.end(text);
  });
}

test('series cover prints the stored text; check reads a .cover file as a cover letter text', async () => {
  assert.equal((await run(['series', 'start'])).code, 0);
  const stored = await git(dir, ['config', '--get', 'branch.feat.description']);
  const shown = await run(['series', 'cover']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(shown.stdout, stored.replace(/\n*$/, '\n'));
  assert.match(shown.stdout, /^EDITME: cover title for feat\n\n#/);

  // The template: its two placeholders, exactly, and no mail rule.
  const file = path.join(dir, 'feat.cover');
  await fs.writeFile(file, shown.stdout);
  const lines = shown.stdout.split('\n');
  const blurb = lines.findIndex((l) => l.startsWith('EDITME: describe')) + 1;
  const r = await run(['check', '--no-checkpatch', '--strict', '--format', 'json', file]);
  assert.equal(r.code, 1, r.stderr);
  const found = JSON.parse(r.stdout) as { rule: string; line: number; column: number; endColumn: number }[];
  assert.deepEqual(
    found.map((f) => `${f.rule}:${f.line}:${f.column}-${f.endColumn}`),
    [`COVER_LETTER_TEMPLATE:1:1-${lines[0]!.length + 1}`, `COVER_LETTER_TEMPLATE:${blurb}:1-${lines[blurb - 1]!.length + 1}`],
  );

  // Filled: nothing, from a file and from stdin.
  await fs.writeFile(file, FILLED);
  const clean = await run(['check', '--no-checkpatch', '--strict', file]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.stdout, '');
  assert.match(clean.stderr, /0 errors, 0 warnings in 1 file/);
  const piped = await checkStdin(FILLED.replace('counts the', 'counts teh'));
  assert.equal(piped.code, 0);
  assert.match(piped.stdout, /<stdin>:3:\d+: warning: 'teh' may be misspelled/);
  assert.doesNotMatch(piped.stdout, /NOT_A_PATCH_MAIL|MISSING_SIGN_OFF|NOT_UNIFIED_DIFF/);
});

test("series cover --edit gives the editor <branch>.cover in the git dir, where check reads it as a cover", async () => {
  const log = path.join(dir, '.editor.log');
  const content = path.join(dir, '.editor-content.txt');
  await fs.writeFile(content, FILLED);
  const editor = path.join(dir, '.editor.sh');
  await fs.writeFile(
    editor,
    `#!/bin/sh\necho "$1" > '${log}'\n'${process.execPath}' '${cli}' check --no-checkpatch "$1" >> '${log}'\necho "exit $?" >> '${log}'\ncp '${content}' "$1"\n`,
    { mode: 0o755 },
  );
  const r = await run(['series', 'cover', '--edit'], { GIT_EDITOR: editor });
  assert.equal(r.code, 0, r.stderr);
  const seen = (await fs.readFile(log, 'utf8')).split('\n');
  const gitDir = (await git(dir, ['rev-parse', '--absolute-git-dir'])).trim();
  assert.ok(seen[0]!.startsWith(gitDir + path.sep) && seen[0]!.endsWith(`${path.sep}feat.cover`), seen[0]);
  assert.equal(seen.filter((l) => /COVER_LETTER_TEMPLATE/.test(l)).length, 2, seen.join('\n'));
  assert.ok(seen.includes('exit 1'));
  assert.equal((await run(['series', 'cover'])).stdout, FILLED);
  // The temporary file is gone.
  assert.deepEqual((await fs.readdir(gitDir)).filter((n) => n.startsWith('patchsmith-cover-')), []);
});
