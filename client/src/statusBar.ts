/** Status bar item for the active patch: "$(git-commit) v3 2/7 · 4 problems" from patchsmith/seriesInfo. */
import * as vscode from 'vscode';
import { SeriesInfoRequest, type SeriesInfoParams, type SeriesInfoResult } from '../../server/src/lsp/protocol';
import { isPatchDocument, type PatchsmithServer } from './server';
import { statusBarText, statusBarTooltip } from './labels';

export class SeriesStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('patchsmith.series', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** Bumped on every refresh: a late answer for an older editor is dropped. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly server: PatchsmithServer) {
    this.item.name = 'patchsmith series';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      server.onSeriesChanged(() => this.schedule()),
      server.onReady(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    );
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 150);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!isPatchDocument(doc)) {
      this.item.hide();
      return;
    }
    const params: SeriesInfoParams = { uri: doc.uri.toString() };
    try {
      const info = await this.server.request<SeriesInfoResult | null>(SeriesInfoRequest, params);
      if (generation !== this.generation) return;
      if (!info) {
        this.item.hide();
        return;
      }
      this.item.text = statusBarText(info);
      this.item.tooltip = statusBarTooltip(info);
      this.item.show();
    } catch {
      if (generation !== this.generation) return;
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
