/**
 * Diagnostics, pushed on open and on change. Findings come from the check pipeline (check/),
 * the same stages `patchsmith check` runs, combined by the same `combineFindings`.
 *
 * A change is checked after a short debounce: parse (once per version), text findings (parse
 * problems and text rules), the series rules of the document's series (re-publishing the other
 * open files of the series, whose series findings may have changed), then the repository rules in
 * the background; a repository finding replaces a text finding of the same rule and range. Every
 * asynchronous step re-checks the document version: the newest text always wins and stale
 * results are dropped. Repository findings of an older version are kept while their line is
 * unchanged, so they do not flicker while the new ones are computed.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
// Turns of the event loop: requests that arrived meanwhile are handled first.
import { yieldToRequests as turn } from '../io/yieldToRequests';
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, RuleConfig, Series } from '../rules/types';
import { combineFindings, configForFile, seriesFindingsByFile, textFindings } from '../check';
import { RepoFindingsCache, SeriesFindingsCache } from '../check/findingsCache';
import { defaultConfig } from '../config/defaults';
import { SeriesChangedNotification, type SeriesChangedParams } from './protocol';
import { countProblems, findingToDiagnostic } from './convert';
import { SeriesIndex } from './seriesIndex';
import { pushAll } from '../model/array';
import { withMessages } from '../series/group';
import type { Workspace } from './workspace';
import { documentTextKind, uriToPath } from './uri';
import { CheckpatchService } from './checkpatchService';
import { CheckPool } from './checkPool';

interface RepoFindings {
  findings: Finding[];
  /** Text of each finding's first line when found: kept while the line is unchanged. */
  lines: string[];
}

interface DocState {
  /** Version the text findings belong to. */
  version: number;
  /** Configuration of that check (the combine step applies it to other sources too). */
  config: RuleConfig;
  text: Finding[];
  repo: RepoFindings | null;
  timer: NodeJS.Timeout | null;
  /**
   * Digest of the last published diagnostics, serialised (to skip identical re-publishing of
   * other files); not the serialisation itself: a huge mbox's is 8 MB.
   */
  publishedKey: string;
  all: Finding[];
  /** Aborts the repository look-ups of the previous check when a newer one starts. */
  repoRun: AbortController | null;
}

export class DiagnosticsService {
  private readonly states = new Map<string, DocState>();
  /** Series findings per file URI (open or not), from the last run over its series. */
  private readonly seriesFindings = new Map<string, Finding[]>();
  /** Text findings of closed files, per disk generation. */
  private readonly closedText = new Map<string, { generation: number; config: RuleConfig; findings: Finding[] }>();
  private readonly seriesSignature = new Map<string, string>();
  /** Files that shared a series with each open document at its last check. */
  private readonly members = new Map<string, string[]>();
  private readonly failedRules = new Set<string>();
  /** The repository's checkpatch.pl, merged in when its result for the current version arrives. */
  readonly checkpatch: CheckpatchService;
  /** Parse and text rules off the main thread (checkWorker.ts), cancelled when superseded. */
  private readonly pool: CheckPool;
  /** Series findings of unchanged series, and repository findings of unchanged messages of huge documents. */
  private readonly seriesCache = new SeriesFindingsCache();
  private readonly repoCaches = new Map<string, RepoFindingsCache>();

  constructor(
    private readonly connection: Connection,
    private readonly ws: Workspace,
    readonly series: SeriesIndex,
  ) {
    this.checkpatch = new CheckpatchService(connection, ws, (uri, version) => {
      if (this.isCurrent(uri, version)) this.publish(uri);
    });
    this.pool = new CheckPool(this.onRuleError, (m) => this.connection.console.log(m));
  }

  dispose(): void {
    this.checkpatch.dispose();
    this.pool.dispose();
  }

  private state(uri: string): DocState {
    let st = this.states.get(uri);
    if (!st) {
      st = { version: -1, config: defaultConfig(), text: [], repo: null, timer: null, publishedKey: '', all: [], repoRun: null };
      this.states.set(uri, st);
    }
    return st;
  }

  private isCurrent(uri: string, version: number): boolean {
    return this.ws.open(uri)?.version === version;
  }

