/**
 * Differential test of the diff parser against parse-diff, an independent reading of unified
 * diffs (a devDependency: it cannot serve the model, see server/src/parse/diff.ts). On every
 * well-formed diff of ../shared/corpus (patchsmith's parser reports no problem for the message),
 * both must see the same files (paths, new/deleted), the same hunks (header numbers) and the
 * same added, deleted and context lines per hunk.
 *
 * Skipped with a message when the corpus is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import parseDiff from 'parse-diff';
import { parsePatch } from '../../server/src/parse/parsePatch';
import type { DiffFile } from '../../server/src/model/types';

const repoRoot = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const absent = fs.existsSync(corpus) ? undefined : `corpus not found at ${corpus}: skipping`;

function walk(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.patch')) out.push(p);
  }
  return out;
}

interface Shape {
  from: string;
  to: string;
  isNew: boolean;
  isDeleted: boolean;
  hunks: string[];
}

/** `-a,b +c,d: +added -deleted =context` for each hunk. */
function hunkShape(h: { oldStart: number; oldLines: number; newStart: number; newLines: number }, add: number, del: number, normal: number): string {
  return `-${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}: +${add} -${del} =${normal}`;
}

function ours(f: DiffFile): Shape {
  return {
    from: f.from,
    to: f.to,
    isNew: f.isNew,
    isDeleted: f.isDeleted,
    hunks: f.hunks.map((h) =>
      hunkShape(
        h,
        [...h.lines].filter((l) => l.kind === 'add').length,
        [...h.lines].filter((l) => l.kind === 'del').length,
        [...h.lines].filter((l) => l.kind === 'normal').length,
      ),
    ),
  };
}

/** parse-diff keeps `\ No newline at end of file` as one more change of the side it follows; git counts it on neither. */
const marker = (x: parseDiff.Change): boolean => x.content.startsWith('\\');

function theirs(f: parseDiff.File): Shape {
  return {
    from: f.from ?? '',
    to: f.to ?? '',
    isNew: f.new === true,
    isDeleted: f.deleted === true,
    hunks: f.chunks.map((c) =>
      hunkShape(
        c,
        c.changes.filter((x) => x.type === 'add' && !marker(x)).length,
        c.changes.filter((x) => x.type === 'del' && !marker(x)).length,
        c.changes.filter((x) => x.type === 'normal').length,
      ),
    ),
  };
}

test('patchsmith and parse-diff read the same files, hunks and line counts on every well-formed corpus diff', { skip: absent }, (t) => {
  let compared = 0;
  let files = 0;
  let hunks = 0;
  let skipped = 0;
  const differences: string[] = [];
  for (const file of walk(corpus, [])) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = parsePatch(text);
    for (const msg of doc.messages) {
      const diff = msg.diff;
      if (!diff || diff.files.length === 0) continue;
      // Well-formed: no parse problem, git diffs only (parse-diff does not read quilt's `Index:` or
      // OpenWrt's header-less form the same way), no binary or C-quoted paths.
      if (msg.problems.length || doc.problems.length || diff.files.some((f) => f.binary || /["\\]/.test(f.from + f.to) || !/^diff --git /.test(doc.lines.get(f.startLine) ?? ''))) {
        skipped++;
        continue;
      }
      const region = doc.lines.slice(diff.startLine, diff.endLine + 1).join('\n');
      const a = diff.files.map(ours);
      const b = parseDiff(region).map(theirs);
      compared++;
      files += a.length;
      hunks += a.reduce((n, f) => n + f.hunks.length, 0);
      try {
        assert.deepEqual(a, b);
      } catch {
        differences.push(`${path.relative(corpus, file)}:\n  patchsmith ${JSON.stringify(a).slice(0, 400)}\n  parse-diff ${JSON.stringify(b).slice(0, 400)}`);
      }
    }
  }
  t.diagnostic(`${compared} diffs compared (${files} files, ${hunks} hunks); ${skipped} left out (damaged, binary, quoted paths or not git diffs)`);
  assert.ok(compared > 500, `only ${compared} diffs compared`);
  assert.deepEqual(differences.slice(0, 10), [], `${differences.length} diffs read differently`);
});
