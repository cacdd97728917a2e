/**
 * `.checkpatch.conf`, read the way checkpatch.pl reads it: every line is split on whitespace, a
 * word starting with `#` ends the line, and the words of all lines are put in front of the command
 * line and parsed by Getopt::Long (so `--ignore A,B`, `--ignore=A,B`, `-ignore A`, unambiguous
 * abbreviations such as `--max-line=80`, several options per line and an option whose value is on
 * the next line all work).
 *
 * What patchsmith takes from it: `--ignore` (types upper-cased and split on commas, as checkpatch
 * does; repeated options add up), `--strict`/`--subjective` and their `--no-` forms. Every other
 * checkpatch option (`--no-tree`, `--terse`, `--show-types`, `--types`, ...) is accepted and
 * ignored. `--max-line-length` is checkpatch's limit for CODE lines (LONG_LINE, default 100); its
 * commit-log limit is a fixed 75, so the value is reported as `codeMaxLineLength` and does not
 * change `maxLineLength` (the commit-log limit) - otherwise a kernel tree's usual
 * `--max-line-length=100` would silence COMMIT_LOG_LONG_LINE.
 */
import type { Range } from '../model/types';
import { span } from '../model/range';
import type { ConfigLayer, ConfigProblem } from './layer';

export const CHECKPATCH_CONF = '.checkpatch.conf';

export interface CheckpatchConf {
  layer: ConfigLayer;
  /** `--max-line-length` (checkpatch's code-line limit), when given. */
  codeMaxLineLength: number | null;
  /** Options that were recognised but have no meaning for patchsmith, as written. */
  ignoredOptions: string[];
  problems: ConfigProblem[];
}

interface Word {
  text: string;
  range: Range;
}

/** checkpatch.pl's GetOptions table: name -> takes a value. `!` options also take `--no`/`--no-`. */
const OPTIONS: ReadonlyMap<string, { value: boolean; negatable: boolean }> = new Map(
  (
    [
      ['q', false, false], ['quiet', false, false], ['v', false, false], ['verbose', false, false],
      ['tree', false, true], ['signoff', false, true], ['patch', false, true], ['emacs', false, true],
      ['terse', false, true], ['showfile', false, true], ['f', false, true], ['file', false, true],
      ['g', false, true], ['git', false, true], ['subjective', false, true], ['strict', false, true],
      ['ignore', true, false], ['types', true, false], ['show-types', false, true],
      ['list-types', false, true], ['max-line-length', true, false], ['min-conf-desc-length', true, false],
      ['tab-size', true, false], ['root', true, false], ['summary', false, true], ['mailback', false, true],
      ['summary-file', false, true], ['fix', false, true], ['fix-inplace', false, true],
      ['ignore-perl-version', false, true], ['debug', true, false], ['test-only', true, false],
      ['codespell', false, true], ['codespellfile', true, false], ['typedefsfile', true, false],
      ['color', true, false], ['no-color', false, false], ['nocolor', false, false], ['h', false, false],
      ['help', false, false], ['version', false, false], ['kconfig-prefix', true, false],
    ] as const
  ).map(([name, value, negatable]) => [name, { value, negatable }]),
);

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      if (m[0].startsWith('#')) break;
      words.push({ text: m[0], range: span(l, m.index, m.index + m[0].length) });
    }
  }
  return words;
}

/** Resolve a name as Getopt::Long does: exact, `no`/`no-` negation, or an unambiguous prefix. */
function resolve(name: string): { name: string; negated: boolean } | null {
  const lower = name.toLowerCase();
  if (OPTIONS.has(lower)) return { name: lower, negated: false };
  for (const prefix of ['no-', 'no']) {
    if (lower.startsWith(prefix)) {
      const base = lower.slice(prefix.length);
      const opt = OPTIONS.get(base);
      if (opt?.negatable) return { name: base, negated: true };
    }
  }
  const candidates = [...OPTIONS.keys()].filter((k) => k.startsWith(lower));
  if (candidates.length === 1) return { name: candidates[0]!, negated: false };
  return null;
}

export function parseCheckpatchConf(text: string, file?: string): CheckpatchConf {
  const words = splitWords(text);
  const ignore: string[] = [];
  let strict: boolean | undefined;
  let codeMaxLineLength: number | null = null;
  const ignoredOptions: string[] = [];
  const problems: ConfigProblem[] = [];
  const warn = (message: string, range: Range): void => {
    problems.push({ ...(file !== undefined ? { file } : {}), severity: 'warning', message, range });
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(word.text);
    if (!m || word.text === '-' || word.text === '--') {
      // checkpatch would take this as a file to check; in a conf file it is a mistake.
      ignoredOptions.push(word.text);
      warn(`'${word.text}' is not an option; ignored`, word.range);
      continue;
    }
    const opt = resolve(m[1]!);
    if (!opt) {
      ignoredOptions.push(word.text);
      warn(`unknown checkpatch option '${word.text}'; ignored`, word.range);
      continue;
    }
    const spec = OPTIONS.get(opt.name)!;
    let value: string | undefined = m[2];
    let valueRange = word.range;
    if (spec.value && value === undefined) {
      const next = words[i + 1];
      if (!next) {
        warn(`option '${word.text}' needs a value`, word.range);
        continue;
      }
      value = next.text;
      valueRange = next.range;
      i++;
    }
    switch (opt.name) {
      case 'ignore':
        for (const t of (value ?? '').split(/[\s,]+/)) if (t) ignore.push(t.toUpperCase());
        break;
      case 'strict':
      case 'subjective':
        strict = !opt.negated;
        break;
      case 'max-line-length': {
        const n = Number(value);
        if (Number.isInteger(n) && n > 0) codeMaxLineLength = n;
        else warn(`'--max-line-length' needs a positive number, not '${value ?? ''}'`, valueRange);
        break;
      }
      default:
        ignoredOptions.push(value !== undefined && m[2] === undefined ? `${word.text} ${value}` : word.text);
    }
  }

  const layer: ConfigLayer = {};
  if (ignore.length) layer.ignore = ignore;
  if (strict !== undefined) layer.strict = strict;
  return { layer, codeMaxLineLength, ignoredOptions, problems };
}
