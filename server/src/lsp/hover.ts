/**
 * Hover: a trailer key (meaning and the rules that check it), a sha in `Fixes:` or after
 * `commit` (author, date, title, reachable from HEAD or not), a person (MAINTAINERS roles for the
 * touched files, history), a subject tag (version, number, RFC, RESEND), and the doc of the rule
 * of a diagnostic under the cursor.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { PatchMessage, Person, Position, Range, SubjectTag } from '../model/types';
import { stripCr } from '../model/range';
import { getRule } from '../rules/registry';
import { ruleDocUrl } from '../rules/docs';
import type { DiagnosticsService } from './diagnostics';
import type { ParsedDocument, Workspace } from './workspace';
import { contains, messageAt, patchText, touchedPathsInSeries } from './locate';
import { within } from './repoService';
import { trailerKeyInfo } from './trailerKeys';
import { pushAll } from '../model/array';
import { clampPosition, throwIfCancelled } from './requestGuard';

export interface HoverDeps {
  ws: Workspace;
  diagnostics: DiagnosticsService;
  /** The request's cancellation (checked between the slow steps). */
  token?: CancellationToken;
}

const HEX_WORD = /[0-9a-fA-F]+/g;

function ruleLine(id: string): string {
  const r = getRule(id);
  return r ? `- \`${id}\`: ${r.description}` : `- \`${id}\``;
}

export async function provideHover(deps: HoverDeps, params: HoverParams): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  // At once: while the check worker reads a huge document, the message at the position.
  const parsed = deps.ws.parsedAt(uri, params.position.line);
  if (!parsed) return null;
  const pos = clampPosition(parsed.doc.lines, params.position);
  const hit = messageAt(parsed.doc, pos.line);
  const sections: string[] = [];
  let range: Range | undefined;
  const lineText = stripCr(parsed.doc.lines.get(pos.line) ?? '');

  if (hit) {
    const msg = hit.msg;
    const tag = msg.subject?.tags.find((t) => contains(t.range, pos));
    if (tag) {
      sections.push(tagDoc(tag, msg));
      range = tag.range;
    }
    for (const t of msg.message.trailerBlock?.trailers ?? []) {
      if (t.line !== pos.line) continue;
      if (contains(t.keyRange, pos)) {
        const info = trailerKeyInfo(t.key);
        if (info) {
          const rules = info.rules.length ? `\n\nChecked by:\n${info.rules.map(ruleLine).join('\n')}` : '';
          sections.push(`**${info.key}:** ${info.doc}${rules}`);
          range = t.keyRange;
        }
      } else if (t.person && contains(t.valueRange, pos)) {
        const md = await personDoc(deps, parsed, msg, t.person);
        throwIfCancelled(deps.token);
        if (md) sections.push(md);
      }
    }
    const from = msg.authorHeader;
    if (msg.author && from && contains(from.valueRange, pos)) {
      const md = await personDoc(deps, parsed, msg, msg.author);
      if (md) sections.push(md);
    }
    const sha = shaAt(lineText, pos);
    if (sha) {
      const md = await commitDoc(deps, uri, sha.sha);
      if (md) {
        sections.push(md);
        range = sha.range;
      }
    }
  }

  const seen = new Set<string>();
  for (const f of deps.diagnostics.findings(uri)) {
    if (!contains(f.range, pos) || seen.has(f.rule)) continue;
    seen.add(f.rule);
    const rule = getRule(f.rule);
    if (!rule) continue;
    const origin = rule.origin ? ` - checkpatch \`${rule.origin.checkpatch}\` (${rule.origin.level})` : '';
    sections.push(`**[${rule.id}](${ruleDocUrl(rule.id)})** (${rule.severity})${origin}: ${rule.description}\n\n${rule.doc}`);
  }

  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