  private onRuleError = (ruleId: string, error: unknown): void => {
    if (this.failedRules.has(ruleId)) return;
    this.failedRules.add(ruleId);
    this.connection.console.log(`patchsmith: rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`);
  };

  /** Check a document after the debounce (immediately with `now`). */
  schedule(uri: string, now = false): void {
    if (!this.ws.open(uri)) return;
    const st = this.state(uri);
    if (st.timer) clearTimeout(st.timer);
    // The repository look-ups of the check running now are for an older text: stop them.
    st.repoRun?.abort();
    const delay = now ? 0 : this.ws.settings.debounceMs;
    // From now on the check worker is to read this version: a request on a huge document answers
    // from the message it points at instead of parsing the whole text here (Workspace.parsedAt).
    this.ws.checkStarted(uri, this.ws.open(uri)!.version);
    st.timer = setTimeout(() => {
      st.timer = null;
      this.run(uri).catch((e: unknown) => this.connection.console.log(`patchsmith: checking ${uri} failed: ${String(e)}`));
    }, delay);
  }

  /** Re-check every open document (settings changed, a watched file changed). */
  scheduleAll(): void {
    this.closedText.clear();
    this.checkpatch.reset();
    this.seriesCache.clear();
    for (const c of this.repoCaches.values()) c.clear();
    for (const d of this.ws.openDocuments()) this.schedule(d.uri);
  }

  close(uri: string): void {
    const st = this.states.get(uri);
    if (st?.timer) clearTimeout(st.timer);
    this.checkpatch.close(uri);
    st?.repoRun?.abort();
    this.states.delete(uri);
    this.repoCaches.delete(uri);
    this.members.delete(uri);
    this.ws.forget(uri);
    this.pool.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // The file on disk may differ from what was open: the series is checked again from disk.
    const p = uriToPath(uri);
    if (p) this.ws.files.invalidate(p);
    for (const d of this.ws.openDocuments()) if (d.uri !== uri) this.schedule(d.uri);
  }

  /** The findings shown for an open document at its current version (hover, code actions). */
  findings(uri: string): Finding[] {
    const st = this.states.get(uri);
    const d = this.ws.open(uri);
    if (!st || !d || st.version !== d.version) return [];
    return st.all;
  }

  private async run(uri: string): Promise<void> {
    const d = this.ws.open(uri);
    if (!d) return;
    const version = d.version;
    try {
      await this.check(uri, d, version);
    } finally {
      // However the check ends (superseded, failed): requests no longer wait for its model.
      this.ws.checkEnded(uri, version);
    }
  }

