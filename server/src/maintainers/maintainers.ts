/**
 * The kernel's MAINTAINERS file: parsed into sections, and matched against the paths (and the
 * changed lines) of a patch the way `scripts/get_maintainer.pl` does it (checked against
 * get_maintainer.pl on a Linux 6.1 tree: bench/maintainersAgreement.ts).
 *
 * Format (the file's own header explains it): a section is a title line followed by `X:\tvalue`
 * lines, sections separated by blank lines. M: maintainer, R: reviewer, L: mailing list,
 * S: status, F: file pattern, X: excluded pattern, N: regex on file names, K: regex on the patch
 * content, T: SCM tree, and more (W:, Q:, B:, C:, P:) kept as they are. The header part before
 * the first section is skipped (its example lines are indented).
 *
 * Matching (get_maintainer.pl `file_match_pattern`, with F:/X: `*` -> `.*`, `?` -> `.`, `[...]`
 * a character class):
 *  - a pattern ending in `/` matches everything below that directory;
 *  - any other pattern matches a path it is a PREFIX of with the same number of `/` (get_maintainer's
 *    unanchored `m@^$pattern@`), so `*` and `?` stay within one component (`drivers/net/*.c` does
 *    not match `drivers/net/phy/x.c`) and `F: fs/foo.c` also matches `fs/foo.cc`; on the 6.1 tree
 *    that is what puts `Documentation/ABI/testing/sysfs-class-power-*` under `F: ...sysfs-class-power`
 *    and `board.dtsi` under `F: board.dts`;
 *  - a pattern without wildcards naming a directory matches everything below it and nothing
 *    else (get_maintainer asks the file system; `loadMaintainers` does too). Without that
 *    knowledge (`parseMaintainers` alone) such a pattern matches the path itself and everything
 *    below it, not longer names: a directory's neighbour is never taken for it;
 *  - X: excludes the section for that path; N: is a regex on the path, K: on the patch text;
 *  - more specific sections first: by pattern depth (`/`s in the pattern, plus one unless it
 *    ends in `/`; N: counts 0; a pattern starting with `*` counts -1) of the section's last F:
 *    or N: matching the path (get_maintainer's rank: a section with `F: dir/` then `N: name`
 *    ranks 0 for a path both match), ties in file order; sections found only by K: come last.
 *    The order decides which address of a person listed twice is given.
 *
 * Addresses (get_maintainer's defaults): a person whose name or address was already given is
 * not given again (the first, most specific, appearance wins); `.mailmap` maps addresses and
 * names; lists marked `subscribers-only` are left out; Linus Torvalds (THE REST) is left out as
 * get_maintainer leaves out its "chief penguin" without --git-chief-penguins.
 *
 * Hostile and huge files (a workspace's MAINTAINERS is untrusted): N:/K: run on a linear-time
 * engine and F:/X: on a glob matcher without backtracking (patterns.ts); no regex here runs on an
 * unbounded line; a file is parsed in slices that yield to the event loop (loadMaintainers), and
 * matched through an index by leading path components, so that 100,000 sections cost neither the
 * editor's responsiveness nor a RegExp each.
 *
 * Deliberately not done: get_maintainer also reads the addresses out of a touched `.yaml` file
 * (the binding's `maintainers:`); here matching never reads the touched files.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compileGlob, compilePerlPattern, globMatchesPrefix, type Glob, type PerlPattern } from './patterns';

export type { PerlPattern } from './patterns';

export interface MaintainerPerson {
  /** Empty when the entry is a bare address (lists usually are). */
  name: string;
  email: string;
  /** Text after the address, e.g. `(moderated for non-subscribers)`; empty when none. */
  note: string;
}

