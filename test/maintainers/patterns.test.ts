/**
 * MAINTAINERS patterns on linear-time engines (server/src/maintainers/patterns.ts): property
 * tests against JavaScript's RegExp on patterns both can run safely, and the hostile ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, compilePerlPattern, globMatchesPrefix, setPatternWarningSink, translatePerl } from '../../server/src/maintainers/patterns';

/** Small regexes of the kind MAINTAINERS holds (literals, classes, groups, alternation, \b, quantifiers). */
const atom = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '_', '.', '\\b', '[ab]', '[^a]', '\\d', '\\w', '\\s'),
  fc.constantFrom('x', 'y').map((c) => c),
);
const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,2}')).map(([a, q]) => (a === '\\b' ? a : a + q));
const seq = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const regex = fc.oneof(seq, fc.tuple(seq, seq).map(([a, b]) => `(?:${a}|${b})`), fc.tuple(seq, seq).map(([a, b]) => `${a}(${b})`));
const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', 'y', '_', ' ', '1', '/'), maxLength: 12 });

test('property: N:/K: patterns give the answer JavaScript RegExp gives, on patterns both run safely', () => {
  fc.assert(
    fc.property(regex, subject, fc.integer({ min: 0, max: 3 }), (source, s, from) => {
      const p = compilePerlPattern(source);
      assert.ok(p, source);
      assert.equal(p.test(s), new RegExp(source).test(s), `${source} on ${JSON.stringify(s)}`);
      const g = new RegExp(source, 'g');
      g.lastIndex = from;
      const expected = from > s.length ? false : g.test(s);
      assert.equal(p.testFrom(s, from), expected, `${source} on ${JSON.stringify(s)} from ${from}`);
    }),
    { numRuns: 400 },
  );
});

test('property: F: globs match what get_maintainer\'s regex (* -> .*, ? -> ., prefix) matches', () => {
  const glob = fc.array(fc.constantFrom('a', 'b', '/', '.', '*', '?', '[ab]', '[^a]'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
  const toRegex = (g: string) => new RegExp('^' + g.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?(?![^[]*\])/g, '.'));
  fc.assert(
    fc.property(glob, fc.string({ unit: fc.constantFrom('a', 'b', '/', '.', 'c'), maxLength: 12 }), (g, s) => {
      assert.equal(globMatchesPrefix(compileGlob(g), s), toRegex(g).test(s), `${g} on ${s}`);
    }),
    { numRuns: 500 },
  );
});

test('catastrophic patterns run in linear time; Perl-only constructs are approximated with one warning each', () => {
  const evil = compilePerlPattern('(a+)+$')!;
  assert.equal(evil.test(`${'a'.repeat(100_000)}!`), false);
  assert.equal(compilePerlPattern('(x+x+)+y')!.test('x'.repeat(100_000)), false);
  assert.equal(globMatchesPrefix(compileGlob('*a'.repeat(30) + 'b'), 'a'.repeat(10_000)), false);
  const warnings: string[] = [];
  setPatternWarningSink((m) => warnings.push(m));
  const back = compilePerlPattern('(foo)\\1bar')!;
  compilePerlPattern('(foo)\\1bar');
  assert.ok(back.approximate && back.test('foofoobar'));
  const ahead = compilePerlPattern('foo(?!bar)')!;
  assert.ok(ahead.approximate && ahead.test('foobaz'));
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0]!, /backreference/);
  assert.deepEqual(translatePerl('a # comment'), { re2: 'a', approximate: [] });
  // Lookbehinds run as written (re2js supports captureless ones in linear time).
  const behind = compilePerlPattern('(?<!@)sifive')!;
  assert.equal(behind.approximate, false);
  assert.equal(behind.test('x@sifive'), false);
  assert.equal(behind.test('xsifive'), true);
});
