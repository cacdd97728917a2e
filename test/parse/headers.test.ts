import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findHeader, parseHeaderBlock, parseInBodyHeaders } from '../../server/src/parse/headers';
import { decodeRfc2047 } from '../../server/src/parse/rfc2047';
import { range, span } from '../../server/src/model/range';
import { ArrayLines } from '../../server/src/model/lines';

test('decodeRfc2047: Q and B words, utf-8 and latin1, case-insensitive', () => {
  assert.equal(decodeRfc2047('=?UTF-8?q?J=C3=B6rg_R=C3=B6del?= <joro@8bytes.org>'), 'Jörg Rödel <joro@8bytes.org>');
  assert.equal(decodeRfc2047('=?utf-8?B?SsO2cmcgUsO2ZGVs?='), 'Jörg Rödel');
  assert.equal(decodeRfc2047('=?ISO-8859-1?Q?Andr=E9?= <a@b.c>'), 'André <a@b.c>');
  assert.equal(decodeRfc2047('=?latin1?b?QW5kcuk=?='), 'André');
});

test('decodeRfc2047: whitespace between adjacent words is dropped, other text kept', () => {
  assert.equal(decodeRfc2047('=?utf-8?q?a?= =?utf-8?q?b?=  c'), 'ab  c');
  assert.equal(decodeRfc2047('x =?utf-8?q?a?=\t=?iso-8859-1?q?=E9?= y'), 'x aé y');
  // A character split across two words comes out whole.
  assert.equal(decodeRfc2047('=?utf-8?q?=C3?= =?utf-8?q?=A9?='), 'é');
});

test('decodeRfc2047: malformed words and plain text are left as they are', () => {
  assert.equal(decodeRfc2047('[PATCH] x86: fix =?'), '[PATCH] x86: fix =?');
  assert.equal(decodeRfc2047('=?utf-8?q?bad=ZZ?='), '=?utf-8?q?bad=ZZ?=');
  assert.equal(decodeRfc2047('=?no-such-charset?q?a?='), '=?no-such-charset?q?a?=');
  assert.equal(decodeRfc2047('=?utf-8?b?@@@?='), '=?utf-8?b?@@@?=');
});

test('parseHeaderBlock: headers, folding, ranges and the end at the blank line', () => {
  const lines = [
    'From: A U Thor <a@example.org>',
    'Date: Mon, 1 Jan 2024 00:00:00 +0000',
    'Subject: [PATCH] foo',
    ' bar',
    '\tbaz',
    'Message-Id: <1@x>',
    '',
    'body: not a header',
  ];
  const { headers, next, problems } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  assert.equal(next, 6);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    headers.map((h) => h.name),
    ['From', 'Date', 'Subject', 'Message-Id'],
  );
  const subject = headers[2]!;
  assert.equal(subject.value, '[PATCH] foo bar\tbaz');
  assert.equal(subject.rawValue, '[PATCH] foo bar\tbaz');
  assert.deepEqual(subject.nameRange, span(2, 0, 7));
  assert.deepEqual(subject.valueRange, range(2, 9, 4, 4));
  assert.deepEqual(subject.range, range(2, 0, 4, 4));
  assert.equal(subject.inBody, false);
  assert.deepEqual(headers[0]!.valueRange, span(0, 6, 30));
});

test('parseHeaderBlock: encoded values are decoded, raw values kept; CR is outside ranges', () => {
  const lines = ['From: =?UTF-8?q?J=C3=B6rg?= <j@x.org>\r', 'Subject: =?utf-8?b?W1BBVENIXSBmb28=?=\r', '\r', 'x'];
  const { headers, next } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  assert.equal(next, 2);
  assert.equal(headers[0]!.value, 'Jörg <j@x.org>');
  assert.equal(headers[0]!.rawValue, '=?UTF-8?q?J=C3=B6rg?= <j@x.org>');
  assert.deepEqual(headers[0]!.range, span(0, 0, 37));
  assert.deepEqual(headers[0]!.valueRange, span(0, 6, 37));
  assert.equal(headers[1]!.value, '[PATCH] foo');
});

