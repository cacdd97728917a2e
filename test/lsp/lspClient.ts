/**
 * A real LSP client for tests: spawns `node dist/server.js --stdio` (built by
 * `node scripts/build.mjs`, which `npm test` runs first) and talks JSON-RPC over its pipes.
 * It records published diagnostics and patchsmith/seriesChanged notifications, answers
 * workspace/applyEdit (recording the edits) and workspace/configuration, and lets tests wait for
 * what they expect with generous timeouts (never a timing assertion).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before } from 'node:test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  InitializeResult,
  ApplyWorkspaceEditParams,
  Diagnostic,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
  Range,
} from 'vscode-languageserver-protocol';
import { testGitEnv } from '../helpers/gitRepo';

/** The repository root, seen from out/test/lsp/. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');

/** Build dist/server.js when it is missing (npm test builds it before running the tests). */
export function ensureServerBuilt(): void {
  if (existsSync(SERVER)) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 180_000 });
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export const WAIT_MS = 30_000;

interface Waiter<T> {
  test: (v: T) => boolean;
  resolve: (v: T) => void;
}

export interface StartOptions {
  /** Workspace folder. */
  root?: string;
  initializationOptions?: Record<string, unknown>;
  /** Answer workspace/applyEdit with applied: true (and record it). Default true. */
  applyEdits?: boolean;
  /** Client name sent in clientInfo. */
  clientName?: string;
  /** Extra environment of the server (over testGitEnv's, which ignores the machine's git config). */
  env?: Record<string, string>;
  /** Announce workspace/configuration support and answer every item with this value. */
  configuration?: unknown;
}

/** A response to a request written raw (`writeRaw`), as the server sent it. */
export interface RawResponse {
  id: string;
  result?: unknown;
  error?: { code: number; message: string };
}

/**
 * Reads every JSON-RPC message the server writes, beside the connection (both listen to the
 * same stdout), and keeps the responses to the raw requests (string ids `raw-N`).
 */
