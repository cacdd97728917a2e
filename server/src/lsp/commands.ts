/**
 * Server commands (protocol.ts ServerCommands) run through workspace/executeCommand; each
 * computes a WorkspaceEdit and asks the client to apply it (workspace/applyEdit). The edit
 * builders are shared with the code actions.
 */
import type { Connection, ExecuteCommandParams, WorkspaceEdit } from 'vscode-languageserver/node';
import type { PatchMessage } from '../model/types';
import type { TextEdit } from '../rules/types';
import type { DiagnosticsService } from './diagnostics';
import type { ParsedDocument, Workspace } from './workspace';
import { ServerCommands } from './protocol';
import { messageAt } from './locate';
import { bumpSubjectVersion, changelogStub, insertTrailer, sortTrailers } from './trailerEdits';
import { WorkspaceEditBuilder } from './workspaceEdit';

export interface CommandDeps {
  connection: Connection;
  ws: Workspace;
  diagnostics: DiagnosticsService;
  /** Client supports documentChanges in workspace edits. */
  documentChanges: boolean;
}

export const COMMANDS: string[] = Object.values(ServerCommands);

/**
 * The model a command works on: around `line` when one is given (a huge document being checked:
 * that message only, at once), else the whole document (once the check worker has read it).
 */
async function modelFor(deps: CommandDeps, uri: string, line?: number): Promise<ParsedDocument | null> {
  return typeof line === 'number' ? deps.ws.parsedAt(uri, line) : deps.ws.parsedWhole(uri);
}

/** The message a command works on: the one at `line`, else the first one. */
function targetMessage(parsed: ParsedDocument | null, line?: number): { msg: PatchMessage } | null {
  if (!parsed || parsed.doc.messages.length === 0) return null;
  if (typeof line === 'number') {
    const hit = messageAt(parsed.doc, line);
    if (hit) return { msg: hit.msg };
  }
  return { msg: parsed.doc.messages[0]! };
}

async function submitterEmail(deps: CommandDeps, uri: string): Promise<string | null> {
  const me = await deps.ws.identityFor(uri);
  return me?.email ?? null;
}

/** Sort the trailers of one message (at `line`) or of every message of the document. */
export async function sortTrailersEdit(deps: CommandDeps, uri: string, line?: number): Promise<WorkspaceEdit | null> {
  const parsed = await modelFor(deps, uri, line);
  if (!parsed) return null;
  const config = await deps.ws.configFor(uri);
  const email = await submitterEmail(deps, uri);
  const messages =
    typeof line === 'number' ? [messageAt(parsed.doc, line)?.msg].filter((m): m is PatchMessage => !!m) : parsed.doc.messages;
  const edits: TextEdit[] = [];
  for (const msg of messages) {
    const e = sortTrailers(parsed.doc, msg, config.trailerOrder, email);
    if (e) edits.push(e);
  }
  if (edits.length === 0) return null;
  const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
  b.add(uri, edits);
  return b.build();
}

/**
 * Add `key: value` to every patch of the document's series (not to cover letters: their
 * trailers are for the whole series, as b4 applies them). Null when every patch has it.
 */
export async function addTrailerToSeriesEdit(
  deps: CommandDeps,
  uri: string,
  key: string,
  value: string,
): Promise<{ edit: WorkspaceEdit; uris: string[] } | null> {
  const parsed = await deps.ws.parsedWhole(uri);
  if (!parsed) return null;
  const config = await deps.ws.configFor(uri);
  const series = await deps.diagnostics.series.seriesOf(uri);
  const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
  for (const s of series) {
    for (const item of s.items) {
      if (item.msg.kind !== 'patch') continue;
      const e = insertTrailer(item.doc, item.msg, key, value, config.trailerOrder);
      if (e) b.add(item.file, [e]);
    }
  }
  if (b.size === 0) return null;
  return { edit: b.build(), uris: b.uris() };
}

