/**
 * The server's view of the world: open documents (parsed once per version), patch files on disk,
 * settings, the rule configuration of each folder and the git repository of each document.
 *
 * Configuration of a patch: config/load.ts loadConfig, with the editor settings as its
 * `settings` layer: defaults(profile) < editor settings < .checkpatch.conf < .patchsmith.json
 * (the project's own files win over an editor-wide setting), the order `check` uses.
 *
 * Repository of a document: the one containing the file (config/load.ts findRepoRoot, the
 * finder `check` uses), else the workspace folder's, else the `patchsmith.repository` setting.
 * Untrusted workspace: none, git never runs.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { PatchDocument } from '../model/types';
import type { RuleConfig } from '../rules/types';
import { IncrementalDocument, LAZY_MIN_LENGTH, type TextShape } from '../check/incremental';
import { LineTable } from '../model/lines';
import { messageBoundsAt, parseMessageAt } from '../parse/parsePatch';
import { formatConfigProblems, mergeConfig } from '../config/layer';
import { CHECKPATCH_CONF } from '../config/checkpatchConf';
import { PATCHSMITH_JSON } from '../config/patchsmithJson';
import { SPELLING_TXT } from '../config/spellingList';
import { findRepoRoot, loadConfig } from '../config/load';
import { GitRepository } from '../git/gitRepository';
import type { Identity } from '../git/repository';
import { ruleIds } from '../rules/registry';
import { FileStore } from './fileStore';
import { RepoService, within } from './repoService';
import { DEFAULT_SETTINGS, type ServerSettings, settingsLayer } from './settings';
import { documentTextKind, isHandledDocument, pathToUri, uriToPath } from './uri';
import type { TextKind } from '../parse/textKind';

export interface ParsedDocument {
  uri: string;
  version: number;
  doc: PatchDocument;
  /** A bare text, not a mail of a series: a commit message (COMMIT_EDITMSG) or a cover letter text (`*.cover`). */
  commit: boolean;
  /** What the text is read as. */
  kind: TextKind;
  /** Unique to this parse (versions restart at 1 when a document is closed and opened again). */
  generation: number;
  /**
   * Only the message around a position: a huge document whose check is running in the worker
   * (Workspace.parsedAt). Its `doc.messages` is that one message; series are not known.
   */
  partial?: true;
}

let parses = 0;

export type Logger = (message: string) => void;

/** The editor's open documents, as the workspace reads them (vscode-languageserver's TextDocuments). */
export type OpenDocuments = Pick<TextDocuments<TextDocument>, 'get' | 'all'>;

/** A repository's `scripts/spelling.txt` (in any separator's spelling). */
function isSpellingList(file: string): boolean {
  const [dir, name] = SPELLING_TXT.split('/');
  return path.basename(file) === name && path.basename(path.dirname(file)) === dir;
}

export class Workspace {
  settings: ServerSettings = DEFAULT_SETTINGS;
  /** Workspace folder paths. */
  folders: string[] = [];
  readonly files = new FileStore();
  private readonly parsedCache = new Map<string, ParsedDocument>();
  /** Per open document: its messages, reused across versions while their text is unchanged. */
  private readonly models = new Map<string, { inc: IncrementalDocument; kind: TextKind }>();
  /** A huge document's shape from the check worker, for its version (offerShape). */
  private readonly shapes = new Map<string, { version: number; shape: TextShape }>();
  /** The version of each document the check worker is reading now (checkStarted/checkEnded). */
  private readonly checking = new Map<string, number>();
  /** Requests waiting for the model of a document the worker is reading (parsedWhole). */
  private readonly waiters = new Map<string, (() => void)[]>();
  /** A huge document's lines while its check runs, for the one-message models of parsedAt. */
  private partialLines: { uri: string; version: number; lines: LineTable } | null = null;
  private readonly configCache = new Map<string, Promise<RuleConfig>>();
  private readonly rootOfDir = new Map<string, Promise<string | null>>();
  private readonly repos = new Map<string, RepoService>();
  private readonly reportedConfig = new Set<string>();
  /** The user's identity from git's global config, for documents outside any repository. */
  private userIdentity: Promise<Identity | null> | undefined;

  constructor(
    readonly documents: OpenDocuments,
    private readonly log: Logger,
  ) {}

  /** The open document, when patchsmith handles it. */
  open(uri: string): TextDocument | undefined {
    const d = this.documents.get(uri);
    return d && isHandledDocument(d.uri, d.languageId) ? d : undefined;
  }

  /** Every open document patchsmith handles. */
  openDocuments(): TextDocument[] {
    return this.documents.all().filter((d) => isHandledDocument(d.uri, d.languageId));
  }

