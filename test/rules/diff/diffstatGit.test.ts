/**
 * The diffstat generator against the installed git: for patches made by `git format-patch` in
 * temporary repositories (scaled bars, shortened names, renames with and without a common
 * prefix/suffix, deletions, mode-only changes, one-line files), formatDiffstat() must write
 * git's stat lines and summary byte for byte, and DIFFSTAT_MISMATCH's fix must restore git's
 * diffstat exactly after it was damaged by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git, makeRepo, commit, removeRepo } from '../../helpers/gitRepo';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { mergeConfig } from '../../../server/src/config/layer';
import { applyEdits } from '../../../server/src/rules/fixes';
import { runTextRules } from '../../../server/src/rules/engine';
import { formatDiffstat, renameName } from '../../../server/src/rules/diff/util';
import { diffstatMismatch } from '../../../server/src/rules/diff/diffstatMismatch';

const numbers = (from: number, to: number): string => {
  let s = '';
  for (let i = from; i <= to; i++) s += `line ${i}\n`;
  return s;
};

/** The stat lines and summary line git wrote (between `---` and the first mode line / blank). */
function gitStat(patch: string): string[] {
  const lines = patch.split('\n');
  const start = lines.indexOf('---') + 1;
  const out: string[] = [];
  for (let i = start; i < lines.length; i++) {
    out.push(lines[i]!);
    if (/ files? changed/.test(lines[i]!)) break;
  }
  return out;
}

test('renameName pulls out the common prefix and suffix as git does', () => {
  assert.equal(renameName('a/b/c.c', 'a/d/c.c'), 'a/{b => d}/c.c');
  assert.equal(renameName('old.txt', 'new/place.txt'), 'old.txt => new/place.txt');
  assert.equal(renameName('lib/x.c', 'lib/y.c'), 'lib/{x.c => y.c}');
  assert.equal(renameName('x/file.c', 'y/file.c'), '{x => y}/file.c');
  assert.equal(renameName('a/b/c', 'a/b/c/d'), 'a/b/{c => c/d}');
});

test('formatDiffstat writes what git format-patch writes', async () => {
  const dir = await makeRepo();
  try {
    const long = 'drivers/gpu/drm/amd/display/dc/core/some_really_long_file_name_for_the_display_core.c';
    await commit(dir, {
      message: 'base\n',
      files: {
        'big.c': numbers(1, 10),
        'small.c': 'a\nb\nc\n',
        [long]: 'x\n',
        'lib/arch/old/file.c': numbers(1, 20),
        'old.txt': numbers(1, 30),
        'gone.c': 'bye\n',
        'tool': 'run\n',
      },
    });
    await commit(dir, {
      message: 'net: big change\n',
      files: {
        'big.c': numbers(1, 5) + numbers(100, 400),
        'small.c': 'a\nB\nc\nd\n',
        [long]: 'x\ny\n',
        'lib/arch/old/file.c': null,
        'lib/arch/new/file.c': numbers(1, 20) + 'one more\n',
        'old.txt': null,
        'new/place.txt': numbers(1, 30),
        'gone.c': null,
        'empty.c': '',
        'one.c': 'one\n',
      },
    });
    await git(dir, ['update-index', '--chmod=+x', 'tool']);
    await git(dir, ['commit', '-q', '--amend', '--no-edit']);
    const patch = await git(dir, ['format-patch', '-1', '--stdout']);
    const doc = parsePatch(patch);
    const msg = doc.messages[0]!;
    assert.ok(msg.diff, 'the patch has a diff');
    const expected = gitStat(patch);
    assert.ok(expected.some((l) => l.includes('...')), 'a name was shortened');
    assert.ok(expected.some((l) => l.includes('=>')), 'a rename is shown');
    assert.ok(expected.some((l) => /\| +0$/.test(l)), 'a mode-only change is shown');
    assert.deepEqual(formatDiffstat(msg.diff.files), expected);

    // A few small files: no scaling, narrow columns.
    await commit(dir, { message: 'small\n', files: { 'a.c': 'new\n', 'small.c': 'a\n' } });
    const small = await git(dir, ['format-patch', '-1', '--stdout']);
    const smallMsg = parsePatch(small).messages[0]!;
    assert.deepEqual(formatDiffstat(smallMsg.diff!.files), gitStat(small));
  } finally {
    await removeRepo(dir);
  }
});

test("DIFFSTAT_MISMATCH's fix restores git's diffstat byte for byte", async () => {
  const dir = await makeRepo();
  try {
    await commit(dir, { message: 'base\n', files: { 'src/main.c': numbers(1, 50), 'src/util.h': numbers(1, 5) } });
    await commit(dir, {
      message: 'src: rework main\n\nSigned-off-by: Test User <test@example.org>\n',
      files: { 'src/main.c': numbers(1, 20) + numbers(60, 140), 'src/util.h': numbers(1, 6), 'src/new.c': 'int n;\n' },
    });
    const patch = await git(dir, ['format-patch', '-1', '--stdout']);
    const stat = gitStat(patch);
    // Damage: wrong counts, a wrong bar, a wrong summary.
    const damaged = patch
      .replace(stat[1]!, stat[1]!.replace(/\| +\d+ .*$/, '| 3 ++-'))
      .replace(stat[stat.length - 1]!, ' 3 files changed, 7 insertions(+), 1 deletion(-)');
    assert.notEqual(damaged, patch);
    const doc = parsePatch(damaged);
    const config = mergeConfig([{ profile: 'kernel', strict: true }]);
    const found = runTextRules(doc, config, { rules: [diffstatMismatch] });
    assert.ok(found.length > 0);
    const fix = found[0]!.fix;
    assert.ok(fix);
    assert.equal(applyEdits(damaged, fix.edits), patch);
    // And the undamaged patch is clean.
    const clean = parsePatch(patch);
    assert.deepEqual(runTextRules(clean, config, { rules: [diffstatMismatch] }), []);
  } finally {
    await removeRepo(dir);
  }
});
