/**
 * patchsmith's own requests (protocol.ts): people for a trailer, the series of a document for the
 * status bar, every series of the workspace for the tree view, and the rendered series preview.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { MessageSummary, PatchDocument, PatchMessage } from '../model/types';
import type { Finding, Series, SeriesItem } from '../rules/types';
import { renderSeriesHtml, renderSeriesPage } from '../preview/render';
import { previousVersions } from '../preview/compare';
import type { DiagnosticsService } from './diagnostics';
import type { Workspace } from './workspace';
import { countProblems } from './convert';
import { peopleCandidates } from './people';
import { itemOutline, itemStartLine, messageAt } from './locate';
import type {
  ListSeriesResult,
  MessageLines,
  PeopleParams,
  PeopleResult,
  RepositoryStatusParams,
  RepositoryStatusResult,
  SeriesEntry,
  SeriesInfoParams,
  SeriesInfoResult,
  SeriesPreviewParams,
  SeriesPreviewResult,
} from './protocol';
import { isPatchFileName, uriToPath } from './uri';

export interface SeriesServiceDeps {
  ws: Workspace;
  diagnostics: DiagnosticsService;
}

/** Bounds of the workspace scan for the series tree. */
const SCAN_MAX_DEPTH = 4;
const SCAN_MAX_DIRS = 400;
const SCAN_MAX_FILES = 2000;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.cache']);

function counter(msg: { subject: { number: number | null; total: number | null } | null }): string {
  const s = msg.subject;
  if (!s || s.number === null) return '1/1';
  return `${s.number}/${s.total ?? '?'}`;
}

function messageLabel(msg: PatchMessage): string {
  const s = msg.subject;
  const v = s?.version && s.version > 1 ? `v${s.version} ` : '';
  if (msg.kind === 'commit-message') return 'commit message';
  return `${msg.kind === 'cover' ? 'cover ' : ''}${v}${counter(msg)}`;
}

function seriesLabel(s: Series): string {
  const v = s.version > 1 ? `v${s.version} ` : '';
  // From the items' outlines: a huge mbox's messages are not parsed for a label.
  const sum = (i: SeriesItem): MessageSummary => itemOutline(i).summary;
  const title = (s.cover ? sum(s.cover).subject?.summary : undefined) ?? s.items.map(sum).find((m) => m.kind !== 'cover')?.subject?.summary ?? s.key;
  const patches = s.items.filter((i) => sum(i).kind !== 'cover').length;
  return `${v}${title} (${patches} patch${patches === 1 ? '' : 'es'})`;
}

/** The line a request names, when it names a valid one. */
function requestedLine(line: number | undefined): number | undefined {
  return typeof line === 'number' && Number.isInteger(line) && line >= 0 ? line : undefined;
}

/** The message at `line` (an mbox holds several), else the first; with its index. */
function messageFor(doc: PatchDocument, line: number | undefined): { msg: PatchMessage; index: number } | null {
  const at = requestedLine(line);
  if (at !== undefined) {
    const hit = messageAt(doc, at);
    if (hit) return hit;
  }
  const first = doc.messages[0];
  return first ? { msg: first, index: 0 } : null;
}

/** The lines whose message is message `index` for messageFor: its own, plus the lines before the first and after the last. */
function linesOf(doc: PatchDocument, index: number): MessageLines {
  const msg = doc.messages[index]!;
  const lastIndex = doc.messages.length - 1;
  return {
    first: index === 0 ? 0 : msg.startLine,
    last: index === lastIndex ? Math.max(msg.endLine, doc.lines.length - 1) : msg.endLine,
  };
}

/** The series (of those of the document) holding this message; null when none does. */
function seriesOfMessage(series: readonly Series[], uri: string, msg: PatchMessage): Series | null {
  return series.find((s) => s.items.some((i) => i.file === uri && itemStartLine(i) === msg.startLine)) ?? null;
}

export class SeriesService {
  constructor(private readonly deps: SeriesServiceDeps) {}

  async people(params: PeopleParams): Promise<PeopleResult> {
    const { ws, diagnostics } = this.deps;
    // At once (a huge document being checked: the message at the line, without its series).
    const parsed = ws.parsedAt(params.uri, requestedLine(params.line) ?? 0);
    const hit = parsed ? messageFor(parsed.doc, params.line) : null;
    if (!parsed || !hit) return [];
    const msg = hit.msg;
    const all = await diagnostics.series.seriesAround(parsed);
    // In an mbox of several series, the people of the message's own series.
    const own = seriesOfMessage(all, params.uri, msg);
    const series = own ? [own] : all;
    const repo = await ws.repoFor(params.uri);
    const me = await ws.identityFor(params.uri);
    return peopleCandidates({ msg, lines: parsed.doc.lines, series, repo, me, key: params.key ?? '', query: '', limit: 100 });
  }

  async repositoryStatus(params: RepositoryStatusParams): Promise<RepositoryStatusResult> {
    const repo = await this.deps.ws.repoFor(params.uri);
    if (!repo) return { root: null, historyCommits: 0, historyComplete: false };
    const h = repo.historyStatus();
    return { root: repo.root, historyCommits: h.commits, historyComplete: h.complete };
  }

