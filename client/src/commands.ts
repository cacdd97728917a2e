/** The palette commands. Edits are made by the server (workspace/executeCommand -> workspace/applyEdit). */
import * as vscode from 'vscode';
import {
  PeopleRequest,
  SeriesPreviewRequest,
  ServerCommands,
  type PeopleParams,
  type PeopleResult,
  type SeriesPreviewParams,
  type SeriesPreviewResult,
} from '../../server/src/lsp/protocol';
import { RequestUnavailable, isPatchDocument, type PatchsmithServer } from './server';
import type { SeriesPreview } from './preview';
import type { SeriesTreeProvider } from './seriesTree';
import { trailerValueProblem } from './trailerInput';
import { writeFileAtomic } from '../../server/src/io/atomicWrite';

interface TrailerKeyItem extends vscode.QuickPickItem {
  key: string;
  /** What the value is: a person from patchsmith/people, or free text. */
  value: 'person' | 'fixes' | 'url' | 'text';
}

const TRAILER_KEYS: TrailerKeyItem[] = [
  { label: 'Reviewed-by', key: 'Reviewed-by', value: 'person', detail: 'reviewed the patch and found it acceptable' },
  { label: 'Acked-by', key: 'Acked-by', value: 'person', detail: 'a maintainer of affected code agrees with the change' },
  { label: 'Tested-by', key: 'Tested-by', value: 'person', detail: 'tested the patch' },
  { label: 'Reported-by', key: 'Reported-by', value: 'person', detail: 'reported the problem the patch fixes' },
  { label: 'Suggested-by', key: 'Suggested-by', value: 'person', detail: 'suggested the idea' },
  { label: 'Co-developed-by', key: 'Co-developed-by', value: 'person', detail: 'co-author (needs their Signed-off-by right after)' },
  { label: 'Signed-off-by', key: 'Signed-off-by', value: 'person', detail: 'Developer’s Certificate of Origin' },
  { label: 'Cc', key: 'Cc', value: 'person', detail: 'someone who should see the patch (e.g. stable@vger.kernel.org)' },
  { label: 'Fixes', key: 'Fixes', value: 'fixes', detail: 'the commit that introduced the bug: 12+ hex digits ("title")' },
  { label: 'Link', key: 'Link', value: 'url', detail: 'a URL with background (e.g. the lore thread)' },
  { label: 'Closes', key: 'Closes', value: 'url', detail: 'a URL of the bug report this fixes' },
];

interface PersonItem extends vscode.QuickPickItem {
  value?: string;
}

export interface CommandDeps {
  server: PatchsmithServer;
  preview: SeriesPreview;
  tree: SeriesTreeProvider;
}

/** The patch document the command applies to: the active editor's, or the one given (tree, menus). */
function targetDocument(arg: unknown): vscode.TextDocument | undefined {
  if (arg instanceof vscode.Uri) {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (isPatchDocument(doc)) return doc;
  void vscode.window.showInformationMessage('patchsmith: open a patch (.patch, .mbox, .eml) or a commit message first.');
  return undefined;
}

/**
 * The cursor's line when the command runs on the active editor's document: the server works on
 * the message there (an mbox holds several). Undefined for other documents (tree, menus).
 */
function cursorLine(doc: vscode.TextDocument): number | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document === doc ? editor.selection.active.line : undefined;
}

/** Server command arguments: the fixed ones, then the cursor's line when there is one. */
function withLine(args: unknown[], line: number | undefined): unknown[] {
  return line === undefined ? args : [...args, line];
}

function reportError(what: string, err: unknown): void {
  const message = err instanceof RequestUnavailable || err instanceof Error ? err.message : String(err);
  void vscode.window.showErrorMessage(`patchsmith: ${what} failed: ${message}`);
}

async function runServerCommand(server: PatchsmithServer, what: string, command: string, args: unknown[]): Promise<void> {
  try {
    await server.executeCommand(command, args);
  } catch (err) {
    reportError(what, err);
  }
}

