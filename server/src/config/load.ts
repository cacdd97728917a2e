/**
 * Finding and loading the configuration files of a patch (the I/O edge of config/).
 *
 * - `.checkpatch.conf`: checkpatch reads the first of `./`, `$HOME/`, `.scripts/`. patchsmith
 *   takes the nearest one walking up from the patch's folder to the repository root (only the
 *   patch's folder without a repository), then `$HOME/.checkpatch.conf`. The first found wins.
 * - `.patchsmith.json`: at the repository root (in the patch's folder without a repository).
 *
 * The one priority order, lowest first (later layers win; ignore lists add up):
 *
 *   1. the profile's defaults (config/defaults.ts)
 *   2. the editor's settings (`patchsmith.*`, language server only)
 *   3. `.checkpatch.conf` (the nearest, or `$HOME`'s)
 *   4. `.patchsmith.json` (repository root)
 *   5. the command line (`--profile`, `--ignore`, `--max-line-length`, `--strict`)
 *
 * The project's own files win over an editor-wide setting; what a user types for one run wins
 * over everything. The repository root is found by `findRepoRoot` (a walk up to the folder with
 * `.git`, no git process): the same finder for configuration, `check` and the language server.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { RuleConfig } from '../rules/types';
import { CHECKPATCH_CONF, parseCheckpatchConf } from './checkpatchConf';
import { type ConfigLayer, type ConfigProblem, mergeConfig } from './layer';
import { PATCHSMITH_JSON, parsePatchsmithJson } from './patchsmithJson';
import { pushAll } from '../model/array';
import { loadSpellingList, type ReadBounded } from './spellingList';

/** How config/ reads files; tests pass an in-memory one. */
export interface ConfigReader {
  /** The file's text, or null when it does not exist or is not a readable file. */
  readFile(file: string): Promise<string | null>;
  /** Whether the path exists (file or directory). */
  exists(file: string): Promise<boolean>;
}

export const nodeConfigReader: ConfigReader = {
  async readFile(file) {
    try {
      return await fs.readFile(file, 'utf8');
    } catch {
      return null;
    }
  },
  async exists(file) {
    try {
      await fs.stat(file);
      return true;
    } catch {
      return false;
    }
  },
};

/** The top of the git work tree holding `dir` (a folder with `.git`, a directory or a file), or null. */
export async function findRepoRoot(dir: string, reader: ConfigReader = nodeConfigReader): Promise<string | null> {
  let current = path.resolve(dir);
  for (;;) {
    if (await reader.exists(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Folders searched for `.checkpatch.conf`, nearest first. */
export function checkpatchConfDirs(dir: string, repoRoot: string | null, home: string | null): string[] {
  const dirs: string[] = [];
  let current = path.resolve(dir);
  const root = repoRoot ? path.resolve(repoRoot) : null;
  if (root && isInside(current, root)) {
    for (;;) {
      dirs.push(current);
      if (current === root) break;
      current = path.dirname(current);
    }
  } else {
    dirs.push(current);
  }
  if (home) {
    const h = path.resolve(home);
    if (!dirs.includes(h)) dirs.push(h);
  }
  return dirs;
}

export interface LoadConfigOptions {
  /** Folder of the patch. */
  dir: string;
  /** Repository root; `undefined` finds it by walking up from `dir`, `null` means none. */
  repoRoot?: string | null;
  /** `$HOME`; `undefined` uses the environment, `null` skips it. */
  home?: string | null;
  /** The editor's settings: above the defaults, below the configuration files. */
  settings?: ConfigLayer;
  /** Highest-priority layer: the command line. */
  overrides?: ConfigLayer;
  reader?: ConfigReader;
  /** Registered rule ids, to warn about unknown ids in `.patchsmith.json`. */
  knownRules?: ReadonlySet<string>;
  /** How `scripts/spelling.txt` is read (bounded); the default reads the file system. */
  readSpelling?: ReadBounded;
}

export interface LoadedConfig {
  config: RuleConfig;
  /** Configuration files that were read, in merge order. */
  files: string[];
  problems: ConfigProblem[];
  /** checkpatch's `--max-line-length` (code lines) from .checkpatch.conf, when set. */
  codeMaxLineLength: number | null;
  repoRoot: string | null;
}

export async function loadConfig(opts: LoadConfigOptions): Promise<LoadedConfig> {
  const reader = opts.reader ?? nodeConfigReader;
  const dir = path.resolve(opts.dir);
  const repoRoot = opts.repoRoot === undefined ? await findRepoRoot(dir, reader) : opts.repoRoot;
  const home = opts.home === undefined ? (process.env['HOME'] ?? null) : opts.home;
  const files: string[] = [];
  const problems: ConfigProblem[] = [];
  const layers: (ConfigLayer | undefined)[] = [opts.settings];
  let codeMaxLineLength: number | null = null;

  for (const d of checkpatchConfDirs(dir, repoRoot, home)) {
    const file = path.join(d, CHECKPATCH_CONF);
    const text = await reader.readFile(file);
    if (text === null) continue;
    const conf = parseCheckpatchConf(text, file);
    files.push(file);
    pushAll(problems, conf.problems);
    layers.push(conf.layer);
    codeMaxLineLength = conf.codeMaxLineLength;
    break;
  }

  const jsonFile = path.join(repoRoot ?? dir, PATCHSMITH_JSON);
  const jsonText = await reader.readFile(jsonFile);
  if (jsonText !== null) {
    const json = parsePatchsmithJson(jsonText, jsonFile, opts.knownRules);
    files.push(jsonFile);
    pushAll(problems, json.problems);
    layers.push(json.layer);
  }

  layers.push(opts.overrides);
  const config = mergeConfig(layers);
  // The project's misspellings, for TYPO_SPELLING (cached per repository).
  const spelling = await loadSpellingList(repoRoot, opts.readSpelling);
  if (spelling) config.spelling = spelling.entries;
  return { config, files, problems, codeMaxLineLength, repoRoot };
}
