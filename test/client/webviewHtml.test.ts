import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageBody, newNonce, parsePreviewMessage, webviewDocument } from '../../client/src/webviewHtml';

test('the preview document has a strict CSP bound to this render\'s nonce', () => {
  const nonce = newNonce();
  const html = webviewDocument('<h1>[PATCH 1/3] a</h1><script nonce="' + nonce + '">x()</script>', {
    cspSource: 'vscode-resource:',
    nonce,
    title: 'Preview: <series>',
  });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none';/);
  assert.match(csp, /style-src vscode-resource: 'unsafe-inline';/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}';`));
  assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
  // every script in the page carries the nonce
  for (const m of html.matchAll(/<script([^>]*)>/g)) assert.match(m[1]!, new RegExp(`nonce="${nonce}"`));
  assert.ok(html.includes('<h1>[PATCH 1/3] a</h1>'));
  assert.ok(html.includes('<title>Preview: &#60;series&#62;</title>'));
});

test('each render gets a fresh nonce', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) seen.add(newNonce());
  assert.equal(seen.size, 50);
  for (const n of seen) assert.match(n, /^[A-Za-z0-9]{16,}$/);
});

test('the scroll position survives a re-render', () => {
  const html = webviewDocument('', { cspSource: 'x', nonce: 'n', title: 't', scrollY: 420.7 });
  assert.match(html, /window\.scrollTo\(0, 420\)/);
});

test('messages from the preview are checked before use', () => {
  assert.deepEqual(parsePreviewMessage({ type: 'open', uri: 'file:///a.patch', line: 12 }), { type: 'open', uri: 'file:///a.patch', line: 12 });
  assert.deepEqual(parsePreviewMessage({ type: 'open', uri: 'file:///a.patch', line: -3 }), { type: 'open', uri: 'file:///a.patch', line: 0 });
  assert.equal(parsePreviewMessage({ type: 'open', uri: 42 }), undefined);
  assert.equal(parsePreviewMessage({ type: 'exec', cmd: 'rm' }), undefined);
  assert.equal(parsePreviewMessage(null), undefined);
  assert.deepEqual(parsePreviewMessage({ type: 'scroll', y: 10 }), { type: 'scroll', y: 10 });
});

test('fallback messages are escaped', () => {
  assert.equal(messageBody('no <series>'), '<p class="patchsmith-message">no &#60;series&#62;</p>');
});
