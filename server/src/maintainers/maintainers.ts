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
 * Deliberately not done: get_maintainer also reads the addresses out of a touched `.yaml` file
 * (the binding's `maintainers:`); here matching never reads the touched files.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

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
  /** Regex for the path, anchored at the start only (see the module comment). */
  regex: RegExp;
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
  namePatterns: RegExp[];
  /** K: regexes on the patch's changed lines. */
  keywords: RegExp[];
  /** The F: patterns and N: regexes in file order (a section ranks by the last that matches). */
  pathMatchers: ({ type: 'F'; pattern: FilePattern } | { type: 'N'; regex: RegExp })[];
  /** T: trees. */
  trees: string[];
  /** Every `X:` line of the section in order (including the ones above), for hovers. */
  entries: { type: string; value: string; line: number }[];
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

const TYPE_LINE = /^([A-Z]):\s*(.*?)\s*$/;

/** Parse the text of a MAINTAINERS file. Never throws; bad regexes are left out. */
export function parseMaintainers(text: string): Maintainers {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const sections: MaintainersSection[] = [];
  let current: MaintainersSection | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (current) {
      const m = TYPE_LINE.exec(line);
      if (m) {
        addEntry(current, m[1]!, m[2]!, i);
        continue;
      }
      current = null;
    }
    // A title: not indented, not an entry, and followed by an entry line.
    if (line.trim() === '' || /^\s/.test(line) || TYPE_LINE.test(line)) continue;
    const next = lines[i + 1];
    if (next === undefined || !TYPE_LINE.test(next)) continue;
    current = {
      name: line.trim(),
      line: i,
      maintainers: [],
      reviewers: [],
      lists: [],
      status: null,
      files: [],
      excludes: [],
      namePatterns: [],
      keywords: [],
      pathMatchers: [],
      trees: [],
      entries: [],
      contacts: [],
    };
    sections.push(current);
  }
  return { sections };
}

function addEntry(s: MaintainersSection, type: string, value: string, line: number): void {
  s.entries.push({ type, value, line });
  if (value === '') return;
  switch (type) {
    case 'M':
    case 'R':
    case 'L': {
      const person = parseContact(value);
      if (!person) return;
      const role: MaintainerRole = type === 'M' ? 'maintainer' : type === 'R' ? 'reviewer' : 'list';
      (type === 'M' ? s.maintainers : type === 'R' ? s.reviewers : s.lists).push(person);
      s.contacts.push({ role, person });
      return;
    }
    case 'S':
      s.status = value;
      return;
    case 'F': {
      const pattern = compileFilePattern(value);
      s.files.push(pattern);
      s.pathMatchers.push({ type: 'F', pattern });
      return;
    }
    case 'X':
      s.excludes.push(compileFilePattern(value));
      return;
    case 'N': {
      const re = perlRegex(value);
      if (re) {
        s.namePatterns.push(re);
        s.pathMatchers.push({ type: 'N', regex: re });
      }
      return;
    }
    case 'K': {
      const re = perlRegex(value);
      if (re) s.keywords.push(re);
      return;
    }
    case 'T':
      s.trees.push(value);
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
  let body = '';
  let wild = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      body += '.*';
      wild = true;
    } else if (ch === '?') {
      body += '.';
      wild = true;
    } else if (ch === '[' && pattern.indexOf(']', i + 2) > 0) {
      // get_maintainer leaves `[...]` to Perl: a character class (`drivers/edac/altera_edac.[ch]`).
      const end = pattern.indexOf(']', i + 2);
      let cls = pattern.slice(i + 1, end);
      const negated = cls.startsWith('^');
      if (negated) cls = cls.slice(1);
      body += `[${negated ? '^' : ''}${cls.replace(/[\\\]]/g, '\\$&')}]`;
      wild = true;
      i = end;
    } else body += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const slashes = countSlashes(pattern);
  const depth = pattern.startsWith('*') ? -1 : slashes + (dir ? 0 : 1);
  return { pattern, depth, regex: new RegExp(`^${body}`), plain: !dir && !wild };
}