  private async check(uri: string, d: TextDocument, version: number): Promise<void> {
    const config = configForFile(await this.ws.configFor(uri), uriToPath(uri) ?? '');
    if (!this.isCurrent(uri, version)) return;
    // Parse and text rules in the check worker: the main thread answers requests meanwhile (on
    // this huge document itself, from the message they point at: Workspace.parsedAt).
    const checked = await this.pool.textFindings(uri, d.getText(), documentTextKind(d.uri, d.languageId), config);
    // The worker's shape of a huge text: the model here need not hash nor parse it again.
    if (checked?.shape && this.isCurrent(uri, version)) this.ws.offerShape(uri, version, checked.shape);
    // The worker is done: requests get the whole model from now on (run() ends it on a throw).
    this.ws.checkEnded(uri, version);
    if (checked === null || !this.isCurrent(uri, version)) return;
    const text = checked.findings;
    // Each step of a huge document's check takes tens of milliseconds: requests answer between them.
    if (checked.shape) await turn();
    const parsed = this.ws.parsed(uri);
    if (!parsed || parsed.version !== version) return;
    if (checked.shape) await turn();
    if (!this.isCurrent(uri, version)) return;
    const st = this.state(uri);
    st.version = version;
    st.config = config;
    st.text = text;
    // checkpatch.pl: a cached result for this text now, else a run once the text is still (never delays this publish).
    // A cover letter text is no mail: checkpatch.pl would only say so.
    if (parsed.kind === 'cover-text') this.checkpatch.close(uri);
    else this.checkpatch.schedule(uri, version, this.ws.open(uri)!.getText());

    const opened = this.folderSnapshot(uri);
    const series = parsed.commit ? [] : await this.series.seriesOf(uri);
    if (checked.shape) await turn();
    if (!this.isCurrent(uri, version)) return;
    // Another file of the series may have changed (or opened) while the series was read from
    // disk: its newer text must win, so the findings of this stale grouping are never applied.
    if (this.folderChanged(uri, opened)) {
      this.schedule(uri);
      return;
    }
    const others = await this.applySeries(series, config, () => !this.isCurrent(uri, version));
    if (checked.shape) await turn();
    if (others === null || !this.isCurrent(uri, version)) return;
    if (this.folderChanged(uri, opened)) {
      this.schedule(uri);
      return;
    }
    this.publish(uri);
    for (const other of others) if (other !== uri) this.publish(other, true);
    this.notifySeries(series);
    // Open files that left this document's series hold findings of the old series: re-check them.
    const now = SeriesIndex.filesOf(series);
    for (const f of this.members.get(uri) ?? []) if (f !== uri && !now.includes(f)) this.schedule(f);
    this.members.set(uri, now);

    const repo = await this.ws.repoFor(uri);
    if (!repo) {
      if (st.repo) {
        st.repo = null;
        this.publish(uri);
      }
      return;
    }
    // A newer check of this document supersedes the look-ups of this one.
    st.repoRun?.abort();
    const run = new AbortController();
    st.repoRun = run;
    let cache = this.repoCaches.get(uri);
    if (!cache) this.repoCaches.set(uri, (cache = new RepoFindingsCache()));
    const found = await cache.run(parsed.doc, config, repo.repo, { onRuleError: this.onRuleError, signal: run.signal });
    if (st.repoRun === run) st.repoRun = null;
    if (run.signal.aborted || !this.isCurrent(uri, version)) return;
    st.repo = { findings: found, lines: found.map((f) => parsed.doc.lines.get(f.range.start.line) ?? '') };
    this.publish(uri);
  }

  /**
   * The open documents of the folder a series is read from, with their versions (the instance
   * and the version together name a text: versions restart when a document is opened again).
   */
  private folderSnapshot(uri: string): Map<string, { doc: object; version: number }> {
    const out = new Map<string, { doc: object; version: number }>();
    const p = uriToPath(uri);
    const dir = p ? path.dirname(p) : null;
    for (const d of this.ws.openDocuments()) {
      const dp = uriToPath(d.uri);
      if (d.uri === uri || (dir !== null && dp !== null && path.dirname(dp) === dir)) out.set(d.uri, { doc: d, version: d.version });
    }
    return out;
  }

  /**
   * Whether the folder's open documents changed, opened or closed while its series was read: the
   * grouping may then hold an older text, or miss a file that was opening.
   */
  private folderChanged(uri: string, before: ReadonlyMap<string, { doc: object; version: number }>): boolean {
    const now = this.folderSnapshot(uri);
    if (now.size !== before.size) return true;
    for (const [u, n] of now) {
      const b = before.get(u);
      if (!b || b.doc !== n.doc || b.version !== n.version) return true;
    }
    return false;
  }

  /** Run the series rules over these series; returns the files whose findings changed (null: stopped). */
  private async applySeries(series: readonly Series[], config: RuleConfig, stop: () => boolean): Promise<string[] | null> {
    const next = new Map<string, Finding[]>();
    // A series whose messages did not change since its last run keeps its findings; the others
    // run a slice at a time (requests answer in between), and not at all once superseded.
    const found = await this.seriesCache.run(series, config, { onRuleError: this.onRuleError }, stop);
    if (found === null) return null;
    series.forEach((s, k) => {
      // Every file of the series, those without findings too (their older findings are replaced).
      for (const item of s.items) if (!next.has(item.file)) next.set(item.file, []);
      // Copied into `next`: the cache's lists are never changed.
      for (const [file, list] of found[k]!) pushAll(next.get(file)!, list);
    });
    const changed: string[] = [];
    for (const [file, findings] of next) {
      const prev = this.seriesFindings.get(file);
      if (!prev || JSON.stringify(prev) !== JSON.stringify(findings)) changed.push(file);
      this.seriesFindings.set(file, findings);
    }
    return changed;
  }

