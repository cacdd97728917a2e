/**
 * The patchsmith language server: wiring of the connection, the documents and each feature.
 * `createConnection()` picks the transport from the command line (`--node-ipc`, `--socket=N`);
 * `--stdio` has a reader of its own (stdioConnection.ts), so the same bundle serves VS Code (IPC),
 * Neovim and Helix (stdio).
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from './workspace';
import { DiagnosticsService } from './diagnostics';
import { SeriesIndex } from './seriesIndex';
import { SeriesService } from './seriesService';
import { provideCompletion } from './completion';
import { provideHover } from './hover';
import { FIX_ALL_KIND, provideCodeActions, SORT_TRAILERS_KIND } from './codeActions';
import { documentSymbols } from './symbols';
import { foldingRanges } from './folding';
import { COMMANDS, executeCommand, type CommandDeps } from './commands';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { BranchSeriesRequest, type BranchSeriesParams } from './protocol';
import { branchSeries } from './branchSeries';
import { ListSeriesRequest, PeopleRequest, RepositoryStatusRequest, SeriesInfoRequest, SeriesPreviewRequest } from './protocol';
import type { PeopleParams, RepositoryStatusParams, SeriesInfoParams, SeriesPreviewParams } from './protocol';
import { uriToPath } from './uri';
import { cancellable } from './requestGuard';
import { setPatternWarningSink } from '../maintainers/patterns';
import { stdioConnection } from './stdioConnection';

export function startServer(): void {
  let shutdownReceived = false;
  const connection = process.argv.includes('--stdio') ? stdioConnection(() => shutdownReceived) : createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.log(message);
  const ws = new Workspace(documents, log);
  // MAINTAINERS patterns a linear-time engine can only approximate: said once each, in the log.
  setPatternWarningSink(log);
  const diagnostics = new DiagnosticsService(connection, ws, new SeriesIndex(ws));
  const seriesService = new SeriesService({ ws, diagnostics });
  const commandDeps: CommandDeps = { connection, ws, diagnostics, documentChanges: false };
  let canRetrigger = false;
  let pullConfiguration = false;
  let dynamicWatch = false;
  let dynamicConfig = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    ws.settings = readSettings(params.initializationOptions, DEFAULT_SETTINGS, { initialization: true });
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders.push(root);
    }
    ws.folders = folders;
    const caps = params.capabilities;
    commandDeps.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    pullConfiguration = caps.workspace?.configuration === true;
    dynamicWatch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    dynamicConfig = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canRetrigger = /code|codium|cursor|windsurf/i.test(params.clientInfo?.name ?? '');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, SORT_TRAILERS_KIND, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        executeCommandProvider: { commands: COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'patchsmith', version: '0.1.0' },
    };
  });

  const refreshConfiguration = async (): Promise<void> => {
    if (!pullConfiguration) return;
    try {
      const section: unknown = await connection.workspace.getConfiguration('patchsmith');
      if (section && typeof section === 'object') ws.setSettings(readSettings(section, ws.settings));
    } catch {
      // A client that cannot answer keeps the initialization options.
    }
  };

  connection.onInitialized(() => {
    if (dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'patchsmith' });
    if (dynamicWatch) {
      ws.files.watching = true;
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{patch,mbox,eml}' },
          { globPattern: '**/.checkpatch.conf' },
          { globPattern: '**/.patchsmith.json' },
          { globPattern: '**/scripts/spelling.txt' },
          { globPattern: '**/MAINTAINERS' },
          { globPattern: '**/.mailmap' },
        ],
      });
    }
    void refreshConfiguration().then(() => diagnostics.scheduleAll());
    if (ws.folders.length > 0) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
          ws.folders = ws.folders.filter((f) => !removed.has(f));
          for (const f of e.added) {
            const p = uriToPath(f.uri);
            if (p) ws.folders.push(p);
          }
        });
      } catch {
        // Folder change notifications are optional.
      }
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const settings: unknown = change.settings;
    if (settings && typeof settings === 'object' && 'patchsmith' in settings) {
      ws.setSettings(readSettings(settings, ws.settings));
      diagnostics.scheduleAll();
    } else {
      void refreshConfiguration().then(() => diagnostics.scheduleAll());
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    let affectsOpen = false;
    for (const c of params.changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      if (documents.get(c.uri) && c.type === FileChangeType.Changed) continue; // the editor's copy wins
      ws.fileChanged(p);
      affectsOpen = true;
    }
    if (affectsOpen) diagnostics.scheduleAll();
  });

  const seen = new Set<string>();
  documents.onDidChangeContent((e) => {
    const first = !seen.has(e.document.uri);
    seen.add(e.document.uri);
    diagnostics.schedule(e.document.uri, first);
  });
  documents.onDidClose((e) => {
    seen.delete(e.document.uri);
    diagnostics.close(e.document.uri);
  });

  connection.onCompletion((params, token) => cancellable(token, () => provideCompletion({ ws, diagnostics, canRetrigger, token }, params)));
  connection.onHover((params, token) => cancellable(token, () => provideHover({ ws, diagnostics, token }, params)));
  connection.onCodeAction((params) => provideCodeActions(commandDeps, params));
  // The whole document's outline: once the check worker has read a huge one (other requests answer meanwhile).
  connection.onDocumentSymbol(async (params) => {
    const parsed = await ws.parsedWhole(params.textDocument.uri);
    return parsed ? documentSymbols(parsed.doc) : [];
  });
  connection.onFoldingRanges(async (params) => {
    const parsed = await ws.parsedWhole(params.textDocument.uri);
    return parsed ? foldingRanges(parsed.doc) : [];
  });
  connection.onExecuteCommand((params) => executeCommand(commandDeps, params));

  connection.onRequest(PeopleRequest, (params: PeopleParams, token) => cancellable(token, () => seriesService.people(params)));
  connection.onRequest(SeriesInfoRequest, (params: SeriesInfoParams, token) => cancellable(token, () => seriesService.seriesInfo(params)));
  connection.onRequest(ListSeriesRequest, (token) => cancellable(token, () => seriesService.listSeries()));
  connection.onRequest(RepositoryStatusRequest, (params: RepositoryStatusParams, token) =>
    cancellable(token, () => seriesService.repositoryStatus(params)),
  );
  connection.onRequest(SeriesPreviewRequest, (params: SeriesPreviewParams, token) => cancellable(token, () => seriesService.seriesPreview(params)));

  connection.onRequest(BranchSeriesRequest, (params: BranchSeriesParams) =>
    branchSeries({ trusted: () => ws.settings.trusted, folders: () => ws.folders }, params),
  );

  connection.onShutdown(() => {
    shutdownReceived = true;
    ws.dispose();
    diagnostics.dispose();
  });
  connection.onExit(() => {
    ws.dispose();
    diagnostics.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