class RawTap {
  private buffer = Buffer.alloc(0);
  readonly responses = new Map<string, RawResponse>();
  waiters: Waiter<RawResponse>[] = [];

  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /content-length:\s*(\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'));
      if (!m) throw new Error(`a message header without Content-Length: ${this.buffer.subarray(0, end).toString()}`);
      const start = end + 4;
      const length = Number(m[1]);
      if (this.buffer.length < start + length) return;
      const body = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Partial<RawResponse>;
      this.buffer = this.buffer.subarray(start + length);
      if (typeof body.id === 'string' && body.id.startsWith('raw-')) {
        const r = body as RawResponse;
        this.responses.set(r.id, r);
        this.waiters = this.waiters.filter((w) => (w.test(r) ? (w.resolve(r), false) : true));
      }
    }
  }
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly seriesChanged: { uris: string[] }[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly logs: string[] = [];
  /** The server's answer to initialize (its capabilities). */
  initializeResult: InitializeResult | null = null;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private diagWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private editWaiters: Waiter<ApplyWorkspaceEditParams>[] = [];
  private seriesWaiters: Waiter<{ uris: string[] }>[] = [];
  private readonly versions = new Map<string, number>();
  private readonly tap = new RawTap();
  private rawIds = 0;

  private constructor(
    readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(opts: StartOptions = {}): Promise<LspTestClient> {
    ensureServerBuilt();
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: opts.root ?? REPO_ROOT,
      env: testGitEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', () => undefined);
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, conn);
    child.stdout!.on('data', (chunk: Buffer) => client.tap.feed(chunk));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.onDiagnostics(p));
    conn.onNotification('patchsmith/seriesChanged', (p: { uris: string[] }) => {
      client.seriesChanged.push(p);
      client.seriesWaiters = client.seriesWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    conn.onNotification('window/showMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    // showInformationMessage & co. of vscode-languageserver are requests (they may carry actions).
    conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
      client.logs.push(p.message);
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      client.appliedEdits.push(p);
      client.editWaiters = client.editWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
      return { applied: opts.applyEdits ?? true };
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.configuration ?? null));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    const root = opts.root ?? REPO_ROOT;
    client.initializeResult = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      clientInfo: { name: opts.clientName ?? 'patchsmith-test' },
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      initializationOptions: { trusted: true, debounceMs: 0, ...opts.initializationOptions },
      capabilities: {
        workspace: {
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          configuration: opts.configuration !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: false },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { documentationFormat: ['markdown'] } },
          hover: { contentFormat: ['markdown'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    this.latest.set(p.uri, p);
    this.diagWaiters = this.diagWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
  }

  /** The last diagnostics published for a document. */
  last(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /** Wait for a publication (the latest one counts too) that satisfies `test`. */
  waitForDiagnostics(uri: string, test: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean, what = 'diagnostics'): Promise<Diagnostic[]> {
    const matches = (p: PublishDiagnosticsParams): boolean => p.uri === uri && test(p.diagnostics, p);
    const current = this.latest.get(uri);
    if (current && matches(current)) return Promise.resolve(current.diagnostics);
    return this.waitFor(this.diagWaiters, matches, `${what} for ${path.basename(uri)}`).then((p) => p.diagnostics);
  }

  waitForEdit(test: (p: ApplyWorkspaceEditParams) => boolean = () => true): Promise<ApplyWorkspaceEditParams> {
    const done = this.appliedEdits.find(test);
    if (done) return Promise.resolve(done);
    return this.waitFor(this.editWaiters, test, 'workspace/applyEdit');
  }

  waitForSeriesChanged(test: (p: { uris: string[] }) => boolean): Promise<{ uris: string[] }> {
    const done = this.seriesChanged.find(test);
    if (done) return Promise.resolve(done);
    return this.waitFor(this.seriesWaiters, test, 'patchsmith/seriesChanged');
  }

  private waitFor<T>(list: Waiter<T>[], test: (v: T) => boolean, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
      }, WAIT_MS);
      list.push({
        test,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }

  async open(uri: string, text: string, languageId = 'git-patch'): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** An incremental change; returns the new version. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /**
   * Write JSON-RPC messages to the server's stdin in ONE chunk, bypassing the connection: the
   * server reads them all before it handles the first (a request and its `$/cancelRequest`).
   * Call it only when no send of the connection is pending (await them): a frame written
   * between the header and the body of one of its messages would corrupt both.
   */
  writeRaw(messages: readonly object[]): void {
    const frames = messages.map((m) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  /** A new id for a raw request (`raw-N`: never one of the connection's numeric ids). */
  rawId(): string {
    return `raw-${++this.rawIds}`;
  }

  /** The response to the raw request `id`. */
  rawResponse(id: string): Promise<RawResponse> {
    const done = this.tap.responses.get(id);
    if (done) return Promise.resolve(done);
    return this.waitFor(this.tap.waiters, (r) => r.id === id, `the response to ${id}`);
  }

  /** A request and its `$/cancelRequest`, written in one chunk; resolves with the response. */
  requestThenCancel(method: string, params: unknown): Promise<RawResponse> {
    const id = this.rawId();
    this.writeRaw([
      { id, method, params },
      { method: '$/cancelRequest', params: { id } },
    ]);
    return this.rawResponse(id);
  }

  async stop(): Promise<void> {
    try {
      // The fallback timer is unref'd: it must not keep the test process alive once the server answered.
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000).unref())]);
      await this.conn.sendNotification('exit');
    } catch {
      // The server may be gone already.
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * A server started on a temporary folder for the tests of one file: started before them, stopped
 * and its folder removed after them. Read `client` and `dir` inside tests (they are set by then).
 */
export function serverInTempFolder(prefix: string, opts: Omit<StartOptions, 'root'> = {}): { client: LspTestClient; dir: string } {
  const fixture = { client: undefined as unknown as LspTestClient, dir: '' };
  before(async () => {
    fixture.dir = mkdtempSync(path.join(tmpdir(), prefix));
    fixture.client = await LspTestClient.start({ ...opts, root: fixture.dir });
  });
  after(async () => {
    await fixture.client?.stop();
    if (fixture.dir) rmSync(fixture.dir, { recursive: true, force: true });
  });
  return fixture;
}

/** Apply LSP text edits to a text (offsets from the original text). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number =>
    p.line >= starts.length ? text.length : Math.min(starts[p.line]! + p.character, p.line + 1 < starts.length ? starts[p.line + 1]! - 1 : text.length);
  const sorted = [...edits].map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

/** The edits of a WorkspaceEdit for one URI, whichever form it uses. */
export function editsFor(edit: WorkspaceEdit, uri: string): { edits: TextEdit[]; version: number | null | undefined } | null {
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc && dc.textDocument.uri === uri) return { edits: dc.edits as TextEdit[], version: dc.textDocument.version };
  }
  const plain = edit.changes?.[uri];
  return plain ? { edits: plain, version: undefined } : null;
}

/** The 0-based line of the first line of `text` that starts with `prefix`. */
export function lineOf(text: string, prefix: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starting with ${JSON.stringify(prefix)}`);
  return i;
}
