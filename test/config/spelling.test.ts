/**
 * TYPO_SPELLING reads the repository's own scripts/spelling.txt (the list the project
 * maintains), falls back to the built-in list without it, and treats the file as untrusted
 * input: malformed lines are skipped, the size is bounded, a changed file is re-read. Tested
 * through `patchsmith check` in a real temporary git repository, and on the kernel's own list
 * (/tmp/ksrc/linux-source-6.1/scripts/spelling.txt, skipped when absent).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCommand } from '../../server/src/cli/checkCommand';
import { loadSpellingList, MAX_BYTES, parseSpellingList } from '../../server/src/config/spellingList';
import { makeRepo, removeRepo } from '../helpers/gitRepo';

const KERNEL_LIST = '/tmp/ksrc/linux-source-6.1/scripts/spelling.txt';

const PATCH = [
  'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
  'From: Jane Doe <jane@example.org>',
  'Date: Tue, 2 Jan 2024 00:00:00 +0000',
  'Subject: [PATCH] net: foo: make the error helpfull',
  '',
  'The old message was not helpfull; it occured on every probe.',
  '',
  'Signed-off-by: Jane Doe <jane@example.org>',
  '---',
  ' drivers/net/foo.c | 1 +',
  ' 1 file changed, 1 insertion(+)',
  '',
  'diff --git a/drivers/net/foo.c b/drivers/net/foo.c',
  'index ef47fd1..fa1e7b3 100644',
  '--- a/drivers/net/foo.c',
  '+++ b/drivers/net/foo.c',
  '@@ -1,2 +1,3 @@',
  ' int a;',
  '+int b;',
  ' int c;',
  '-- ',
  '2.39.5',
  '',
].join('\n');

let repo = '';
before(async () => {
  repo = await makeRepo({ prefix: 'patchsmith-spelling-' });
  fs.writeFileSync(path.join(repo, 'fix.patch'), PATCH);
});
after(async () => {
  if (repo) await removeRepo(repo);
});

async function typos(): Promise<string[]> {
  let out = '';
  const code = await checkCommand(['--no-repo', '--format', 'json', path.join(repo, 'fix.patch')], { stdout: (t) => (out += t), stderr: () => undefined });
  assert.ok(code === 0 || code === 1);
  return (JSON.parse(out) as { rule: string; message: string }[]).filter((f) => f.rule === 'TYPO_SPELLING').map((f) => f.message);
}

test('without scripts/spelling.txt the built-in list applies', async () => {
  assert.deepEqual(await typos(), ["'occured' may be misspelled - perhaps 'occurred'?"]);
});

test("the repository's scripts/spelling.txt is the list; malformed lines are skipped; a change is re-read", async () => {
  fs.mkdirSync(path.join(repo, 'scripts'), { recursive: true });
  const list = path.join(repo, 'scripts', 'spelling.txt');
  fs.writeFileSync(list, ['# the project list', 'helpfull||helpful', 'not an entry', '||empty', 'bad word||x', 'x||', '\u0000||nul', ''].join('\n'));
  assert.deepEqual(await typos(), [
    "'helpfull' may be misspelled - perhaps 'helpful'?",
    "'helpfull' may be misspelled - perhaps 'helpful'?",
  ]);
  fs.writeFileSync(list, 'occured||occurred\n');
  assert.deepEqual(await typos(), ["'occured' may be misspelled - perhaps 'occurred'?"]);
  // Nothing usable: the built-in list again.
  fs.writeFileSync(list, 'garbage\n\u0000\u0001\n');
  assert.deepEqual(await typos(), ["'occured' may be misspelled - perhaps 'occurred'?"]);
  fs.rmSync(path.join(repo, 'scripts'), { recursive: true });
});

test('parseSpellingList: bounded size and entries; real words stay out', () => {
  const parsed = parseSpellingList('singed||signed\nteh||the\nteh||tea\nan union||a union\n');
  assert.deepEqual([...parsed.entries], [['teh', 'the']]);
  assert.equal(parsed.skipped, 1);
  const big = 'aaaa||b\n'.repeat(Math.ceil((MAX_BYTES * 2) / 8));
  const cut = parseSpellingList(big);
  assert.equal(cut.truncated, true);
  assert.equal(cut.entries.size, 1);
});

test('loadSpellingList reads no more than its bound', async () => {
  let asked = -1;
  const list = await loadSpellingList('/nowhere', async (_file, max) => {
    asked = max;
    return 'teh||the\n';
  });
  assert.equal(asked, MAX_BYTES);
  assert.equal(list?.entries.get('teh'), 'the');
  assert.equal(await loadSpellingList(null), null);
});

test("the kernel's scripts/spelling.txt", { skip: fs.existsSync(KERNEL_LIST) ? undefined : `${KERNEL_LIST} not found: skipping` }, () => {
  const parsed = parseSpellingList(fs.readFileSync(KERNEL_LIST, 'utf8'));
  assert.ok(parsed.entries.size > 1500, `${parsed.entries.size} entries`);
  assert.equal(parsed.entries.get('helpfull'), 'helpful');
  assert.equal(parsed.entries.get('capabilties'), 'capabilities');
  assert.ok(parsed.skipped <= 10, `${parsed.skipped} lines skipped (the phrases such as "an union")`);
  assert.equal(parsed.truncated, false);
});
