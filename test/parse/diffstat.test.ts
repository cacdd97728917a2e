import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDiffstat } from '../../server/src/parse/diffstat';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');

function fixture(name: string): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'test/fixtures/diff', name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

test('git diffstat with .../ truncation, Bin, a rename, zero-change files and --summary lines', () => {
  const lines = fixture('kitchen-sink.patch');
  const ds = parseDiffstat(new ArrayLines(lines), 9, 24);
  assert.ok(ds);
  assert.deepEqual([ds.startLine, ds.endLine, ds.summaryLine], [9, 22, 17]);
  assert.deepEqual([ds.filesChanged, ds.insertions, ds.deletions, ds.scaled], [8, 6, 3, false]);
  assert.deepEqual(
    ds.files.map((f) => [f.path, f.oldPath, f.changes, f.added, f.deleted, f.binary, f.line]),
    [
      ['a.txt', null, 3, 2, 1, false, 9],
      ['blob.bin', null, null, 0, 0, true, 10],
      ['created.c', null, 2, 2, 0, false, 11],
      ['.../that/goes/on/and/on/forever/and/ever/file.c', null, 1, 1, 0, false, 12],
      ['gone.txt', null, 1, 0, 1, false, 13],
      ['new_name.c', 'old_name.c', 0, 0, 0, false, 14],
      ['nonl.txt', null, 2, 1, 1, false, 15],
      ['run.sh', null, 0, 0, 0, false, 16],
    ],
  );
  const a = ds.files[0];
  assert.ok(a);
  assert.deepEqual(a.pathRange, { start: { line: 9, character: 1 }, end: { line: 9, character: 6 } });
  const countAt = (lines[9] ?? '').indexOf('3 ++-');
  assert.deepEqual(a.countRange, { start: { line: 9, character: countAt }, end: { line: 9, character: countAt + 5 } });
  assert.deepEqual(ds.summaryRange, { start: { line: 17, character: 1 }, end: { line: 17, character: (lines[17] ?? '').length } });
  assert.deepEqual(
    ds.modes.map((m) => [m.kind, m.text, m.line]),
    [
      ['create', 'create mode 100644 blob.bin', 18],
      ['create', 'create mode 100644 created.c', 19],
      ['delete', 'delete mode 100644 gone.txt', 20],
      ['rename', 'rename old_name.c => new_name.c (100%)', 21],
      ['mode', 'mode change 100644 => 100755 run.sh', 22],
    ],
  );
});

test('scaled bars, quoted names and {a => b} renames', () => {
  const lines = fixture('quoted-rename-scaled.patch');
  const ds = parseDiffstat(new ArrayLines(lines), 7, 15);
  assert.ok(ds);
  assert.equal(ds.scaled, true);
  assert.deepEqual(
    ds.files.map((f) => [f.path, f.oldPath, f.changes]),
    [
      ['café.txt', null, 1],
      ['lib/other/moved.c', 'lib/sub/moved.c', 3],
      ['lib/sub/big.c', null, 80],
      ['with space.txt', null, 2],
    ],
  );
  const big = ds.files[2];
  assert.ok(big);
  assert.ok(big.added + big.deleted < 80, 'bar counts are kept as written');
  assert.deepEqual(
    ds.modes.map((m) => m.kind),
    ['create', 'rename'],
  );
});

test('singular and one-sided summaries', () => {
  const one = parseDiffstat(new ArrayLines([' a.c | 1 +', ' 1 file changed, 1 insertion(+)']), 0, 2);
  assert.ok(one);
  assert.deepEqual([one.filesChanged, one.insertions, one.deletions], [1, 1, 0]);
  const del = parseDiffstat(new ArrayLines([' a.c | 2 --', ' b.c | 1 -', ' 2 files changed, 3 deletions(-)']), 0, 3);
  assert.ok(del);
  assert.deepEqual([del.filesChanged, del.insertions, del.deletions, del.files.length], [2, 0, 3, 2]);
  const mixed = parseDiffstat(new ArrayLines([' a.c | 2 +-', ' 1 file changed, 1 insertion(+), 1 deletion(-)']), 0, 2);
  assert.deepEqual([mixed?.insertions, mixed?.deletions], [1, 1]);
});

test('{ => b} renames drop the empty part', () => {
  const ds = parseDiffstat(new ArrayLines([' lib/{ => sub}/x.c | 0', ' {old => new}/y.c | 0', ' 2 files changed, 0 insertions(+), 0 deletions(-)']), 0, 3);
  assert.deepEqual(
    ds?.files.map((f) => [f.path, f.oldPath]),
    [
      ['lib/sub/x.c', 'lib/x.c'],
      ['new/y.c', 'old/y.c'],
    ],
  );
});

test('the diffstat is the last one in the notes; user notes come before it', () => {
  const lines = [
    'Changes in v2:',
    '- fix foo | 3 places',
    '',
    ' old.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    ' new.c | 4 ++--',
    ' 1 file changed, 2 insertions(+), 2 deletions(-)',
    '',
  ];
  const ds = parseDiffstat(new ArrayLines(lines), 0, lines.length);
  assert.ok(ds);
  assert.deepEqual([ds.startLine, ds.endLine, ds.files[0]?.path], [6, 7, 'new.c']);
});

test('without a summary line, only file lines that end the region count', () => {
  const tail = parseDiffstat(new ArrayLines(['notes', '', ' a.c | 2 +-', ' b.c | 1 +', '']), 0, 5);
  assert.ok(tail);
  assert.deepEqual([tail.filesChanged, tail.insertions, tail.summaryLine, tail.files.length, tail.startLine, tail.endLine], [null, null, null, 2, 2, 3]);
  assert.equal(parseDiffstat(new ArrayLines([' a.c | 2 +-', 'more notes']), 0, 2), null);
  assert.equal(parseDiffstat(new ArrayLines(['just notes', 'x | y']), 0, 2), null);
  assert.equal(parseDiffstat(new ArrayLines([]), 0, 3), null);
});

test('CRLF diffstat', () => {
  const ds = parseDiffstat(new ArrayLines([' a.c | 2 +-\r', ' 1 file changed, 1 insertion(+), 1 deletion(-)\r']), 0, 2);
  assert.deepEqual([ds?.files[0]?.path, ds?.files[0]?.added, ds?.insertions], ['a.c', 1, 1]);
});
