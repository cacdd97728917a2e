/**
 * Whitespace damage (context lines that lost their leading space, as a mail client does; git
 * apply says "corrupt patch"), on a real patch made and checked by git: the parser recognises
 * it, CORRUPTED_PATCH reports it once per hunk with the repair (the spaces given back, which
 * `git apply --check` then accepts), and neither DIFFSTAT_MISMATCH nor HUNK_HEADER_MISMATCH
 * cascades from it (today's `-47,0 +47,0` and a diffstat of 0 destroyed information).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commit, git, makeRepo, removeRepo } from '../../helpers/gitRepo';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { mergeConfig } from '../../../server/src/config/layer';
import { runTextRules } from '../../../server/src/rules/engine';
import { applyEdits, applyFixes } from '../../../server/src/rules/fixes';
import { diffRules } from '../../../server/src/rules/diff';

function file(from: number, to: number, change: (i: number) => string | null = () => null): string {
  let s = '';
  for (let i = from; i <= to; i++) s += (change(i) ?? (i % 7 ? `\tint line${i} = ${i};` : '')) + '\n';
  return s;
}

/** What a mail client does: the leading space of every context line dropped. */
function damage(patch: string): string {
  let inHunk = false;
  return patch
    .split('\n')
    .map((l) => {
      if (l.startsWith('@@')) inHunk = true;
      else if (l.startsWith('-- ') || l.startsWith('diff --git')) inHunk = false;
      return inHunk && l.startsWith(' ') ? l.slice(1) : l;
    })
    .join('\n');
}

async function applies(dir: string, patch: string): Promise<boolean> {
  const p = path.join(dir, 'check.patch');
  fs.writeFileSync(p, patch);
  try {
    await git(dir, ['apply', '--check', p]);
    return true;
  } catch {
    return false;
  }
}

test('whitespace damage: recognised, repaired (git apply agrees), and no cascade', async () => {
  const dir = await makeRepo({ prefix: 'patchsmith-wsdamage-' });
  try {
    await commit(dir, { message: 'init\n', files: { 'f.c': file(1, 100), 'g.c': file(1, 30) } });
    const base = (await git(dir, ['rev-parse', 'HEAD'])).trim();
    await commit(dir, {
      message: 'f: change two lines\n\nBody text here.\n\nSigned-off-by: Test User <test@example.org>\n',
      files: {
        'f.c': file(1, 100, (i) => (i === 50 ? '\tint line50 = 51;' : i === 52 ? '\tint line52 = 99;' : i === 90 ? null : null)),
        'g.c': file(1, 30, (i) => (i === 3 ? '\tint line3 = 4;' : null)),
      },
    });
    const patch = await git(dir, ['format-patch', '-1', '--stdout']);
    await git(dir, ['checkout', '-q', base]);
    assert.ok(await applies(dir, patch), 'git applies the original');
    const damaged = damage(patch);
    assert.notEqual(damaged, patch);
    assert.equal(await applies(dir, damaged), false, 'git apply rejects the damaged patch');

    const doc = parsePatch(damaged);
    const hunks = doc.messages[0]!.diff!.files.flatMap((f) => f.hunks);
    assert.equal(hunks.length, 2);
    for (const h of hunks) {
      assert.equal(h.damage?.kind, 'lost-leading-space');
      assert.equal(h.actualOldLines, h.oldLines);
      assert.equal(h.actualNewLines, h.newLines);
    }

    const config = mergeConfig([{ profile: 'kernel', strict: true }]);
    const found = runTextRules(doc, config, { rules: diffRules });
    assert.deepEqual(
      found.map((f) => f.rule),
      ['CORRUPTED_PATCH', 'CORRUPTED_PATCH'],
      `one finding a damaged hunk, nothing cascades: ${JSON.stringify(found.map((f) => f.message))}`,
    );
    for (const f of found) assert.equal(f.fix?.safety, 'unsafe');
    // Only the repair is offered; applied, it gives back exactly what git made.
    const r = applyFixes(damaged, found.map((f) => f.fix!));
    assert.equal(r.text, patch);
    assert.ok(await applies(dir, r.text), 'git apply --check accepts the repaired patch');
    // Safe fixes alone change nothing here.
    assert.equal(applyFixes(damaged, found.map((f) => f.fix!).filter((x) => x.safety === 'safe')).text, damaged);
    // And each repair on its own is exact too.
    assert.ok(applyEdits(damaged, found[0]!.fix!.edits));
  } finally {
    await removeRepo(dir);
  }
});

test('a short hunk that is not whitespace damage stays corrupt, without derived fixes', () => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/diff/hunk-count.patch'), 'utf8');
  const doc = parsePatch(text);
  const damaged = doc.messages.flatMap((m) => m.diff?.files ?? []).flatMap((f) => f.hunks).filter((h) => h.damage !== null);
  assert.ok(damaged.length > 0);
  for (const h of damaged) assert.equal(h.damage?.kind, 'corrupt');
  const found = runTextRules(doc, mergeConfig([{ strict: true }]), { rules: diffRules });
  const short = found.find((f) => f.rule === 'HUNK_HEADER_MISMATCH' && f.range.start.line === damaged[0]!.headerLine);
  assert.ok(short, 'the short hunk is reported');
  assert.equal(short.fix, undefined, 'no recount of a short hunk');
  for (const f of found) {
    if (f.rule === 'DIFFSTAT_MISMATCH') assert.equal(f.fix, undefined, 'no diffstat from a damaged hunk');
    // A hunk with lines added by hand after its end: the recount is offered, as a guess.
    if (f.rule === 'HUNK_HEADER_MISMATCH' && f !== short) assert.equal(f.fix?.safety, 'unsafe');
  }
});