export interface FilePattern {
  /** As written after `F:`/`X:`. */
  pattern: string;
  /** get_maintainer's depth of the pattern (see the module comment). */
  depth: number;
  /** The glob, matched as a prefix of the path (see the module comment); compiled at its first use. */
  glob?: Glob;
  /** Pattern without wildcards or trailing `/`: may name a directory. */
  plain: boolean;
  /**
   * For a plain pattern: whether it names a directory in the tree (get_maintainer's `-d`),
   * filled in by `loadMaintainers`; undefined when not known.
   */
  directory?: boolean;
}

export interface MaintainersSection {
  /** The title line (`KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)`). */
  name: string;
  /** 0-based line of the title in the file. */
  line: number;
  maintainers: MaintainerPerson[];
  reviewers: MaintainerPerson[];
  lists: MaintainerPerson[];
  /** `S:` value (`Maintained`, `Supported`, `Odd Fixes`, `Orphan`...), null when absent. */
  status: string | null;
  files: FilePattern[];
  excludes: FilePattern[];
  /** N: regexes on file paths. */
  namePatterns: PerlPattern[];
  /** K: regexes on the patch's changed lines. */
  keywords: PerlPattern[];
  /** The F: patterns and N: regexes in file order (a section ranks by the last that matches). */
  pathMatchers: ({ type: 'F'; pattern: FilePattern } | { type: 'N'; regex: PerlPattern })[];
  /** T: trees. */
  trees: string[];
  /** Where M:, R:, L: appear in the section, in order (the order entries are reported). */
  contacts: { role: MaintainerRole; person: MaintainerPerson }[];
}

export interface Maintainers {
  sections: MaintainersSection[];
  /** The tree's `.mailmap` (get_maintainer maps the addresses it gives through it). */
  mailmap?: Mailmap;
}

/** `.mailmap` as get_maintainer reads it; keys in lower case. */
export interface Mailmap {
  /** By `name\0address` of the entry as written in MAINTAINERS. */
  byNameAndEmail: Map<string, { name?: string; email?: string }>;
  /** By address alone. */
  byEmail: Map<string, { name?: string; email?: string }>;
}

export type MaintainerRole = 'maintainer' | 'reviewer' | 'list';

export interface MaintainerMatch {
  section: string;
  role: MaintainerRole;
  name: string;
  email: string;
}

/** `X:<blanks>value`: the type letter, or null when the line is no entry. (No regex: lines are untrusted.) */
function entryType(line: string): string | null {
  const c = line.charCodeAt(0);
  return c >= 0x41 && c <= 0x5a && line.charCodeAt(1) === 0x3a ? line[0]! : null;
}

/** Lines of a section entry longer than this are left out (real ones are under 200 characters). */
const MAX_ENTRY_LENGTH = 4096;

