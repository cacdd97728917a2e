/**
 * messageBoundsAt finds the message holding a line by looking around that line only (a request on
 * a huge mbox before its whole text is parsed): always the bounds messageBounds gives the line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineTable } from '../../server/src/model/lines';
import { messageBounds, messageBoundsAt } from '../../server/src/parse/parsePatch';

const FROM = 'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001';
const line = fc.constantFrom(FROM, `${FROM}\r`, 'From someone else', '', '\r', ' ', 'Subject: [PATCH] x', '+added', 'F');

test('messageBoundsAt(line) is the messageBounds entry holding the line, or null before the first message', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 40 }), (atoms) => {
      const lines = new LineTable(atoms.join('\n'));
      const all = messageBounds(lines);
      for (let l = -1; l <= lines.length; l++) {
        const want = all.find(([s, e]) => l >= s && l < e) ?? null;
        assert.deepEqual(messageBoundsAt(lines, l), want, `line ${l} of ${JSON.stringify(atoms)}`);
      }
    }),
    { numRuns: 500 },
  );
});
