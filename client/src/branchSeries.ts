/**
 * The series commands of VS Code (`patchsmith series` in the editor): Start Series, Edit Cover
 * Letter, Format and Preview, Send Series..., Collect Trailers..., Reroll. The engine runs in the
 * server (patchsmith/branchSeries); this side asks, confirms and shows.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BranchSeriesRequest, type BranchSeriesEntry, type BranchSeriesFormatted, type BranchSeriesParams, type BranchSeriesResult } from '../../server/src/lsp/protocol';
import type { PatchsmithServer } from './server';
import type { SeriesPreview } from './preview';

export interface BranchSeriesDeps {
  server: PatchsmithServer;
  preview: SeriesPreview;
  refresh(): void;
}

/** What a command gets from the tree (a series node) or nothing (palette). */
export interface SeriesTarget {
  root: string;
  branch: string;
}

export async function askServer(server: PatchsmithServer, params: BranchSeriesParams): Promise<BranchSeriesResult> {
  try {
    return await server.request<BranchSeriesResult>(BranchSeriesRequest, params);
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

function fail(r: BranchSeriesResult): boolean {
  if (r.ok) return false;
  void vscode.window.showErrorMessage(`patchsmith: ${r.message}`);
  return true;
}

/** The series a palette command applies to: the checked-out one, else a pick. */
async function target(deps: BranchSeriesDeps, arg: unknown): Promise<SeriesTarget | undefined> {
  const node = arg as { entry?: BranchSeriesEntry } | undefined;
  if (node?.entry?.branch) return { root: node.entry.root, branch: node.entry.branch };
  const r = await askServer(deps.server, { action: 'list' });
  if (fail(r) || !r.ok) return undefined;
  const all = r.series ?? [];
  const current = all.find((s) => s.current);
  if (current) return current;
  if (all.length === 0) {
    void vscode.window.showInformationMessage('patchsmith: no series yet; run "Start Series" on a branch first.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(all.map((s) => ({ label: s.branch, description: `v${s.version}`, s })), { placeHolder: 'Which series?' });
  return pick?.s;
}

function recipientsText(f: BranchSeriesFormatted): string {
  return f.recipients.map((r) => `${r.header}: ${r.address}`).join('\n');
}

const coverFiles = new Map<string, SeriesTarget>();

async function editCover(deps: BranchSeriesDeps, t: SeriesTarget): Promise<void> {
  const r = await askServer(deps.server, { action: 'cover', ...t });
  if (fail(r) || !r.ok) return;
  // In the repository's .git (as git's COMMIT_EDITMSG): the server reads it as that repository's
  // cover letter (people and MAINTAINERS for its To:/Cc: lines); a linked work tree's .git is a file.
  const gitDir = path.join(t.root, '.git');
  const inRepo = await fs.stat(gitDir).then((s) => s.isDirectory(), () => false);
  const dir = inRepo ? path.join(gitDir, 'patchsmith-covers') : path.join(os.tmpdir(), 'patchsmith-covers');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${t.branch.replace(/[^A-Za-z0-9._-]+/g, '_')}.cover`);
  await fs.writeFile(`${file}.tmp`, r.text ?? '');
  await fs.rename(`${file}.tmp`, file);
  coverFiles.set(file, t);
  // `.cover` is not registered for git-patch (Python's trace module writes `*.cover` files too):
  // this document is, so the language server checks it as a cover letter text and completes it.
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(file), 'git-patch');
  await vscode.window.showTextDocument(doc);
  void vscode.window.setStatusBarMessage(`patchsmith: saving this file stores the cover letter of ${t.branch}`, 8000);
}

async function format(deps: BranchSeriesDeps, t: SeriesTarget, preview: boolean): Promise<BranchSeriesFormatted | undefined> {
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `patchsmith: formatting ${t.branch}…` }, () =>
    askServer(deps.server, { action: 'format', ...t }),
  );
  if (fail(r) || !r.ok || !r.formatted) return undefined;
  const f = r.formatted;
  if (preview && f.files[0]) {
    const cover = vscode.Uri.file(f.files[0]);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cover), { preview: false });
    deps.preview.show(cover);
    const lines = [`# ${t.branch}: ${f.files.length} messages in ${f.dir}`, '', '## Recipients (every message)', recipientsText(f), ''];
    for (let i = 0; i < f.files.length; i++) lines.push(`${path.basename(f.files[i]!)}  ${f.subjects[i] ?? ''}`);
    lines.push('', `## check: ${f.errors} error(s)`);
    for (const x of f.findings) lines.push(`${path.basename(x.file)}:${x.line}: ${x.severity}: ${x.message} [${x.rule}]`);
    if (f.rangeDiff) lines.push('', '## Compared with the previous version (git range-diff)', f.rangeDiff);
    const doc = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'markdown' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
  }
  return f;
}

async function send(deps: BranchSeriesDeps, t: SeriesTarget): Promise<void> {
  const f = await format(deps, t, false);
  if (!f) return;
  const count = f.files.length;
  const detail = `${recipientsText(f)}\n\n${f.errors > 0 ? `check found ${f.errors} error(s).` : 'check found no errors.'}`;
  const send = f.errors > 0 ? 'Send Anyway' : 'Send';
  const answer = await vscode.window.showWarningMessage(`Send ${count} messages of ${t.branch} to ${f.recipients.length} recipients?`, { modal: true, detail }, send);
  if (answer !== send) return;
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `patchsmith: sending ${t.branch}…` }, () =>
    askServer(deps.server, { action: 'send', ...t, force: f.errors > 0 }),
  );
  if (fail(r) || !r.ok) return;
  void vscode.window.showInformationMessage(`patchsmith: ${r.message ?? 'sent'}`);
  deps.refresh();
}

async function trailers(deps: BranchSeriesDeps, t: SeriesTarget): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, canSelectMany: false, openLabel: 'Collect Trailers', title: 'The replies: an mbox or a maildir' });
  const from = picked?.[0]?.fsPath;
  if (!from) return;
  const dry = await askServer(deps.server, { action: 'trailers', ...t, from, dryRun: true });
  if (fail(dry) || !dry.ok) return;
  if (!dry.text) {
    void vscode.window.showInformationMessage(`patchsmith: ${dry.message ?? 'no new trailers'}`);
    return;
  }
  const ok = await vscode.window.showWarningMessage(`Add these trailers to ${t.branch}? (the old branch is kept as a backup ref)`, { modal: true, detail: dry.text }, 'Add Trailers');
  if (ok !== 'Add Trailers') return;
  const r = await askServer(deps.server, { action: 'trailers', ...t, from });
  if (fail(r) || !r.ok) return;
  void vscode.window.showInformationMessage(`patchsmith: ${r.message}`);
  deps.refresh();
}

