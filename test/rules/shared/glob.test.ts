/**
 * b4's trailer-order patterns: one fnmatch implementation (server/src/rules/shared/glob.ts),
 * checked against Python's own fnmatch (b4 calls fnmatch.fnmatch) when python3 is installed,
 * against a regular-expression reference on small generated inputs (fast-check), and on the
 * patterns that made the old regex-based matcher hang. TRAILER_ORDER and Sort Trailers read
 * the same matcher, so they agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { compileGlob, globMatch, TrailerOrder } from '../../../server/src/rules/shared/glob';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { runTextRules } from '../../../server/src/rules/engine';
import { trailerOrder } from '../../../server/src/rules/trailers/trailerOrder';
import { sortTrailers } from '../../../server/src/lsp/trailerEdits';
import { mergeConfig } from '../../../server/src/config/layer';

/** Python's fnmatch.translate, written out as a JS RegExp (a backtracking reference for small inputs). */
function reference(pattern: string, text: string): boolean {
  const p = Array.from(pattern);
  let re = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i++]!;
    if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      let j = i;
      if (j < p.length && p[j] === '!') j++;
      if (j < p.length && p[j] === ']') j++;
      while (j < p.length && p[j] !== ']') j++;
      if (j >= p.length) re += '\\[';
      else {
        const negate = p[i] === '!';
        const body = p.slice(negate ? i + 1 : i, j);
        const alts: string[] = [];
        for (let k = 0; k < body.length; ) {
          if (k + 2 < body.length && body[k + 1] === '-') {
            const lo = body[k]!.codePointAt(0)!;
            const hi = body[k + 2]!.codePointAt(0)!;
            for (let x = lo; x <= hi; x++) alts.push(String.fromCodePoint(x));
            k += 3;
          } else alts.push(body[k++]!);
        }
        const set = alts.map((a) => a.replace(/[\\\]^-]/g, '\\$&')).join('');
        re += negate ? (set ? `[^${set}]` : '[^]') : set ? `[${set}]` : '(?!)';
        i = j + 1;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 'u').test(text);
}

const ALPHABET = ['a', 'b', '-', '*', '?', '[', ']', '!', 'y'];
const patternArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((a) => a.join(''));
const textArb = fc.array(fc.constantFrom('a', 'b', '-', '[', ']', '!', 'y', 'z'), { maxLength: 8 }).map((a) => a.join(''));

test('glob: agrees with a regular-expression reference of fnmatch on small inputs', () => {
  fc.assert(
    fc.property(patternArb, textArb, (pattern, text) => globMatch(pattern, text) === reference(pattern, text)),
    { numRuns: 5000 },
  );
});

test("glob: agrees with Python's fnmatch.fnmatch (what b4 calls)", (t) => {
  const cases: [string, string][] = [];
  fc.assert(
    fc.property(patternArb, textArb, (p, s) => {
      cases.push([p, s]);
    }),
    { numRuns: 1500, seed: 8 },
  );
  cases.push(['reported?by', 'reported-by'], ['fixes*', 'fixes'], ['[a-c]x', 'bx'], ['[!a]', 'a'], ['[]]', ']'], ['[z-a]', 'a'], ['*', '']);
  let out: string;
  try {
    out = execFileSync(
      'python3',
      ['-c', 'import fnmatch,json,sys\nprint(json.dumps([fnmatch.fnmatchcase(s,p) for p,s in json.load(sys.stdin)]))'],
      { input: JSON.stringify(cases), encoding: 'utf8', timeout: 20_000 },
    );
  } catch {
    t.skip('python3 is not installed');
    return;
  }
  const expected = JSON.parse(out) as boolean[];
  cases.forEach(([p, s], k) => assert.equal(globMatch(p, s), expected[k], `fnmatch(${JSON.stringify(s)}, ${JSON.stringify(p)})`));
});

test('glob: patterns that backtrack exponentially in a regex engine stay fast', () => {
  const pattern = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
  const key = 'a'.repeat(60);
  const started = process.hrtime.bigint();
  assert.equal(globMatch(pattern, key), false);
  assert.equal(new TrailerOrder([pattern, '*']).rank(key), 1);
  // Not a timing assertion of speed, a guard against a hang: the old matcher took minutes.
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  assert.equal(compileGlob('**a**').tokens.length, 3, 'runs of * are one star');
});

const PATCH = [
  'From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001',
  'From: Jane Doe <jane@example.org>',
  'Date: Mon, 1 Jan 2024 00:00:00 +0000',
  'Subject: [PATCH] foo: fix the bar',
  '',
  'The bar was wrong.',
  '',
  'Signed-off-by: Jane Doe <jane@example.org>',
  'Cc: Someone <someone@example.org>',
  'Reported-by: Joe Bloggs <joe@example.org>',
  'Signed-off-by: John Roe <john@example.org>',
  '---',
  ' foo.c | 1 +',
  '',
].join('\n');

test("TRAILER_ORDER and Sort Trailers agree: ['reported?by', '*'] moves Reported-by first", () => {
  const doc = parsePatch(PATCH);
  const order = ['reported?by', '*'];
  const config = { ...mergeConfig([{ profile: 'kernel' }]), trailerOrder: order };
  const found = runTextRules(doc, config, { rules: [trailerOrder] });
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /'Reported-by:' should come before 'Cc:'/);
  const edit = sortTrailers(doc, doc.messages[0]!, order, 'john@example.org');
  assert.ok(edit, 'Sort Trailers has something to do');
  assert.deepEqual(found[0]!.fix?.edits, [edit]);
  // In order: both quiet.
  const sorted = PATCH.replace('Cc: Someone <someone@example.org>\nReported-by: Joe Bloggs <joe@example.org>', 'Reported-by: Joe Bloggs <joe@example.org>\nCc: Someone <someone@example.org>');
  const doc2 = parsePatch(sorted);
  assert.deepEqual(runTextRules(doc2, config, { rules: [trailerOrder] }), []);
  assert.equal(sortTrailers(doc2, doc2.messages[0]!, order, 'john@example.org'), null);
});
