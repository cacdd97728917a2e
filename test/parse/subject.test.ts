import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSubject, parseSubjectText } from '../../server/src/parse/subject';
import { parseHeaderBlock } from '../../server/src/parse/headers';
import { range, span } from '../../server/src/model/range';
import type { Subject } from '../../server/src/model/types';
import { ArrayLines } from '../../server/src/model/lines';

function facts(s: Subject) {
  return {
    patch: s.patch,
    rfc: s.rfc,
    resend: s.resend,
    version: s.version,
    number: s.number,
    total: s.total,
    otherPrefixes: s.otherPrefixes,
    summary: s.summary,
  };
}

const base = { patch: true, rfc: false, resend: false, version: null, number: null, total: null, otherPrefixes: [] };

const CASES: [string, Partial<ReturnType<typeof facts>>][] = [
  ['[PATCH v2 1/3] x86: fix', { version: 2, number: 1, total: 3, summary: 'x86: fix' }],
  ['[RFC PATCH] mm: idea', { rfc: true, summary: 'mm: idea' }],
  ['[PATCH RFC v2] mm: idea', { rfc: true, version: 2, summary: 'mm: idea' }],
  ['[PATCH net-next v3 02/10] net: thing', { version: 3, number: 2, total: 10, otherPrefixes: ['net-next'], summary: 'net: thing' }],
  ['[kvm-unit-tests PATCH 0/5] Cover', { number: 0, total: 5, otherPrefixes: ['kvm-unit-tests'], summary: 'Cover' }],
  ['[Resend PATCH V5 1/10] a: b', { resend: true, version: 5, number: 1, total: 10, summary: 'a: b' }],
  ['[PATCHv3] a: b', { version: 3, summary: 'a: b' }],
  ['[PATCH-v4] a: b', { version: 4, summary: 'a: b' }],
  ['[PATCH 1/2] [RFC] a: b', { rfc: true, number: 1, total: 2, summary: 'a: b' }],
  ['[RFC][PATCH v2 3/4] a: b', { rfc: true, version: 2, number: 3, total: 4, summary: 'a: b' }],
  ['Re: [PATCH] a: b', { summary: 'a: b' }],
  ['[PATCH bpf-next,v2] a', { version: 2, otherPrefixes: ['bpf-next'], summary: 'a' }],
  ['[[PATCH] nested] a', { otherPrefixes: ['nested'], summary: 'a' }],
  ['plain title', { patch: false, summary: 'plain title' }],
];

for (const [subject, expected] of CASES) {
  test(`parseSubjectText: ${subject}`, () => {
    assert.deepEqual(facts(parseSubjectText(subject, 0, 0)), { ...base, ...expected });
  });
}

test('groups, tags and exact ranges on one line', () => {
  // Subject value starting at column 9, as after "Subject: ".
  const s = parseSubjectText('[PATCH net-next v3 02/10] KVM: x86: Fix foo', 4, 9);
  assert.deepEqual(s.groups, [{ text: '[PATCH net-next v3 02/10]', range: span(4, 9, 34) }]);
  assert.deepEqual(
    s.tags.map((t) => [t.kind, t.text, t.range]),
    [
      ['patch', 'PATCH', span(4, 10, 15)],
      ['other', 'net-next', span(4, 16, 24)],
      ['version', 'v3', span(4, 25, 27)],
      ['counter', '02/10', span(4, 28, 33)],
    ],
  );
  assert.deepEqual(s.prefixes, ['PATCH', 'net-next', 'v3', '02/10']);
  assert.equal(s.numberWidth, 2);
  assert.equal(s.totalWidth, 2);
  assert.equal(s.summary, 'KVM: x86: Fix foo');
  assert.deepEqual(s.summaryRange, span(4, 35, 52));
  assert.equal(s.subsystem, 'KVM: x86');
  assert.deepEqual(s.subsystemRange, span(4, 35, 43));
});

