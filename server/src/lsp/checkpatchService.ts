/**
 * The repository's checkpatch.pl in the editor (issue 10), beside the native rules and never in
 * their way: the native diagnostics of a version are published first, as fast as without it;
 * checkpatch runs once the text has been still for `checkpatch.delayMs` (400 ms), one process per
 * document at a time, killed as soon as a newer version arrives, with a timeout. Results are
 * cached by content (script, folder, file name, text): undoing an edit gives its findings back at
 * once. When a result for the document's current version arrives, `onResult` asks the
 * diagnostics service to publish again, merged with the native findings of that version.
 *
 * Only in a trusted workspace: it runs code from the repository. A script that cannot be used is
 * told once (a warning message and the log); the native rules go on.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { checkWithCheckpatch, failureMessage } from '../checkpatch/check';
import { discoverCheckpatch, type CheckpatchLocation, type Discovery } from '../checkpatch/discover';
import type { CheckpatchFinding } from '../checkpatch/toFindings';
import { CheckpatchStatusNotification, type CheckpatchStatusParams } from './protocol';
import { uriToPath } from './uri';
import type { Workspace } from './workspace';

/** A patch this long (lines) gets the status notification while checkpatch runs on it. */
export const LARGE_PATCH_LINES = 1000;
const CACHE_ENTRIES = 64;

interface DocRun {
  timer: NodeJS.Timeout | null;
  controller: AbortController | null;
  /** Version the result belongs to. */
  result: { version: number; findings: CheckpatchFinding[] } | null;
  /** The script used for this document at its last run (for cache look-ups without waiting). */
  location: CheckpatchLocation | null;
}

export class CheckpatchService {
  private readonly docs = new Map<string, DocRun>();
  private readonly cache = new Map<string, CheckpatchFinding[]>();
  private readonly discoveries = new Map<string, Promise<Discovery>>();
  private readonly told = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    private readonly onResult: (uri: string, version: number) => void,
  ) {}

  private enabled(): boolean {
    return this.ws.settings.trusted && this.ws.settings.checkpatch.enabled;
  }

  /** checkpatch's findings for this version of the document, when known. */
  findingsFor(uri: string, version: number): CheckpatchFinding[] | null {
    const r = this.docs.get(uri)?.result;
    return r && r.version === version ? r.findings : null;
  }

  /** Settings or configuration files changed: find the scripts again. */
  reset(): void {
    this.discoveries.clear();
    if (!this.enabled()) for (const uri of [...this.docs.keys()]) this.close(uri);
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    if (d.timer) clearTimeout(d.timer);
    d.controller?.abort();
    this.docs.delete(uri);
  }

  private key(location: CheckpatchLocation, fileName: string, text: string): string {
    const hash = createHash('sha1').update(text).digest('hex');
    const s = this.ws.settings.checkpatch;
    return `${location.script}\0${location.cwd}\0${fileName}\0${s.timeoutMs}\0${hash}`;
  }

  private remember(key: string, findings: CheckpatchFinding[]): void {
    this.cache.delete(key);
    this.cache.set(key, findings);
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * A new version of the document was checked by the native rules. A cached result for this text
   * is taken at once (so the publish that follows is already merged); otherwise a run is planned
   * for when the text has been still, and a run for an older version is killed now.
   */
  schedule(uri: string, version: number, text: string): void {
    if (!this.enabled()) {
      this.close(uri);
      return;
    }
    let d = this.docs.get(uri);
    if (!d) {
      d = { timer: null, controller: null, result: null, location: null };
      this.docs.set(uri, d);
    }
    if (d.result?.version === version) return;
    if (d.timer) clearTimeout(d.timer);
    d.controller?.abort();
    d.controller = null;
    const fileName = this.fileName(uri);
    if (d.location) {
      const hit = this.cache.get(this.key(d.location, fileName, text));
      if (hit) {
        d.result = { version, findings: hit };
        return;
      }
    }
    const doc = d;
    d.timer = setTimeout(() => {
      doc.timer = null;
      this.run(uri, version, text, fileName, doc).catch((e: unknown) => this.connection.console.log(`patchsmith: checkpatch.pl on ${uri}: ${String(e)}`));
    }, this.ws.settings.checkpatch.delayMs);
  }

  private fileName(uri: string): string {
    const p = uriToPath(uri);
    return p ? path.basename(p) : 'patch.patch';
  }

  private discover(uri: string, root: string | null): Promise<Discovery> {
    const key = root ?? `(none)${this.ws.dirOf(uri) ?? ''}`;
    let p = this.discoveries.get(key);
    if (!p) {
      const s = this.ws.settings.checkpatch;
      p = discoverCheckpatch({ repoRoot: root, ...(s.path ? { setting: s.path, settingBase: root ?? this.ws.folders[0] ?? process.cwd() } : {}) });
      this.discoveries.set(key, p);
    }
    return p;
  }

  private tell(key: string, message: string): void {
    this.connection.console.log(`patchsmith: ${message}`);
    if (this.told.has(key)) return;
    this.told.add(key);
    void this.connection.window.showWarningMessage(`patchsmith: ${message}`);
  }

  private current(uri: string, version: number, d: DocRun): boolean {
    return this.docs.get(uri) === d && this.ws.open(uri)?.version === version && this.enabled();
  }

  private async run(uri: string, version: number, text: string, fileName: string, d: DocRun): Promise<void> {
    const repo = await this.ws.repoFor(uri);
    if (!this.current(uri, version, d)) return;
    const found = await this.discover(uri, repo?.root ?? null);
    if (!this.current(uri, version, d)) return;
    if (found.kind === 'missing') {
      this.tell(`missing:${found.path}`, `checkpatch.pl named by ${found.origin} not found at ${found.path}; the native rules still run`);
      return;
    }
    if (found.kind !== 'found') return;
    const location = found.location;
    d.location = location;
    const key = this.key(location, fileName, text);
    const hit = this.cache.get(key);
    if (hit) {
      d.result = { version, findings: hit };
      this.onResult(uri, version);
      return;
    }
    const controller = new AbortController();
    d.controller = controller;
    const large = text.split('\n', LARGE_PATCH_LINES + 1).length > LARGE_PATCH_LINES;
    if (large) this.status({ uri, running: true, script: location.script });
    try {
      const r = await checkWithCheckpatch(location, text, {
        timeoutMs: this.ws.settings.checkpatch.timeoutMs,
        signal: controller.signal,
        fileName,
      });
      if (!r.ok) {
        if (r.kind !== 'aborted') this.tell(`${location.script}:${r.kind}`, failureMessage(location, r.message));
        return;
      }
      this.remember(key, r.findings);
      if (!this.current(uri, version, d)) return;
      d.result = { version, findings: r.findings };
      this.onResult(uri, version);
    } finally {
      if (d.controller === controller) d.controller = null;
      if (large) this.status({ uri, running: false });
    }
  }

  private status(params: CheckpatchStatusParams): void {
    void this.connection.sendNotification(CheckpatchStatusNotification, params);
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.close(uri);
  }
}
