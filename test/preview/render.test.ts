import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { renderSeriesHtml, renderSeriesPage } from '../../server/src/preview/render';
import { compareSeries, previousVersions } from '../../server/src/preview/compare';
import type { Finding, Series, SeriesItem } from '../../server/src/rules/types';

function mail(opts: { subject: string; body?: string; trailers?: string[]; diff?: string; from?: string }): string {
  const diff =
    opts.diff ??
    [
      'diff --git a/x86/foo.c b/x86/foo.c',
      'index 1111111..2222222 100644',
      '--- a/x86/foo.c',
      '+++ b/x86/foo.c',
      '@@ -1,3 +1,3 @@',
      ' int a;',
      '-int b;',
      '+int c;',
      ' int d;',
    ].join('\n');
  return [
    'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
    `From: ${opts.from ?? 'Jane Dev <jane@example.org>'}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    `Subject: ${opts.subject}`,
    '',
    opts.body ?? 'Explain the change in enough words to be a description.',
    '',
    ...(opts.trailers ?? []),
    'Signed-off-by: Jane Dev <jane@example.org>',
    '---',
    ' x86/foo.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    diff,
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

function cover(subject: string, trailers: string[] = []): string {
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    'From: Jane Dev <jane@example.org>',
    `Subject: ${subject}`,
    '',
    'This series does things.',
    '',
    ...trailers,
    ...(trailers.length ? [''] : []),
    'Jane Dev (2):',
    '  x86: one',
    '  x86: two',
    '',
    ' x86/foo.c | 4 ++--',
    ' 1 file changed, 2 insertions(+), 2 deletions(-)',
    '',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

function item(file: string, text: string): SeriesItem {
  const doc = parsePatch(text);
  const [msg, ...more] = doc.messages;
  assert.ok(msg && more.length === 0, `${file} parses as one message`);
  return { file, doc, msg };
}

function series(version: number, items: SeriesItem[]): Series {
  const c = items.find((i) => i.msg.kind === 'cover') ?? null;
  return { key: `v${version}`, version, total: items.length - (c ? 1 : 0), items, cover: c };
}

test('patch text is escaped: a subject holding <script> shows as text', () => {
  const evil = item('a.patch', mail({ subject: '[PATCH 1/1] x86: <script>alert(1)</script> & "quotes"' }));
  const html = renderSeriesHtml(series(1, [evil]), { mode: 'webview', nonce: 'abc123' });
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'), html);
  assert.ok(!html.includes('<script>alert'), 'raw script must not appear');
  // The only script is ours, with the nonce.
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="abc123">']);
});

test('standalone page: strict CSP, no script, every subject', () => {
  const s = series(1, [
    item('0.patch', cover('[PATCH 0/2] x86: a series')),
    item('1.patch', mail({ subject: '[PATCH 1/2] x86: one' })),
    item('2.patch', mail({ subject: '[PATCH 2/2] x86: two' })),
  ]);
  const page = renderSeriesPage([s]);
  assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.ok(!/<script/i.test(page));
  for (const subj of ['[PATCH 0/2] x86: a series', '[PATCH 1/2] x86: one', '[PATCH 2/2] x86: two']) {
    assert.ok(page.includes(subj), `page shows ${subj}`);
  }
  assert.ok(page.includes('This series does things.'), 'cover blurb shown');
});

test('review badges count own trailers and the cover letter\'s, which apply to all patches', () => {
  const s = series(1, [
    item('0.patch', cover('[PATCH 0/1] x86: a series', ['Acked-by: Boss <boss@example.org>'])),
    item('1.patch', mail({ subject: '[PATCH 1/1] x86: one', trailers: ['Reviewed-by: R One <r1@example.org>', 'Reviewed-by: R Two <r2@example.org>', 'Tested-by: T <t@example.org>'] })),
  ]);
  const html = renderSeriesHtml(s, { mode: 'standalone' });
  assert.match(html, /class="badge badge-R"[^>]*>R:2</);
  assert.match(html, /class="badge badge-T"[^>]*>T:1</);
  assert.match(html, /class="badge badge-A" title="1 given on the cover letter[^"]*">A:1\*</);
});

test('problems are listed per patch, clickable in the webview', () => {
  const p = item('file:///w/1.patch', mail({ subject: '[PATCH] x86: one' }));
  const finding: Finding = {
    rule: 'BAD_SIGN_OFF',
    severity: 'warning',
    message: 'Non-standard signature: Signed-of-by:',
    range: { start: { line: 7, character: 0 }, end: { line: 7, character: 12 } },
  };
  const html = renderSeriesHtml(series(1, [p]), { mode: 'webview', nonce: 'n', problems: new Map([[p.file, [finding]]]) });
  assert.match(html, /<a href="#" class="problem" data-uri="file:\/\/\/w\/1.patch" data-line="7"/);
  assert.ok(html.includes('[BAD_SIGN_OFF]'));
});

test('two versions: unchanged, changed with interdiff, new and dropped patches', () => {
  const changedDiff = [
    'diff --git a/x86/foo.c b/x86/foo.c',
    'index 1111111..3333333 100644',
    '--- a/x86/foo.c',
    '+++ b/x86/foo.c',
    '@@ -1,3 +1,3 @@',
    ' int a;',
    '-int b;',
    '+long c;',
    ' int d;',
  ].join('\n');
  const v1 = series(1, [
    item('v1-1.patch', mail({ subject: '[PATCH 1/3] x86: same' })),
    item('v1-2.patch', mail({ subject: '[PATCH 2/3] x86: edited' })),
    item('v1-3.patch', mail({ subject: '[PATCH 3/3] x86: gone' })),
  ]);
  const v2 = series(2, [
    item('v2-1.patch', mail({ subject: '[PATCH v2 1/3] x86: same' })),
    item('v2-2.patch', mail({ subject: '[PATCH v2 2/3] x86: edited', diff: changedDiff })),
    item('v2-3.patch', mail({ subject: '[PATCH v2 3/3] x86: fresh' })),
  ]);
  assert.equal(previousVersions([v1, v2]).get(v2), v1);
  assert.equal(previousVersions([v1, v2]).get(v1), undefined);
  const cmp = compareSeries(v2, v1);
  assert.deepEqual(
    cmp.map((c) => [c.status, c.current?.file ?? null, c.previous?.file ?? null]),
    [
      ['unchanged', 'v2-1.patch', 'v1-1.patch'],
      ['changed', 'v2-2.patch', 'v1-2.patch'],
      ['new', 'v2-3.patch', null],
      ['dropped', null, 'v1-3.patch'],
    ],
  );
  const changed = cmp[1]!.interdiff;
  assert.match(changed, /^-\+int c;$/m);
  assert.match(changed, /^\+\+long c;$/m);
  const html = renderSeriesHtml(v2, { mode: 'standalone', previous: v1 });
  assert.match(html, /status-dropped">dropped<\/span> <span class="subject">\[PATCH 3\/3\] x86: gone/);
  assert.match(html, /interdiff against v1/);
});