/** Parse the text of a MAINTAINERS file. Never throws; bad regexes are left out. */
export function parseMaintainers(text: string): Maintainers {
  const steps = parseSteps(text);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * parseMaintainers in slices of `slice` lines, giving the event loop a turn between them: a
 * 16 MB file never blocks a completion or a keystroke for more than a few milliseconds.
 */
export async function parseMaintainersInSlices(text: string, slice = 2000): Promise<Maintainers> {
  const steps = parseSteps(text, slice);
  let r = steps.next();
  while (!r.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    r = steps.next();
  }
  return r.value;
}

function* parseSteps(text: string, slice = Infinity): Generator<void, Maintainers, void> {
  const sections: MaintainersSection[] = [];
  let current: MaintainersSection | null = null;
  let start = 0;
  let line = readLine(text, 0);
  for (let i = 0; line !== null; i++) {
    if (i > 0 && i % slice === 0) yield;
    const end = start + line.length;
    const nextStart = text.charCodeAt(end) === 0x0d ? end + 2 : end + 1;
    const type = entryType(line);
    if (current) {
      if (type) {
        if (line.length <= MAX_ENTRY_LENGTH) addEntry(current, type, line.slice(2).trim(), i);
        start = nextStart;
        line = readLine(text, start);
        continue;
      }
      current = null;
    }
    start = nextStart;
    const next = readLine(text, start);
    // A title: not indented, not an entry, and followed by an entry line.
    if (!type && line.trim() !== '' && !/^\s/.test(line) && next !== null && entryType(next) && line.length <= MAX_ENTRY_LENGTH) {
      // Absent kinds share one empty array (100,000 sections x 9 arrays otherwise): see push().
      current = {
        name: line.trim(),
        line: i,
        maintainers: NONE,
        reviewers: NONE,
        lists: NONE,
        status: null,
        files: NONE,
        excludes: NONE,
        namePatterns: NONE,
        keywords: NONE,
        pathMatchers: NONE,
        trees: NONE,
        contacts: NONE,
      };
      sections.push(current);
    }
    line = next;
  }
  return { sections };
}

/** The line starting at `start` (without its `\n` or `\r\n`); null past the end. */
function readLine(text: string, start: number): string | null {
  if (start >= text.length) return null;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const cr = end > start && text.charCodeAt(end - 1) === 0x0d;
  return text.slice(start, cr ? end - 1 : end);
}

/** The shared empty list of a section's absent kinds (never pushed to: see push()). */
const NONE = Object.freeze([]) as unknown as never[];

type ListKey = 'maintainers' | 'reviewers' | 'lists' | 'files' | 'excludes' | 'namePatterns' | 'keywords' | 'pathMatchers' | 'trees' | 'contacts';

function push<K extends ListKey>(s: MaintainersSection, key: K, value: MaintainersSection[K][number]): void {
  let list = s[key] as unknown[];
  if (list === NONE) (s as unknown as Record<K, unknown[]>)[key] = list = [];
  list.push(value);
}

function addEntry(s: MaintainersSection, type: string, value: string, _line: number): void {
  if (value === '') return;
  switch (type) {
    case 'M':
    case 'R':
    case 'L': {
      const person = parseContact(value);
      if (!person) return;
      const role: MaintainerRole = type === 'M' ? 'maintainer' : type === 'R' ? 'reviewer' : 'list';
      push(s, type === 'M' ? 'maintainers' : type === 'R' ? 'reviewers' : 'lists', person);
      push(s, 'contacts', { role, person });
      return;
    }
    case 'S':
      s.status = value;
      return;
    case 'F': {
      const pattern = compileFilePattern(value);
      push(s, 'files', pattern);
      push(s, 'pathMatchers', { type: 'F', pattern });
      return;
    }
    case 'X':
      push(s, 'excludes', compileFilePattern(value));
      return;
    case 'N': {
      const re = perlRegex(value);
      if (re) {
        push(s, 'namePatterns', re);
        push(s, 'pathMatchers', { type: 'N', regex: re });
      }
      return;
    }
    case 'K': {
      const re = perlRegex(value);
      if (re) push(s, 'keywords', re);
      return;
    }
    case 'T':
      push(s, 'trees', value);
      return;
    default:
      return;
  }
}

/** `Name <addr>`, `"Name, Jr." <addr>`, `addr (note)`, `addr`. */
export function parseContact(value: string): MaintainerPerson | null {
  const angled = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*(.*)$/.exec(value);
  if (angled) {
    let name = angled[1]!.trim();
    if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
    return { name, email: angled[2]!, note: angled[3]!.trim() };
  }
  const bare = /^([^\s<>()]+@[^\s<>()]+)\s*(.*)$/.exec(value);
  if (bare) {
    const rest = bare[2]!.trim();
    return { name: '', email: bare[1]!, note: rest };
  }
  return null;
}

/** An F:/X: pattern as get_maintainer reads it. */
export function compileFilePattern(pattern: string): FilePattern {
  const dir = pattern.endsWith('/');
  // get_maintainer: `*` -> `.*`, `?` -> `.`, `[...]` left to Perl as a character class.
  let wild = false;
  for (let i = 0; i < pattern.length && !wild; i++) {
    const ch = pattern[i]!;
    wild = ch === '*' || ch === '?' || (ch === '[' && pattern.indexOf(']', i + 2) > 0);
  }
  const slashes = countSlashes(pattern);
  const depth = pattern.startsWith('*') ? -1 : slashes + (dir ? 0 : 1);
  return { pattern, depth, plain: !dir && !wild };
}

/** Whether a repository-relative path matches an F:/X: pattern. */
export function matchesFilePattern(p: FilePattern, file: string): boolean {
  if (!literalPrefixMatches(p.pattern, file)) return false;
  if (p.pattern.endsWith('/')) return globMatchesPrefix((p.glob ??= compileGlob(p.pattern)), file);
  if (p.plain && p.directory !== false) {
    // A directory: everything below it. Not known to be one: the path itself too (a path below
    // the pattern shows it is a directory; a longer name is matched only when the pattern is
    // known not to be one, so that no directory's neighbour is taken for it).
    if (file.startsWith(p.pattern) && file.charCodeAt(p.pattern.length) === 0x2f) return true;
    return file === p.pattern;
  }
  return countSlashes(file) === countSlashes(p.pattern) && globMatchesPrefix((p.glob ??= compileGlob(p.pattern)), file);
}

/** Whether `file` starts with the pattern's text up to its first wildcard (a cheap first test). */
function literalPrefixMatches(pattern: string, file: string): boolean {
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charCodeAt(k);
    if (c === 0x2a || c === 0x3f || c === 0x5b) return true;
    if (file.charCodeAt(k) !== c) return false;
  }
  return true;
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x2f) n++;
  return n;
}

