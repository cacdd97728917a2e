/**
 * checkpatch's email parsing and formatting (server/src/rules/shared/email.ts), which decides
 * BAD_SIGN_OFF's suggestions and the From:/Signed-off-by: comparison.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEmail, parseEmail, reformatEmail, sameEmailAddresses, withoutSubaddress } from '../../../server/src/rules/shared/email';
import { editDistance, nearestStandardSignature, ucfirstLc } from '../../../server/src/rules/shared/signature';

test('parseEmail: the accepted forms, and names without brackets are invalid', () => {
  assert.deepEqual(parseEmail('Jane Doe <jane@example.org>'), { name: 'Jane Doe', nameComment: '', address: 'jane@example.org', comment: '' });
  assert.deepEqual(parseEmail('<jane@example.org>'), { name: '', nameComment: '', address: 'jane@example.org', comment: '' });
  assert.deepEqual(parseEmail('jane@example.org # v5.10+'), { name: '', nameComment: '', address: 'jane@example.org', comment: '# v5.10+' });
  assert.deepEqual(parseEmail('Jane Doe jane@example.org'), { name: '', nameComment: '', address: '', comment: '' });
  assert.equal(formatEmail(parseEmail('Jane Doe jane@example.org')), '');
});

test('parseEmail: quoting, name comments and trailing punctuation, as checkpatch does them', () => {
  assert.equal(parseEmail('"Roe, John" <john@example.org>').name, '"Roe, John"');
  assert.equal(parseEmail('Jane Q. Doe <jane@example.org>').name, '"Jane Q. Doe"');
  const c = parseEmail('Jane (Janey) Doe <jane@example.org>');
  assert.equal(c.name, 'Jane Doe');
  assert.equal(c.nameComment, '(Janey)');
  assert.equal(formatEmail(c), 'Jane Doe (Janey) <jane@example.org>');
  assert.equal(reformatEmail('jane@example.org.'), 'jane@example.org');
  assert.equal(sameEmailAddresses('Jane Q. Doe <jane@example.org>', '"Jane Q. Doe" <jane@example.org>'), true);
  assert.equal(sameEmailAddresses('Jane Doe <jane@example.org>', 'jane doe <jane@example.org>'), false);
  assert.equal(withoutSubaddress('jane+lkml@example.org'), 'jane@example.org');
});

test('signature tags: spelling and the nearest standard tag', () => {
  assert.equal(ucfirstLc('SIGNED-OFF-BY:'), 'Signed-off-by:');
  assert.equal(editDistance('Reviewd-by', 'Reviewed-by'), 1);
  assert.equal(editDistance('Signed-off-by', 'signedoffby'), 0);
  assert.equal(nearestStandardSignature('Sigend-off-by:'), 'Signed-off-by');
  assert.equal(nearestStandardSignature('Acked-and-reviewed-by:'), null);
});
