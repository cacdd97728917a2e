import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPerson, parsePerson } from '../../server/src/parse/person';
import { span } from '../../server/src/model/range';

test('Name <email> with ranges offset by line and column', () => {
  const p = parsePerson('A U Thor <author@example.org>', 7, 15);
  assert.ok(p);
  assert.equal(p.name, 'A U Thor');
  assert.equal(p.email, 'author@example.org');
  assert.equal(p.comment, null);
  assert.deepEqual(p.nameRange, span(7, 15, 23));
  assert.deepEqual(p.emailRange, span(7, 25, 43));
  assert.equal(p.commentRange, null);
});

test('quoted name with a comma and escaped quote', () => {
  const p = parsePerson('"Thor, A. \\"Jr\\"" <a@x.org>', 0, 0);
  assert.ok(p);
  assert.equal(p.name, 'Thor, A. "Jr"');
  assert.equal(p.email, 'a@x.org');
  assert.deepEqual(p.nameRange, span(0, 1, 16));
});

test('<email> only and bare email', () => {
  const a = parsePerson('<a@x.org>', 0, 0);
  assert.deepEqual(a && [a.name, a.email, a.nameRange, a.emailRange], ['', 'a@x.org', null, span(0, 1, 8)]);
  const b = parsePerson('a@x.org', 2, 4);
  assert.deepEqual(b && [b.name, b.email, b.emailRange], ['', 'a@x.org', span(2, 4, 11)]);
});

test('notes after the address: # note, (note), [note]', () => {
  const stable = parsePerson('<stable@vger.kernel.org> # 6.1.x', 0, 0);
  assert.equal(stable?.comment, '# 6.1.x');
  assert.deepEqual(stable?.commentRange, span(0, 25, 32));
  assert.equal(parsePerson('A <a@x.org> (maintainer)', 0, 0)?.comment, '(maintainer)');
  assert.equal(parsePerson('A <a@x.org> [for the arm64 part]', 0, 0)?.comment, '[for the arm64 part]');
  assert.equal(parsePerson('a@x.org (x)', 0, 0)?.comment, '(x)');
});

test('trailing punctuation of a bare address goes to the comment', () => {
  const p = parsePerson('a@x.org.', 0, 0);
  assert.deepEqual(p && [p.email, p.comment], ['a@x.org', '.']);
  assert.equal(parsePerson('A <a@x.org>,', 0, 0)?.comment, ',');
});

test('Name email without brackets keeps the name', () => {
  const p = parsePerson('Some One some@x.org', 0, 0);
  assert.deepEqual(p && [p.name, p.email], ['Some One', 'some@x.org']);
});

test('a < inside quotes does not start the address', () => {
  const p = parsePerson('"a <b" <c@x.org>', 0, 0);
  assert.deepEqual(p && [p.name, p.email], ['a <b', 'c@x.org']);
});

test('no email at all -> null', () => {
  assert.equal(parsePerson('Name only', 0, 0), null);
  assert.equal(parsePerson('Name <not-an-address>', 0, 0), null);
  assert.equal(parsePerson('', 0, 0), null);
});

test('formatPerson', () => {
  assert.equal(formatPerson({ name: 'A U Thor', email: 'a@x.org' }), 'A U Thor <a@x.org>');
  assert.equal(formatPerson({ name: '', email: 'a@x.org' }), 'a@x.org');
});
