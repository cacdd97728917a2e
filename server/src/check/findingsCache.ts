/**
 * Findings reused across versions of a document while what they were computed from is unchanged
 * (the language server: a one-character edit of a huge mbox must not run every series and
 * repository rule again, nor parse again every message whose model was let go).
 *
 * A message is named by a token: a huge document's (model/lazyMessages.ts) by its outline id and
 * first line, any other by its model object (check/incremental.ts keeps an unchanged, unmoved
 * message's object across versions). Same tokens, same configuration: same findings.
 */
import { yieldToRequests as turn } from '../io/yieldToRequests';
import { createHash } from 'node:crypto';
import type { PatchDocument, PatchMessage } from '../model/types';
import { messageOutlines } from '../model/lazyMessages';
import type { Repository } from '../git/repository';
import type { Finding, RuleConfig, Series, SeriesItem } from '../rules/types';
import { runRepoRules, type FileFinding } from '../rules/engine';
import { pushAll } from '../model/array';
import { withMessages } from '../series/group';
import { seriesFindingsByFile } from './checkSeries';
import { isUncheckable } from './parseFindings';
import { moveFinding } from './incremental';
import { configToken, idOf } from './configToken';
import type { CheckEnv } from './checkDocument';

/** A series item's message, named without parsing it. */
function itemToken(it: SeriesItem): string {
  const outline = it.index === undefined ? null : messageOutlines(it.doc.messages);
  const o = outline?.[it.index!];
  // Its lines are the message's (named by the token); whether its document is checked at all is the document's.
  return `${it.file}\u0000${o ? `${o.id}@${o.startLine}` : `m${idOf(it.msg)}`}\u0000${isUncheckable(it.doc) ? 'u' : ''}`;
}

/** A short key of a series' messages and configuration (a digest: 17,000 series keep 17,000 small strings). */
function seriesToken(s: Series, config: string): string {
  const h = createHash('sha256').update(config).update('\u0002').update(`${s.key}\u0002${s.version}\u0002${s.total ?? ''}\u0002`);
  if (s.cover) h.update(itemToken(s.cover));
  for (const it of s.items) h.update('\u0001').update(itemToken(it));
  return h.digest('base64');
}

/** A series' findings per file, as kept: most series have none. */
type ByFile = readonly (readonly [string, Finding[]])[];
const NONE: ByFile = Object.freeze([]);

function compact(found: Map<string, Finding[]>): ByFile {
  const out: [string, Finding[]][] = [];
  for (const [file, list] of found) if (list.length) out.push([file, list]);
  return out.length ? out : NONE;
}

/** seriesFindingsByFile, reused for a series whose messages and configuration are unchanged. */
export class SeriesFindingsCache {
  private cache = new Map<string, ByFile>();

  /** `runSeries`: the series rules (tests count its calls). */
  constructor(private readonly runSeries: typeof seriesFindingsByFile = seriesFindingsByFile) {}

  /**
   * Per series, its findings per file (files without findings may be absent; the lists are
   * shared: never change them). The event loop gets a turn every `sliceMs` of work (a huge mbox's
   * first check runs thousands of series, each parsing its messages): requests answer meanwhile.
   * Null when `stop()` says the result is no longer wanted (what was computed stays cached).
   */
  async run(series: readonly Series[], config: RuleConfig, env: CheckEnv = {}, stop: () => boolean = () => false, sliceMs = 15): Promise<ByFile[] | null> {
    const key = configToken(config);
    const used = new Map<string, ByFile>();
    const out: ByFile[] = [];
    let since = performance.now();
    for (const s of series) {
      if (performance.now() - since > sliceMs) {
        await turn();
        since = performance.now();
        if (stop()) {
          this.keep(used);
          return null;
        }
      }
      out.push(this.one(s, config, key, used, env));
    }
    this.keep(used);
    return out;
  }

  private one(s: Series, config: RuleConfig, key: string, used: Map<string, ByFile>, env: CheckEnv): ByFile {
    // A message alone gets no series finding (runSeriesRules): nothing to parse, hash or keep.
    // The first check of a 17,000-message mbox parsed every message again on the main thread here.
    if (s.items.length < 2) return NONE;
    const token = seriesToken(s, key);
    let found = used.get(token) ?? this.cache.get(token);
    if (!found) found = compact(this.runSeries(withMessages(s), config, env));
    used.set(token, found);
    return found;
  }

  /** Keep what other documents' series may still reuse, within bounds. */
  private keep(used: Map<string, ByFile>): void {
    if (this.cache.size > 4 * used.size + 1000) this.cache = used;
    else for (const [k, v] of used) this.cache.set(k, v);
  }

  clear(): void {
    this.cache.clear();
  }
}

interface Kept {
  startLine: number;
  index: number;
  config: string;
  findings: FileFinding[];
}

/** Messages whose repository rules run together (their look-ups are memoized together). */
const SLICE = 64;

/**
 * Repository findings of one document. A huge document's messages are checked one slice at a
 * time, and a message checked under the same configuration by an earlier call is not checked
 * again (its findings moved to where it is now); `clear` forgets that (the repository changed).
 * Any other document is checked whole, as repoFindings does.
 */
export class RepoFindingsCache {
  private kept = new Map<number, Kept>();

  async run(doc: PatchDocument, config: RuleConfig, repo: Repository | null, env: CheckEnv = {}): Promise<Finding[]> {
    if (!repo || isUncheckable(doc)) return [];
    const opts = { ...(env.onRuleError ? { onRuleError: env.onRuleError } : {}), ...(env.signal ? { signal: env.signal } : {}) };
    const outline = messageOutlines(doc.messages);
    if (!outline) return runRepoRules(doc, config, repo, opts);
    const key = configToken(config);
    const next = new Map<number, Kept>();
    const todo: number[] = [];
    for (let k = 0; k < outline.length; k++) {
      const o = outline[k]!;
      const was = this.kept.get(o.id);
      if (was && was.config === key) {
        const delta = o.startLine - was.startLine;
        next.set(o.id, delta === 0 && was.index === k ? was : { startLine: o.startLine, index: k, config: key, findings: was.findings.map((f) => moveFinding(f, delta, k)) });
      } else todo.push(k);
    }
    for (let at = 0; at < todo.length; at += SLICE) {
      if (env.signal?.aborted) return [];
      const ks = todo.slice(at, at + SLICE);
      const messages: PatchMessage[] = ks.map((k) => doc.messages[k]!);
      const found: FileFinding[] = await runRepoRules({ lines: doc.lines, messages, problems: [] }, config, repo, opts);
      if (env.signal?.aborted) return [];
      const per = ks.map((): FileFinding[] => []);
      for (const f of found) per[f.messageIndex]!.push({ ...f, messageIndex: ks[f.messageIndex]! });
      ks.forEach((k, j) => next.set(outline[k]!.id, { startLine: outline[k]!.startLine, index: k, config: key, findings: per[j]! }));
    }
    this.kept = next;
    const out: Finding[] = [];
    for (const o of outline) pushAll(out, next.get(o.id)!.findings);
    return out;
  }

  clear(): void {
    this.kept.clear();
  }
}