test('PATCHv3 is split into two tags with their own ranges', () => {
  const s = parseSubjectText('[PATCHv3 1/1] a', 0, 0);
  assert.deepEqual(
    s.tags.map((t) => [t.kind, t.text, t.range]),
    [
      ['patch', 'PATCH', span(0, 1, 6)],
      ['version', 'v3', span(0, 6, 8)],
      ['counter', '1/1', span(0, 9, 12)],
    ],
  );
  assert.equal(s.numberWidth, 1);
});

test('two groups each have a range', () => {
  const s = parseSubjectText('[PATCH 1/2] [RFC] a', 0, 0);
  assert.deepEqual(s.groups, [
    { text: '[PATCH 1/2]', range: span(0, 0, 11) },
    { text: '[RFC]', range: span(0, 12, 17) },
  ]);
});

test('subsystem: only leading one-token segments', () => {
  assert.equal(parseSubjectText('x86/sev: Fix', 0, 0).subsystem, 'x86/sev');
  assert.equal(parseSubjectText('Fix a bug: really', 0, 0).subsystem, null);
  assert.equal(parseSubjectText('arm64: dts: qcom: sm8550: add x', 0, 0).subsystem, 'arm64: dts: qcom: sm8550');
  assert.equal(parseSubjectText('Revert "KVM: x86: foo"', 0, 0).subsystem, null);
  assert.equal(parseSubjectText('[PATCH] no subsystem here', 0, 0).subsystem, null);
});

test('replies: Re:, Aw:, Fwd: are stripped and flagged', () => {
  for (const subj of ['Re: [PATCH v2] a', 'AW: [PATCH v2] a', 'Fwd: Re: [PATCH v2] a']) {
    const s = parseSubjectText(subj, 0, 0);
    assert.equal(s.isReply, true, subj);
    assert.equal(s.version, 2, subj);
    assert.equal(s.summary, 'a', subj);
  }
  assert.equal(parseSubjectText('[PATCH] a', 0, 0).isReply, false);
});

test('unterminated group is part of the summary', () => {
  const s = parseSubjectText('[PATCH v2 a: b', 0, 0);
  assert.equal(s.groups.length, 0);
  assert.equal(s.summary, '[PATCH v2 a: b');
  assert.equal(s.version, null);
});

test('parseSubject: folded Subject header maps ranges through the fold', () => {
  const lines = ['Subject: [PATCH v2 3/7] KVM: x86: a rather long', ' summary that was folded', ''];
  const { headers } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  const s = parseSubject(headers[0]!, new ArrayLines(lines));
  assert.equal(s.raw, '[PATCH v2 3/7] KVM: x86: a rather long summary that was folded');
  assert.equal(s.summary, 'KVM: x86: a rather long summary that was folded');
  assert.deepEqual(s.summaryRange, range(0, 24, 1, 24));
  assert.deepEqual(s.subsystemRange, span(0, 24, 32));
  assert.deepEqual(s.tags[1]!.range, span(0, 16, 18));
});

test('parseSubject: tags on a continuation line', () => {
  const lines = ['Subject: [PATCH', ' v2 1/2] a: b', ''];
  const { headers } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  const s = parseSubject(headers[0]!, new ArrayLines(lines));
  assert.equal(s.version, 2);
  assert.deepEqual(s.groups[0]!.range, range(0, 9, 1, 8));
  assert.deepEqual(
    s.tags.map((t) => t.range),
    [span(0, 10, 15), span(1, 1, 3), span(1, 4, 7)],
  );
  assert.deepEqual(s.summaryRange, span(1, 9, 13));
});

test('parseSubject: encoded subject uses the value range for every part', () => {
  const lines = ['Subject: =?utf-8?q?=5BPATCH_v2=5D_mm:_caf=C3=A9?=', ''];
  const { headers } = parseHeaderBlock(new ArrayLines(lines), 0, lines.length);
  const s = parseSubject(headers[0]!, new ArrayLines(lines));
  assert.equal(s.version, 2);
  assert.equal(s.summary, 'mm: café');
  assert.equal(s.subsystem, 'mm');
  assert.deepEqual(s.subsystemRange, headers[0]!.valueRange);
  assert.deepEqual(s.summaryRange, headers[0]!.valueRange);
  assert.deepEqual(s.tags[0]!.range, headers[0]!.valueRange);
});
