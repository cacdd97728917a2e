/**
 * What a checkpatch.pl accepts, read from its Getopt table once per version of the script (path,
 * size and modification time): the kernel's has `--show-types`, `--fix`, `--strict` and
 * `--color=`; QEMU's fork has `--color=` but none of the others. Reading the text, rather than
 * running `--help`, runs none of the repository's code.
 */
import * as fs from 'node:fs/promises';

export interface ScriptOptions {
  showTypes: boolean;
  fix: boolean;
  strict: boolean;
  noTree: boolean;
  /** The option that turns colours off (`--color=never`, `--no-color`), or none. */
  noColor: string[];
}

const cache = new Map<string, { key: string; options: ScriptOptions }>();

/** A Getopt spec such as `'show-types!'` or `"fix!"` in the script's text. */
function has(text: string, spec: string): boolean {
  return new RegExp(`['"](?:[a-z]\\|)?${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:!|=[si])?['"]\\s*=>`).test(text);
}

export function readScriptOptions(text: string): ScriptOptions {
  const noColor = has(text, 'color') && /['"]color=s['"]/.test(text) ? ['--color=never'] : /['"]color!['"]/.test(text) ? ['--no-color'] : [];
  return {
    showTypes: has(text, 'show-types'),
    fix: has(text, 'fix'),
    strict: has(text, 'strict') || /['"]subjective!['"]/.test(text),
    noTree: has(text, 'tree'),
    noColor,
  };
}

/** The options of the script at `file`, or null when it cannot be read. */
export async function scriptOptions(file: string): Promise<ScriptOptions | null> {
  let key: string;
  try {
    const s = await fs.stat(file);
    key = `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
  const hit = cache.get(file);
  if (hit && hit.key === key) return hit.options;
  let text: string;
  try {
    text = await fs.readFile(file, 'latin1');
  } catch {
    return null;
  }
  const options = readScriptOptions(text);
  cache.set(file, { key, options });
  return options;
}
