/**
 * Completion. Never blocks on git: people and commits come from the history read so far; slow
 * look-ups are raced against a short deadline and the list is marked incomplete when they lose.
 *
 * - trailer keys at the start of a line in the trailer block (or a new paragraph after the
 *   message's last one), canonical spelling, documented;
 * - people after a person key (the user first for Signed-off-by, MAINTAINERS, the series,
 *   history ranking), `stable@vger.kernel.org` after Cc;
 * - `Fixes:` by sha prefix or title words: `<12 hex> ("<title>")`;
 * - `Link:`/`Closes:`: lore links of the series' Message-Ids;
 * - the subsystem prefix at the start of the subject summary;
 * - in a cover letter text (`*.cover`), people after its `To:` and `Cc:` recipient lines.
 */
import {
  type CancellationToken,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import type { PatchDocument, PatchMessage } from '../model/types';
import { stripCr } from '../model/range';
import type { Series } from '../rules/types';
import type { DiagnosticsService } from './diagnostics';
import type { ParsedDocument, Workspace } from './workspace';
import { messageAt, messageRegionEnd, touchedPathsInSeries } from './locate';
import { peopleCandidates } from './people';
import { keysForProfile, trailerKeyInfo } from './trailerKeys';
import { clampPosition, throwIfCancelled } from './requestGuard';
import { COVER_RECIPIENT_LINE } from '../parse/coverText';

export interface CompletionDeps {
  ws: Workspace;
  diagnostics: DiagnosticsService;
  /** Whether the client understands `editor.action.triggerSuggest` (VS Code). */
  canRetrigger: boolean;
  /** The request's cancellation (checked between the slow steps). */
  token?: CancellationToken;
}

const TRAILER_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*:/;
const KEY_TYPED = /^[A-Za-z][A-Za-z0-9-]*$/;
const VALUE_TYPED = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*/;
const PREFIX_TYPED = /^[\w./,+-]*(?:: ?[\w./,+-]*)*$/;

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function isBlank(doc: PatchDocument, line: number): boolean {
  return stripCr(doc.lines.get(line) ?? '').trim() === '';
}

/**
 * Whether `line` is a place for a trailer: in the message, in the last paragraph (or a new one
 * after it), in a paragraph made only of trailers so far, never in the title.
 */
export function inTrailerZone(doc: PatchDocument, msg: PatchMessage, line: number): boolean {
  const m = msg.message;
  const start = msg.kind === 'commit-message' ? (m.titleRange ? m.titleRange.end.line + 1 : 0) : m.startLine;
  const end = Math.max(messageRegionEnd(doc, msg), line);
  if (line < start || line > end) return false;
  if (m.commentLines.includes(line)) return false;
  const block = m.trailerBlock;
  for (let l = line + 1; l <= end; l++) {
    if (isBlank(doc, l) || m.commentLines.includes(l)) continue;
    if (block && l >= block.startLine && l <= block.endLine) continue;
    return false;
  }
  for (let l = line - 1; l >= start; l--) {
    if (isBlank(doc, l)) break;
    if (m.commentLines.includes(l)) continue;
    const text = stripCr(doc.lines.get(l) ?? '');
    if (TRAILER_LINE.test(text) || /^[ \t]/.test(text) || /^\s*\[.*\]\s*$/.test(text)) continue;
    return false;
  }
  return true;
}

export async function provideCompletion(deps: CompletionDeps, params: CompletionParams): Promise<CompletionList> {
  const { ws } = deps;
  // At once: while the check worker reads a huge document, the message at the position.
  const parsed = ws.parsedAt(params.textDocument.uri, params.position.line);
  if (!parsed) return EMPTY;
  const { doc } = parsed;
  // A position past the document (a client's stale or hostile one) is the end of the document.
  const pos = clampPosition(doc.lines, params.position);
  const lineText = stripCr(doc.lines.get(pos.line) ?? '');
  const before = lineText.slice(0, pos.character);
  const hit = messageAt(doc, pos.line);
  if (!hit) return EMPTY;
  const msg = hit.msg;

  const summary = msg.subject?.summaryRange;
  if (summary && summary.start.line === pos.line && pos.character >= summary.start.character) {
    const typed = lineText.slice(summary.start.character, pos.character);
    if (PREFIX_TYPED.test(typed)) return subjectPrefixes(deps, parsed, msg, pos, summary.start.character);
    return EMPTY;
  }
  if (msg.headerEndLine !== null && pos.line <= msg.headerEndLine) return EMPTY;
  if (parsed.kind === 'cover-text') {
    // The cover's `To:`/`Cc:` lines add recipients to the whole series, wherever they are.
    const recipient = COVER_RECIPIENT_LINE.exec(lineText);
    if (recipient && pos.character >= recipient[0].length) {
      const range: Range = { start: { line: pos.line, character: recipient[0].length }, end: { line: pos.line, character: lineText.length } };
      return people(deps, parsed, msg, [], recipient[1]!, lineText.slice(recipient[0].length, pos.character), range);
    }
  }
  if (!inTrailerZone(doc, msg, pos.line)) return EMPTY;

  if (before === '' || KEY_TYPED.test(before)) return trailerKeys(deps, lineText, pos);
  const value = VALUE_TYPED.exec(before);
  if (!value) return EMPTY;
  const key = value[1]!;
  const valueStart = value[0].length;
  const range: Range = { start: { line: pos.line, character: valueStart }, end: { line: pos.line, character: lineText.length } };
  const typed = before.slice(valueStart);
  const info = trailerKeyInfo(key);
  const lower = key.toLowerCase();
  const series = await deps.diagnostics.series.seriesAround(parsed);
  throwIfCancelled(deps.token);
  if (info?.person) return people(deps, parsed, msg, series, info.key, typed, range);
  if (lower === 'fixes') return fixes(deps, params.textDocument.uri, typed, range);
  if (lower === 'link' || lower === 'closes') return links(series, msg, range);
  return EMPTY;
}

function trailerKeys(deps: CompletionDeps, lineText: string, pos: Position): CompletionList {
  const keyEnd = /^[A-Za-z0-9-]*/.exec(lineText)![0].length;
  const hasSeparator = /^[A-Za-z0-9-]*[ \t]*:/.test(lineText);
  const range: Range = { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: Math.max(keyEnd, pos.character) } };
  const items = keysForProfile(deps.ws.settings.profile).map((k, i): CompletionItem => {
    const chain = !hasSeparator && deps.canRetrigger && (k.person || k.key === 'Fixes' || k.key === 'Link' || k.key === 'Closes');
    return {
      label: k.key,
      kind: CompletionItemKind.Keyword,
      detail: k.summary,
      documentation: { kind: MarkupKind.Markdown, value: k.doc },
      sortText: pad(i),
      filterText: k.key,
      textEdit: { range, newText: hasSeparator ? k.key : `${k.key}: ` },
      ...(chain ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
    };
  });
  return { isIncomplete: false, items };
}

async function people(
  deps: CompletionDeps,
  parsed: ParsedDocument,
  msg: PatchMessage,
  series: Series[],
  key: string,
  typed: string,
  range: Range,
): Promise<CompletionList> {
  const uri = parsed.uri;
  const repo = await deps.ws.repoFor(uri);
  throwIfCancelled(deps.token);
  const me = await deps.ws.identityFor(uri);
  throwIfCancelled(deps.token);
  const lines = parsed.doc.lines;
  const candidates = await peopleCandidates({ msg, lines, series, repo, me, key, query: typed, limit: 50 });
  const items = candidates.map((p, i): CompletionItem => {
    const text = p.name ? `${p.name} <${p.email}>` : p.email;
    return {
      label: text,
      kind: CompletionItemKind.Value,
      detail: p.source,
      sortText: pad(i),
      filterText: `${p.name} ${p.email} ${text}`,
      textEdit: { range, newText: text },
    };
  });
  // The history may know more people matching what is typed next.
  return { isIncomplete: repo !== null, items };
}

async function fixes(deps: CompletionDeps, uri: string, typed: string, range: Range): Promise<CompletionList> {
  const repo = await deps.ws.repoFor(uri);
  if (!repo) return EMPTY;
  const query = typed.replace(/["()]/g, ' ').trim();
  const commits = await repo.searchCommits(query, 30);
  const items = commits.map((c, i): CompletionItem => {
    const text = `${c.sha.slice(0, 12)} ("${c.title}")`;
    return {
      label: text,
      kind: CompletionItemKind.Reference,
      detail: `${c.authorName}, ${c.authorDate.slice(0, 10)}`,
      sortText: pad(i),
      filterText: `${c.sha} ${c.title} ${typed}`,
      textEdit: { range, newText: text },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
  return { isIncomplete: true, items };
}

function links(series: readonly Series[], msg: PatchMessage, range: Range): CompletionList {
  const ids: { id: string; what: string }[] = [];
  const seen = new Set<string>();
  const add = (id: string | null, what: string): void => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    ids.push({ id, what });
  };
  add(msg.inReplyTo, 'the mail this replies to');
  for (const s of series) {
    for (const item of s.items) {
      const n = item.msg.subject?.number;
      add(item.msg.messageId, item.msg.kind === 'cover' ? 'cover letter' : n !== null && n !== undefined ? `patch ${n}` : 'patch');
    }
  }
  const items: CompletionItem[] = ids.map(({ id, what }, i) => ({
    label: `https://lore.kernel.org/r/${id}`,
    kind: CompletionItemKind.Reference,
    detail: `lore link: ${what}`,
    sortText: pad(i),
    textEdit: { range, newText: `https://lore.kernel.org/r/${id}` },
  }));
  items.push({
    label: 'https://lore.kernel.org/r/',
    kind: CompletionItemKind.Reference,
    detail: 'lore archive link by Message-Id',
    sortText: pad(ids.length),
    textEdit: { range, newText: 'https://lore.kernel.org/r/' },
  });
  return { isIncomplete: false, items };
}

async function subjectPrefixes(
  deps: CompletionDeps,
  parsed: ParsedDocument,
  msg: PatchMessage,
  pos: Position,
  startCol: number,
): Promise<CompletionList> {
  const repo = await deps.ws.repoFor(parsed.uri);
  if (!repo) return EMPTY;
  const series = await deps.diagnostics.series.seriesAround(parsed);
  const paths = touchedPathsInSeries(msg, series);
  if (paths.length === 0) return EMPTY;
  const prefixes = await repo.subsystemPrefixes(paths, 20);
  if (prefixes === null) return { isIncomplete: true, items: [] };
  const range: Range = { start: { line: pos.line, character: startCol }, end: pos };
  const items = prefixes.map(
    (p, i): CompletionItem => ({
      label: `${p.prefix}: `,
      kind: CompletionItemKind.Module,
      detail: `subsystem prefix: ${p.count} commit${p.count === 1 ? '' : 's'} touching these files`,
      sortText: pad(i),
      filterText: p.prefix,
      textEdit: { range, newText: `${p.prefix}: ` },
    }),
  );
  return { isIncomplete: false, items };
}
