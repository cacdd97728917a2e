/**
 * Trojan Source in the preview: a series whose every part holds bidirectional controls and marks
 * (cover subject and blurb, authors, patch subjects, file names, hunk headers, added, removed
 * and context lines, problem messages, the interdiff against v1, a dropped patch, the page
 * title) renders with each of them as a visible marker and none raw, in the webview fragment,
 * the standalone page and the client's webview document around it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { renderSeriesHtml, renderSeriesPage } from '../../server/src/preview/render';
import { escapeAttr, escapeHtml } from '../../server/src/preview/escape';
import { hasBidi, showBidi } from '../../server/src/model/bidi';
import { runTextRules } from '../../server/src/rules/engine';
import { defaultConfig } from '../../server/src/config';
import { messageBody, webviewDocument } from '../../client/src/webviewHtml';
import type { Finding, Series, SeriesItem } from '../../server/src/rules/types';

const CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const MARKS = ['\u200e', '\u200f', '\u061c'];
const ALL = [...CONTROLS, ...MARKS].join('');
const code = (ch: string): string => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function patch(n: number, total: number, version: number, added: string): string {
  const v = version > 1 ? ` v${version}` : '';
  return [
    'From 1234567890123456789012345678901234567890 Mon Sep 17 00:00:00 2001',
    `From: Jane\u202e Dev <jane@example.org>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    `Subject: [PATCH${v} ${n}/${total}] x86: check \u202enimda\u202c first (${n})`,
    '',
    `Explain \u2066the\u2069 change in enough words.`,
    '',
    `Signed-off-by: Jane\u202e Dev <jane@example.org>`,
    '---',
    ` x86/fo\u202eo.c | 2 +-`,
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    'diff --git a/x86/fo\u202eo.c b/x86/fo\u202eo.c',
    'index 1111111..2222222 100644',
    '--- a/x86/fo\u202eo.c',
    '+++ b/x86/fo\u202eo.c',
    '@@ -1,3 +1,3 @@ int f\u2067(void)',
    ' int a; /* \u202b */',
    '-int b; /* \u202d */',
    `+${added}`,
    ' int d;',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

function cover(version: number): string {
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    'From: Jane\u2068 Dev <jane@example.org>',
    `Subject: [PATCH v${version} 0/2] x86: a \u202eseries\u202c`,
    '',
    `This series does things: ${ALL}.`,
    '',
    'Jane Dev (2):',
    '  x86: one',
    '  x86: two',
    '',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

function item(file: string, text: string): SeriesItem {
  const doc = parsePatch(text);
  return { file, doc, msg: doc.messages[0]! };
}

function series(version: number, items: SeriesItem[]): Series {
  const c = items.find((i) => i.msg.kind === 'cover') ?? null;
  return { key: `v${version} of x86: a \u202eseries`, version, total: items.length - (c ? 1 : 0), items, cover: c };
}

const v1 = series(1, [
  item('file:///w/v1-0\u202e.patch', cover(1)),
  item('file:///w/v1-1.patch', patch(1, 3, 1, `int c; /* ${ALL} */`)),
  item('file:///w/v1-2.patch', patch(2, 3, 1, 'int e;')),
  item('file:///w/v1-3.patch', patch(3, 3, 1, 'int dropped; /* \u202e */')),
]);
const v2 = series(2, [
  item('file:///w/v2-0\u202e.patch', cover(2)),
  item('file:///w/v2-1\u202e.patch', patch(1, 2, 2, `int c; /* ${ALL} */`)),
  item('file:///w/v2-2.patch', patch(2, 2, 2, `long e; /*\u202e } \u2066if (admin)\u2069 \u2066 begin admins only */`)),
]);

/** The real findings of every item (BIDI_CONTROL_CHARACTER's name the characters; others quote the text). */
function problems(s: Series): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const it of s.items) m.set(it.file, runTextRules(it.doc, defaultConfig()));
  return m;
}

test('the webview fragment and the standalone page hold no raw bidi character, and show each as a marker', () => {
  const opts = { problems: problems(v2), previous: v1 };
  const fragment = renderSeriesHtml(v2, { mode: 'webview', nonce: 'n0nce', ...opts });
  const page = renderSeriesPage([v2], { problems: opts.problems, previous: new Map([[v2, v1]]), title: `x86: a \u202eseries` });
  for (const [name, html] of [['webview', fragment], ['standalone', page]] as const) {
    const raw = [...html].filter((ch) => hasBidi(ch));
    assert.deepEqual(raw.map(code), [], `${name}: raw bidi characters reached the HTML`);
    for (const ch of [...CONTROLS, ...MARKS]) {
      assert.ok(html.includes(`<span class="bidi" title="${code(ch)} `), `${name}: ${code(ch)} is shown as a marker`);
    }
    assert.ok(html.includes('<span class="bidi" title="U+202E RIGHT-TO-LEFT OVERRIDE">⟨U+202E⟩</span>'), name);
    // The problems list names the findings, and the interdiff and the dropped patch are there.
    assert.match(html, /BIDI_CONTROL_CHARACTER/);
    assert.match(html, /interdiff against v1/);
    assert.match(html, /status-dropped/);
  }
  // In attributes and the <title>: plain text markers, no markup.
  assert.ok(fragment.includes('data-uri="file:///w/v2-1⟨U+202E⟩.patch"'), 'the data-uri attribute');
  assert.match(page, /<title>x86: a ⟨U\+202E⟩series<\/title>/);
});

test('escapeHtml and escapeAttr: every bidi character replaced, the rest escaped as before', () => {
  const text = `<a href="x">'&'</a>${ALL}`;
  for (const out of [escapeHtml(text), escapeAttr(text)]) {
    assert.equal(hasBidi(out), false);
    assert.ok(out.startsWith('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'), out);
  }
  assert.equal(escapeAttr('a\u202eb'), 'a⟨U+202E⟩b');
  assert.equal(escapeHtml('a\u202eb'), 'a<span class="bidi" title="U+202E RIGHT-TO-LEFT OVERRIDE">⟨U+202E⟩</span>b');
  assert.equal(showBidi('plain שלום'), 'plain שלום');
});

test('the client webview document around the preview: the title and messages show bidi characters visibly', () => {
  const doc = webviewDocument('<p>body</p>', { cspSource: 'vscode-resource:', nonce: 'n', title: `Preview: a \u202eseries` });
  assert.equal(hasBidi(doc), false);
  assert.match(doc, /<title>Preview: a ⟨U\+202E⟩series<\/title>/);
  assert.equal(hasBidi(messageBody(`no series in \u2067x\u2069`)), false);
});