export async function addTrailerEdit(
  deps: CommandDeps,
  uri: string,
  key: string,
  value: string,
  line?: number,
): Promise<WorkspaceEdit | null> {
  const parsed = await modelFor(deps, uri, line);
  const target = targetMessage(parsed, line);
  if (!target || !parsed) return null;
  const config = await deps.ws.configFor(uri);
  const e = insertTrailer(parsed.doc, target.msg, key, value, config.trailerOrder);
  if (!e) return null;
  const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
  b.add(uri, [e]);
  return b.build();
}

export async function signOffEdit(deps: CommandDeps, uri: string, line?: number): Promise<WorkspaceEdit | string> {
  const me = await deps.ws.identityFor(uri, 2000);
  if (!me) return 'patchsmith: cannot sign off: no git identity (git config user.name / user.email), or git is off in this workspace.';
  const parsed = await modelFor(deps, uri, line);
  const target = targetMessage(parsed, line);
  if (!target || !parsed) return 'patchsmith: nothing to sign off in this document.';
  const e = insertTrailer(parsed.doc, target.msg, 'Signed-off-by', `${me.name} <${me.email}>`, [], true);
  if (!e) return 'patchsmith: already signed off.';
  const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
  b.add(uri, [e]);
  return b.build();
}

/** vN -> vN+1 in every subject of the series, and a `Changes in vN+1:` stub in the cover. */
export async function bumpVersionEdit(deps: CommandDeps, uri: string): Promise<WorkspaceEdit | null> {
  const series = await deps.diagnostics.series.seriesOf(uri);
  const b = new WorkspaceEditBuilder(deps.ws, deps.documentChanges);
  for (const s of series) {
    const next = Math.max(1, s.version) + 1;
    for (const item of s.items) {
      const edits: TextEdit[] = [];
      const subject = bumpSubjectVersion(item.msg, next);
      if (subject) edits.push(subject);
      if (item.msg.kind === 'cover') {
        const stub = changelogStub(item.doc, item.msg, next);
        if (stub) edits.push(stub);
      }
      b.add(item.file, edits);
    }
  }
  return b.size ? b.build() : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Run a server command; the edit is applied by the client. */
export async function executeCommand(deps: CommandDeps, params: ExecuteCommandParams): Promise<boolean> {
  const args = params.arguments ?? [];
  const uri = str(args[0]);
  // An open document patchsmith reads (its model is made by the command itself).
  if (!uri || !deps.ws.open(uri)) return false;
  let edit: WorkspaceEdit | null = null;
  let label = 'patchsmith';
  switch (params.command) {
    case ServerCommands.signOff: {
      const r = await signOffEdit(deps, uri, num(args[1]));
      if (typeof r === 'string') {
        void deps.connection.window.showInformationMessage(r);
        return false;
      }
      edit = r;
      label = 'Sign off';
      break;
    }
    case ServerCommands.addTrailer: {
      const key = str(args[1]);
      const value = str(args[2]);
      if (!key || value === null) return false;
      edit = await addTrailerEdit(deps, uri, key.trim(), value.trim(), num(args[3]));
      label = `Add ${key.trim()}`;
      break;
    }
    case ServerCommands.addTrailerToSeries: {
      const key = str(args[1]);
      const value = str(args[2]);
      if (!key || value === null) return false;
      edit = (await addTrailerToSeriesEdit(deps, uri, key.trim(), value.trim()))?.edit ?? null;
      label = `Add ${key.trim()} to the series`;
      break;
    }
    case ServerCommands.sortTrailers:
      edit = await sortTrailersEdit(deps, uri, num(args[1]));
      label = 'Sort trailers';
      break;
    case ServerCommands.bumpVersion:
      edit = await bumpVersionEdit(deps, uri);
      label = 'Bump series version';
      break;
    default:
      return false;
  }
  if (!edit) return false;
  const result = await deps.connection.workspace.applyEdit({ label, edit });
  return result.applied;
}