/** Most distinct N:/K: patterns compiled from one file; beyond it they are left out (with a warning). */
export const MAX_PERL_PATTERNS = 20_000;
const compiled = new Map<string, PerlPattern | null>();
let tooMany = false;

/**
 * A Perl regex written with the /x flag (as get_maintainer applies N: and K:) on a linear-time
 * engine (patterns.ts): never a backtracking RegExp. Null when it cannot be compiled. Compiled
 * once per distinct source.
 */
export function perlRegex(source: string): PerlPattern | null {
  const hit = compiled.get(source);
  if (hit !== undefined) return hit;
  if (compiled.size >= MAX_PERL_PATTERNS) {
    if (!tooMany) process.stderr.write(`patchsmith: more than ${MAX_PERL_PATTERNS} distinct MAINTAINERS N:/K: patterns; the others are left out\n`);
    tooMany = true;
    return null;
  }
  const p = compilePerlPattern(source);
  compiled.set(source, p);
  return p;
}

/** get_maintainer leaves out its "chief penguin" unless asked (--git-chief-penguins). */
const PENGUIN_CHIEFS = new Set(['torvalds@linux-foundation.org']);

/**
 * Who to send a patch touching `paths` (repository-relative, no `a/`/`b/`) to: the maintainers,
 * reviewers and lists of every matching section, more specific sections first, each person and
 * each address once (the first, most specific, appearance), as get_maintainer.pl gives them.
 *
 * `patchContent`: K: keywords are looked for in it. A patch (it has `---`/`+++` file headers) is
 * read as get_maintainer reads one: every line before the first file header (mail headers,
 * commit message, diffstat) and, after it, the `+`/`-` lines only. Anything else (a file's text,
 * or the changed lines without their `+`/`-`) is searched whole, as `get_maintainer.pl -f` does.
 */
export function maintainersFor(m: Maintainers, paths: string[], patchContent?: string): MaintainerMatch[] {
  const files = paths.map(normalizePath).filter((p) => p !== '' && p !== 'dev/null');
  // Depth per section: for a file, that of the LAST F:/N: of the section matching it (as
  // get_maintainer ranks them); over the files, the best.
  const score = new Map<number, number>();
  const index = pathIndex(m);
  for (const file of files) {
    for (const i of index.candidates(file)) {
      const section = m.sections[i]!;
      if (section.excludes.some((x) => matchesFilePattern(x, file))) continue;
      let depth: number | null = null;
      for (const p of section.pathMatchers) {
        if (p.type === 'F' ? matchesFilePattern(p.pattern, file) : p.regex.test(file)) depth = p.type === 'F' ? p.pattern.depth : 0;
      }
      if (depth === null) continue;
      const prev = score.get(i);
      if (prev === undefined || depth > prev) score.set(i, depth);
    }
  }
  const ordered = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => i);

  if (patchContent !== undefined && patchContent !== '') {
    const text = keywordText(patchContent);
    for (const i of index.withKeywords) {
      if (score.has(i)) continue;
      if (m.sections[i]!.keywords.some((re) => text.matches(re))) ordered.push(i);
    }
  }
  return pickAddresses(m, ordered);
}

