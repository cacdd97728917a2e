import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  compileFilePattern,
  loadMaintainers,
  maintainersFor,
  matchesFilePattern,
  parseMaintainers,
  perlRegex,
} from '../../server/src/maintainers/maintainers';

const repoRoot = path.resolve(__dirname, '../../..');
const fixture = path.join(repoRoot, 'test/fixtures/maintainers/MAINTAINERS');

async function load() {
  return parseMaintainers(await readFile(fixture, 'utf8'));
}

const temps: string[] = [];
after(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

test('parses sections, skipping the explanatory header', async () => {
  const m = await load();
  assert.deepEqual(
    m.sections.map((s) => s.name),
    [
      'ACME WIDGET DRIVER',
      'ACME WIDGET LEGACY',
      'GPIO HEADERS',
      'NETWORKING DRIVERS',
      'NETWORKING DRIVERS TOP LEVEL ONLY',
      'TEGRA ARCHITECTURE',
      'THE REST',
    ],
  );
  const acme = m.sections[0]!;
  assert.deepEqual(acme.maintainers, [{ name: 'Wile E. Coyote', email: 'wile@acme.example', note: '' }]);
  assert.deepEqual(acme.reviewers, [{ name: 'Runner, Road', email: 'road@acme.example', note: '' }]);
  assert.deepEqual(acme.lists, [{ name: '', email: 'widgets@lists.example', note: '(moderated for non-subscribers)' }]);
  assert.equal(acme.status, 'Maintained');
  assert.deepEqual(acme.files.map((f) => f.pattern), ['drivers/widget/acme/']);
  assert.deepEqual(acme.excludes.map((f) => f.pattern), ['drivers/widget/acme/legacy/']);
  assert.equal(acme.line, 24);
  const net = m.sections.find((s) => s.name === 'NETWORKING DRIVERS')!;
  assert.deepEqual(net.trees, ['git git://git.example/net.git']);
  const tegra = m.sections.find((s) => s.name.startsWith('TEGRA'))!;
  assert.equal(tegra.namePatterns.length, 1);
  assert.equal(tegra.keywords.length, 2);
});

test('F: dir/ matches everything below it, and X: excludes a subtree', async () => {
  const m = await load();
  const who = maintainersFor(m, ['drivers/widget/acme/core/main.c']);
  assert.deepEqual(
    who.map((e) => [e.section, e.role, e.email]),
    [
      ['ACME WIDGET DRIVER', 'maintainer', 'wile@acme.example'],
      ['ACME WIDGET DRIVER', 'reviewer', 'road@acme.example'],
      ['ACME WIDGET DRIVER', 'list', 'widgets@lists.example'],
      ['THE REST', 'maintainer', 'torvalds@linux-foundation.example'],
      ['THE REST', 'list', 'linux-kernel@vger.example'],
    ],
  );
  const legacy = maintainersFor(m, ['drivers/widget/acme/legacy/old.c']).map((e) => e.section);
  assert.ok(legacy.includes('ACME WIDGET LEGACY'));
  assert.ok(!legacy.includes('ACME WIDGET DRIVER'), 'X: excludes the parent section');
});

test('* stays within a path component; a plain directory name matches below it', async () => {
  const m = await load();
  const sections = (paths: string[]) => [...new Set(maintainersFor(m, paths).map((e) => e.section))];
  assert.deepEqual(sections(['drivers/net/loopback.c']), ['NETWORKING DRIVERS TOP LEVEL ONLY', 'NETWORKING DRIVERS', 'THE REST']);
  assert.deepEqual(sections(['drivers/net/phy/phy.c']), ['NETWORKING DRIVERS', 'THE REST']);
  assert.deepEqual(sections(['drivers/net/wireless/ath/ath.c']), ['THE REST']);
  assert.deepEqual(sections(['include/linux/gpio.h']), ['GPIO HEADERS', 'THE REST']);
  assert.deepEqual(sections(['include/linux/gpio/driver.h']), ['THE REST']);
  assert.deepEqual(sections(['drivers/gpio/gpiolib.c']), ['GPIO HEADERS', 'THE REST']);
  assert.deepEqual(sections(['drivers/gpiox/foo.c']), ['THE REST'], 'not a prefix of a longer name');
});

test('more specific sections come first and each address once', async () => {
  const m = await load();
  const who = maintainersFor(m, ['drivers/net/phy/phy.c', 'drivers/widget/acme/x/y/z.c']);
  assert.deepEqual(
    [...new Set(who.map((e) => e.section))],
    ['ACME WIDGET DRIVER', 'NETWORKING DRIVERS', 'THE REST'],
  );
  assert.equal(new Set(who.map((e) => e.email)).size, who.length);
});

test('N: matches paths by regex; K: matches changed lines only', async () => {
  const m = await load();
  const byName = maintainersFor(m, ['drivers/clk/clk-tegra30.c']).map((e) => e.section);
  assert.deepEqual([...new Set(byName)], ['TEGRA ARCHITECTURE', 'THE REST']);

  const patch = [
    'diff --git a/drivers/clk/clk-foo.c b/drivers/clk/clk-foo.c',
    '--- a/drivers/clk/clk-foo.c',
    '+++ b/drivers/clk/clk-foo.c',
    '@@ -1,3 +1,3 @@',
    ' static int a;',
    '-static struct foo *f;',
    '+static struct tegra_foo *f;',
  ].join('\n');
  const byKeyword = maintainersFor(m, ['drivers/clk/clk-foo.c'], patch);
  assert.deepEqual([...new Set(byKeyword.map((e) => e.section))], ['THE REST', 'TEGRA ARCHITECTURE']);

  const contextOnly = patch.replace('+static struct tegra_foo *f;', ' static struct tegra_foo *f;').replace('-static struct foo *f;', '+int b;');
  assert.ok(!maintainersFor(m, ['drivers/clk/clk-foo.c'], contextOnly).some((e) => e.section.startsWith('TEGRA')));
  // A compatible string in a changed line (the K: has a /x comment).
  const dts = maintainersFor(m, ['arch/arm/boot/dts/foo.dts'], '+\tcompatible = "nvidia,tegra124-foo";');
  assert.ok(dts.some((e) => e.section.startsWith('TEGRA')));
});

test('file patterns as get_maintainer reads them', () => {
  const match = (pattern: string, file: string) => matchesFilePattern(compileFilePattern(pattern), file);
  assert.equal(match('fs/ext4/', 'fs/ext4/super.c'), true);
  assert.equal(match('fs/ext4/', 'fs/ext4/sub/dir/x.c'), true);
  assert.equal(match('fs/ext4/', 'fs/ext4x/super.c'), false);
  assert.equal(match('fs/*.c', 'fs/file.c'), true);
  assert.equal(match('fs/*.c', 'fs/ext4/file.c'), false);
  assert.equal(match('fs/?at', 'fs/fat'), true);
  // get_maintainer's match is a prefix one (`m@^fs/.at@`, same number of `/`).
  assert.equal(match('fs/?at', 'fs/fatx'), true);
  assert.equal(match('fs/?at', 'fs/fat/x.c'), false);
  assert.equal(match('fs/fat', 'fs/fat/inode.c'), true);
  assert.equal(match('fs/fat', 'fs/fat'), true);
  assert.equal(match('fs/fat', 'fs/fatx.c'), false);
  assert.equal(match('Documentation/*/ext4.rst', 'Documentation/filesystems/ext4.rst'), true);
  assert.equal(match('arch/*/kvm/', 'arch/x86/kvm/x86.c'), true);
  assert.equal(compileFilePattern('drivers/net/').depth, 2);
  assert.equal(compileFilePattern('drivers/net/foo.c').depth, 3);
  assert.equal(compileFilePattern('*').depth, -1);
});

test('perl /x regexes become JavaScript ones; broken ones are dropped', () => {
  assert.ok(perlRegex('\\b(foo | bar)_ # comment')!.test('x bar_y'));
  assert.ok(perlRegex('[ ]x')!.test(' x'));
  assert.equal(perlRegex('(?<=unclosed'), null);
  const m = parseMaintainers('BROKEN\nM:\tA <a@b.example>\nK:\t(unclosed\nF:\tx/\n');
  assert.equal(m.sections[0]!.keywords.length, 0);
  assert.equal(m.sections[0]!.files.length, 1);
});

test('loadMaintainers reads <root>/MAINTAINERS, caches it and re-reads when it changes', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'patchsmith-maint-'));
  temps.push(dir);
  assert.equal(await loadMaintainers(dir), null);
  const file = path.join(dir, 'MAINTAINERS');
  await writeFile(file, 'ONE\nM:\tA <a@one.example>\nF:\ta/\n');
  const first = await loadMaintainers(dir);
  assert.deepEqual(first?.sections.map((s) => s.name), ['ONE']);
  assert.equal(await loadMaintainers(dir), first, 'cached');
  await writeFile(file, 'TWO\nM:\tB <b@two.example>\nF:\tb/\n');
  await utimes(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
  const second = await loadMaintainers(dir);
  assert.deepEqual(second?.sections.map((s) => s.name), ['TWO']);
});
