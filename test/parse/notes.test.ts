import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isChangelogLine, parseNotes, scanNotesMetadata } from '../../server/src/parse/notes';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');

function fixture(name: string): string[] {
  const lines = fs.readFileSync(path.join(repoRoot, 'test/fixtures/diff', name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

test('notes with changelog, range-diff, base-commit, change-id and prerequisites', () => {
  const lines = fixture('notes.patch');
  const notes = parseNotes(new ArrayLines(lines), 6, 25);
  assert.equal(notes.separatorLine, 6);
  assert.equal(notes.startLine, 7);
  assert.equal(notes.endLine, 21, 'the notes end before the diffstat');
  assert.deepEqual(notes.changelogLines, [7, 10]);
  assert.equal(notes.rangeDiffLine, 13);
  assert.equal(notes.interdiffLine, null);
  const sha = '89abcdef0123456789abcdef0123456789abcdef';
  assert.deepEqual(notes.baseCommit, {
    sha,
    line: 18,
    range: { start: { line: 18, character: 13 }, end: { line: 18, character: 13 + sha.length } },
  });
  assert.equal(notes.changeId?.value, '20240101-frob-0123456789ab');
  assert.equal(notes.changeId?.line, 19);
  assert.deepEqual(notes.changeId?.range.start, { line: 19, character: 11 });
  assert.deepEqual(notes.prerequisites, [
    { key: 'prerequisite-patch-id', value: '0123456789abcdef0123456789abcdef01234567', line: 20 },
  ]);
});

test('empty notes: only the diffstat follows the separator', () => {
  const lines = ['Signed-off-by: A <a@b.c>', '---', ' a.c | 2 +-', ' 1 file changed, 1 insertion(+), 1 deletion(-)', '', 'diff --git a/a.c b/a.c'];
  const notes = parseNotes(new ArrayLines(lines), 1, 5);
  assert.equal(notes.startLine, 2);
  assert.ok(notes.endLine < notes.startLine);
  assert.deepEqual(notes.changelogLines, []);
  assert.equal(notes.baseCommit, null);
});

test('trailing blank lines are not part of the notes; interdiff header', () => {
  const lines = ['---', 'v2: rebased', '', 'Interdiff against v1:', '  diff --git a/x b/x', '', ''];
  const notes = parseNotes(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual([notes.startLine, notes.endLine, notes.interdiffLine], [1, 4, 3]);
  assert.deepEqual(notes.changelogLines, [1]);
});

test('metadata after a cover letter diffstat is found', () => {
  const lines = fixture('cover-git.patch');
  const notes = parseNotes(new ArrayLines(lines), 5, 20);
  assert.equal(notes.baseCommit?.sha, '5b6446c90eaecf317820ee697367d34b258ff18e');
  assert.equal(notes.baseCommit?.line, 19);
  assert.equal(notes.endLine, 12, 'up to the shortlog end, before the diffstat');
});

test('changelog header forms', () => {
  const yes = [
    'Changes in v3:',
    'changes in V2',
    'Changes since v2:',
    'Changes from v1:',
    'Change since V1',
    'Changes v1 -> v2:',
    'Changes in v2 -> v3:',
    'Changes v2:',
    'v2 -> v3:',
    'V1 -> V2',
    'v1->v2:',
    'v2:',
    'V3: dropped patch 2',
    'v2 changes:',
    'Changelog:',
    'Changes:',
    'Since v1:',
  ];
  for (const l of yes) assert.ok(isChangelogLine(l), l);
  const no = [
    'Changes the way foo works in v2 of the API',
    'This changes v2 handling.',
    'v2 of the driver is better',
    '- v2: indented bullet',
    'Changes are needed',
    'version 2',
  ];
  for (const l of no) assert.ok(!isChangelogLine(l), l);
});

test('scanNotesMetadata: first base-commit wins; values with CR', () => {
  const meta = scanNotesMetadata(new ArrayLines(['base-commit: abc123\r', 'base-commit: def456', 'prerequisite-message-id: <x@y>']), 0, 3);
  assert.equal(meta.baseCommit?.sha, 'abc123');
  assert.deepEqual(meta.prerequisites, [{ key: 'prerequisite-message-id', value: '<x@y>', line: 2 }]);
});
