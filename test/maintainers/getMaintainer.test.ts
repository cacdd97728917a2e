/**
 * Behaviours where patchsmith follows scripts/get_maintainer.pl (found by comparing the two on a
 * Linux 6.1 tree: bench/maintainersAgreement.ts). Small hand-written MAINTAINERS snippets.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  compileFilePattern,
  loadMaintainers,
  maintainersFor,
  matchesFilePattern,
  parseMailmap,
  parseMaintainers,
  perlRegex,
} from '../../server/src/maintainers/maintainers';

const temps: string[] = [];
after(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

function emails(text: string, paths: string[], content?: string): string[] {
  return maintainersFor(parseMaintainers(text), paths, content).map((e) => e.email);
}

test('F: [...] is a character class, as Perl reads it', () => {
  const match = (pattern: string, file: string) => matchesFilePattern(compileFilePattern(pattern), file);
  assert.equal(match('drivers/edac/widget_edac.[ch]', 'drivers/edac/widget_edac.c'), true);
  assert.equal(match('drivers/edac/widget_edac.[ch]', 'drivers/edac/widget_edac.h'), true);
  assert.equal(match('drivers/edac/widget_edac.[ch]', 'drivers/edac/widget_edac.o'), false);
  assert.equal(match('sound/codecs/wd[79]*.[ch]', 'sound/codecs/wd7212.c'), true);
  assert.equal(match('sound/codecs/wd[79]*.[ch]', 'sound/codecs/wd8212.c'), false);
  assert.equal(match('drivers/x/[^a]b.c', 'drivers/x/cb.c'), true);
  assert.equal(match('drivers/x/[^a]b.c', 'drivers/x/ab.c'), false);
  // An unclosed bracket is a literal.
  assert.equal(match('drivers/x/[weird', 'drivers/x/[weird'), true);
});

test('a wildcard pattern matches as a prefix within the same directory level', () => {
  const match = (pattern: string, file: string) => matchesFilePattern(compileFilePattern(pattern), file);
  assert.equal(match('drivers/net/*.c', 'drivers/net/loop.cc'), true);
  assert.equal(match('drivers/net/*.c', 'drivers/net/phy/loop.c'), false);
  assert.equal(match('include/linux/gadget*', 'include/linux/gadget_core.h'), true);
});

test('a plain pattern naming a file matches longer names too; one naming a directory does not (loadMaintainers knows which)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'patchsmith-gm-'));
  temps.push(dir);
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  await mkdir(path.join(dir, 'drivers/gizmo'), { recursive: true });
  await writeFile(path.join(dir, 'docs/sysfs-class-gizmo'), '');
  const text = [
    'GIZMO CLASS',
    'M:\tGiz Mo <giz@gizmo.example>',
    'F:\tdocs/sysfs-class-gizmo',
    'F:\tdrivers/gizmo',
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'MAINTAINERS'), text);
  const loaded = (await loadMaintainers(dir))!;
  const who = (file: string) => maintainersFor(loaded, [file]).map((e) => e.email);
  assert.deepEqual(who('docs/sysfs-class-gizmo'), ['giz@gizmo.example']);
  assert.deepEqual(who('docs/sysfs-class-gizmo-turbo'), ['giz@gizmo.example'], 'get_maintainer: m@^docs/sysfs-class-gizmo@');
  assert.deepEqual(who('docs/sub/sysfs-class-gizmo-turbo'), []);
  assert.deepEqual(who('drivers/gizmo/core.c'), ['giz@gizmo.example']);
  assert.deepEqual(who('drivers/gizmo.c'), [], 'drivers/gizmo is a directory: its neighbour is not in it');
  // Without the file system, a plain pattern is only itself and what is below it.
  const parsed = parseMaintainers(text);
  assert.deepEqual(maintainersFor(parsed, ['docs/sysfs-class-gizmo-turbo']), []);
  assert.deepEqual(maintainersFor(parsed, ['drivers/gizmo.c']), []);
  assert.equal(maintainersFor(parsed, ['drivers/gizmo/core.c']).length, 1);
});

test('a person listed twice (two addresses) is given once, at the most specific section', () => {
  const text = [
    'WIDGET CORE',
    'M:\tPat Example <pat@core.example>',
    'M:\tSam Other <sam@core.example>',
    'S:\tMaintained',
    'F:\tdrivers/widget/',
    '',
    'WIDGET ACME',
    'M:\tPat Example <pat@acme.example>',
    'R:\tSam Other <sam@core.example>',
    'S:\tMaintained',
    'F:\tdrivers/widget/acme/',
    '',
  ].join('\n');
  assert.deepEqual(
    maintainersFor(parseMaintainers(text), ['drivers/widget/acme/a.c']).map((e) => [e.role, e.email]),
    [
      ['maintainer', 'pat@acme.example'],
      ['reviewer', 'sam@core.example'],
    ],
  );
  assert.deepEqual(emails(text, ['drivers/widget/b.c']), ['pat@core.example', 'sam@core.example']);
});

test('a section ranks by its last F:/N: matching the path, which decides the address of a person listed twice', () => {
  const text = (withName: boolean) =>
    [
      'DEVICE TREE BINDINGS',
      'M:\tPat Example <pat+dt@example.org>',
      'S:\tMaintained',
      'F:\tarch/*/boot/dts/',
      '',
      'ACME SOC',
      'M:\tPat Example <pat@example.org>',
      'S:\tMaintained',
      'F:\tarch/arm/boot/dts/acme/',
      ...(withName ? ['N:\tacme'] : []),
      '',
    ].join('\n');
  // `F: .../acme/` (depth 5) then `N: acme` (depth 0): get_maintainer ranks ACME SOC at 0.
  assert.deepEqual(emails(text(true), ['arch/arm/boot/dts/acme/board.dts']), ['pat+dt@example.org']);
  assert.deepEqual(emails(text(false), ['arch/arm/boot/dts/acme/board.dts']), ['pat@example.org']);
});

