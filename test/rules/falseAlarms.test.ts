/**
 * Findings that accepted upstream commits must not get, each on a hand-written patch of the
 * shape seen in the wild: QEMU's documented `Resolves:`/`Buglink:` tags, QEMU's list of added,
 * moved or deleted files and its ACPI expected-table exemption, an ACPI table update whose log
 * carries the tables' diff (bios-tables-test), hex table values that are not commit ids, a
 * diffstat rename line as the only sign of a move (headers stripped), and a symbolic link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { mergeConfig } from '../../server/src/config/layer';
import { runTextRules } from '../../server/src/rules/engine';
import type { Profile } from '../../server/src/rules/types';

function findings(text: string, profile: Profile, strict = true): { rule: string; severity: string; message: string; line: number }[] {
  return runTextRules(parsePatch(text), mergeConfig([{ profile, strict }])).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line,
  }));
}

const rules = (text: string, profile: Profile, strict = true): string[] => findings(text, profile, strict).map((f) => f.rule);

interface MailOpts {
  subject: string;
  body: string;
  stat: string[];
  diff: string[];
}

function mail(o: MailOpts): string {
  return [
    'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
    'From: Jane Doe <jane@example.org>',
    'Date: Tue, 2 Jan 2024 00:00:00 +0000',
    `Subject: [PATCH] ${o.subject}`,
    '',
    o.body,
    '',
    'Signed-off-by: Jane Doe <jane@example.org>',
    '---',
    ...o.stat,
    '',
    ...o.diff,
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

const MODIFY_DIFF = [
  'diff --git a/hw/foo.c b/hw/foo.c',
  'index ef47fd1..fa1e7b3 100644',
  '--- a/hw/foo.c',
  '+++ b/hw/foo.c',
  '@@ -1,2 +1,3 @@',
  ' int a;',
  '+int b;',
  ' int c;',
];
const MODIFY_STAT = [' hw/foo.c | 1 +', ' 1 file changed, 1 insertion(+)'];

test('qemu: Resolves: and Buglink: are QEMU\'s documented tags; the kernel still asks for Link:/Closes:', () => {
  const text = mail({
    subject: 'hw/foo: fix the bar',
    body: 'Fix the bar.\n\nResolves: https://gitlab.com/qemu-project/qemu/-/issues/42\nBuglink: https://bugs.launchpad.net/qemu/+bug/1804323',
    stat: MODIFY_STAT,
    diff: MODIFY_DIFF,
  });
  assert.ok(!rules(text, 'qemu').includes('COMMIT_LOG_USE_LINK'));
  assert.equal(rules(text, 'kernel').filter((r) => r === 'COMMIT_LOG_USE_LINK').length, 2);
  const other = text.replace('Buglink:', 'Bug:');
  const q = findings(other, 'qemu').filter((f) => f.rule === 'COMMIT_LOG_USE_LINK');
  assert.deepEqual(q.map((f) => f.message), ["Unknown link reference 'Bug:', use 'Link:', 'Resolves:' or 'Buglink:' instead"]);
});

const NEW_FILES_DIFF = [
  'diff --git a/hw/new.c b/hw/new.c',
  'new file mode 100644',
  'index 0000000..e69de29',
  '--- /dev/null',
  '+++ b/hw/new.c',
  '@@ -0,0 +1 @@',
  '+int n;',
  'diff --git a/tests/data/acpi/x86/q35/DSDT.cxl b/tests/data/acpi/x86/q35/DSDT.cxl',
  'new file mode 100644',
  'index 0000000..e69de29',
  'diff --git a/hw/old.c b/hw/gone.c',
  'similarity index 100%',
  'rename from hw/old.c',
  'rename to hw/gone.c',
];

test('qemu: FILE_PATH_CHANGES lists the added, moved or deleted files, without the expected ACPI tables', () => {
  const text = mail({
    subject: 'hw: add new, move old',
    body: 'Add new, move old.',
    stat: [' hw/{old.c => gone.c}            | 0', ' hw/new.c                        | 1 +', ' tests/data/acpi/x86/q35/DSDT.cxl | 0', ' 3 files changed, 1 insertion(+)'],
    diff: NEW_FILES_DIFF,
  });
  const q = findings(text, 'qemu').filter((f) => f.rule === 'FILE_PATH_CHANGES');
  assert.deepEqual(q.map((f) => [f.severity, f.message]), [['warning', 'added, moved or deleted file(s), does MAINTAINERS need updating? hw/gone.c, hw/new.c']]);
  assert.equal(rules(text, 'kernel').filter((r) => r === 'FILE_PATH_CHANGES').length, 1);
  // Only the expected tables: nothing for QEMU, which exempts them.
  const tablesOnly = mail({ subject: 'tests/acpi: add the empty table', body: 'Add it.', stat: [' tests/data/acpi/x86/q35/DSDT.cxl | 0', ' 1 file changed, 0 insertions(+), 0 deletions(-)'], diff: NEW_FILES_DIFF.slice(7, 10) });
  assert.ok(!rules(tablesOnly, 'qemu').includes('FILE_PATH_CHANGES'));
  // MAINTAINERS in the patch: nothing.
  const withMaintainers = text.replace(' hw/new.c                        | 1 +', ' MAINTAINERS                     | 1 +\n hw/new.c                        | 1 +');
  assert.ok(!rules(withMaintainers, 'qemu').includes('FILE_PATH_CHANGES'));
});

test('FILE_PATH_CHANGES: a diffstat rename line is a move, also when the git headers were stripped', () => {
  // OpenWrt's refresh and quilt keep the diffstat but drop `diff --git`, `rename from` and `index`.
  const stripped = (stat: string): string =>
    mail({
      subject: 'net: move a to b',
      body: 'Move it.',
      stat: [stat, ' 1 file changed, 1 insertion(+)'],
      diff: ['--- a/drivers/net/dsa/b.c', '+++ b/drivers/net/dsa/b.c', '@@ -1,2 +1,3 @@', ' int a;', '+int b;', ' int c;'],
    });
  for (const stat of [' drivers/net/{phy/a.c => dsa/b.c} | 1 +', ' a.c => b.c | 1 +']) {
    const f = findings(stripped(stat), 'kernel').filter((x) => x.rule === 'FILE_PATH_CHANGES');
    assert.equal(f.length, 1, stat);
    assert.equal(f[0]!.line, stripped(stat).split('\n').indexOf(stat));
  }
  assert.ok(!rules(stripped(' drivers/net/dsa/b.c | 1 +'), 'kernel').includes('FILE_PATH_CHANGES'));
});

/** A bios-tables-test update: the expected DSDT changes, the log carries the ASL diff. */
const ACPI_UPDATE = mail({
  subject: 'tests/acpi: update expected DSDT blobs',
  body: [
    'Update the expected tables after the CXL change:',
    '',
    '@@ -1,30 +1,30 @@',
    ' /*',
    '  * Original Table Header:',
    '  *     Signature        "DSDT"',
    '- *     Length           0x00002061 (8289)',
    '+ *     Length           0x000020A5 (8357)',
    '- *     Checksum         0xE1',
    '+ *     Checksum         0x8B',
    '  */',
    '+            Name (_CRS, ResourceTemplate ()',
    '+                QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed,',
    '+                    0000000100000000 0000000FFFFFFFFF',
    '',
    'and the SRAT:',
    '',
    '[000h 0000   4]                    Signature : "SRAT"    [System Resource Affinity Table]',
    '[0A8h 0168   8]                 Base Address : 0000000100000000',
    '    0000: 53 52 41 54 50 01 00 00 01 5C 42 4F 43 48 53 20  // SRATP....\\BOCHS',
  ].join('\n'),
  stat: [' tests/data/acpi/x86/q35/DSDT | Bin 8289 -> 8357 bytes', ' 1 file changed, 0 insertions(+), 0 deletions(-)'],
  diff: ['diff --git a/tests/data/acpi/x86/q35/DSDT b/tests/data/acpi/x86/q35/DSDT', 'index 5b5ddea..9d7d7ed 100644', 'GIT binary patch', 'literal 8357', 'zcmb7Ny', '', 'literal 8289', 'zcmb7Ny', ''],
});

