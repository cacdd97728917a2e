/**
 * The repository's history, read once in the background for completions: commits (for
 * `Fixes:` and commit references) and people (for `Reviewed-by:` and friends), taken from
 * authors, committers and person trailers.
 *
 * `git log` output is streamed and parsed chunk by chunk as it arrives, never buffered whole, so
 * queries answer at any time from what has been read SO FAR (`progress`, `done`). The read is
 * capped (default 50,000 commits) and cached per HEAD sha. Storage is compact: parallel arrays
 * for commits and one deduplicated record per person (keyed by lowercased email). Every stored
 * string is decoded from its own bytes, so no stored string pins a chunk of git's output.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { errorText, gitEnv, GIT_GLOBAL_ARGS, runGit } from './exec';
import type { CommitInfo } from './repository';

export const DEFAULT_HISTORY_CAP = 50_000;

/** Trailers whose value is a person (lowercase keys). */
export const PERSON_TRAILERS: ReadonlySet<string> = new Set([
  'signed-off-by',
  'reviewed-by',
  'acked-by',
  'tested-by',
  'reported-by',
  'suggested-by',
  'co-developed-by',
  'cc',
]);

/** A person as the index knows them. Dates are Unix seconds. */
export interface IndexedPerson {
  name: string;
  email: string;
  /** Commits the person appears in (as author, committer or in a person trailer). */
  commits: number;
  /** Commits they authored. */
  authored: number;
  firstSeen: number;
  lastSeen: number;
}

export interface RankedPerson {
  name: string;
  email: string;
  commits: number;
  authored: number;
  /** `YYYY-MM-DD` (UTC). */
  firstSeen: string;
  lastSeen: string;
  /** For completion details: "12 commits since 2024", "3 commits, last 2021-07", "1 commit (2025-03)". */
  description: string;
}

export interface HistoryIndexOptions {
  /** Most commits read (newest first). Default 50,000. */
  cap?: number;
  /** Kill a `git log` still running after this long. Default 10 minutes. */
  timeoutMs?: number;
}

// Field and record separators of the log format (with -z, records end in NUL).
const FS = 0x1f;
const RS = 0x00;
const LOG_FORMAT = ['%H', '%aN', '%aE', '%ad', '%cN', '%cE', '%ct', '%s', '%(trailers:only,unfold)'].join('%x1f');

/** The `git log` arguments of the index: records end in NUL, fields are separated by 0x1f. */
export function historyLogArgs(head: string, cap: number): string[] {
  return [
    'log',
    '-z',
    '--no-merges',
    '--no-show-signature',
    '--no-color',
    '--date=raw',
    `--format=${LOG_FORMAT}`,
    '-n',
    String(cap),
    head,
    '--',
  ];
}

/** The history of one HEAD, filled in while `git log` streams. */
export class HistorySnapshot {
  /** Commits read so far; the index of `done`. */
  private readonly shas: string[] = [];
  private readonly titles: string[] = [];
  private readonly authors: number[] = [];
  /** Author date, Unix seconds, and its time zone offset in minutes. */
  private readonly dates: number[] = [];
  private readonly zones: number[] = [];

  private readonly people: IndexedPerson[] = [];
  /** Per person: lowercase words of name and email, each preceded by a space, for prefix search. */
  private readonly searchKeys: string[] = [];
  private readonly byEmail = new Map<string, number>();

  private listeners: ((progress: number) => void)[] = [];
  private child: ChildProcessWithoutNullStreams | null = null;
  private carry: Buffer | null = null;
  private finished = false;
  private failure: string | null = null;
  private newest = 0;
  private resolveDone!: (snapshot: HistorySnapshot) => void;

  /** Resolves (never rejects) when the read ends: all read, capped, failed or cancelled. */
  readonly done: Promise<HistorySnapshot>;

