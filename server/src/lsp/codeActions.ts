/**
 * Code actions: each finding's fix as a quick fix on its diagnostic (safe fixes preferred, unsafe
 * ones offered too); `source.fixAll.patchsmith`, every safe fix of the document at once (what
 * `editor.codeActionsOnSave` runs on save); "Sort trailers" (b4 order,
 * the submitter's sign-off last) as a source action and, inside the trailer block, a rewrite;
 * "Add this trailer to every patch of the series" on a trailer line (one edit over the series'
 * files, open or not).
 */
import { showBidi } from '../model/bidi';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { Range } from '../model/types';
import type { Fix } from '../rules/types';
import { applyFixes } from '../rules/fixes';
import { configForFile, textFindings } from '../check';
import { uriToPath } from './uri';
import { fixOf, isOurs } from './convert';
import { addTrailerToSeriesEdit, sortTrailersEdit, type CommandDeps } from './commands';
import { messageAt, trailerAt } from './locate';
import { trailerKeyInfo } from './trailerKeys';
import { WorkspaceEditBuilder } from './workspaceEdit';

export const SORT_TRAILERS_KIND = `${CodeActionKind.Source}.patchsmith.sortTrailers`;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.patchsmith`;

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export async function provideCodeActions(deps: CommandDeps, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const fixAll = !!only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.'));
  // Fix-all reads the whole document; the rest only the message at the cursor (at once, while
  // the check worker reads a huge document).
  const parsed = fixAll ? await deps.ws.parsedWhole(uri) : deps.ws.parsedAt(uri, params.range.start.line);
  if (!parsed) return [];
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const current = deps.diagnostics.findings(uri);
    for (const d of params.context.diagnostics) {
      // Editors that drop `data` still get the fix: find the finding by rule and range.
      const fix =
        fixOf(d) ??
        (isOurs(d)
          ? (current.find((f) => f.rule === d.code && sameRange(f.range, d.range) && (f.source ?? 'patchsmith') === d.source)?.fix ?? null)
          : null);
      if (!fix || fix.edits.length === 0) continue;
      const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
      b.add(uri, fix.edits);
      const safe = fix.safety === 'safe';
      actions.push({
        title: safe ? showBidi(fix.title) : `${showBidi(fix.title)} (unsafe: check the result)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        ...(safe ? { isPreferred: true } : {}),
        edit: b.build(),
      });
    }
  }

  // Only when asked for (on save, or the Source Action menu): never in the light bulb.
  if (fixAll) {
    // The published findings of this version first (with the repository's and the series' fixes),
    // then the text rules run now on this very text (the published ones may be a debounce behind).
    const fresh = textFindings(parsed.doc, configForFile(await deps.ws.configFor(uri), uriToPath(uri) ?? ''));
    const safe: Fix[] = [];
    for (const f of [...deps.diagnostics.findings(uri), ...fresh]) if (f.fix?.safety === 'safe') safe.push(f.fix);
    const r = applyFixes(parsed.doc.lines.slice(0).join('\n'), safe);
    if (r.applied.length) {
      const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
      b.add(uri, r.applied.flatMap((f) => f.edits));
      actions.push({ title: `Fix all safe problems (${r.applied.length})`, kind: FIX_ALL_KIND, edit: b.build() });
    }
  }

  const line = params.range.start.line;
  const hit = messageAt(parsed.doc, line);
  const block = hit?.msg.message.trailerBlock;
  const inBlock = !!block && line >= block.startLine && line <= block.endLine;

  if (wants(only, SORT_TRAILERS_KIND) || (inBlock && wants(only, CodeActionKind.RefactorRewrite))) {
    const edit = await sortTrailersEdit(deps, uri, hit ? line : undefined);
    if (edit) {
      if (wants(only, SORT_TRAILERS_KIND)) actions.push({ title: 'Sort trailers', kind: SORT_TRAILERS_KIND, edit });
      if (inBlock && wants(only, CodeActionKind.RefactorRewrite)) {
        actions.push({ title: 'Sort trailers', kind: CodeActionKind.RefactorRewrite, edit });
      }
    }
  }

  const trailer = hit ? trailerAt(hit.msg, line) : null;
  // The series is known once the whole document is (not in a partial model).
  if (trailer && hit && !parsed.partial && wants(only, CodeActionKind.RefactorRewrite)) {
    // Spelled canonically in the other patches, whatever this line's spelling.
    const key = trailerKeyInfo(trailer.key)?.key ?? trailer.key;
    const r = await addTrailerToSeriesEdit(deps, uri, key, trailer.value);
    // Worth offering when it reaches beyond this message.
    if (r && (r.uris.some((u) => u !== uri) || parsed.doc.messages.length > 1)) {
      actions.push({
        title: showBidi(`Add "${key}: ${trailer.value}" to every patch of the series`),
        kind: CodeActionKind.RefactorRewrite,
        edit: r.edit,
      });
    }
  }
  return actions;
}