/** `line`: the cursor's when the command started; the candidates are for the message there (an mbox holds several). */
async function pickPerson(server: PatchsmithServer, doc: vscode.TextDocument, key: string, line: number | undefined): Promise<string | undefined> {
  let people: PeopleResult = [];
  try {
    const params: PeopleParams = line === undefined ? { uri: doc.uri.toString(), key } : { uri: doc.uri.toString(), key, line };
    people = (await server.request<PeopleResult | null>(PeopleRequest, params)) ?? [];
  } catch {
    people = [];
  }
  const other: PersonItem = { label: '$(edit) Someone else…', alwaysShow: true };
  if (people.length > 0) {
    const items: PersonItem[] = people.map((p) => ({
      label: p.name || p.email,
      description: `<${p.email}>`,
      detail: p.source,
      value: p.name ? `${p.name} <${p.email}>` : p.email,
    }));
    const picked = await vscode.window.showQuickPick<PersonItem>([...items, other], {
      title: `${key}: who?`,
      placeHolder: 'Type to filter by name, address or source',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    if (picked.value) return picked.value;
  }
  return vscode.window.showInputBox({
    title: `${key}: who?`,
    prompt: 'Full name and address',
    placeHolder: 'Jane Doe <jane@example.org>',
    validateInput: (v) => trailerValueProblem('person', v),
  });
}

async function askValue(server: PatchsmithServer, doc: vscode.TextDocument, item: TrailerKeyItem, line: number | undefined): Promise<string | undefined> {
  switch (item.value) {
    case 'person':
      return pickPerson(server, doc, item.key, line);
    case 'fixes':
      return vscode.window.showInputBox({
        title: 'Fixes:',
        prompt: 'The commit that introduced the bug: at least 12 hex digits of the sha, then ("its title")',
        placeHolder: '0123456789ab ("subsys: title of the broken commit")',
        validateInput: (v) => trailerValueProblem('fixes', v),
      });
    case 'url':
      return vscode.window.showInputBox({
        title: `${item.key}:`,
        prompt: 'A URL',
        placeHolder: 'https://lore.kernel.org/r/<message-id>',
        validateInput: (v) => trailerValueProblem('url', v),
      });
    default:
      return vscode.window.showInputBox({ title: `${item.key}:` });
  }
}

async function addTrailer(deps: CommandDeps, arg: unknown, toSeries: boolean): Promise<void> {
  const doc = targetDocument(arg);
  if (!doc) return;
  // Where the cursor was when the command started (the pickers below may take a while): the
  // people are those of the message there; the trailer goes there too, unless it is for the series.
  const cursor = cursorLine(doc);
  const line = toSeries ? undefined : cursor;
  const keyItem = await vscode.window.showQuickPick(TRAILER_KEYS, {
    title: toSeries ? 'Add a trailer to every patch of the series' : 'Add a trailer',
    placeHolder: 'Trailer key',
    matchOnDetail: true,
  });
  if (!keyItem) return;
  const value = await askValue(deps.server, doc, keyItem, cursor);
  if (value === undefined || value.trim() === '') return;
  const command = toSeries ? ServerCommands.addTrailerToSeries : ServerCommands.addTrailer;
  await runServerCommand(deps.server, `adding ${keyItem.key}:`, command, withLine([doc.uri.toString(), keyItem.key, value.trim()], line));
}

async function exportPreview(deps: CommandDeps, arg: unknown): Promise<void> {
  const doc = targetDocument(arg);
  if (!doc) return;
  let result: SeriesPreviewResult | null;
  try {
    const params: SeriesPreviewParams = { uri: doc.uri.toString(), mode: 'standalone' };
    result = await deps.server.request<SeriesPreviewResult | null>(SeriesPreviewRequest, params);
  } catch (err) {
    reportError('exporting the preview', err);
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage('patchsmith: no series to export for this document.');
    return;
  }
  const base = (result.seriesKey ?? doc.uri.path.split('/').pop() ?? 'series').replace(/[^\w.-]+/g, '-').replace(/\.(patch|mbox|eml)$/, '');
  const folder = doc.uri.scheme === 'file' ? vscode.Uri.joinPath(doc.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the series preview',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}-preview.html`) : undefined,
    filters: { HTML: ['html', 'htm'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  try {
    // A local file: temporary file, fsync, rename (never a truncated page, links written through).
    if (target.scheme === 'file') writeFileAtomic(target.fsPath, result.html);
    else await vscode.workspace.fs.writeFile(target, Buffer.from(result.html, 'utf8'));
  } catch (err) {
    reportError(`writing ${target.fsPath}`, err);
    return;
  }
  const open = await vscode.window.showInformationMessage(`patchsmith: preview written to ${target.fsPath}`, 'Open');
  if (open === 'Open') await vscode.env.openExternal(target);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { server } = deps;
  /** A command on the document; `atCursor`: on the message at the cursor (else the whole document or series). */
  const simple = (id: string, what: string, command: string, atCursor: boolean): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const doc = targetDocument(arg);
      if (doc) await runServerCommand(server, what, command, withLine([doc.uri.toString()], atCursor ? cursorLine(doc) : undefined));
    });
  return [
    vscode.commands.registerCommand('patchsmith.addTrailer', (arg?: unknown) => addTrailer(deps, arg, false)),
    vscode.commands.registerCommand('patchsmith.addTrailerToSeries', (arg?: unknown) => addTrailer(deps, arg, true)),
    simple('patchsmith.signOff', 'signing off', ServerCommands.signOff, true),
    // Sort Trailers from the palette sorts every message of the document.
    simple('patchsmith.sortTrailers', 'sorting the trailers', ServerCommands.sortTrailers, false),
    simple('patchsmith.bumpVersion', 'bumping the version', ServerCommands.bumpVersion, false),
    vscode.commands.registerCommand('patchsmith.previewSeries', (arg?: unknown) => {
      const doc = targetDocument(arg);
      if (doc) deps.preview.show(doc.uri);
    }),
    vscode.commands.registerCommand('patchsmith.exportPreview', (arg?: unknown) => exportPreview(deps, arg)),
    vscode.commands.registerCommand('patchsmith.refreshSeries', () => deps.tree.refresh()),
  ];
}