/**
 * Sections by the leading path components their F: patterns fix (`drivers/net/...` under
 * `drivers` and `drivers/net`): a path is only tried against the sections that can match it, plus
 * those whose patterns start with a wildcard or that have N: regexes. Built once per parse.
 */
interface PathIndex {
  candidates(file: string): Iterable<number>;
  /** Sections with K: keywords, in file order. */
  withKeywords: number[];
}

const indexes = new WeakMap<Maintainers, PathIndex>();

function pathIndex(m: Maintainers): PathIndex {
  const known = indexes.get(m);
  if (known) return known;
  const byKey = new Map<string, number[]>();
  const always: number[] = [];
  const withKeywords: number[] = [];
  m.sections.forEach((section, i) => {
    if (section.keywords.length) withKeywords.push(i);
    if (section.pathMatchers.length === 0) return;
    const keys = new Set<string>();
    let everywhere = false;
    for (const p of section.pathMatchers) {
      const key = p.type === 'F' ? leadingKey(p.pattern.pattern) : null;
      if (key === null) everywhere = true;
      else keys.add(key);
    }
    if (everywhere) {
      always.push(i);
      return;
    }
    for (const key of keys) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(i);
    }
  });
  const index: PathIndex = {
    withKeywords,
    candidates(file) {
      const out = new Set<number>(always);
      const first = file.indexOf('/');
      if (first > 0) {
        for (const i of byKey.get(file.slice(0, first)) ?? []) out.add(i);
        const second = file.indexOf('/', first + 1);
        if (second > 0) for (const i of byKey.get(file.slice(0, second)) ?? []) out.add(i);
      }
      return out;
    },
  };
  indexes.set(m, index);
  return index;
}

/**
 * The index key of an F: pattern: its first one or two whole literal components (`drivers/net`);
 * null when it has no whole literal first component (`Makefile`, `*.dts`, `Documentation*`): such
 * a section is tried for every path.
 */
function leadingKey(pattern: string): string | null {
  let literal = 0;
  while (literal < pattern.length && !'*?['.includes(pattern[literal]!)) literal++;
  const first = pattern.indexOf('/');
  if (first <= 0 || first >= literal) return null;
  const second = pattern.indexOf('/', first + 1);
  return second > 0 && second < literal ? pattern.slice(0, second) : pattern.slice(0, first);
}

/**
 * get_maintainer's address bookkeeping: people first (a name or an address already given is
 * not given again, then `.mailmap`, then once more by the mapped name and address), then the
 * lists (once an address, not `subscribers-only`, not an address a person already has).
 * Reported in section order.
 */
