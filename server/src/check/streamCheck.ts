/**
 * `checkSeries` for files given as text, with big mailboxes checked a few messages at a time:
 * their messages are parsed in slices, each slice's text and repository findings and grouping
 * summaries kept, its models let go. Series are grouped from the summaries (planSeries, the
 * grouping `checkSeries` uses), and the messages of each series are parsed again for the series
 * rules. A 20 MB mailbox of 17,000 messages then holds its text, a line table and its findings,
 * not 17,000 message models (about ten times the text). Same findings, same order as
 * `checkSeries` over the parsed documents (test/check/streamCheck.test.ts).
 */
import type { PatchDocument, PatchMessage, ParseProblem } from '../model/types';
import type { Lines } from '../model/lines';
import type { Repository } from '../git/repository';
import type { Finding, RuleConfig, Series, SeriesItem } from '../rules/types';
import { runRepoRules, runTextRules, type FileFinding } from '../rules/engine';
import { documentProblems, isNotPatch, messageBounds, parseMessageAt, splitLines } from '../parse/parsePatch';
import { textKindOfFileName } from '../parse/textKind';
import { planSeries, summarizeMessage, type MessageRef, type MessageSummary } from '../series/group';
import { combineFindings } from './findings';
import { configForFile, parseForCheck, repoFindings, textFindings, type CheckEnv } from './checkDocument';
import { seriesFindingsByFile } from './checkSeries';
import { documentProblemFindings, isUncheckable } from './parseFindings';
import { pushAll } from '../model/array';
import { LAZY_MIN_LENGTH } from './incremental';

/** Mail texts at least this long (UTF-16 units) are checked a slice of messages at a time: the size the editor reads lazily. */
export const STREAM_MIN_LENGTH = LAZY_MIN_LENGTH;
/** Messages parsed and checked together (their repository look-ups run together). */
const SLICE = 64;

export interface TextInput {
  /** Name shown for the file; unique among the inputs. */
  name: string;
  /** Path given to parseForCheck ('' for standard input). */
  fileName: string;
  text: string;
  /** Configuration of the file's folder (configForFile adds the file's name). */
  config: RuleConfig;
  repo: Repository | null;
}

export interface StreamEnv extends CheckEnv {
  commitMessage?: boolean;
  coverText?: boolean;
  /** Mail texts at least this long are streamed (STREAM_MIN_LENGTH). */
  streamMinLength?: number;
  /** A message the parser failed on (an internal error, never a pass). */
  onParseFailure?: (name: string, problem: ParseProblem) => void;
}

/** What is kept of a file while the others are checked. */
interface Checked {
  name: string;
  config: RuleConfig;
  text: Finding[];
  repo: Finding[];
  /** The parsed document (small files), or what stands for it (streamed files). */
  doc: PatchDocument;
  /** A streamed file's messages: [start, end) of each message parsed (doc.messages is empty); null when doc.messages holds them. */
  bounds: [number, number][] | null;
  summaries: MessageSummary[];
}

/** Findings of every input (same order), each combined as checkSeries combines them. */
export async function checkTexts(inputs: readonly TextInput[], env: StreamEnv = {}): Promise<Finding[][]> {
  const min = env.streamMinLength ?? STREAM_MIN_LENGTH;
  const report = env.onRuleError;
  const envOf = (file: string): CheckEnv => (report ? { onRuleError: (id, error) => report(id, error, file) } : {});
  const checked: Checked[] = [];
  for (const input of inputs) {
    const config = configForFile(input.config, input.name);
    const kind = textKindOfFileName(input.fileName.replace(/^.*[\\/]/, ''));
    const mail = kind === 'mail' && env.commitMessage !== true && env.coverText !== true;
    if (mail && input.text.length >= min) {
      checked.push(await streamFile(input, config, envOf(input.name), env));
      continue;
    }
    const doc = parseForCheck(input.text, input.fileName, { commitMessage: env.commitMessage === true, coverText: env.coverText === true });
    for (const p of doc.problems) if (p.code === 'PARSE_FAILURE') env.onParseFailure?.(input.name, p);
    checked.push({
      name: input.name,
      config,
      text: textFindings(doc, config, envOf(input.name)),
      repo: await repoFindings(doc, config, input.repo, envOf(input.name)),
      doc,
      bounds: null,
      summaries: doc.messages.map(summarizeMessage),
    });
  }

  const series = checked.map((): Finding[] => []);
  const checkable = checked.filter((c) => !isUncheckable(c.doc));
  const indexOf = new Map(checked.map((c, i) => [c.name, i]));
  for (const plan of planSeries(checkable.map((c) => ({ file: c.name, messages: c.summaries })))) {
    // The series' messages, parsed again for a streamed file (once each within the series).
    const items = new Map<string, SeriesItem>();
    const item = (ref: MessageRef): SeriesItem => {
      const key = `${ref.file}:${ref.message}`;
      let it = items.get(key);
      if (!it) {
        const c = checkable[ref.file]!;
        it = { file: c.name, doc: c.doc, msg: messageOf(c, ref.message) };
        items.set(key, it);
      }
      return it;
    };
    const s: Series = { key: plan.key, version: plan.version, total: plan.total, items: plan.items.map(item), cover: plan.cover ? item(plan.cover) : null };
    const first = s.items[0];
    const config = first ? checked[indexOf.get(first.file)!]!.config : checked[0]!.config;
    const names = [...new Set(s.items.map((it) => it.file))].join(', ');
    for (const [file, found] of seriesFindingsByFile(s, config, envOf(names))) {
      const at = indexOf.get(file);
      if (at !== undefined) pushAll(series[at]!, found);
    }
  }
  return checked.map((c, i) => combineFindings({ text: c.text, repo: c.repo, series: series[i]! }, c.config, env.maxPerRule));
}