  /** Publish what is known for an open document (`onlyIfChanged`: skip identical output). */
  private publish(uri: string, onlyIfChanged = false): void {
    const st = this.states.get(uri);
    const d = this.ws.open(uri);
    // A newer version is on its way (its model maybe not made yet: not parsed here for nothing).
    if (!st || !d || st.version !== d.version) return;
    const parsed = this.ws.parsed(uri);
    if (!parsed) return;
    const repo: Finding[] = [];
    if (st.repo) {
      const lines = parsed.doc.lines;
      st.repo.findings.forEach((f, k) => {
        if (lines.get(f.range.start.line) === st.repo!.lines[k]) repo.push(f);
      });
    }
    // The pipeline's last step, as in `check`: merge (a repository finding replaces the text
    // finding of its rule on the same range; checkpatch.pl's findings of this same version where
    // no native finding of their TYPE is on their line), sort, cap per rule.
    const checkpatch = this.checkpatch.findingsFor(uri, st.version) ?? undefined;
    const all = combineFindings({ text: st.text, series: this.seriesFindings.get(uri) ?? [], repo, ...(checkpatch ? { checkpatch } : {}) }, st.config);
    st.all = all;
    const diagnostics = all.map(findingToDiagnostic);
    const key = createHash('sha256').update(JSON.stringify(diagnostics)).digest('base64');
    if (onlyIfChanged && key === st.publishedKey) return;
    st.publishedKey = key;
    void this.connection.sendDiagnostics({ uri, version: d.version, diagnostics });
  }

  /** Tell the client a series changed (its files, versions or problem counts). */
  private notifySeries(series: readonly Series[]): void {
    // Per file once (an mbox of 17,000 series is one file).
    const labels = new Map<string, string>();
    const label = (u: string): string => {
      let l = labels.get(u);
      if (l === undefined) {
        l = `${u}@${this.ws.open(u)?.version ?? ''}:${countProblems(this.states.get(u)?.all ?? this.seriesFindings.get(u) ?? [])}`;
        labels.set(u, l);
      }
      return l;
    };
    // One notification for them all: an edit of a huge mbox changes its 17,000 series at once.
    const changed = new Set<string>();
    for (const s of series) {
      const uris = s.items.map((i) => i.file);
      const sig = uris.map(label).join('\n');
      if (this.seriesSignature.get(s.key) === sig) continue;
      this.seriesSignature.set(s.key, sig);
      for (const u of uris) changed.add(u);
    }
    if (changed.size === 0) return;
    const params: SeriesChangedParams = { uris: [...changed] };
    void this.connection.sendNotification(SeriesChangedNotification, params);
  }

  /**
   * Findings of every file of a series: open files as published, closed files by running the text
   * rules on the disk copy (cached) plus the series rules.
   */
  async seriesFindingsByFile(s: Series): Promise<Map<string, Finding[]>> {
    const out = new Map<string, Finding[]>();
    const config = await this.ws.configFor(s.items[0]?.file ?? '');
    // The series rules only for files that are not open (an open file's findings are those published).
    let seriesRun: Map<string, Finding[]> | null = null;
    for (const item of s.items) {
      if (out.has(item.file)) continue;
      const open = this.ws.open(item.file);
      if (open) {
        const st = this.states.get(item.file);
        out.set(item.file, st && st.version === open.version ? st.all : []);
        continue;
      }
      const own = configForFile(config, uriToPath(item.file) ?? '');
      seriesRun ??= seriesFindingsByFile(withMessages(s), config, { onRuleError: this.onRuleError });
      out.set(item.file, combineFindings({ text: await this.closedFindings(item.file, config), series: seriesRun.get(item.file) ?? [] }, own));
    }
    return out;
  }

  private async closedFindings(uri: string, config: RuleConfig): Promise<Finding[]> {
    const p = uriToPath(uri);
    if (!p) return [];
    const file = await this.ws.files.read(p);
    if (!file) return [];
    const cached = this.closedText.get(uri);
    if (cached && cached.generation === file.generation && cached.config === config) return cached.findings;
    // Cached per folder configuration (the same object while it is unchanged); the file's name is added here.
    const findings = textFindings(file.doc, configForFile(config, p), { onRuleError: this.onRuleError });
    this.closedText.set(uri, { generation: file.generation, config, findings });
    return findings;
  }
}