  /**
   * The parsed model of an open document at its current version (parsed once per version, and
   * then only the messages an edit touched: check/incremental.ts).
   */
  parsed(uri: string): ParsedDocument | null {
    const d = this.open(uri);
    if (!d) return null;
    const cached = this.parsedCache.get(uri);
    if (cached && cached.version === d.version) return cached;
    const kind = documentTextKind(d.uri, d.languageId);
    let model = this.models.get(uri);
    if (!model || model.kind !== kind) {
      model = { inc: new IncrementalDocument(kind), kind };
      this.models.set(uri, model);
    }
    const offered = this.shapes.get(uri);
    this.shapes.delete(uri);
    const doc = model.inc.update(d.getText(), offered?.version === d.version ? offered.shape : undefined);
    const parsed = { uri, version: d.version, doc, commit: kind !== 'mail', kind, generation: ++parses };
    this.parsedCache.set(uri, parsed);
    return parsed;
  }

  /**
   * What the check worker learnt of version `version` of a huge document (its line table, the
   * bounds, digests and outlines of its messages): used by `parsed` for that version only.
   */
  offerShape(uri: string, version: number, shape: TextShape): void {
    this.shapes.set(uri, { version, shape });
    this.wake(uri);
  }

  forget(uri: string): void {
    this.parsedCache.delete(uri);
    this.models.delete(uri);
    this.shapes.delete(uri);
    this.checking.delete(uri);
    this.wake(uri);
  }

  /** The check worker reads this version of the document now (diagnostics). */
  checkStarted(uri: string, version: number): void {
    this.checking.set(uri, version);
  }

  /** The check worker is done with the document (its shape offered, or the check dropped). */
  checkEnded(uri: string, version: number): void {
    if (this.checking.get(uri) === version) this.checking.delete(uri);
    this.wake(uri);
  }

