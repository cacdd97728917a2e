/**
 * Status bar item for the active patch: "$(git-commit) v3 2/7 · 4 problems" from
 * patchsmith/seriesInfo, for the message under the cursor (an mbox holds a whole series). The
 * server says which lines its answer holds for; a cursor move asks again (debounced) only when it
 * leaves them.
 */
import * as vscode from 'vscode';
import { SeriesInfoRequest, type SeriesInfoParams, type SeriesInfoResult } from '../../server/src/lsp/protocol';
import { isPatchDocument, type PatchsmithServer } from './server';
import { statusBarText, statusBarTooltip } from './labels';
import { cursorLeftMessage, shownMessage, type ShownMessage } from './cursorMessage';

/** Debounce of refreshes after diagnostics or series changes. */
const CHANGE_DELAY_MS = 150;
/** Debounce of refreshes after the cursor left the message shown. */
const CURSOR_DELAY_MS = 200;

export class SeriesStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('patchsmith.series', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** Bumped on every refresh: a late answer for an older editor is dropped. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The message the item describes now (null: nothing, or unknown). */
  private shown: ShownMessage | null = null;

  constructor(private readonly server: PatchsmithServer) {
    this.item.name = 'patchsmith series';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      // An edit may move the messages' lines: the next cursor move asks again.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.shown?.uri === e.document.uri.toString()) this.shown = null;
      }),
      server.onSeriesChanged(() => this.schedule(CHANGE_DELAY_MS)),
      server.onReady(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule(CHANGE_DELAY_MS)),
    );
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (e.textEditor !== vscode.window.activeTextEditor || !isPatchDocument(e.textEditor.document)) return;
    const line = e.selections[0]?.active.line ?? e.textEditor.selection.active.line;
    if (cursorLeftMessage(this.shown, e.textEditor.document.uri.toString(), line)) this.schedule(CURSOR_DELAY_MS);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    if (!editor || !isPatchDocument(doc)) {
      this.shown = null;
      this.item.hide();
      return;
    }
    const uri = doc.uri.toString();
    const params: SeriesInfoParams = { uri, line: editor.selection.active.line };
    try {
      const info = await this.server.request<SeriesInfoResult | null>(SeriesInfoRequest, params);
      if (generation !== this.generation) return;
      if (!info) {
        this.shown = null;
        this.item.hide();
        return;
      }
      this.shown = shownMessage(uri, info);
      this.item.text = statusBarText(info);
      this.item.tooltip = statusBarTooltip(info);
      this.item.show();
    } catch {
      if (generation !== this.generation) return;
      // Not asked again on cursor moves in this document; the next change or the server's start will.
      this.shown = { uri, lines: null };
      // No series information (server starting, older server): show that patchsmith is on, nothing more.
      this.item.text = '$(git-commit) patchsmith';
      this.item.tooltip = 'patchsmith: no series information yet';
      this.item.show();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * "$(sync~spin) checkpatch.pl" while the repository's checkpatch.pl runs on a large patch (the
 * server says when: patchsmith/checkpatchStatus), for the active editor's document.
 */
export class CheckpatchStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('patchsmith.checkpatch', vscode.StatusBarAlignment.Left, 49);
  private readonly running = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(server: PatchsmithServer) {
    this.item.name = 'patchsmith checkpatch.pl';
    this.disposables.push(
      server.onCheckpatchStatus((p) => {
        if (p.running) this.running.set(p.uri, p.script ?? 'checkpatch.pl');
        else this.running.delete(p.uri);
        this.update();
      }),
      server.onReady(() => {
        this.running.clear();
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
  }

  private update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const script = uri ? this.running.get(uri) : undefined;
    if (!script) {
      this.item.hide();
      return;
    }
    this.item.text = '$(sync~spin) checkpatch.pl';
    this.item.tooltip = `patchsmith: running ${script} on this patch; its findings join the diagnostics when it ends`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