test('an ACPI table update whose log carries the tables\' diff: no DIFF_IN_COMMIT_MSG in qemu, no GIT_COMMIT_ID on table values anywhere', () => {
  const q = rules(ACPI_UPDATE, 'qemu');
  assert.ok(!q.includes('DIFF_IN_COMMIT_MSG'), q.join(', '));
  assert.ok(!q.includes('GIT_COMMIT_ID'), q.join(', '));
  const k = findings(ACPI_UPDATE, 'kernel');
  assert.ok(!k.some((f) => f.rule === 'GIT_COMMIT_ID'), 'hex in a quoted diff, an ACPI table or a hex dump is not a commit id');
  // The kernel has no such process: the diff in the log is still an error there.
  assert.deepEqual(k.filter((f) => f.rule === 'DIFF_IN_COMMIT_MSG').map((f) => f.severity), ['error']);
  // A bare sha in prose is still a reference in every profile.
  const prose = ACPI_UPDATE.replace('Update the expected tables after the CXL change:', 'Update the tables after 0123456789abcdef0123 changed them:');
  assert.ok(rules(prose, 'kernel').includes('GIT_COMMIT_ID'));
});

test('qemu: GIT_COMMIT_ID is a CHECK (QEMU has no such rule); DIFF_IN_COMMIT_MSG outside the ACPI process is a warning', () => {
  const text = mail({ subject: 'hw/foo: drop bar', body: 'The last user went away in commit 3f461a0c0b ("hw: drop baz").', stat: MODIFY_STAT, diff: MODIFY_DIFF });
  assert.deepEqual(findings(text, 'kernel').filter((f) => f.rule === 'GIT_COMMIT_ID').map((f) => f.severity), ['error']);
  assert.deepEqual(findings(text, 'qemu').filter((f) => f.rule === 'GIT_COMMIT_ID').map((f) => f.severity), ['information']);
  assert.ok(!rules(text, 'qemu', false).includes('GIT_COMMIT_ID'), 'hidden without --strict');
  const diffInLog = mail({ subject: 'hw/foo: tweak', body: 'Like this:\n\n  --- a/hw/foo.c\n  +++ b/hw/foo.c', stat: MODIFY_STAT, diff: MODIFY_DIFF });
  assert.deepEqual(findings(diffInLog, 'qemu').filter((f) => f.rule === 'DIFF_IN_COMMIT_MSG').map((f) => f.severity), ['warning']);
});

test('MISSING_EOF_NEWLINE: a symbolic link has no final newline by nature', () => {
  const link = (mode: string[]): string =>
    mail({
      subject: 'rust: link build.rs',
      body: 'Share the build script.',
      stat: [' rust/qom/build.rs | 1 +', ' 1 file changed, 1 insertion(+)'],
      diff: ['diff --git a/rust/qom/build.rs b/rust/qom/build.rs', ...mode, '--- /dev/null', '+++ b/rust/qom/build.rs', '@@ -0,0 +1 @@', '+../build.rs', '\\ No newline at end of file'],
    });
  assert.ok(!rules(link(['new file mode 120000', 'index 0000000..ee1c2c5']), 'kernel').includes('MISSING_EOF_NEWLINE'));
  assert.ok(!rules(link(['index 0000000..ee1c2c5 120000']), 'qemu').includes('MISSING_EOF_NEWLINE'));
  assert.ok(rules(link(['new file mode 100644', 'index 0000000..ee1c2c5']), 'kernel').includes('MISSING_EOF_NEWLINE'));
});
