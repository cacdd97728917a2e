/**
 * Writing a user's file without ever losing it. Every command that writes a file goes through
 * `writeFileAtomic`:
 *
 *  - the new content goes to a temporary file in the SAME folder (a rename is atomic only within
 *    one file system), is flushed to disk (fsync), then renamed over the original: a process
 *    killed at any moment leaves either the old file or the new one, never a truncated mix;
 *  - the original's permission bits are kept (a read-only patch stays read-only);
 *  - a symbolic link is written through: its target gets the content, the link stays a link;
 *  - `expect` (what was read): when the file on disk changed since (another editor, a `git am`),
 *    the write is refused with an AtomicWriteError naming the file, rather than overwriting the
 *    other change.
 *
 * Synchronous on purpose: the CLI writes at its very end, and a half-done asynchronous write
 * would be one more moment to be interrupted in.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** What a file looked like when it was read; compared before it is replaced. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Inode: a file replaced by another one (an editor's own rename) counts as changed. */
  ino: number;
}

export class AtomicWriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

/** The stamp of an open file descriptor (use the descriptor the content was read from). */
export function stampOfFd(fd: number): FileStamp {
  const s = fs.fstatSync(fd);
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

/** The stamp of a path (following links); null when it does not exist. */
export function stampOf(file: string): FileStamp | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return null;
  }
}

/** Read a file and its stamp from one descriptor (so the stamp describes exactly these bytes). */
export function readFileStamped(file: string): { bytes: Buffer; stamp: FileStamp } {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = fs.readFileSync(fd);
    return { bytes, stamp: stampOfFd(fd) };
  } finally {
    fs.closeSync(fd);
  }
}

export interface AtomicWriteOptions {
  /** The file as it was read: refuse when it changed since. Absent: no check (a new output file). */
  expect?: FileStamp | null;
  /** Permission bits of a file that does not exist yet (default 0o666 less the umask). */
  mode?: number;
}

/** The final path a write to `file` lands on: symbolic links followed (even dangling ones). */
export function resolveWriteTarget(file: string): string {
  let target = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!fs.lstatSync(target).isSymbolicLink()) return target;
      link = fs.readlinkSync(target);
    } catch {
      return target; // does not exist (yet): written as a new file
    }
    target = path.resolve(path.dirname(target), link);
  }
  throw new AtomicWriteError(file, `cannot write '${file}': too many levels of symbolic links`);
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  return e instanceof Error ? e.message : String(e);
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/**
 * Replace `file` with `data` atomically (see the module comment). Throws AtomicWriteError with a
 * one-line message (file name and reason) on any failure; the original is then untouched and
 * no temporary file is left behind.
 */
function writeBytes(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, Math.min(bytes.length - off, 1 << 24));
}

/** UTF-16 units encoded at a time: a huge text is never a second time in memory as bytes. */
const STRING_CHUNK = 1 << 20;

/** Writes `text` as UTF-8, a slice at a time (never cutting a surrogate pair in two). */
function writeString(fd: number, text: string): void {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + STRING_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    writeBytes(fd, Buffer.from(text.slice(at, end), 'utf8'));
    at = end;
  }
}

export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = resolveWriteTarget(file);
  let mode = options.mode ?? 0o666 & ~process.umask();
  let existing: fs.Stats | null = null;
  try {
    existing = fs.statSync(target);
  } catch {
    existing = null;
  }
  if (existing && !existing.isFile()) throw new AtomicWriteError(file, `cannot write '${file}': not a regular file`);
  if (options.expect !== undefined) {
    const now = existing ? { size: existing.size, mtimeMs: existing.mtimeMs, ino: existing.ino } : null;
    if (options.expect === null ? now !== null : now === null || !sameStamp(options.expect, now)) {
      throw new AtomicWriteError(file, `not writing '${file}': it changed on disk since it was read (run again on the new content)`);
    }
  }
  if (existing) mode = existing.mode & 0o7777;

  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    // wx: never follow or reuse something that is already there. Owner-writable while written,
    // the original's mode set once the content is complete.
    fd = fs.openSync(temp, 'wx', 0o600);
    if (typeof data === 'string') writeString(fd, data);
    else writeBytes(fd, data);
    fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    if (options.expect !== undefined && options.expect !== null) {
      // Once more right before the rename: the window left is the rename itself.
      const again = stampOf(target);
      if (!again || !sameStamp(options.expect, again)) {
        throw new AtomicWriteError(file, `not writing '${file}': it changed on disk since it was read (run again on the new content)`);
      }
    }
    fs.renameSync(temp, target);
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    if (e instanceof AtomicWriteError) throw e;
    throw new AtomicWriteError(file, `cannot write '${file}': ${describe(e)}`);
  }
  // The rename is durable once the folder is flushed too (not possible everywhere: best effort).
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Windows cannot open a folder; the rename itself is done.
  }
}