/** A hex word of 7-40 digits under the cursor after `Fixes:` or `commit `. */
function shaAt(line: string, pos: Position): { sha: string; range: Range } | null {
  HEX_WORD.lastIndex = 0;
  for (let m = HEX_WORD.exec(line); m; m = HEX_WORD.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (pos.character < start || pos.character > end) continue;
    if (m[0].length < 7 || m[0].length > 40) return null;
    if (/[0-9A-Za-z]/.test(line[end] ?? '') || /[0-9A-Za-z]/.test(line[start - 1] ?? '')) return null;
    const lead = line.slice(0, start);
    if (!/^\s*fixes:\s*$/i.test(lead) && !/\bcommit\s+$/i.test(lead)) return null;
    return { sha: m[0], range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
  }
  return null;
}

async function commitDoc(deps: HoverDeps, uri: string, sha: string): Promise<string | null> {
  const repo = await deps.ws.repoFor(uri);
  if (!repo) return null;
  const commit = await within(repo.repo.lookupCommit(sha), 3000, null);
  throwIfCancelled(deps.token);
  if (!commit) return `\`${sha}\`: no such commit in ${repo.root} (or the prefix is ambiguous).`;
  const reachable = await within(repo.repo.isReachableFromHead(commit.sha), 3000, false);
  return [
    `**${escapeMd(commit.title)}**`,
    '',
    `\`${commit.sha}\``,
    '',
    `${escapeMd(commit.authorName)} \\<${escapeMd(commit.authorEmail)}\\>, ${commit.authorDate}`,
    '',
    reachable ? 'Reachable from HEAD.' : '**Not reachable from HEAD** (another branch, or not merged yet).',
  ].join('\n');
}

async function personDoc(deps: HoverDeps, parsed: ParsedDocument, msg: PatchMessage, person: Person): Promise<string | null> {
  const uri = parsed.uri;
  const repo = await deps.ws.repoFor(uri);
  if (!repo) return null;
  // A partial model (a huge document being checked) knows no series: this patch's paths only.
  const series = await deps.diagnostics.series.seriesAround(parsed);
  const entries = await repo.maintainersFor(touchedPathsInSeries(msg, series), patchText(parsed.doc.lines, msg));
  const email = person.email.toLowerCase();
  const roles = entries.filter((e) => e.email.toLowerCase() === email).map((e) => `- ${e.role} of **${escapeMd(e.section)}**`);
  const known = repo.person(person.email);
  const lines: string[] = [`**${escapeMd(person.name || person.email)}** \\<${escapeMd(person.email)}\\>`];
  if (roles.length) pushAll(lines, ['', 'For the files this patch touches (MAINTAINERS):'].concat(roles));
  else if (entries.length) lines.push('', 'Not listed in MAINTAINERS for the files this patch touches.');
  if (known) lines.push('', `History: ${known.description}.`);
  return lines.length > 1 ? lines.join('\n') : null;
}

function tagDoc(tag: SubjectTag, msg: PatchMessage): string {
  const s = msg.subject!;
  switch (tag.kind) {
    case 'patch':
      return '**PATCH**: a patch meant for inclusion (`git format-patch` adds it).';
    case 'rfc':
      return '**RFC**: request for comments - not meant to be applied as is; reviewers are asked for opinions on the approach.';
    case 'resend':
      return '**RESEND**: the same patch sent again unchanged (no reply came); a changed patch gets a new version instead.';
    case 'version':
      return `**Version ${s.version ?? '?'}** of the series (\`git format-patch -v${s.version ?? 'N'}\`). Say what changed since the previous version below \`---\` or in the cover letter.`;
    case 'counter':
      return s.number === 0
        ? `**Cover letter** of a series of ${s.total ?? '?'} patches.`
        : `**Patch ${s.number ?? '?'} of ${s.total ?? '?'}** of the series.`;
    default:
      return `**${escapeMd(tag.text)}**: a subject prefix naming the tree or project the patch is for.`;
  }
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}
