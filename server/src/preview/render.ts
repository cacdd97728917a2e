/**
 * The series preview: the cover letter, then each patch with its number, subject, author,
 * diffstat bar, review badges (A/R/T as patchwork shows them), problems and rendered diff; and,
 * when an earlier version is known, what changed between the two. One renderer serves the VS Code
 * webview (theme variables, nonce'd script) and the standalone page of `patchsmith preview`.
 * Every piece of patch text is escaped; bidirectional controls (Trojan Source) are shown as
 * visible markers, never raw.
 */
import type { DiffFile, PatchMessage } from '../model/types';
import type { Finding, Series, SeriesItem } from '../rules/types';
import { compareSeries, type PatchComparison } from './compare';
import { escapeAttr as attr, escapeHtml as esc } from './escape';
import { PREVIEW_CSS } from './styles';

export interface PreviewOptions {
  mode: 'webview' | 'standalone';
  /** Nonce of the inline script (webview mode). */
  nonce?: string;
  /** Findings per SeriesItem.file, with 0-based ranges. */
  problems?: ReadonlyMap<string, readonly Finding[]>;
  /** The previous version of the series, for the comparison. */
  previous?: Series | null;
  /** Diff lines rendered per patch before the rest is elided (default 4000). */
  maxDiffLines?: number;
}

const REVIEW_KEYS: Record<string, 'A' | 'R' | 'T'> = {
  'acked-by': 'A',
  'reviewed-by': 'R',
  'tested-by': 'T',
};

interface Badges {
  A: number;
  R: number;
  T: number;
}

function reviewBadges(msg: PatchMessage): Badges {
  const b: Badges = { A: 0, R: 0, T: 0 };
  for (const t of msg.message.trailerBlock?.trailers ?? []) {
    const k = REVIEW_KEYS[t.key.toLowerCase()];
    if (k) b[k]++;
  }
  return b;
}

function subjectLine(msg: PatchMessage): string {
  return msg.subject?.raw ?? msg.message.title;
}

function counterLabel(msg: PatchMessage): string {
  const s = msg.subject;
  if (!s || s.number === null) return '';
  return `${s.number}/${s.total ?? '?'}`;
}

function findingsOf(item: SeriesItem, opts: PreviewOptions): readonly Finding[] {
  const all = opts.problems?.get(item.file) ?? [];
  return all.filter((f) => f.range.start.line >= item.msg.startLine && f.range.start.line <= item.msg.endLine);
}

function renderProblems(item: SeriesItem, opts: PreviewOptions): string {
  const findings = findingsOf(item, opts);
  if (findings.length === 0) return '';
  const rows = findings
    .map((f) => {
      const where = `line ${f.range.start.line + 1}`;
      const body = `<span class="sev sev-${attr(f.severity)}">${esc(f.severity)}</span> ${esc(f.message)} <code>[${esc(f.rule)}]</code>`;
      if (opts.mode === 'webview') {
        return `<li><a href="#" class="problem" data-uri="${attr(item.file)}" data-line="${f.range.start.line}" title="${attr(where)}">${body}</a></li>`;
      }
      return `<li>${body} <span class="where">${esc(where)}</span></li>`;
    })
    .join('');
  return `<details class="problems" open><summary>${findings.length} problem${findings.length === 1 ? '' : 's'}</summary><ul>${rows}</ul></details>`;
}

function renderBadges(own: Badges, fromCover: Badges): string {
  return (['A', 'R', 'T'] as const)
    .map((k) => {
      const n = own[k] + fromCover[k];
      if (n === 0) return '';
      const note = fromCover[k] > 0 ? ` title="${fromCover[k]} given on the cover letter, applying to all patches"` : '';
      return `<span class="badge badge-${k}"${note}>${k}:${n}${fromCover[k] > 0 ? '*' : ''}</span>`;
    })
    .join('');
}

function renderStatBar(files: readonly DiffFile[]): string {
  const rows = files.map((f) => {
    const total = f.added + f.deleted;
    const scale = total > 40 ? 40 / total : 1;
    const plus = Math.round(f.added * scale);
    const minus = Math.round(f.deleted * scale);
    const path = f.to === '/dev/null' ? f.from : f.to;
    const count = f.binary ? 'Bin' : String(total);
    return `<tr><td class="path">${esc(path)}</td><td class="num">${count}</td><td><span class="bar-add">${'+'.repeat(plus)}</span><span class="bar-del">${'-'.repeat(minus)}</span></td></tr>`;
  });
  const added = files.reduce((a, f) => a + f.added, 0);
  const deleted = files.reduce((a, f) => a + f.deleted, 0);
  return `<table class="diffstat">${rows.join('')}<tr><td colspan="3" class="summary">${files.length} file${files.length === 1 ? '' : 's'} changed, ${added} insertion${added === 1 ? '' : 's'}(+), ${deleted} deletion${deleted === 1 ? '' : 's'}(-)</td></tr></table>`;
}