test('parseHeaderBlock: an encoded word folded over two lines', () => {
  const lines = ['Subject: [PATCH] =?utf-8?q?caf=C3=A9?=', ' =?utf-8?q?_au_lait?=', ''];
  const { headers } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  assert.equal(headers[0]!.value, '[PATCH] café au lait');
});

test('parseHeaderBlock: a stray line inside the block is a problem, not the end', () => {
  const lines = ['From: a@x.org', 'garbage line', 'Subject: s', '', 'body'];
  const { headers, next, problems } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  assert.deepEqual(
    headers.map((h) => h.name),
    ['From', 'Subject'],
  );
  assert.equal(next, 3);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 'BAD_HEADER');
  assert.deepEqual(problems[0]!.range, span(1, 0, 12));
});

test('parseHeaderBlock: a non-header line not followed by headers ends the block quietly', () => {
  const lines = ['From: a@x.org', 'Subject: s', 'Hello there', 'more'];
  const { headers, next, problems } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  assert.equal(headers.length, 2);
  assert.equal(next, 2);
  assert.deepEqual(problems, []);
});

test('parseHeaderBlock: respects start and end, `Name : v` is not a header, empty values', () => {
  const lines = ['junk', 'X-Empty:', 'Cc: a@x.org', 'Cc: b@x.org', 'Not A : header'];
  const { headers, next } = parseHeaderBlock(new ArrayLines(lines), 1, 4);
  assert.deepEqual(
    headers.map((h) => [h.name, h.value]),
    [
      ['X-Empty', ''],
      ['Cc', 'a@x.org'],
      ['Cc', 'b@x.org'],
    ],
  );
  assert.equal(next, 4);
  assert.deepEqual(headers[0]!.valueRange, span(1, 8, 8));
  assert.equal(findHeader(headers, 'cc')?.value, 'a@x.org');
  assert.equal(findHeader(headers, 'x-EMPTY')?.name, 'X-Empty');
  assert.equal(findHeader(headers, 'To'), undefined);
});

test('parseHeaderBlock: inBody flag is passed on', () => {
  const { headers } = parseHeaderBlock(new ArrayLines(['From: a@x.org']), 0, 1, true);
  assert.equal(headers[0]!.inBody, true);
});

test('parseInBodyHeaders: From/Subject/Date at the top of the body, then a blank line', () => {
  const lines = ['', '', 'From: Real Author <r@x.org>', 'subject: [PATCH] better title', '', 'The message.'];
  const { headers, next } = parseInBodyHeaders(new ArrayLines(lines), 0, lines.length);
  assert.equal(next, 5);
  assert.deepEqual(
    headers.map((h) => [h.name, h.value, h.inBody]),
    [
      ['From', 'Real Author <r@x.org>', true],
      ['subject', '[PATCH] better title', true],
    ],
  );
  assert.deepEqual(headers[0]!.valueRange, span(2, 6, 27));
});

test('parseInBodyHeaders: none -> next is the first non-blank line', () => {
  const lines = ['', 'Cc: not an in-body header', '', 'x'];
  assert.deepEqual(parseInBodyHeaders(new ArrayLines(lines), 0, lines.length), { headers: [], next: 1 });
  assert.deepEqual(parseInBodyHeaders(new ArrayLines(['text']), 0, 1), { headers: [], next: 0 });
});

test('parseInBodyHeaders: like git mailinfo, a header line ends at the first non-header line', () => {
  const lines = ['From: a@x.org', 'Date: today', '  continued', 'Text right after.'];
  const { headers, next } = parseInBodyHeaders(new ArrayLines(lines), 0, lines.length);
  assert.equal(headers.length, 2);
  assert.equal(headers[1]!.value, 'today  continued');
  assert.equal(next, 3);
});