test('subscribers-only lists and the chief penguin are left out, as get_maintainer does by default', () => {
  const text = [
    'PARPORT',
    'M:\tPar Port <par@port.example>',
    'L:\tparport@lists.example (subscribers-only)',
    'L:\tmoderated@lists.example (moderated for non-subscribers)',
    'F:\tdrivers/parport/',
    '',
    'THE REST',
    'M:\tLinus Torvalds <torvalds@linux-foundation.org>',
    'L:\tlinux-kernel@vger.kernel.org',
    'F:\t*',
    'F:\t*/',
    '',
  ].join('\n');
  assert.deepEqual(emails(text, ['drivers/parport/pp.c']), ['par@port.example', 'moderated@lists.example', 'linux-kernel@vger.kernel.org']);
  // The section model still has them (hovers show the whole section).
  const m = parseMaintainers(text);
  assert.equal(m.sections[0]!.lists.length, 2);
  assert.equal(m.sections[1]!.maintainers[0]!.email, 'torvalds@linux-foundation.org');
});

test('.mailmap maps the addresses given (as get_maintainer does), and loadMaintainers reads it', async () => {
  const map = parseMailmap(
    [
      '# comment',
      'Pat Example <pat@new.example> <pat@old.example>',
      '<list@new.example> <list@old.example>',
      'Sam Other <sam@new.example> Sam O <sam@old.example>',
      'Kim Name <kim@example.org>',
      'odd line without address',
    ].join('\n'),
  );
  assert.deepEqual(map.byEmail.get('pat@old.example'), { name: 'Pat Example', email: 'pat@new.example' });
  assert.deepEqual(map.byEmail.get('list@old.example'), { email: 'list@new.example' });
  assert.deepEqual(map.byNameAndEmail.get('sam o\0sam@old.example'), { name: 'Sam Other', email: 'sam@new.example' });
  assert.deepEqual(map.byEmail.get('kim@example.org'), { name: 'Kim Name' });

  const text = [
    'OLD ADDRESSES',
    'M:\tPat Example <pat@old.example>',
    'M:\tSam O <sam@old.example>',
    'M:\tSam O <sam@other.example>',
    'M:\tKim <kim@example.org>',
    'L:\tlist@old.example',
    'F:\tlib/',
    '',
    'NEW ADDRESS TOO',
    'M:\tPat Example <pat@new.example>',
    'F:\tlib/x.c',
    '',
  ].join('\n');
  const m = { ...parseMaintainers(text), mailmap: map };
  const who = maintainersFor(m, ['lib/x.c']).map((e) => [e.name, e.email]);
  assert.deepEqual(who, [
    ['Pat Example', 'pat@new.example'],
    ['Sam Other', 'sam@new.example'],
    ['Kim Name', 'kim@example.org'],
    ['', 'list@new.example'],
  ]);

  const dir = await mkdtemp(path.join(tmpdir(), 'patchsmith-gm-'));
  temps.push(dir);
  await writeFile(path.join(dir, 'MAINTAINERS'), text);
  await writeFile(path.join(dir, '.mailmap'), 'Pat Example <pat@new.example> <pat@old.example>\n');
  const loaded = (await loadMaintainers(dir))!;
  assert.equal(maintainersFor(loaded, ['lib/y.c'])[0]!.email, 'pat@new.example');
});

