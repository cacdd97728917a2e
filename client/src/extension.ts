/** patchsmith's VS Code client: the language client plus status bar, series view, preview and commands. */
import * as vscode from 'vscode';
import { PatchsmithServer } from './server';
import { CheckpatchStatusItem, SeriesStatusBar } from './statusBar';
import { SeriesTreeProvider } from './seriesTree';
import { SeriesPreview } from './preview';
import { registerCommands } from './commands';
import { registerBranchSeriesCommands } from './branchSeries';

let server: PatchsmithServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  server = new PatchsmithServer(context);
  const preview = new SeriesPreview(server);
  const tree = new SeriesTreeProvider(server);
  const statusBar = new SeriesStatusBar(server);
  context.subscriptions.push(server, preview, tree, statusBar, new CheckpatchStatusItem(server));
  for (const d of registerCommands({ server, preview, tree })) context.subscriptions.push(d);
  for (const d of registerBranchSeriesCommands({ server, preview, refresh: () => tree.refresh() })) context.subscriptions.push(d);

  // The server runs git only in a trusted workspace; it learns the trust state from
  // initializationOptions, so a grant restarts it with `trusted: true`.
  const s = server;
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void s.restart()));

  await vscode.commands.executeCommand('setContext', 'patchsmith.active', true);
  await server.start();
  void statusBar.refresh();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