/** Whether a repository-relative path matches an F:/X: pattern. */
export function matchesFilePattern(p: FilePattern, file: string): boolean {
  if (p.pattern.endsWith('/')) return p.regex.test(file);
  if (p.plain && p.directory !== false) {
    // A directory: everything below it. Not known to be one: the path itself too (a path below
    // the pattern shows it is a directory; a longer name is matched only when the pattern is
    // known not to be one, so that no directory's neighbour is taken for it).
    if (file.startsWith(p.pattern) && file.charCodeAt(p.pattern.length) === 0x2f) return true;
    return file === p.pattern;
  }
  return p.regex.test(file) && countSlashes(file) === countSlashes(p.pattern);
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x2f) n++;
  return n;
}

/**
 * A Perl regex written with the /x flag (as get_maintainer applies N: and K:) as a JavaScript
 * RegExp: unescaped whitespace outside classes dropped, `#` comments cut, the case-insensitive
 * modifiers `(?i)` and `(?i:...)` (which JavaScript lacks) spelled out. Null when JavaScript
 * cannot compile it.
 */
export function perlRegex(source: string): RegExp | null {
  let out = '';
  let flags = '';
  // One entry an open group: whether the group is case-insensitive.
  const groups: boolean[] = [];
  let fold = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      out += ch + source[i + 1];
      i++;
      continue;
    }
    if (ch === '[') {
      // `[]...]` and `[^]...]`: a leading `]` is a literal.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      const cls = source.slice(i, j + 1);
      out += fold ? foldClass(cls) : cls;
      i = j;
      continue;
    }
    if (ch === '(' && source.startsWith('(?i)', i)) {
      if (out === '' && groups.length === 0) flags = 'i';
      else fold = true;
      i += 3;
      continue;
    }
    if (ch === '(') {
      groups.push(fold);
      if (source.startsWith('(?i:', i)) {
        fold = true;
        out += '(?:';
        i += 3;
      } else out += ch;
      continue;
    }
    if (ch === ')') {
      fold = groups.pop() ?? false;
      out += ch;
      continue;
    }
    if (ch === '#') break;
    if (/\s/.test(ch)) continue;
    out += fold && /[a-zA-Z]/.test(ch) && ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch;
  }
  if (out === '') return null;
  try {
    return new RegExp(out, flags);
  } catch {
    return null;
  }
}

/** A character class `[...]` made case-insensitive: every letter and letter range also in the other case. */
function foldClass(cls: string): string {
  const close = cls.endsWith(']') ? 1 : 0;
  let start = 1;
  if (cls[start] === '^') start++;
  const body = cls.slice(start, cls.length - close);
  let extra = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    const swapped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    if (swapped === ch) continue;
    if (body[i + 1] === '-' && i + 2 < body.length && /[a-zA-Z]/.test(body[i + 2]!)) {
      const to = body[i + 2]!;
      const toSwapped = to === to.toLowerCase() ? to.toUpperCase() : to.toLowerCase();
      extra += `${swapped}-${toSwapped}`;
      i += 2;
    } else extra += swapped;
  }
  return cls.slice(0, start) + body + extra + (close ? ']' : '');
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
  m.sections.forEach((section, index) => {
    if (section.pathMatchers.length === 0) return;
    for (const file of files) {
      if (section.excludes.some((x) => matchesFilePattern(x, file))) continue;
      let depth: number | null = null;
      for (const p of section.pathMatchers) {
        if (p.type === 'F' ? matchesFilePattern(p.pattern, file) : p.regex.test(file)) depth = p.type === 'F' ? p.pattern.depth : 0;
      }
      if (depth === null) continue;
      const prev = score.get(index);
      if (prev === undefined || depth > prev) score.set(index, depth);
    }
  });
  const ordered = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([index]) => index);

  if (patchContent !== undefined && patchContent !== '') {
    const text = keywordText(patchContent);
    m.sections.forEach((section, index) => {
      if (score.has(index) || section.keywords.length === 0) return;
      if (section.keywords.some((re) => text.matches(re))) ordered.push(index);
    });
  }
  return pickAddresses(m, ordered);
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
  matches(re: RegExp): boolean;
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
    matches: (re) => intro.some((l) => re.test(l)) || changed.some((l) => matchesFrom(re, l, 1)),
  };
}

const globalCopies = new WeakMap<RegExp, RegExp>();

function matchesFrom(re: RegExp, s: string, from: number): boolean {
  let g = globalCopies.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    globalCopies.set(re, g);
  }
  g.lastIndex = from;
  return g.test(s);
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const value = parseMaintainers(text);
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
