/** The "Patch Series" view in the Explorer, from patchsmith/listSeries. */
import * as vscode from 'vscode';
import { ListSeriesRequest, type BranchSeriesCommit, type BranchSeriesEntry, type ListSeriesResult, type SeriesEntry } from '../../server/src/lsp/protocol';
import { askServer } from './branchSeries';
import type { PatchsmithServer } from './server';
import { problemsText, treeDescription } from './labels';

type Node =
  | { kind: 'series'; entry: SeriesEntry }
  | { kind: 'item'; uri: string; label: string; problems: number }
  | { kind: 'branch'; entry: BranchSeriesEntry }
  | { kind: 'commit'; commit: BranchSeriesCommit; index: number; total: number };

export class SeriesTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<Node>;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly server: PatchsmithServer) {
    this.view = vscode.window.createTreeView('patchsmith.seriesView', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      server.onSeriesChanged(() => this.schedule()),
      server.onReady(() => this.refresh()),
    );
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'item' || node?.kind === 'commit') return [];
    if (node?.kind === 'branch') return node.entry.commits.map((commit, index) => ({ kind: 'commit' as const, commit, index, total: node.entry.commits.length }));
    if (node?.kind === 'series') {
      return node.entry.items.map((i) => ({ kind: 'item' as const, uri: i.uri, label: i.label, problems: i.problems }));
    }
    let series: ListSeriesResult;
    try {
      series = (await this.server.request<ListSeriesResult | null>(ListSeriesRequest, {})) ?? [];
    } catch {
      series = [];
    }
    const total = series.reduce((n, s) => n + s.items.reduce((m, i) => m + i.problems, 0), 0);
    this.view.badge = total > 0 ? { value: total, tooltip: problemsText(total) } : undefined;
    // The enrolled branches (patchsmith series / b4 prep) first, then the patch files found.
    const branches = await askServer(this.server, { action: 'list' });
    const enrolled = branches.ok ? (branches.series ?? []) : [];
    return [...enrolled.map((entry) => ({ kind: 'branch' as const, entry })), ...series.map((entry) => ({ kind: 'series' as const, entry }))];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'branch') {
      const e = node.entry;
      const item = new vscode.TreeItem(`${e.branch} v${e.version}`, vscode.TreeItemCollapsibleState.Collapsed);
      const n = e.commits.length;
      item.description = [`${n} ${n === 1 ? 'commit' : 'commits'}`, e.sent.length ? `sent ${e.sent.join(', ')}` : 'not sent', treeDescription(e.problems), e.error ?? ''].filter(Boolean).join(' · ');
      item.tooltip = `${e.root}\nbase ${e.baseBranch}${e.current ? '\n(checked out)' : ''}`;
      item.iconPath = new vscode.ThemeIcon(e.error ? 'warning' : 'git-branch');
      item.id = `branch:${e.root}:${e.branch}`;
      item.contextValue = 'patchsmith.branchSeries';
      return item;
    }
    if (node.kind === 'commit') {
      const c = node.commit;
      const item = new vscode.TreeItem(`${node.index + 1}/${node.total} ${c.subject}`, vscode.TreeItemCollapsibleState.None);
      item.description = `A${c.acked} R${c.reviewed} T${c.tested}`;
      item.tooltip = `${c.sha}\nAcked-by ${c.acked}, Reviewed-by ${c.reviewed}, Tested-by ${c.tested}`;
      item.iconPath = new vscode.ThemeIcon('git-commit');
      return item;
    }
    if (node.kind === 'series') {
      const item = new vscode.TreeItem(node.entry.label, vscode.TreeItemCollapsibleState.Expanded);
      const problems = node.entry.items.reduce((n, i) => n + i.problems, 0);
      const patches = node.entry.items.length;
      item.description = [`${patches} ${patches === 1 ? 'file' : 'files'}`, treeDescription(problems)].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('git-pull-request');
      item.id = `series:${node.entry.key}`;
      item.contextValue = 'patchsmith.series';
      return item;
    }
    const uri = vscode.Uri.parse(node.uri);
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = treeDescription(node.problems);
    item.tooltip = `${uri.fsPath || uri.toString()}${node.problems > 0 ? `\n${problemsText(node.problems)}` : ''}`;
    item.iconPath = new vscode.ThemeIcon(node.problems > 0 ? 'warning' : 'git-commit');
    item.command = { command: 'vscode.open', title: 'Open Patch', arguments: [uri] };
    item.resourceUri = uri;
    item.contextValue = 'patchsmith.patch';
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