function renderDiff(item: SeriesItem, maxLines: number): string {
  const d = item.msg.diff;
  if (!d) return '';
  const out: string[] = [];
  let budget = maxLines;
  for (const file of d.files) {
    const path = file.to === '/dev/null' ? file.from : file.to;
    const what = file.isNew ? ' (new)' : file.isDeleted ? ' (deleted)' : file.isRename ? ` (renamed from ${file.from})` : '';
    out.push(`<div class="file"><div class="file-head">${esc(path)}${esc(what)}${file.binary ? ' <em>binary</em>' : ''}</div><pre class="diff">`);
    for (const hunk of file.hunks) {
      if (budget <= 0) break;
      out.push(`<span class="hunk">${esc(hunk.header)}</span>\n`);
      for (const l of hunk.lines) {
        if (budget-- <= 0) break;
        const cls = l.kind === 'add' ? 'add' : l.kind === 'del' ? 'del' : l.kind === 'nonewline' ? 'meta' : 'ctx';
        const sign = l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : l.kind === 'nonewline' ? '\\' : ' ';
        out.push(`<span class="${cls}">${esc(sign + l.text)}</span>\n`);
      }
    }
    out.push('</pre></div>');
  }
  const total = d.files.reduce((a, f) => a + f.hunks.reduce((b, h) => b + h.lines.length + 1, 0), 0);
  if (total > maxLines) out.push(`<p class="elided">${total - maxLines} more diff lines not shown</p>`);
  return `<details class="diff-block"><summary>diff</summary>${out.join('')}</details>`;
}

function renderCover(item: SeriesItem, opts: PreviewOptions): string {
  const msg = item.msg;
  const lines = item.doc.lines;
  const blurbStart = msg.message.startLine;
  const blurbEnd = msg.cover ? msg.cover.blurbEndLine : msg.message.endLine;
  const blurb = lines.slice(blurbStart, Math.max(blurbStart, blurbEnd + 1)).join('\n').trimEnd();
  return `<section class="cover" id="cover">
<h2><span class="num">${esc(counterLabel(msg) || 'cover')}</span> ${esc(subjectLine(msg))}</h2>
<div class="meta">${esc(msg.author ? `${msg.author.name} <${msg.author.email}>` : '')}</div>
${renderProblems(item, opts)}
<pre class="blurb">${esc(blurb)}</pre>
</section>`;
}

function renderPatch(item: SeriesItem, coverBadges: Badges, status: PatchComparison | undefined, opts: PreviewOptions): string {
  const msg = item.msg;
  const statusHtml = status ? `<span class="status status-${status.status}">${status.status}</span>` : '';
  const interdiff =
    status && status.status === 'changed'
      ? `<details class="interdiff"><summary>interdiff against v${esc(String(status.previous?.msg.subject?.version ?? 1))}</summary><pre class="diff">${status.interdiff
          .split('\n')
          .map((l) => `<span class="${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : l.startsWith('@@') ? 'hunk' : 'ctx'}">${esc(l)}</span>`)
          .join('\n')}</pre></details>`
      : '';
  return `<section class="patch">
<h3><span class="num">${esc(counterLabel(msg))}</span> <span class="subject">${esc(subjectLine(msg))}</span> ${statusHtml} ${renderBadges(reviewBadges(msg), coverBadges)}</h3>
<div class="meta">${esc(msg.author ? `${msg.author.name} <${msg.author.email}>` : '')}${msg.date ? ` &middot; ${esc(msg.date)}` : ''}</div>
${renderProblems(item, opts)}
${msg.diff ? renderStatBar(msg.diff.files) : ''}
${interdiff}
${renderDiff(item, opts.maxDiffLines ?? 4000)}
</section>`;
}

function renderDropped(c: PatchComparison): string {
  const msg = c.previous?.msg;
  if (!msg) return '';
  return `<section class="patch dropped"><h3><span class="status status-dropped">dropped</span> <span class="subject">${esc(subjectLine(msg))}</span></h3></section>`;
}

const CLICK_SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a.problem') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', uri: a.getAttribute('data-uri'), line: Number(a.getAttribute('data-line')) });
});`;

/** The preview of one series as an HTML fragment (style, content and, in a webview, the script). */
export function renderSeriesHtml(series: Series, opts: PreviewOptions): string {
  const coverBadges: Badges = series.cover ? reviewBadges(series.cover.msg) : { A: 0, R: 0, T: 0 };
  const comparison = opts.previous ? compareSeries(series, opts.previous) : [];
  const byItem = new Map(comparison.filter((c) => c.current).map((c) => [c.current as SeriesItem, c]));
  const parts: string[] = [`<style>${PREVIEW_CSS}</style>`, '<main class="series">'];
  const version = series.version > 1 ? `v${series.version} ` : '';
  parts.push(
    `<header class="series-head"><h1>${esc(version)}${esc(series.cover ? subjectLine(series.cover.msg) : series.key)}</h1>` +
      (opts.previous ? `<p class="compare-note">compared with v${esc(String(opts.previous.version))}</p>` : '') +
      `</header>`,
  );
  if (series.cover) parts.push(renderCover(series.cover, opts));
  for (const item of series.items) {
    if (item === series.cover) continue;
    parts.push(renderPatch(item, coverBadges, byItem.get(item), opts));
  }
  for (const c of comparison) if (c.status === 'dropped') parts.push(renderDropped(c));
  parts.push('</main>');
  if (opts.mode === 'webview' && opts.nonce) parts.push(`<script nonce="${attr(opts.nonce)}">${CLICK_SCRIPT}</script>`);
  return parts.join('\n');
}

/** A standalone HTML page of one or more series (no script, no remote content). */
export function renderSeriesPage(all: readonly Series[], opts: { problems?: ReadonlyMap<string, readonly Finding[]>; previous?: ReadonlyMap<Series, Series>; title?: string } = {}): string {
  const body = all
    .map((s) => renderSeriesHtml(s, { mode: 'standalone', problems: opts.problems, previous: opts.previous?.get(s) ?? null }))
    .join('\n<hr>\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${attr(opts.title ?? 'patch series preview')}</title>
</head>
<body class="standalone">
${body}
</body>
</html>
`;
}
