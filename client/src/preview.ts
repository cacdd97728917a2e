/**
 * The series preview: a webview beside the editor showing the HTML the server renders
 * (patchsmith/seriesPreview, mode 'webview'), refreshed on edits and on patchsmith/seriesChanged.
 */
import * as vscode from 'vscode';
import { SeriesPreviewRequest, type SeriesPreviewParams, type SeriesPreviewResult } from '../../server/src/lsp/protocol';
import { RequestUnavailable, isPatchDocument, type PatchsmithServer } from './server';
import { showBidi } from '../../server/src/model/bidi';
import { messageBody, newNonce, parsePreviewMessage, webviewDocument } from './webviewHtml';

const REFRESH_DELAY_MS = 150;

export class SeriesPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document whose series is shown. */
  private uri: vscode.Uri | undefined;
  /** The series shown (from the last render), to tell which changes concern us. */
  private seriesKey: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private scrollY = 0;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: PatchsmithServer) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && isPatchDocument(e.document) && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = editor?.document;
        if (this.panel && doc && doc.languageId === 'git-patch' && doc.uri.toString() !== this.uri?.toString()) {
          this.uri = doc.uri;
          this.schedule();
        }
      }),
      server.onSeriesChanged(() => {
        if (this.panel) this.schedule();
      }),
      server.onReady(() => {
        if (this.panel) this.schedule();
      }),
    );
  }

  /** Opens (or reveals) the preview for the series of `uri`. */
  show(uri: vscode.Uri): void {
    const switched = this.uri?.toString() !== uri.toString();
    this.uri = uri;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      if (switched) this.scrollY = 0;
    } else {
      this.panel = vscode.window.createWebviewPanel(
        'patchsmith.preview',
        'Series Preview',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.scrollY = 0;
        if (this.timer) clearTimeout(this.timer);
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    }
    void this.render();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), REFRESH_DELAY_MS);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    const generation = ++this.generation;
    const nonce = newNonce();
    const params: SeriesPreviewParams = { uri: uri.toString(), nonce, mode: 'webview' };
    let body: string;
    let title = 'Series Preview';
    try {
      const result = await this.server.request<SeriesPreviewResult | null>(SeriesPreviewRequest, params);
      if (!result) {
        body = messageBody('No series to preview for this document.');
      } else {
        body = result.html;
        this.seriesKey = result.seriesKey;
        if (result.seriesKey) title = `Preview: ${result.seriesKey}`;
      }
    } catch (err) {
      body = messageBody(
        err instanceof RequestUnavailable
          ? `The series preview is not available: ${err.message}.`
          : `The series preview could not be rendered: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    // A newer render started, or the panel closed, while we waited.
    if (generation !== this.generation || this.panel !== panel) return;
    panel.title = showBidi(title);
    panel.webview.html = webviewDocument(body, { cspSource: panel.webview.cspSource, nonce, title, scrollY: this.scrollY });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parsePreviewMessage(raw);
    if (!m) return;
    if (m.type === 'scroll') {
      this.scrollY = m.y;
      return;
    }
    try {
      const uri = vscode.Uri.parse(m.uri, true);
      const doc = await vscode.workspace.openTextDocument(uri);
      const line = Math.min(m.line, Math.max(0, doc.lineCount - 1));
      const position = new vscode.Position(line, 0);
      const column = vscode.window.visibleTextEditors.find((e) => isPatchDocument(e.document))?.viewColumn ?? vscode.ViewColumn.One;
      await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(position, position) });
    } catch (err) {
      void vscode.window.showWarningMessage(`patchsmith: cannot open ${m.uri}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The series shown, for tests and commands. */
  get currentSeriesKey(): string | null {
    return this.seriesKey;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