export function registerBranchSeriesCommands(deps: BranchSeriesDeps): vscode.Disposable[] {
  const on = (id: string, run: (t: SeriesTarget) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const t = await target(deps, arg);
      if (t) await run(t);
    });
  return [
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      const t = coverFiles.get(doc.uri.fsPath);
      if (!t) return;
      const r = await askServer(deps.server, { action: 'setCover', ...t, text: doc.getText() });
      if (!fail(r)) void vscode.window.setStatusBarMessage(`patchsmith: cover letter of ${t.branch} stored`, 5000);
    }),
    vscode.commands.registerCommand('patchsmith.series.start', async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return;
      const r = await askServer(deps.server, { action: 'start', root: folder.uri.fsPath });
      if (fail(r) || !r.ok) return;
      void vscode.window.showInformationMessage(`patchsmith: ${r.message}`);
      deps.refresh();
    }),
    on('patchsmith.series.editCover', (t) => editCover(deps, t)),
    on('patchsmith.series.format', (t) => format(deps, t, true)),
    on('patchsmith.series.send', (t) => send(deps, t)),
    on('patchsmith.series.trailers', (t) => trailers(deps, t)),
    on('patchsmith.series.reroll', async (t) => {
      const r = await askServer(deps.server, { action: 'reroll', ...t });
      if (fail(r) || !r.ok) return;
      void vscode.window.showInformationMessage(`patchsmith: ${t.branch} is ${r.message}; complete "Changes in" in the cover letter`);
      deps.refresh();
      await editCover(deps, t);
    }),
  ];
}