function pickAddresses(m: Maintainers, ordered: number[]): MaintainerMatch[] {
  const rawNames = new Set<string>();
  const rawEmails = new Set<string>();
  const names = new Set<string>();
  const emails = new Set<string>();
  const kept = new Map<MaintainerPerson, { name: string; email: string }>();
  const keep = (person: MaintainerPerson): void => {
    const mapped = applyMailmap(m.mailmap, person);
    const name = mapped.name.toLowerCase();
    const email = mapped.email.toLowerCase();
    if ((name !== '' && names.has(name)) || emails.has(email)) return;
    if (name !== '') names.add(name);
    emails.add(email);
    kept.set(person, mapped);
  };
  for (const index of ordered) {
    for (const { role, person } of m.sections[index]!.contacts) {
      if (role === 'list') continue;
      const name = person.name.toLowerCase();
      const email = person.email.toLowerCase();
      if ((name !== '' && rawNames.has(name)) || rawEmails.has(email)) continue;
      if (name !== '') rawNames.add(name);
      rawEmails.add(email);
      keep(person);
    }
  }
  const lists = new Set<string>();
  for (const index of ordered) {
    for (const { role, person } of m.sections[index]!.contacts) {
      if (role !== 'list' || /subscribers-only/.test(person.note)) continue;
      const email = person.email.toLowerCase();
      if (lists.has(email)) continue;
      lists.add(email);
      keep(person);
    }
  }
  const result: MaintainerMatch[] = [];
  for (const index of ordered) {
    const section = m.sections[index]!;
    for (const { role, person } of section.contacts) {
      const mapped = kept.get(person);
      if (!mapped || PENGUIN_CHIEFS.has(mapped.email.toLowerCase())) continue;
      kept.delete(person);
      result.push({ section: section.name, role, name: mapped.name, email: mapped.email });
    }
  }
  return result;
}

/** The sections matching the paths (by F:/N:, not excluded by X:, or by K:), most specific first. */
export function sectionsFor(m: Maintainers, paths: string[], patchContent?: string): MaintainersSection[] {
  const names = new Set(maintainersFor(m, paths, patchContent).map((e) => e.section));
  return m.sections.filter((s) => names.has(s.name));
}

function normalizePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s.replace(/^\/+/, '');
}

/** A diff's file header line as get_maintainer recognises it. */
const FILE_HEADER = /^(?:\+\+\+|---)\s+\S/;
/** Lines get_maintainer reads for file names (or Fixes:), not for keywords. */
const CONSUMED = /^(?: mode change [0-7]+ => [0-7]+ \S|rename (?:from|to) \S|diff --git a\/\S+ b\/\S|Fixes:\s+[0-9a-fA-F]{6}|@@ -\d+,\d+)/;

interface KeywordText {
  matches(re: PerlPattern): boolean;
}

/** Where K: keywords are looked for in `content` (see maintainersFor). */
function keywordText(content: string): KeywordText {
  const lines = content.split('\n');
  const first = lines.findIndex((l) => FILE_HEADER.test(l));
  if (first < 0) return { matches: (re) => re.test(content) };
  const intro = lines.slice(0, first).filter((l) => !CONSUMED.test(l));
  const changed = lines.slice(first).filter((l) => (l.startsWith('+') || l.startsWith('-')) && !FILE_HEADER.test(l));
  return {
    // After the first header get_maintainer matches `^[+-].*KEYWORD`: the keyword starts after
    // the `+`/`-`, which lookbehinds and `\b` still see.
    matches: (re) => intro.some((l) => re.test(l)) || changed.some((l) => re.testFrom(l, 1)),
  };
}

/**
 * The text of a `.mailmap` read the way get_maintainer reads it (`Name <a>`, `<a> <b>`,
 * `Name <a> <b>`, `Name <a> Other <b>`; `#` comments). Never throws; odd lines are skipped.
 */
export function parseMailmap(text: string): Mailmap {
  const byNameAndEmail = new Map<string, { name?: string; email?: string }>();
  const byEmail = new Map<string, { name?: string; email?: string }>();
  const unquote = (s: string) => s.trim().replace(/^"|"$/g, '');
  for (const raw of text.split('\n')) {
    // Real lines are short; the patterns below are not for 100,000-character ones.
    if (raw.length > 1000) continue;
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^<]+)<([^>]+)>$/.exec(line))) {
      const entry = byEmail.get(m[2]!.trim().toLowerCase()) ?? {};
      byEmail.set(m[2]!.trim().toLowerCase(), { ...entry, name: unquote(m[1]!) });
    } else if ((m = /^<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      const entry = byEmail.get(m[2]!.trim().toLowerCase()) ?? {};
      byEmail.set(m[2]!.trim().toLowerCase(), { ...entry, email: m[1]!.trim() });
    } else if ((m = /^(.+)<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      byEmail.set(m[3]!.trim().toLowerCase(), { name: unquote(m[1]!), email: m[2]!.trim() });
    } else if ((m = /^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$/.exec(line))) {
      byNameAndEmail.set(`${unquote(m[3]!).toLowerCase()}\0${m[4]!.trim().toLowerCase()}`, { name: unquote(m[1]!), email: m[2]!.trim() });
    }
  }
  return { byNameAndEmail, byEmail };
}

