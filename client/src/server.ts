/** The language client: starts dist/server.js over node IPC and wraps patchsmith's own requests. */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  CheckpatchStatusNotification,
  SeriesChangedNotification,
  type CheckpatchStatusParams,
  type SeriesChangedParams,
} from '../../server/src/lsp/protocol';
import { withMallocTunables } from '../../server/src/io/mallocTunables';
import { SECTION, initializationOptions } from './settings';

/** LSP MethodNotFound: the server does not implement a request (yet). */
const METHOD_NOT_FOUND = -32601;

export class RequestUnavailable extends Error {}

/** The JSON-RPC error code of a failed request (a ResponseError), if any. */
function errorCode(err: unknown): number | undefined {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

export class PatchsmithServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly seriesChangedEmitter = new vscode.EventEmitter<SeriesChangedParams>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly checkpatchEmitter = new vscode.EventEmitter<CheckpatchStatusParams>();
  /** Fired when the repository's checkpatch.pl starts or ends on a large patch. */
  readonly onCheckpatchStatus = this.checkpatchEmitter.event;
  /** Fired when the server reports that a series' content or problems changed. */
  readonly onSeriesChanged = this.seriesChangedEmitter.event;
  /** Fired after every (re)start of the server. */
  readonly onReady = this.readyEmitter.event;
  readonly output: vscode.LogOutputChannel;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('patchsmith', { log: true });
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    // The allocator gives freed memory back (huge documents): read by the server's process at its start.
    const env = withMallocTunables(process.env);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { env } },
      debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'git-patch' },
        { scheme: 'untitled', language: 'git-patch' },
        { scheme: 'file', language: 'git-commit' },
        { scheme: 'untitled', language: 'git-commit' },
      ],
      synchronize: {
        configurationSection: SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{patch,mbox,eml}'),
      },
      initializationOptions: initializationOptions(),
      outputChannel: this.output,
    };
    const client = new LanguageClient('patchsmith', 'patchsmith', serverOptions, clientOptions);
    client.onNotification(SeriesChangedNotification, (params: SeriesChangedParams) => {
      this.seriesChangedEmitter.fire({ uris: Array.isArray(params?.uris) ? params.uris : [] });
    });
    client.onNotification(CheckpatchStatusNotification, (params: CheckpatchStatusParams) => {
      if (params && typeof params.uri === 'string') this.checkpatchEmitter.fire(params);
    });
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.client = undefined;
      const message = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`patchsmith: the language server did not start: ${message}`);
      void vscode.window.showErrorMessage(`patchsmith: the language server did not start (${message}). See Output › patchsmith.`);
      return;
    }
    this.readyEmitter.fire();
  }

  /** Restarts with fresh initializationOptions (after the workspace is trusted). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (err) {
        this.output.appendLine(`patchsmith: stopping the server: ${String(err)}`);
      }
    }
  }

  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** Sends one of patchsmith's requests. Throws RequestUnavailable when the server lacks it or is not running. */
  async request<R>(method: string, params: object): Promise<R> {
    const client = this.client;
    if (!client || !client.isRunning()) throw new RequestUnavailable('the patchsmith language server is not running');
    try {
      return await client.sendRequest<R>(method, params);
    } catch (err) {
      if (errorCode(err) === METHOD_NOT_FOUND) {
        throw new RequestUnavailable(`this patchsmith server does not answer ${method} yet`);
      }
      throw err;
    }
  }

  /** Runs a server command (workspace/executeCommand); edits come back as workspace/applyEdit. */
  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    const client = this.client;
    if (!client || !client.isRunning()) throw new RequestUnavailable('the patchsmith language server is not running');
    return client.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  dispose(): void {
    void this.stop();
    this.seriesChangedEmitter.dispose();
    this.readyEmitter.dispose();
    this.checkpatchEmitter.dispose();
    this.output.dispose();
  }
}

export function isPatchDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'git-patch' || doc.languageId === 'git-commit') && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}