  async seriesInfo(params: SeriesInfoParams): Promise<SeriesInfoResult> {
    const { ws, diagnostics } = this.deps;
    // At once (asked at every move of the cursor): a huge document being checked answers
    // from the message at the line, its series not known yet.
    const parsed = ws.parsedAt(params.uri, requestedLine(params.line) ?? 0);
    const hit = parsed ? messageFor(parsed.doc, params.line) : null;
    if (!parsed || !hit) return { label: '', problems: 0, seriesKey: null };
    const msg = hit.msg;
    if (parsed.partial) {
      // Only this message is known: its own lines.
      return { label: messageLabel(msg), problems: countProblems(diagnostics.findings(params.uri)), seriesKey: null, lines: { first: msg.startLine, last: msg.endLine } };
    }
    const lines = linesOf(parsed.doc, hit.index);
    if (parsed.commit) return { label: parsed.kind === 'cover-text' ? 'cover letter' : 'commit message', problems: countProblems(diagnostics.findings(params.uri)), seriesKey: null, lines };
    const series = await diagnostics.series.seriesOf(params.uri);
    const s = seriesOfMessage(series, params.uri, msg) ?? series[0];
    if (!s) return { label: messageLabel(msg), problems: countProblems(diagnostics.findings(params.uri)), seriesKey: null, lines };
    const byFile = await diagnostics.seriesFindingsByFile(s);
    let problems = 0;
    for (const f of byFile.values()) problems += countProblems(f);
    return { label: messageLabel(msg), problems, seriesKey: s.key, lines };
  }

  async listSeries(): Promise<ListSeriesResult> {
    const { ws, diagnostics } = this.deps;
    const dirs = new Set<string>();
    for (const f of ws.folders) for (const d of await scanFolders(f)) dirs.add(d);
    for (const d of ws.openDocuments()) {
      const p = uriToPath(d.uri);
      if (p && isPatchFileName(p)) dirs.add(path.dirname(p));
    }
    const out: SeriesEntry[] = [];
    for (const dir of [...dirs].sort()) {
      for (const s of await diagnostics.series.folderSeries(dir)) {
        const byFile = await diagnostics.seriesFindingsByFile(s);
        out.push({
          key: s.key,
          label: seriesLabel(s),
          items: s.items.map((i) => {
            const o = itemOutline(i);
            return {
              uri: i.file,
              label: `${counter(o.summary)} ${o.summary.subject?.summary ?? o.summary.title}`.trim(),
              problems: countProblems(inMessage(byFile.get(i.file) ?? [], o)),
            };
          }),
        });
      }
    }
    return out;
  }

  async seriesPreview(params: SeriesPreviewParams): Promise<SeriesPreviewResult> {
    const { ws, diagnostics } = this.deps;
    const parsed = await ws.parsedWhole(params.uri);
    if (!parsed) return { html: '<p>patchsmith: this document is not a patch.</p>', seriesKey: null };
    const series = await diagnostics.series.seriesAround(parsed);
    const s = series[0];
    if (!s) return { html: '<p>patchsmith: no series here.</p>', seriesKey: null };
    const problems = new Map<string, readonly Finding[]>();
    for (const [file, findings] of await diagnostics.seriesFindingsByFile(s)) problems.set(file, findings);
    const previous = await this.previousVersion(params.uri, s);
    if (params.mode === 'standalone') {
      const prevMap = new Map<Series, Series>();
      if (previous) prevMap.set(s, previous);
      return { html: renderSeriesPage([s], { problems, previous: prevMap, title: seriesLabel(s) }), seriesKey: s.key };
    }
    return { html: renderSeriesHtml(s, { mode: params.mode, nonce: params.nonce, problems, previous }), seriesKey: s.key };
  }

  /** The newest earlier version of the series, from its folder and the folders next to it (v1/, v2/). */
  private async previousVersion(uri: string, s: Series): Promise<Series | null> {
    const p = uriToPath(uri);
    if (!p) return null;
    const dir = path.dirname(p);
    const dirs = [dir, ...(await siblingDirs(dir))];
    const all: Series[] = [];
    for (const d of dirs) {
      for (const other of await this.deps.diagnostics.series.folderSeries(d)) {
        if (d === dir && other.key === s.key) all.push(s);
        else all.push(other);
      }
    }
    if (!all.includes(s)) all.push(s);
    return previousVersions(all).get(s) ?? null;
  }
}

function inMessage(findings: readonly Finding[], msg: { startLine: number; endLine: number }): Finding[] {
  return findings.filter((f) => f.range.start.line >= msg.startLine && f.range.start.line <= msg.endLine);
}

async function siblingDirs(dir: string): Promise<string[]> {
  const parent = path.dirname(dir);
  if (parent === dir) return [];
  try {
    const entries = await fs.readdir(parent, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
      .map((e) => path.join(parent, e.name))
      .filter((d) => d !== dir)
      .sort()
      .slice(0, 20);
  } catch {
    return [];
  }
}

/** Folders under `root` holding patch files (bounded depth, folder and file counts). */
async function scanFolders(root: string): Promise<string[]> {
  const found: string[] = [];
  let dirs = 0;
  let files = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > SCAN_MAX_DEPTH || dirs >= SCAN_MAX_DIRS || files >= SCAN_MAX_FILES) return;
    dirs++;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    let has = false;
    const sub: string[] = [];
    for (const e of entries) {
      if (e.isFile() && isPatchFileName(e.name)) {
        has = true;
        files++;
      } else if (e.isDirectory() && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) {
        sub.push(path.join(dir, e.name));
      }
    }
    if (has) found.push(dir);
    for (const s of sub.sort()) await walk(s, depth + 1);
  };
  await walk(root, 0);
  return found;
}
