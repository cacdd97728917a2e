/**
 * Which checkpatch.pl checks a patch, and from where it runs.
 *
 * The first of these that says something decides:
 * 1. the command line: `--no-checkpatch` (off) or `--checkpatch PATH`; in the editor, the
 *    `patchsmith.checkpatch.enabled: false` setting (off);
 * 2. the project: `.patchsmith.json` at the repository root, `"checkpatch": false` (off) or
 *    `"checkpatch": "PATH"` (relative to the repository root);
 * 3. the editor setting `patchsmith.checkpatch.path`;
 * 4. the repository's own `scripts/checkpatch.pl`.
 *
 * It runs from the repository root, so that the tree's `.checkpatch.conf`, spelling.txt and
 * const_structs.checkpatch apply as they do for the project's developers; without a repository,
 * from the tree the script is in (`X` for `X/scripts/checkpatch.pl`), else from its folder.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseJson } from '../config/json';
import { PATCHSMITH_JSON } from '../config/patchsmithJson';

export interface CheckpatchLocation {
  /** Absolute path of the script. */
  script: string;
  /** Folder it runs in. */
  cwd: string;
  /** Where the choice came from, for messages ("the repository", "--checkpatch", ...). */
  origin: string;
}

export interface DiscoverOptions {
  /** Repository root of the patch, or null. */
  repoRoot: string | null;
  /** `--no-checkpatch`, or the editor's `checkpatch.enabled: false`. */
  off?: boolean;
  /** `--checkpatch PATH` (relative to `cwd`). */
  option?: string;
  /** The editor's `patchsmith.checkpatch.path` (relative to `settingBase`). */
  setting?: string;
  settingBase?: string;
  /** Base of a relative `--checkpatch` path (the process's folder). */
  cwd?: string;
}

/** The `checkpatch` key of the repository's `.patchsmith.json`: a path, false, or undefined when absent or malformed. */
export async function projectCheckpatchSetting(repoRoot: string): Promise<string | false | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(repoRoot, PATCHSMITH_JSON), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseJson(text);
  if (!parsed.ok || parsed.value.kind !== 'object') return undefined;
  let out: string | false | undefined;
  for (const p of parsed.value.props) {
    if (p.key !== 'checkpatch') continue;
    if (p.value.kind === 'boolean' && !p.value.value) out = false;
    else if (p.value.kind === 'string' && p.value.value.trim() !== '') out = p.value.value.trim();
  }
  return out;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The folder a script runs in when no repository is known. */
function treeOf(script: string): string {
  const dir = path.dirname(script);
  return path.basename(dir) === 'scripts' ? path.dirname(dir) : dir;
}

export type Discovery =
  | { kind: 'off' }
  | { kind: 'none' }
  | { kind: 'found'; location: CheckpatchLocation }
  /** A path was named but there is no file there: one clear message. */
  | { kind: 'missing'; path: string; origin: string };

export async function discoverCheckpatch(opts: DiscoverOptions): Promise<Discovery> {
  if (opts.off) return { kind: 'off' };
  const root = opts.repoRoot;
  const named = async (p: string, base: string, origin: string): Promise<Discovery> => {
    const script = path.resolve(base, p);
    if (!(await isFile(script))) return { kind: 'missing', path: script, origin };
    return { kind: 'found', location: { script, cwd: root ?? treeOf(script), origin } };
  };
  if (opts.option !== undefined) return named(opts.option, opts.cwd ?? process.cwd(), '--checkpatch');
  if (root) {
    const project = await projectCheckpatchSetting(root);
    if (project === false) return { kind: 'off' };
    if (project !== undefined) return named(project, root, PATCHSMITH_JSON);
  }
  if (opts.setting) return named(opts.setting, opts.settingBase ?? root ?? process.cwd(), 'the patchsmith.checkpatch.path setting');
  if (root) {
    const own = path.join(root, 'scripts', 'checkpatch.pl');
    if (await isFile(own)) return { kind: 'found', location: { script: own, cwd: root, origin: 'the repository' } };
  }
  return { kind: 'none' };
}
