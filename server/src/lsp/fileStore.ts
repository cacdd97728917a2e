/**
 * Patch files on disk that are not open in the editor (the other patches of a series, the files
 * of the series tree): listed and read once, parsed once, and forgotten when the client reports
 * a change (workspace/didChangeWatchedFiles). Without file watching, a folder is listed again
 * and a file re-read (when its modification time or size changed) at most every few seconds, so
 * typing does not touch the disk on every keystroke.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { PatchDocument } from '../model/types';
import { parsePatch } from '../parse/parsePatch';
import { IncrementalDocument, LAZY_MIN_LENGTH } from '../check/incremental';
import { isPatchFileName } from './uri';

export interface DiskFile {
  path: string;
  text: string;
  doc: PatchDocument;
  mtimeMs: number;
  size: number;
  /** Bumped at every re-read: caches of derived data key on it. */
  generation: number;
}

/** Files bigger than this are not read as series members (a mailbox archive is no series). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Patch files considered in one folder. */
const MAX_FILES_PER_DIR = 500;
/** Without watching: how long a listing or a file's stat is trusted. */
const RECHECK_MS = 2_000;

let generations = 0;

export class FileStore {
  private readonly files = new Map<string, Promise<DiskFile | null>>();
  private readonly dirs = new Map<string, Promise<string[]>>();
  private readonly checked = new Map<string, number>();
  /** Whether the client watches patch files for us (then caches are trusted until told). */
  watching = false;

  /** Paths of the patch files in a folder, sorted by name. */
  listDir(dir: string): Promise<string[]> {
    let p = this.fresh(dir) ? this.dirs.get(dir) : undefined;
    if (!p) {
      p = readPatchDir(dir);
      this.dirs.set(dir, p);
      this.checked.set(dir, Date.now());
    }
    return p;
  }

  /** Whether a cached entry may be used without looking at the disk. */
  private fresh(key: string): boolean {
    if (this.watching) return true;
    const at = this.checked.get(key);
    return at !== undefined && Date.now() - at < RECHECK_MS;
  }

  /** The parsed file, or null when it cannot be read (or is too big). */
  async read(file: string): Promise<DiskFile | null> {
    const cached = this.files.get(file);
    if (cached) {
      if (this.fresh(file)) return cached;
      const prev = await cached;
      const st = await statOrNull(file);
      this.checked.set(file, Date.now());
      if (prev && st && st.mtimeMs === prev.mtimeMs && st.size === prev.size) return prev;
      if (!prev && !st) return null;
    }
    const p = readPatchFile(file);
    this.files.set(file, p);
    this.checked.set(file, Date.now());
    return p;
  }

  /** Forget a file (changed, created or deleted) and its folder's listing. */
  invalidate(file: string): void {
    this.files.delete(file);
    this.dirs.delete(path.dirname(file));
  }

  clear(): void {
    this.files.clear();
    this.dirs.clear();
    this.checked.clear();
  }
}

async function statOrNull(file: string): Promise<{ mtimeMs: number; size: number } | null> {
  try {
    const st = await fs.stat(file);
    return st.isFile() ? { mtimeMs: st.mtimeMs, size: st.size } : null;
  } catch {
    return null;
  }
}

async function readPatchDir(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && isPatchFileName(e.name))
      .map((e) => path.join(dir, e.name))
      .sort()
      .slice(0, MAX_FILES_PER_DIR);
  } catch {
    return [];
  }
}

async function readPatchFile(file: string): Promise<DiskFile | null> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
    const text = await fs.readFile(file, 'utf8');
    // A big mailbox keeps no message model: its messages are parsed when read (model/lazyMessages.ts).
    const doc = text.length >= LAZY_MIN_LENGTH ? new IncrementalDocument().update(text) : parsePatch(text);
    return { path: file, text, doc, mtimeMs: st.mtimeMs, size: st.size, generation: ++generations };
  } catch {
    return null;
  }
}