function applyMailmap(map: Mailmap | undefined, person: MaintainerPerson): { name: string; email: string } {
  if (!map) return { name: person.name, email: person.email };
  const email = person.email.toLowerCase();
  const hit = map.byNameAndEmail.get(`${person.name.toLowerCase()}\0${email}`) ?? map.byEmail.get(email);
  return { name: hit?.name ?? person.name, email: hit?.email ?? person.email };
}

const cache = new Map<string, { stamp: string; value: Maintainers }>();

/** A MAINTAINERS larger than this is not read (the kernel's is under 1 MB). */
export const MAX_MAINTAINERS_BYTES = 64 * 2 ** 20;

async function stamp(file: string): Promise<string | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? `${info.mtimeMs}:${info.size}` : null;
  } catch {
    return null;
  }
}

/**
 * `<repoRoot>/MAINTAINERS` parsed, with `<repoRoot>/.mailmap` when there is one and the plain
 * F:/X: patterns that name directories marked (as get_maintainer asks the file system); null
 * when there is no MAINTAINERS (or it cannot be read). Cached by modification time and size of
 * both files: a changed file is read again.
 */
export async function loadMaintainers(repoRoot: string): Promise<Maintainers | null> {
  const file = path.join(repoRoot, 'MAINTAINERS');
  const mailmapFile = path.join(repoRoot, '.mailmap');
  const [main, mailmap] = await Promise.all([stamp(file), stamp(mailmapFile)]);
  if (main === null) {
    cache.delete(file);
    return null;
  }
  const key = `${main}|${mailmap ?? ''}`;
  const hit = cache.get(file);
  if (hit && hit.stamp === key) return hit.value;
  if (Number(main.split(':')[1]) > MAX_MAINTAINERS_BYTES) {
    process.stderr.write(`patchsmith: ${file} is larger than ${MAX_MAINTAINERS_BYTES / 2 ** 20} MB: not used\n`);
    return null;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  // In slices: the language server keeps answering while a huge file is read.
  const value = await parseMaintainersInSlices(text);
  pathIndex(value);
  if (mailmap !== null) {
    try {
      value.mailmap = parseMailmap(await readFile(mailmapFile, 'utf8'));
    } catch {
      // No mailmap: addresses as written.
    }
  }
  await markDirectories(repoRoot, value);
  cache.set(file, { stamp: key, value });
  return value;
}

/** Marks the plain F:/X: patterns naming a directory of the tree (a few thousand stat calls). */
async function markDirectories(repoRoot: string, m: Maintainers): Promise<void> {
  const plain = m.sections.flatMap((s) => [...s.files, ...s.excludes]).filter((p) => p.plain);
  const known = new Map<string, Promise<boolean>>();
  const isDir = (p: string): Promise<boolean> => {
    let r = known.get(p);
    if (!r) {
      r = stat(path.join(repoRoot, p)).then(
        (info) => info.isDirectory(),
        () => false,
      );
      known.set(p, r);
    }
    return r;
  };
  // In slices: a few thousand stat calls at once would queue behind each other anyway.
  for (let i = 0; i < plain.length; i += 256) {
    const slice = plain.slice(i, i + 256);
    const dirs = await Promise.all(slice.map((p) => isDir(p.pattern)));
    slice.forEach((p, j) => (p.directory = dirs[j]));
  }
}
