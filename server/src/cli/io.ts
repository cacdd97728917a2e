/**
 * Reading the CLI's inputs: files, folders of patches and standard input. Everything unreadable
 * becomes an InputError with one line of explanation.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from './args';
import { readFileStamped, type FileStamp } from '../io/atomicWrite';

/** Where the commands write (the real process streams, or buffers in tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface InputFile {
  /** The path as the user gave it (or joined to the folder they gave); `-` for standard input. */
  file: string;
  /** Text without a leading byte-order mark. */
  text: string;
  /** Whether the file started with a UTF-8 byte-order mark (kept when writing back). */
  bom: boolean;
  /** Whether the bytes were valid UTF-8 (otherwise invalid bytes became U+FFFD). */
  validUtf8: boolean;
  /** The file as read (absent for standard input): `--fix` refuses to write over a newer one. */
  stamp?: FileStamp;
}

/** File names a folder argument expands to. */
export const PATCH_FILE = /\.(patch|mbox|eml)$/i;

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

export function decode(file: string, bytes: Buffer): InputFile {
  if (bytes.includes(0)) throw new InputError(`cannot read '${file}': not a text file (it contains NUL bytes)`);
  // isUtf8 and toString are node's fast (SIMD) paths: a 50 MB patch in milliseconds, where a
  // fatal TextDecoder took most of a second. Invalid bytes: the WHATWG decoder's U+FFFD.
  const validUtf8 = isAscii(bytes) || isUtf8(bytes);
  const text = validUtf8 ? bytes.toString('utf8') : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bom = text.charCodeAt(0) === 0xfeff;
  return { file, text: bom ? text.slice(1) : text, bom, validUtf8 };
}

export function readInput(file: string): InputFile {
  if (file === '-') {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(0);
    } catch (e) {
      throw new InputError(`cannot read standard input: ${reason(e)}`);
    }
    return decode('-', bytes);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new InputError(`cannot read '${file}': ${reason(e)}`);
  }
  if (stat.isDirectory()) throw new InputError(`cannot read '${file}': is a directory`);
  if (!stat.isFile()) throw new InputError(`cannot read '${file}': not a regular file`);
  try {
    const { bytes, stamp } = readFileStamped(file);
    return { ...decode(file, bytes), stamp };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read '${file}': ${reason(e)}`);
  }
}

/**
 * Expand paths: a folder gives its *.patch, *.mbox and *.eml files (not recursive), sorted by
 * name; a file (any name) or `-` stays. Duplicates are dropped. A missing path is an InputError.
 */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = f === '-' ? f : path.resolve(f);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const p of paths) {
    if (p === '-') {
      add(p);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new InputError(`cannot read '${p}': ${reason(e)}`);
    }
    if (!stat.isDirectory()) {
      add(p);
      continue;
    }
    let names: string[];
    try {
      names = fs.readdirSync(p);
    } catch (e) {
      throw new InputError(`cannot read '${p}': ${reason(e)}`);
    }
    const found = names
      .filter((n) => PATCH_FILE.test(n))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((n) => path.join(p, n))
      .filter((f) => {
        try {
          return fs.statSync(f).isFile();
        } catch {
          return false;
        }
      });
    if (found.length === 0) throw new InputError(`no patches (*.patch, *.mbox, *.eml) in '${p}'`);
    found.forEach(add);
  }
  return out;
}
