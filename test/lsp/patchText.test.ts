/**
 * The text the server gives MAINTAINERS matching is the message as get_maintainer.pl reads a
 * patch: a K: keyword in the commit message (not only in changed lines) names its section.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { parseMaintainers, maintainersFor } from '../../server/src/maintainers/maintainers';
import { patchText } from '../../server/src/lsp/locate';

const MAINTAINERS = [
  'FROBNICATOR DRIVER',
  'M:\tFrob Maintainer <frob@example.org>',
  'S:\tMaintained',
  'F:\tdrivers/frob/',
  '',
  'RUST',
  'M:\tRusty Keeper <rust@example.org>',
  'S:\tMaintained',
  'K:\t\\b(?i:rust)\\b',
  '',
].join('\n');

const PATCH = [
  'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
  'From: Jane Dev <jane@example.org>',
  'Subject: [PATCH] frob: Prepare for the Rust bindings',
  '',
  'The Rust bindings need the lock to be taken by the caller.',
  '',
  'Signed-off-by: Jane Dev <jane@example.org>',
  '---',
  ' drivers/frob/core.c | 2 +-',
  ' 1 file changed, 1 insertion(+), 1 deletion(-)',
  '',
  'diff --git a/drivers/frob/core.c b/drivers/frob/core.c',
  'index 1111111..2222222 100644',
  '--- a/drivers/frob/core.c',
  '+++ b/drivers/frob/core.c',
  '@@ -1,3 +1,3 @@',
  ' int a;',
  '-static int frob_lock;',
  '+int frob_lock;',
  ' int b;',
  '-- ',
  '2.39.5',
  '',
].join('\n');

test('a K: keyword in the commit message reaches MAINTAINERS matching', () => {
  const doc = parsePatch(PATCH);
  const msg = doc.messages[0]!;
  const text = patchText(doc.lines, msg);
  assert.ok(text.includes('The Rust bindings need the lock'), 'the commit message is part of the text');
  assert.ok(text.includes('+int frob_lock;'), 'so are the changed lines');
  const m = parseMaintainers(MAINTAINERS);
  const emails = maintainersFor(m, ['drivers/frob/core.c'], text).map((e) => e.email);
  assert.deepEqual(emails.sort(), ['frob@example.org', 'rust@example.org']);
});

test('the text is capped for huge patches', () => {
  const doc = parsePatch(PATCH);
  const text = patchText(doc.lines, doc.messages[0]!, 100);
  assert.ok(text.length <= 100);
});
