/**
 * The kernel's MAINTAINERS file: parsed into sections, and matched against the paths (and the
 * changed lines) of a patch the way `scripts/get_maintainer.pl` does it.
 *
 * Format (the file's own header explains it): a section is a title line followed by `X:\tvalue`
 * lines, sections separated by blank lines. M: maintainer, R: reviewer, L: mailing list,
 * S: status, F: file pattern, X: excluded pattern, N: regex on file names, K: regex on the patch
 * content, T: SCM tree, and more (W:, Q:, B:, C:, P:) kept as they are. The header part before
 * the first section is skipped (its example lines are indented).
 *
 * Matching (get_maintainer.pl `file_match_pattern`, with F:/X: `*` -> `.*`, `?` -> `.`):
 *  - a pattern ending in `/` matches everything below that directory;
 *  - any other pattern matches a path with the same number of `/`, so `*` and `?` stay within
 *    one component (`drivers/net/*.c` does not match `drivers/net/phy/x.c`);
 *  - a pattern without wildcards also matches below it when it names a directory (get_maintainer
 *    asks the file system; here: a path starting with `pattern/`);
 *  - unlike get_maintainer's `m@^$pattern@`, the last component must match whole
 *    (`F: fs/foo.c` does not match `fs/foo.cc`): no false positives;
 *  - X: excludes the section for that path; N: is a regex on the path, K: on the changed lines;
 *  - more specific sections first: by pattern depth (`/`s in the pattern, plus one unless it
 *    ends in `/`; N: counts 0; a pattern starting with `*` counts -1), ties in file order;
 *    sections found only by K: come last.
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
  /** Anchored regex for the path. */
  regex: RegExp;
  /** Pattern without wildcards or trailing `/`: also matches `pattern/...`. */
  plain: boolean;
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
  /** T: trees. */
  trees: string[];
  /** Every `X:` line of the section in order (including the ones above), for hovers. */
  entries: { type: string; value: string; line: number }[];
  /** Where M:, R:, L: appear in the section, in order (the order entries are reported). */
  contacts: { role: MaintainerRole; person: MaintainerPerson }[];
}

export interface Maintainers {
  sections: MaintainersSection[];
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
    case 'F':
      s.files.push(compileFilePattern(value));
      return;
    case 'X':
      s.excludes.push(compileFilePattern(value));
      return;
    case 'N': {
      const re = perlRegex(value);
      if (re) s.namePatterns.push(re);
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
  for (const ch of pattern) {
    if (ch === '*') body += '.*';
    else if (ch === '?') body += '.';
    else body += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const slashes = (pattern.match(/\//g) ?? []).length;
  const depth = pattern.startsWith('*') ? -1 : slashes + (dir ? 0 : 1);
  return {
    pattern,
    depth,
    // A directory pattern matches everything below; otherwise the whole path, same depth.
    regex: new RegExp(dir ? `^${body}` : `^${body}$`),
    plain: !dir && !/[*?]/.test(pattern),
  };
}

/** Whether a repository-relative path matches an F:/X: pattern. */
export function matchesFilePattern(p: FilePattern, file: string): boolean {
  if (p.plain) return file === p.pattern || file.startsWith(p.pattern + '/');
  if (!p.regex.test(file)) return false;
  if (p.pattern.endsWith('/')) return true;
  return countSlashes(file) === countSlashes(p.pattern);
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x2f) n++;
  return n;
}

/**
 * A Perl regex written with the /x flag (as get_maintainer applies N: and K:) as a JavaScript
 * RegExp: unescaped whitespace outside classes dropped, `#` comments cut. Null when JavaScript
 * cannot compile it.
 */
export function perlRegex(source: string): RegExp | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      out += ch + source[i + 1];
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // `[]...]` and `[^]...]`: a leading `]` is a literal.
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
      continue;
    }
    if (ch === '#') break;
    if (/\s/.test(ch)) continue;
    out += ch;
  }
  if (out === '') return null;
  try {
    return new RegExp(out);
  } catch {
    return null;
  }
}

/**
 * Who to send a patch touching `paths` (repository-relative, no `a/`/`b/`) to: the maintainers,
 * reviewers and lists of every matching section, more specific sections first, each address
 * once (its first, most specific, appearance). `patchContent`: the patch text or its changed
 * lines; K: keywords are matched on lines starting with `+`/`-` (not `+++`/`---` headers), or on
 * every line when there are none.
 */
export function maintainersFor(m: Maintainers, paths: string[], patchContent?: string): MaintainerMatch[] {
  const files = paths.map(normalizePath).filter((p) => p !== '' && p !== 'dev/null');
  // Best depth per section; Map keeps first-match order for ties.
  const score = new Map<number, number>();
  m.sections.forEach((section, index) => {
    for (const file of files) {
      if (section.excludes.some((x) => matchesFilePattern(x, file))) continue;
      let best = -Infinity;
      for (const f of section.files) if (f.depth > best && matchesFilePattern(f, file)) best = f.depth;
      if (best < 0 && section.namePatterns.some((re) => re.test(file))) best = Math.max(best, 0);
      if (best === -Infinity) continue;
      const prev = score.get(index);
      if (prev === undefined || best > prev) score.set(index, best);
    }
  });
  const ordered = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([index]) => index);

  if (patchContent !== undefined && patchContent !== '') {
    const changed = changedLines(patchContent);
    m.sections.forEach((section, index) => {
      if (score.has(index) || section.keywords.length === 0) return;
      if (section.keywords.some((re) => changed.some((line) => re.test(line)))) ordered.push(index);
    });
  }

  const seen = new Set<string>();
  const result: MaintainerMatch[] = [];
  for (const index of ordered) {
    const section = m.sections[index]!;
    for (const { role, person } of section.contacts) {
      const key = person.email.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ section: section.name, role, name: person.name, email: person.email });
    }
  }
  return result;
}

/** The sections matching the paths (by F:/N:, not excluded by X:), most specific first. */
export function sectionsFor(m: Maintainers, paths: string[], patchContent?: string): MaintainersSection[] {
  const names = new Set(maintainersFor(m, paths, patchContent).map((e) => e.section));
  return m.sections.filter((s) => names.has(s.name));
}

function normalizePath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s.replace(/^\/+/, '');
}

function changedLines(content: string): string[] {
  const lines = content.split('\n');
  const changed = lines.filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---)(\s|$)/.test(l)).map((l) => l.slice(1));
  return changed.length > 0 ? changed : lines;
}

const cache = new Map<string, { mtimeMs: number; size: number; value: Maintainers }>();

/**
 * `<repoRoot>/MAINTAINERS` parsed; null when there is none (or it cannot be read). Cached by
 * modification time and size: a changed file is read again.
 */
export async function loadMaintainers(repoRoot: string): Promise<Maintainers | null> {
  const file = path.join(repoRoot, 'MAINTAINERS');
  let info;
  try {
    info = await stat(file);
  } catch {
    cache.delete(file);
    return null;
  }
  if (!info.isFile()) return null;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.value;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const value = parseMaintainers(text);
  cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, value });
  return value;
}
