/**
 * A configuration layer (one source: .checkpatch.conf, .patchsmith.json, the command line, the
 * editor's settings) and how layers combine: later layers win; ignore lists add up (like repeated
 * checkpatch --ignore); severity maps merge per id. The profile is decided first (the last layer
 * that names one), so its defaults (e.g. the 76-column QEMU limit) apply unless a layer sets them.
 */
import type { Profile, RuleConfig, Severity } from '../rules/types';
import type { Range } from '../model/types';
import { defaultConfig } from './defaults';

export interface ConfigLayer {
  profile?: Profile;
  ignore?: readonly string[];
  strict?: boolean;
  maxLineLength?: number;
  severity?: Readonly<Record<string, Severity | 'off'>>;
  trailerOrder?: readonly string[];
}

/** Something wrong in a configuration file; the rest of the file still applies. */
export interface ConfigProblem {
  /** Path of the file, when it came from one. */
  file?: string;
  severity: 'error' | 'warning';
  message: string;
  /** 0-based, like the patch model. */
  range: Range;
}

/** `file:line:col: message` with 1-based line and column, for the CLI. */
export function formatConfigProblem(p: ConfigProblem): string {
  const where = `${p.file ?? '<config>'}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
  return `${where}: ${p.severity}: ${p.message}`;
}

/**
 * Problems as lines for a log or stderr: at most `max` per file, then one line saying how many
 * more (a file with 300,000 unknown ids must not flood the terminal).
 */
export function formatConfigProblems(problems: readonly ConfigProblem[], max = 20): string[] {
  const shown = new Map<string, number>();
  const out: string[] = [];
  for (const p of problems) {
    const file = p.file ?? '<config>';
    const n = (shown.get(file) ?? 0) + 1;
    shown.set(file, n);
    if (n <= max) out.push(formatConfigProblem(p));
  }
  for (const [file, n] of shown) if (n > max) out.push(`${file}: ... and ${n - max} more problem${n - max === 1 ? '' : 's'}`);
  return out;
}

/** Combine layers (lowest priority first) over the defaults of the resulting profile. */
export function mergeConfig(layers: readonly (ConfigLayer | null | undefined)[]): RuleConfig {
  let profile: Profile = 'kernel';
  for (const l of layers) if (l?.profile) profile = l.profile;
  const config = defaultConfig(profile);
  for (const l of layers) {
    if (!l) continue;
    if (l.ignore) for (const id of l.ignore) config.ignore.add(id);
    if (l.strict !== undefined) config.strict = l.strict;
    if (l.maxLineLength !== undefined) config.maxLineLength = l.maxLineLength;
    if (l.severity) Object.assign(config.severity, l.severity);
    if (l.trailerOrder) config.trailerOrder = [...l.trailerOrder];
  }
  return config;
}
