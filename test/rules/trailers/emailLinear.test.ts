/**
 * parseEmail/formatEmail match addresses in linear time. The reference here is checkpatch's own
 * regexes (as the first port used them), compared on many random short strings where the regexes
 * are fast; hostile long inputs must come back at all (the regexes took seconds on them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEmail, parseEmail, type ParsedEmail } from '../../../server/src/rules/shared/email';

/** checkpatch's three regexes, as Perl (and V8) run them: the reference for the split. */
function referenceSplit(formatted: string): { name: string; address: string; comment: string } {
  let m: RegExpExecArray | null;
  if ((m = /^(.*)<(\S+@\S+)>(.*)$/.exec(formatted))) return { name: m[1]!, address: m[2]!, comment: m[3] ?? '' };
  if ((m = /^\s*<(\S+@\S+)>(.*)$/.exec(formatted))) return { name: '', address: m[1]!, comment: m[2] ?? '' };
  if ((m = /(\S+@\S+)(.*)$/.exec(formatted))) {
    const name = formatted.slice(0, m.index).trim().replace(/^"|"$/g, '');
    if (name !== '' && !/^<[^>]+>$/.test(m[1]!)) return { name: '', address: '', comment: '' };
    return { name, address: m[1]!, comment: m[2] ?? '' };
  }
  return { name: '', address: '', comment: '' };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('the linear matcher splits addresses exactly as checkpatch\'s regexes do', () => {
  const alphabet = ['a', 'b', '@', '<', '>', ' ', ' ', '.', '"', '(', ')', '#', 'x', '\t', ',', '\r'];
  const next = rng(7);
  let checked = 0;
  for (let k = 0; k < 40000; k++) {
    const len = 1 + Math.floor(next() * 14);
    let t = '';
    for (let i = 0; i < len; i++) t += alphabet[Math.floor(next() * alphabet.length)];
    const ref = referenceSplit(t);
    const got = parseEmail(t);
    // Compare what the split decides: the address and whether there is one.
    const refAddress = ref.address.trim().replace(/^<|>$/g, '');
    assert.equal(got.address, refAddress, `address of ${JSON.stringify(t)}`);
    assert.equal(got.comment, ref.comment.trim(), `comment of ${JSON.stringify(t)}`);
    checked++;
  }
  assert.equal(checked, 40000);
});

test('real signature values keep their parse', () => {
  const cases: [string, Partial<ParsedEmail>][] = [
    ['Jane Doe <jane@example.org>', { name: 'Jane Doe', address: 'jane@example.org', comment: '' }],
    ['"Doe, Jane" <jane@example.org> # 6.1.x', { name: '"Doe, Jane"', address: 'jane@example.org', comment: '# 6.1.x' }],
    ['<jane@example.org>', { name: '', address: 'jane@example.org' }],
    ['jane@example.org', { name: '', address: 'jane@example.org' }],
    ['Jane Doe (maintainer) <jane@example.org>', { name: 'Jane Doe', nameComment: '(maintainer)', address: 'jane@example.org' }],
    ['Jane Doe jane@example.org', { name: '', address: '' }],
  ];
  for (const [text, want] of cases) {
    const got = parseEmail(text);
    for (const [k, v] of Object.entries(want)) assert.equal(got[k as keyof ParsedEmail], v, `${k} of ${text}`);
  }
  assert.equal(formatEmail(parseEmail('Jane Doe <jane@example.org.>')), 'Jane Doe <jane@example.org>');
  assert.equal(formatEmail(parseEmail('jane@example.org,')), 'jane@example.org');
});

test('hostile long values are parsed (no catastrophic backtracking)', () => {
  // Each of these took seconds with the regexes; here they must simply come back.
  const hostile = ['<a@'.repeat(5000), 'x'.repeat(20000) + '@', ' '.repeat(20000) + 'x', '('.repeat(20000), '.'.repeat(20000) + 'x'];
  for (const h of hostile) {
    const e = parseEmail(h);
    assert.equal(typeof formatEmail(e), 'string');
  }
});
