/** The webview document around the server's preview body (no vscode import: unit-tested). */
import { randomBytes } from 'node:crypto';
import { showBidi } from '../../server/src/model/bidi';

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/** Escaped for HTML; bidirectional controls (Trojan Source) written visibly as `⟨U+202E⟩`. */
export function escapeHtml(text: string): string {
  return showBidi(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface WebviewDocumentOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  title: string;
  /** Scroll position to restore after a re-render. */
  scrollY?: number;
}

/**
 * A full HTML document with a strict CSP: nothing loads but the webview's own styles and the
 * scripts carrying this render's nonce. Our own script shares the single acquireVsCodeApi()
 * handle with the server's script and reports the scroll position so a refresh keeps it.
 */
export function webviewDocument(body: string, o: WebviewDocumentOptions): string {
  const csp = `default-src 'none'; style-src ${o.cspSource} 'unsafe-inline'; img-src ${o.cspSource} data:; script-src 'nonce-${o.nonce}';`;
  const scrollY = Number.isFinite(o.scrollY) ? Math.max(0, Math.floor(o.scrollY ?? 0)) : 0;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<script nonce="${o.nonce}">
(function () {
  const api = acquireVsCodeApi();
  window.acquireVsCodeApi = function () { return api; };
  let pending = false;
  window.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; api.postMessage({ type: 'scroll', y: window.scrollY }); }, 100);
  });
  window.addEventListener('DOMContentLoaded', function () { window.scrollTo(0, ${scrollY}); });
})();
</script>
</head>
<body>
${body}
</body>
</html>`;
}

/** The page shown when the server cannot render a preview (older server, no series, error). */
export function messageBody(message: string): string {
  return `<p class="patchsmith-message">${escapeHtml(message)}</p>`;
}

/** Messages the preview posts; anything else is ignored. */
export type PreviewMessage = { type: 'open'; uri: string; line: number } | { type: 'scroll'; y: number };

export function parsePreviewMessage(m: unknown): PreviewMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'open' && typeof o.uri === 'string' && o.uri.length > 0) {
    const line = typeof o.line === 'number' && Number.isFinite(o.line) && o.line >= 0 ? Math.floor(o.line) : 0;
    return { type: 'open', uri: o.uri, line };
  }
  if (o.type === 'scroll' && typeof o.y === 'number' && Number.isFinite(o.y)) return { type: 'scroll', y: o.y };
  return undefined;
}