function messageOf(c: Checked, k: number): PatchMessage {
  if (!c.bounds) return c.doc.messages[k]!;
  const [s, e] = c.bounds[k]!;
  const parsed = parseMessageAt(c.doc.lines, s, e);
  if ('failure' in parsed) throw new Error(`message at line ${s + 1} of ${c.name} no longer parses`);
  return parsed.message;
}

/** Findings (messageIndex as in the whole document) of the messages of `doc`, which start at message `base`. */
function retagged(found: readonly FileFinding[], base: number): Finding[] {
  const out: Finding[] = [];
  for (const f of found) out.push(base === 0 ? f : { ...f, messageIndex: f.messageIndex + base });
  return out;
}

async function streamFile(input: TextInput, config: RuleConfig, env: CheckEnv, streamEnv: StreamEnv): Promise<Checked> {
  const lines: Lines = splitLines(input.text);
  const all = messageBounds(lines);
  const bounds: [number, number][] = [];
  const failures: ParseProblem[] = [];
  const summaries: MessageSummary[] = [];
  const text: Finding[] = [];
  const repo: Finding[] = [];
  let allNotPatch = true;
  // Lone CR line endings: only that finding (as textFindings), so no rule need run.
  const loneCr = isUncheckable({ lines, messages: [], problems: documentProblems(input.text, lines, null, false, []) });
  const opts = env.onRuleError ? { onRuleError: env.onRuleError } : {};
  // One slice (a single huge patch): its models are kept for the series rules, not parsed twice.
  const keep: PatchMessage[] | null = all.length <= SLICE ? [] : null;
  for (let at = 0; at < all.length; at += SLICE) {
    const messages: PatchMessage[] = [];
    for (const [s, e] of all.slice(at, at + SLICE)) {
      const parsed = parseMessageAt(lines, s, e);
      if ('failure' in parsed) {
        failures.push(parsed.failure);
        streamEnv.onParseFailure?.(input.name, parsed.failure);
        continue;
      }
      messages.push(parsed.message);
      bounds.push([s, e]);
      summaries.push(summarizeMessage(parsed.message));
      allNotPatch &&= isNotPatch(parsed.message);
    }
    if (keep) pushAll(keep, messages);
    if (loneCr || messages.length === 0) continue;
    const slice: PatchDocument = { lines, messages, problems: [] };
    const base = bounds.length - messages.length;
    pushAll(text, retagged(runTextRules(slice, config, opts), base));
    pushAll(repo, retagged(await runRepoRules(slice, config, input.repo, opts), base));
  }
  const first = bounds[0]?.[0] ?? null;
  const doc: PatchDocument = { lines, messages: keep ?? [], problems: documentProblems(input.text, lines, first, first !== null && allNotPatch, failures) };
  const problems = documentProblemFindings(doc, config);
  const uncheckable = isUncheckable(doc);
  return {
    name: input.name,
    config,
    text: uncheckable ? problems : pushAll(problems, text),
    repo: uncheckable ? [] : repo,
    doc,
    bounds: keep ? null : bounds,
    summaries,
  };
}