  constructor(
    readonly root: string,
    /** The HEAD this history belongs to; null for a repository without commits. */
    readonly head: string | null,
    readonly cap: number,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** Commits indexed so far. */
  get progress(): number {
    return this.shas.length;
  }

  /** Whether the read has ended (see `error` for how). */
  get complete(): boolean {
    return this.finished;
  }

  /** Why the read stopped early, or null. */
  get error(): string | null {
    return this.failure;
  }

  get peopleCount(): number {
    return this.people.length;
  }

  /** Called after each parsed chunk with the number of commits indexed so far. Returns an unsubscribe. */
  onProgress(listener: (progress: number) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The i-th commit, newest first. */
  commitAt(i: number): CommitInfo | null {
    if (i < 0 || i >= this.shas.length) return null;
    const person = this.people[this.authors[i]!]!;
    return {
      sha: this.shas[i]!,
      title: this.titles[i]!,
      authorName: person.name,
      authorEmail: person.email,
      authorDate: isoDate(this.dates[i]!, this.zones[i]!),
    };
  }

  /**
   * Commits for a completion: a hex query (4+ digits) matches sha prefixes; otherwise every word
   * of the query must occur in the title (case-insensitive). Newest first.
   */
  searchCommits(query: string, limit: number): CommitInfo[] {
    const q = query.trim();
    const found: CommitInfo[] = [];
    if (limit <= 0 || q === '') return found;
    if (/^[0-9a-f]{4,40}$/i.test(q)) {
      const prefix = q.toLowerCase();
      for (let i = 0; i < this.shas.length && found.length < limit; i++) {
        if (this.shas[i]!.startsWith(prefix)) found.push(this.commitAt(i)!);
      }
      if (found.length > 0) return found;
    }
    const words = q.split(/\s+/).map((w) => new RegExp(escapeRegExp(w), 'i'));
    for (let i = 0; i < this.titles.length && found.length < limit; i++) {
      const title = this.titles[i]!;
      if (words.every((w) => w.test(title))) found.push(this.commitAt(i)!);
    }
    return found;
  }

  /**
   * People ranked by how many commits they appear in, then by how recently. With a query, only
   * people a word of whose name or email starts with each word of the query (case- and
   * accent-insensitive; `<` and `>` ignored).
   */
  rankPeople(query?: string, limit = 20): RankedPerson[] {
    const tokens = normalize(query ?? '')
      .replace(/[<>"]/g, ' ')
      .split(/\s+/)
      .filter((t) => t !== '')
      .map((t) => ' ' + t);
    const top: number[] = [];
    if (limit <= 0) return [];
    for (let id = 0; id < this.people.length; id++) {
      if (this.people[id]!.email === '') continue;
      if (tokens.length > 0) {
        const key = this.searchKeys[id]!;
        let all = true;
        for (const t of tokens) {
          if (!key.includes(t)) {
            all = false;
            break;
          }
        }
        if (!all) continue;
      }
      // Keep `top` sorted best first, at most `limit` long.
      if (top.length === limit && !this.better(id, top[top.length - 1]!)) continue;
      let at = top.length;
      while (at > 0 && this.better(id, top[at - 1]!)) at--;
      top.splice(at, 0, id);
      if (top.length > limit) top.pop();
    }
    return top.map((id) => this.ranked(this.people[id]!));
  }

  /** One person by email (case-insensitive). */
  person(email: string): RankedPerson | null {
    const id = this.byEmail.get(email.toLowerCase());
    return id === undefined ? null : this.ranked(this.people[id]!);
  }

  /** Stop reading (the snapshot keeps what it has). */
  cancel(): void {
    if (this.finished) return;
    this.finish('cancelled');
  }

  /** Start `git log`; called once by HistoryIndex. */
  start(timeoutMs: number): void {
    if (this.head === null) {
      this.finish(null);
      return;
    }
    let child: ChildProcessWithoutNullStreams;
    try {
      // Streamed (parsed as chunks arrive, never buffered whole): spawn with an argument array and
      // no shell, rather than execFile, which buffers until exit; the timer below is the timeout.
      child = spawn(
        'git',
        [...GIT_GLOBAL_ARGS, ...historyLogArgs(this.head, this.cap)],
        { cwd: this.root, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true },
      );
    } catch (e) {
      this.finish(errorText(e));
      return;
    }
    this.child = child;
    child.stdin.on('error', () => undefined);
    child.stdin.end();
    let stderr = '';
    const timer = setTimeout(() => this.finish(`git log timed out after ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.finished) return;
      this.consume(chunk);
      const progress = this.shas.length;
      for (const l of this.listeners) l(progress);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      this.finish(`git log: ${e.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (this.finished) return;
      if (this.carry && this.carry.length > 0) this.record(this.carry, 0, this.carry.length);
      this.carry = null;
      this.finish(code === 0 ? null : `git log exited with ${code}: ${stderr.trim()}`);
    });
  }

  private finish(error: string | null): void {
    if (this.finished) return;
    this.finished = true;
    this.failure = error;
    this.carry = null;
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) child.kill();
    this.listeners = [];
    this.resolveDone(this);
  }

  /** Parse every complete record of `chunk` (plus the partial one carried from before). */
  private consume(chunk: Buffer): void {
    let start = 0;
    if (this.carry) {
      const end = chunk.indexOf(RS);
      if (end < 0) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const whole = Buffer.concat([this.carry, chunk.subarray(0, end)]);
      this.carry = null;
      this.record(whole, 0, whole.length);
      start = end + 1;
    }
    for (;;) {
      const end = chunk.indexOf(RS, start);
      if (end < 0) break;
      this.record(chunk, start, end);
      start = end + 1;
    }
    if (start < chunk.length) this.carry = Buffer.from(chunk.subarray(start));
  }

  /** One commit: the bytes buf[start, end) of a log record. */
  private record(buf: Buffer, start: number, end: number): void {
    // `git log -z` may start a record with a newline after the previous record's NUL.
    while (start < end && buf[start] === 0x0a) start++;
    if (start >= end) return;
    const fields: number[] = [start];
    for (let i = start; i < end && fields.length < 9; i++) {
      if (buf[i] === FS) fields.push(i + 1);
    }
    if (fields.length < 9) return;
    const field = (k: number): string => buf.toString('utf8', fields[k]!, k + 1 < fields.length ? fields[k + 1]! - 1 : end);

    const sha = field(0);
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return;
    const [authorDate, zone] = parseRawDate(field(3));
    const commitDate = Number(field(6)) || authorDate;
    if (commitDate > this.newest) this.newest = commitDate;
    if (authorDate > this.newest) this.newest = authorDate;

    const seen = new Set<number>();
    const author = this.touch(field(1), field(2), authorDate, seen);
    this.people[author]!.authored++;
    this.touch(field(4), field(5), commitDate, seen);
    const trailers = field(8);
    if (trailers !== '') {
      for (const line of trailers.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        if (!PERSON_TRAILERS.has(line.slice(0, colon).trim().toLowerCase())) continue;
        const p = parsePerson(line.slice(colon + 1));
        if (p) this.touch(p.name, p.email, commitDate, seen);
      }
    }

    this.shas.push(sha);
    this.titles.push(field(7));
    this.authors.push(author);
    this.dates.push(authorDate);
    this.zones.push(zone);
  }

  /** Count a person once per commit; returns their id. */
  private touch(name: string, email: string, date: number, seen: Set<number>): number {
    email = email.trim();
    // git allows an empty author email (`<>`); such a person is keyed by name and never offered.
    const key = email === '' ? `<${name.trim().toLowerCase()}>` : email.toLowerCase();
    let id = this.byEmail.get(key);
    if (id === undefined) {
      id = this.people.length;
      const person: IndexedPerson = {
        name: own(name.trim()),
        email: own(email),
        commits: 0,
        authored: 0,
        firstSeen: date,
        lastSeen: date,
      };
      this.people.push(person);
      this.searchKeys.push(searchKey(person));
      this.byEmail.set(own(key), id);
    }
    const person = this.people[id]!;
    if (person.name === '' && name.trim() !== '') {
      person.name = own(name.trim());
      this.searchKeys[id] = searchKey(person);
    }
    if (!seen.has(id)) {
      seen.add(id);
      person.commits++;
      if (date < person.firstSeen) person.firstSeen = date;
      if (date > person.lastSeen) person.lastSeen = date;
    }
    return id;
  }

  /** Whether person a ranks above person b. */
  private better(a: number, b: number): boolean {
    const pa = this.people[a]!;
    const pb = this.people[b]!;
    if (pa.commits !== pb.commits) return pa.commits > pb.commits;
    if (pa.lastSeen !== pb.lastSeen) return pa.lastSeen > pb.lastSeen;
    return false;
  }

  private ranked(p: IndexedPerson): RankedPerson {
    return {
      name: p.name,
      email: p.email,
      commits: p.commits,
      authored: p.authored,
      firstSeen: day(p.firstSeen),
      lastSeen: day(p.lastSeen),
      description: describePerson(p, this.newest),
    };
  }

  /** Feed raw `git log -z --format=...` bytes (tests of the parser; normally git does). */
  feedForTest(chunk: Buffer): void {
    this.consume(chunk);
  }
}

/**
 * The history of a repository, per HEAD: `index()` returns the snapshot of the current HEAD,
 * starting a background read when HEAD is new. Queries on the snapshot answer at once.
 */
export class HistoryIndex {
  private snapshot: HistorySnapshot | null = null;
  private pendingHead: Promise<HistorySnapshot> | null = null;
  private disposed = false;
  readonly cap: number;
  private readonly timeoutMs: number;

  constructor(
    readonly root: string,
    options: HistoryIndexOptions = {},
  ) {
    this.cap = Math.max(0, Math.floor(options.cap ?? DEFAULT_HISTORY_CAP));
    this.timeoutMs = options.timeoutMs ?? 10 * 60_000;
  }

  /** The latest snapshot without checking HEAD (null before the first `index()`). */
  get current(): HistorySnapshot | null {
    return this.snapshot;
  }

  /**
   * The snapshot for the current HEAD. Resolves as soon as HEAD is known (the read goes on in
   * the background; await `done` for all of it). Same HEAD -> same snapshot; a new HEAD cancels
   * the old read and starts a new one.
   */
  index(): Promise<HistorySnapshot> {
    if (this.pendingHead) return this.pendingHead;
    const pending = this.resolveHead().finally(() => {
      if (this.pendingHead === pending) this.pendingHead = null;
    });
    this.pendingHead = pending;
    return pending;
  }

  dispose(): void {
    this.disposed = true;
    this.snapshot?.cancel();
  }

  private async resolveHead(): Promise<HistorySnapshot> {
    const result = await runGit(this.root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']);
    const head = result.code === 0 ? result.stdout.trim() || null : null;
    if (this.snapshot && this.snapshot.head === head && this.snapshot.error !== 'cancelled') {
      return this.snapshot;
    }
    this.snapshot?.cancel();
    const snapshot = new HistorySnapshot(this.root, head, this.cap);
    this.snapshot = snapshot;
    if (this.disposed) snapshot.cancel();
    else snapshot.start(this.timeoutMs);
    return snapshot;
  }
}

/** `Name <email>` or a bare address, with any trailing comment; null when there is no address. */
export function parsePerson(value: string): { name: string; email: string } | null {
  const angled = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>/.exec(value);
  if (angled) return { name: unquote(angled[1]!), email: angled[2]! };
  const bare = /^\s*([^\s<>"',;()]+@[^\s<>"',;()]+)/.exec(value);
  if (bare) return { name: '', email: bare[1]! };
  return null;
}

/** "12 commits since 2024", "3 commits, last 2021-07" (not seen for a year), "1 commit (2025-03)". */
export function describePerson(p: IndexedPerson, newest: number): string {
  if (p.commits <= 1) return `1 commit (${month(p.lastSeen)})`;
  if (newest - p.lastSeen > 365 * 86400) return `${p.commits} commits, last ${month(p.lastSeen)}`;
  return `${p.commits} commits since ${new Date(p.firstSeen * 1000).getUTCFullYear()}`;
}

/** `1700000000 +0100` -> [seconds, offset minutes]. */
function parseRawDate(raw: string): [number, number] {
  const m = /^(\d+)\s+([+-])(\d\d)(\d\d)/.exec(raw.trim());
  if (!m) return [Number(raw.trim()) || 0, 0];
  const sign = m[2] === '-' ? -1 : 1;
  return [Number(m[1]), sign * (Number(m[3]) * 60 + Number(m[4]))];
}

/** ISO 8601 in the given offset, like git's `%aI`: `2024-03-05T10:20:30+01:00`. */
export function isoDate(seconds: number, offsetMinutes: number): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function month(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 7);
}

function unquote(name: string): string {
  const t = name.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** Lowercase without diacritics (`José` -> `jose`). */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function searchKey(p: IndexedPerson): string {
  const name = normalize(p.name);
  const email = p.email.toLowerCase();
  const local = email.slice(0, Math.max(0, email.indexOf('@')));
  const words = [
    ...name.split(/\s+/),
    ...name.split(/[\s\-'.,()]+/),
    email,
    ...local.split(/[._+-]+/),
  ].filter((w) => w !== '');
  return ' ' + [...new Set(words)].join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A copy of the string that shares no memory with a larger one (V8 keeps substrings of 13+
 * characters as slices of their parent, which would keep a whole trailer block alive).
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