test('(?i) and (?i:...) in K:/N: regexes (JavaScript has neither) are kept, case-insensitive', () => {
  const clang = perlRegex('\\b(?i:clang|llvm)\\b')!;
  assert.ok(clang.test('built with Clang'));
  assert.ok(clang.test('LLVM=1'));
  assert.ok(!clang.test('clangd'));
  const pidfd = perlRegex('(?i)pidfd')!;
  assert.ok(pidfd.test('PIDFD_NONBLOCK'));
  assert.ok(pidfd.test('sys_pidfd_open'));
  const mixed = perlRegex('acme_(?i:[a-c]x\\d)')!;
  assert.ok(mixed.test('acme_Bx1'));
  assert.ok(!mixed.test('ACME_bx1'), 'only the group is case-insensitive');
  assert.ok(!mixed.test('acme_bxd'), 'escapes keep their meaning');
  const m = parseMaintainers('RUST\nM:\tR <r@rust.example>\nK:\t\\b(?i:rust)\\b\n');
  assert.equal(m.sections[0]!.keywords.length, 1);
  assert.deepEqual(maintainersFor(m, ['x.c'], 'a Rust binding').map((e) => e.email), ['r@rust.example']);
});

const KEYWORDS = [
  'ACME',
  'M:\tAcme Person <acme@acme.example>',
  'K:\t[^@]acme_gadget',
  '',
  'OTHER',
  'M:\tOther Person <other@acme.example>',
  'F:\tlib/',
  '',
].join('\n');

function patch(message: string, body: string[]): string {
  return [
    'From: Some One <one@example.org>',
    'Subject: [PATCH] lib: change',
    '',
    message,
    '',
    'Signed-off-by: Some One <one@example.org>',
    '---',
    ' lib/x.c | 2 +-',
    '',
    'diff --git a/lib/x.c b/lib/x.c',
    'index 1111111..2222222 100644',
    '--- a/lib/x.c',
    '+++ b/lib/x.c',
    '@@ -1,3 +1,3 @@',
    ...body,
  ].join('\n');
}

test('K: in a patch: the commit message counts, then only the +/- lines', () => {
  const changed = patch('Nothing special.', [' int a;', '-int b;', '+int c = acme_gadget_init();', ' int d;']);
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], changed), ['other@acme.example', 'acme@acme.example']);
  const message = patch('Calls acme_gadget_init() earlier.', [' int a;', '-int b;', '+int c;', ' int d;']);
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], message), ['other@acme.example', 'acme@acme.example']);
  const context = patch('Nothing special.', [' int a = acme_gadget_init();', '-int b;', '+int c;', ' int d;']);
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], context), ['other@acme.example']);
  // get_maintainer matches `^[+-].*[^@]acme_gadget`: the keyword starts after the `+`.
  const atStart = patch('Nothing special.', [' int a;', '-int b;', '+acme_gadget_init();', ' int d;']);
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], atStart), ['other@acme.example']);
});

test('K: in text that is not a patch (a file, or changed lines without their +/-) is searched whole', () => {
  // A changed line starting with `-` (a list item) no longer hides the others.
  assert.deepEqual(emails(KEYWORDS, ['lib/x.rst'], '- a list item\nuses acme_gadget_init()'), ['other@acme.example', 'acme@acme.example']);
  // The line break before the keyword is the character `[^@]` needs, as in `get_maintainer.pl -f`.
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], 'int a;\nacme_gadget_init();'), ['other@acme.example', 'acme@acme.example']);
  assert.deepEqual(emails(KEYWORDS, ['lib/x.c'], 'me@acme_gadget.example'), ['other@acme.example']);
});