  private wake(uri: string): void {
    if (this.partialLines?.uri === uri) this.partialLines = null;
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const w of list ?? []) w();
  }

  /**
   * Whether the model of the document's current version would be parsed here while the check
   * worker is reading that same huge text: the worker's shape spares the parse (3 s of the main
   * thread for a 100 MB mbox, every request waiting behind it).
   */
  private pending(uri: string, d: TextDocument): boolean {
    if (this.checking.get(uri) !== d.version) return false;
    if (this.parsedCache.get(uri)?.version === d.version || this.shapes.get(uri)?.version === d.version) return false;
    return d.getText().length >= LAZY_MIN_LENGTH && documentTextKind(d.uri, d.languageId) === 'mail';
  }

  /**
   * The model for a request at `line` (hover, completion, code actions): `parsed`, or, while the
   * worker reads a huge document, only the message around that line (`partial`), parsed here at
   * once. Requests never wait behind a check.
   */
  parsedAt(uri: string, line: number): ParsedDocument | null {
    const d = this.open(uri);
    if (!d) return null;
    if (!this.pending(uri, d)) return this.parsed(uri);
    let lines = this.partialLines?.uri === uri && this.partialLines.version === d.version ? this.partialLines.lines : null;
    if (!lines) {
      lines = new LineTable(d.getText());
      this.partialLines = { uri, version: d.version, lines };
    }
    const at = Math.max(0, Math.min(Math.floor(line), lines.length - 1));
    const bounds = messageBoundsAt(lines, at);
    const found = bounds ? parseMessageAt(lines, bounds[0], bounds[1]) : null;
    const messages = found && 'message' in found ? [found.message] : [];
    return { uri, version: d.version, doc: { lines, messages, problems: [] }, commit: false, kind: 'mail', generation: ++parses, partial: true };
  }

  /**
   * The whole model (document symbols, folding, commands, series): `parsed`, once the worker has
   * read a huge document it is reading now (its shape spares the parse here). Null when closed.
   */
  async parsedWhole(uri: string): Promise<ParsedDocument | null> {
    for (;;) {
      const d = this.open(uri);
      if (!d) return null;
      if (!this.pending(uri, d)) return this.parsed(uri);
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(uri) ?? [];
        list.push(resolve);
        this.waiters.set(uri, list);
      });
    }
  }

  /** The open document's URI for a path, if open (URIs of closed files are made from paths). */
  uriForPath(p: string): string {
    for (const d of this.documents.all()) {
      if (uriToPath(d.uri) === p) return d.uri;
    }
    return pathToUri(p);
  }

  /** Folder a document's neighbours and configuration are looked up in. */
  dirOf(uri: string): string | null {
    const p = uriToPath(uri);
    if (p) {
      // COMMIT_EDITMSG and friends live in .git/: their repository is the work tree around it.
      const parts = p.split(path.sep);
      const git = parts.lastIndexOf('.git');
      if (git > 0 && git < parts.length - 1) return parts.slice(0, git).join(path.sep) || path.sep;
      return path.dirname(p);
    }
    return this.folders[0] ?? null;
  }

  setSettings(next: ServerSettings): void {
    const prev = this.settings;
    // Trust is the client's (initializationOptions) and can only be withdrawn, never granted here.
    if (next.trusted && !prev.trusted) next = { ...next, trusted: false };
    this.settings = next;
    this.configCache.clear();
    if ((prev.trusted && !next.trusted) || prev.historyCap !== next.historyCap || prev.repository !== next.repository) {
      this.disposeRepos();
    }
  }

  /** A configuration file, MAINTAINERS or .mailmap changed on disk. */
  fileChanged(file: string): void {
    const base = path.basename(file);
    // The repository's spelling list is part of the configuration (loaded with it).
    if (base === CHECKPATCH_CONF || base === PATCHSMITH_JSON || isSpellingList(file)) this.configCache.clear();
    // MAINTAINERS, and .mailmap, which maps its addresses.
    if (base === 'MAINTAINERS' || base === '.mailmap') {
      for (const r of this.repos.values()) if (path.dirname(file) === r.root) r.reloadMaintainers();
    }
    this.files.invalidate(file);
  }

  /** The rule configuration for a document (cached per folder). */
  configFor(uri: string): Promise<RuleConfig> {
    const dir = this.dirOf(uri) ?? '';
    let p = this.configCache.get(dir);
    if (!p) {
      p = this.loadConfig(dir).catch(() => mergeConfig([settingsLayer(this.settings)]));
      this.configCache.set(dir, p);
    }
    return p;
  }

  private async loadConfig(dir: string): Promise<RuleConfig> {
    const settings = settingsLayer(this.settings);
    if (dir === '') return mergeConfig([settings]);
    const loaded = await loadConfig({ dir, settings, knownRules: ruleIds() });
    for (const line of formatConfigProblems(loaded.problems)) {
      if (this.reportedConfig.has(line)) continue;
      this.reportedConfig.add(line);
      this.log(`patchsmith: ${line}`);
    }
    return loaded.config;
  }

  /**
   * The git top level for a folder: the repository containing it, else (when `fallbacks`) the
   * workspace folder's, else the `repository` setting. Null when untrusted.
   */
  private async repoRootFor(dir: string, fallbacks: boolean): Promise<string | null> {
    if (!this.settings.trusted) return null;
    const own = await this.rootOf(dir);
    if (own || !fallbacks) return own;
    for (const f of this.folders) {
      const r = await this.rootOf(f);
      if (r) return r;
    }
    const setting = this.settings.repository;
    if (setting) {
      const abs = path.isAbsolute(setting) ? setting : path.resolve(this.folders[0] ?? process.cwd(), setting);
      return this.rootOf(abs);
    }
    return null;
  }

  private rootOf(dir: string): Promise<string | null> {
    let p = this.rootOfDir.get(dir);
    if (!p) {
      p = findRepoRoot(dir).catch(() => null);
      this.rootOfDir.set(dir, p);
    }
    return p;
  }

  /** The repository of a document (opened once per root), or null: no git, none, or untrusted. */
  async repoFor(uri: string): Promise<RepoService | null> {
    if (!this.settings.trusted) return null;
    const dir = this.dirOf(uri);
    if (dir === null) return null;
    const root = await this.repoRootFor(dir, true);
    if (!root || !this.settings.trusted) return null;
    let service = this.repos.get(root);
    if (!service) {
      service = new RepoService(root, this.settings.historyCap);
      this.repos.set(root, service);
      this.log(`patchsmith: using the git repository at ${root}`);
    }
    return service;
  }

  /**
   * Who the user is, for a sign-off: the identity git uses in the document's repository, else
   * (patches kept outside any repository, e.g. `git format-patch -o ~/outgoing`) the one of git's
   * global and system config, as `git config` gives it outside a repository. Waits at most `ms`
   * for git's first answer. Null when untrusted (git never runs) or when no identity is set.
   */
  async identityFor(uri: string, ms = 300): Promise<Identity | null> {
    if (!this.settings.trusted) return null;
    const repo = await this.repoFor(uri);
    if (repo) return repo.identity(ms);
    if (!this.settings.trusted) return null; // revoked while looking for the repository

    if (!this.userIdentity) {
      const dir = this.dirOf(uri);
      this.userIdentity = (dir ? isDirectory(dir) : Promise.resolve(false))
        // That folder is in no repository (repoFor found none); the home folder may be one.
        .then((ok) => new GitRepository(ok && dir ? dir : homedir()).identity())
        .catch(() => null);
    }
    return within(this.userIdentity, ms, null);
  }

  private disposeRepos(): void {
    for (const r of this.repos.values()) r.dispose();
    this.repos.clear();
    this.rootOfDir.clear();
    this.userIdentity = undefined;
  }

  dispose(): void {
    this.disposeRepos();
  }
}

function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
