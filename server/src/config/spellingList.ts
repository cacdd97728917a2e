/**
 * The project's own list of misspellings, `scripts/spelling.txt` at the repository root (the
 * kernel's, QEMU's and many others' `typo||fix` list that checkpatch reads), for TYPO_SPELLING.
 *
 * The file comes from the workspace: untrusted. Only the first MAX_BYTES are read, at most
 * MAX_ENTRIES entries are kept, and a line that is not `word||fix` (letters, `'` and `-` for
 * the typo; a short printable fix) is skipped, never an error. Without the file, or when no
 * line is usable, the rule keeps its built-in list (rules/shared/spelling.ts).
 *
 * Parsed lists are cached per file path and reused while the file's text is unchanged.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export const SPELLING_TXT = 'scripts/spelling.txt';
/** The kernel's list is ~1,700 lines, 40 KB. */
export const MAX_BYTES = 512 * 1024;
export const MAX_ENTRIES = 20_000;

const ENTRY = /^([A-Za-z][A-Za-z'-]{0,62})\|\|([^|\s][^|\u0000-\u001f]{0,62})$/;

/**
 * Words of checkpatch's list that are also real words or common identifiers: the built-in list
 * leaves them out to stay quiet, and so does a project's list.
 */
const REAL_WORDS = new Set(['singed', 'wont', 'ture', 'struc']);

export interface SpellingList {
  /** Lower-case typo -> fix, as the file writes the fix. */
  entries: ReadonlyMap<string, string>;
  /** Lines that were neither an entry, a comment nor blank. */
  skipped: number;
  /** The text was cut at MAX_BYTES or MAX_ENTRIES. */
  truncated: boolean;
}

/** Parse a `typo||fix` list. Pure. */
export function parseSpellingList(text: string): SpellingList {
  let truncated = false;
  if (text.length > MAX_BYTES) {
    text = text.slice(0, text.lastIndexOf('\n', MAX_BYTES) + 1);
    truncated = true;
  }
  const entries = new Map<string, string>();
  let skipped = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = ENTRY.exec(line);
    if (!m) {
      skipped++;
      continue;
    }
    const typo = m[1]!.toLowerCase();
    if (REAL_WORDS.has(typo) || entries.has(typo)) continue;
    if (entries.size >= MAX_ENTRIES) {
      truncated = true;
      break;
    }
    entries.set(typo, m[2]!.trim());
  }
  return { entries, skipped, truncated };
}

const cache = new Map<string, { text: string; list: SpellingList }>();

/** How the list is read; tests may pass another. Null when the file is absent or unreadable. */
export type ReadBounded = (file: string, maxBytes: number) => Promise<string | null>;

async function readBounded(file: string, maxBytes: number): Promise<string | null> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const st = await handle.stat();
    if (!st.isFile()) return null;
    const size = Math.min(st.size, maxBytes + 1);
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The repository's spelling list, or null when it has none (or none usable). Reads at most
 * MAX_BYTES (+1, to know it was cut); cached per path while the text is the same.
 */
export async function loadSpellingList(repoRoot: string | null, read: ReadBounded = readBounded): Promise<SpellingList | null> {
  if (!repoRoot) return null;
  const file = path.join(repoRoot, SPELLING_TXT);
  const text = await read(file, MAX_BYTES);
  if (text === null) {
    cache.delete(file);
    return null;
  }
  const hit = cache.get(file);
  const list = hit && hit.text === text ? hit.list : parseSpellingList(text);
  cache.set(file, { text, list });
  return list.entries.size > 0 ? list : null;
}
