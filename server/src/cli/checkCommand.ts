/**
 * `patchsmith check [options] PATHS...`: run every rule over patches, mboxes and folders of
 * patches; group them into series for the series rules; use the git repository the files are in
 * (or --repo) for the repository rules. Output as text, JSON or SARIF; --fix applies the fixes.
 * Exit status: 1 when an error-level finding remains, 0 otherwise, 2 for bad usage or input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Repository } from '../git/repository';
import type { Finding, Fix, RuleConfig } from '../rules/types';
import { applyFixes } from '../rules/fixes';
import { ruleIds } from '../rules/registry';
import { isProfile, PROFILES } from '../config/defaults';
import { formatConfigProblems, type ConfigLayer } from '../config/layer';
import { loadConfig, type LoadedConfig } from '../config/load';
import { openRepository } from '../git/gitRepository';
import { flag, InputError, InternalError, parseArgs, single, UsageError } from './args';
import { expandPaths, readInput, type CliIo, type InputFile } from './io';
import { formatJson, formatSummary, formatText, type Reported } from './format';
import { toSarif } from './sarif';
import { readVersion } from './version';
import { withCheckpatch } from './checkpatchStep';
import { isCoverTextFileName } from '../parse/coverText';
import { checkFiles } from './checkFiles';
import { capFindings } from '../check/findings';
import { AtomicWriteError, writeFileAtomic } from '../io/atomicWrite';

export const CHECK_OPTIONS = {
  format: { value: true },
  fix: {},
  'unsafe-fixes': {},
  ignore: { value: true, multiple: true },
  'max-line-length': { value: true },
  strict: {},
  profile: { value: true },
  repo: { value: true },
  'no-repo': {},
  'commit-message': {},
  'cover-text': {},
  checkpatch: { value: true },
  'no-checkpatch': {},
  'checkpatch-timeout': { value: true },
} as const;

const FIX_PASSES = 3;

function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

function cliLayer(args: ReturnType<typeof parseArgs>): ConfigLayer {
  const layer: ConfigLayer = {};
  const ignore = args.options.get('ignore');
  if (ignore) {
    layer.ignore = ignore.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean).map((t) => t.toUpperCase());
  }
  const max = single(args, 'max-line-length');
  if (max !== undefined) {
    const n = Number(max);
    if (!/^\d+$/.test(max) || n < 1 || n > 1000) throw new UsageError(`--max-line-length needs a number of columns (1-1000), not '${max}'`);
    layer.maxLineLength = n;
  }
  if (flag(args, 'strict')) layer.strict = true;
  const profile = single(args, 'profile');
  if (profile !== undefined) {
    if (!isProfile(profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, not '${profile}'`);
    layer.profile = profile;
  }
  return layer;
}

interface FileState {
  /** The file as read, less its text (`text` below is the one copy: a huge file is not kept twice). */
  input: Omit<InputFile, 'text'>;
  name: string;
  config: RuleConfig;
  repo: Repository | null;
  text: string;
  repoRoot: string | null;
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs('check', argv, CHECK_OPTIONS);
  const format = single(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  }
  const overrides = cliLayer(args);
  const fix = flag(args, 'fix');
  const unsafeFixes = flag(args, 'unsafe-fixes');
  if (unsafeFixes && !fix) throw new UsageError('--unsafe-fixes goes with --fix');
  if (flag(args, 'repo') && flag(args, 'no-repo')) throw new UsageError('--repo and --no-repo exclude each other');
  if (flag(args, 'checkpatch') && flag(args, 'no-checkpatch')) throw new UsageError('--checkpatch and --no-checkpatch exclude each other');
  const cpTimeout = single(args, 'checkpatch-timeout');
  if (cpTimeout !== undefined && !(/^\d+(\.\d+)?$/.test(cpTimeout) && Number(cpTimeout) > 0)) {
    throw new UsageError(`--checkpatch-timeout needs a number of seconds, not '${cpTimeout}'`);
  }
  if (args.positionals.length === 0) throw new UsageError("'check' needs at least one PATH: a patch, an mbox, a folder of patches, or - for standard input");

  const files = expandPaths(args.positionals);
  if (fix && files.includes('-')) throw new UsageError('--fix cannot change standard input; give a file');
  const inputs = files.map(readInput);
  for (const i of inputs) if (i.text.trim() === '') throw new InputError(`'${displayName(i.file)}' is empty`);

  // Configuration, per folder (the nearest .checkpatch.conf may differ).
  const known = ruleIds();
  const configs = new Map<string, Promise<LoadedConfig>>();
  const configFor = (file: string): Promise<LoadedConfig> => {
    const dir = file === '-' ? process.cwd() : path.dirname(path.resolve(file));
    let c = configs.get(dir);
    if (!c) {
      c = loadConfig({ dir, overrides, knownRules: known });
      configs.set(dir, c);
    }
    return c;
  };

  // Repositories: --repo DIR for all, else the one each file is in, none with --no-repo.
  const repos = new Map<string, Promise<Repository | null>>();
  const opened: Repository[] = [];
  const open = (dir: string): Promise<Repository | null> => {
    let r = repos.get(dir);
    if (!r) {
      r = openRepository(dir).then((repo) => {
        if (repo) opened.push(repo);
        return repo;
      });
      repos.set(dir, r);
    }
    return r;
  };
  const repoOption = single(args, 'repo');
  if (repoOption !== undefined) {
    if (!fs.existsSync(repoOption)) throw new InputError(`--repo '${repoOption}': no such directory`);
    if (!fs.statSync(repoOption).isDirectory()) throw new InputError(`--repo '${repoOption}': not a directory`);
    if (!(await open(path.resolve(repoOption)))) throw new InputError(`--repo '${repoOption}' is not inside a git repository`);
  }

  try {
    const loadStates = async (read: InputFile[]): Promise<FileState[]> => {
      const shownProblems = new Set<string>();
      const out: FileState[] = [];
      for (const file of read) {
        const { text, ...input } = file;
        file.text = ''; // the state's text is the one copy
        const loaded = await configFor(input.file);
        for (const line of formatConfigProblems(loaded.problems)) {
          if (!shownProblems.has(line)) io.stderr(`patchsmith: ${line}\n`);
          shownProblems.add(line);
        }
        let repo: Repository | null = null;
        if (repoOption !== undefined) repo = await open(path.resolve(repoOption));
        else if (!flag(args, 'no-repo') && loaded.repoRoot) repo = await open(loaded.repoRoot);
        out.push({ input, name: displayName(input.file), config: loaded.config, repo, text, repoRoot: repo?.root ?? loaded.repoRoot });
      }
      return out;
    };
    // The texts move into their states (and out of the objects read): a suspended async function
    // keeps stale registers, and a variable left in one would keep the original text of a file
    // `--fix` rewrites alive (twice the file in memory during the recheck).
    const states = await loadStates(inputs.splice(0));

    /** Internal errors per file (a rule that threw, a message the parser failed on): exit 2, never a pass. */
    const internal = new Map<string, Set<string>>();
    const noteInternal = (name: string, what: string): void => {
      let set = internal.get(name);
      if (!set) internal.set(name, (set = new Set()));
      if (set.has(what)) return;
      set.add(what);
      io.stderr(`patchsmith: internal error: ${name}: ${what}\n`);
    };
    const debugging = process.env['PATCHSMITH_DEBUG'] === '1';
    const describe = (error: unknown): string =>
      debugging && error instanceof Error ? (error.stack ?? error.message) : error instanceof Error ? error.message : String(error);

    /**
     * Parse everything and check it (check/: the pipeline the editor uses; on every core when
     * there are many files: checkFiles.ts); findings per file.
     */
    const runAll = (maxPerRule?: number): Promise<Finding[][]> =>
      checkFiles(
        states.map((s) => ({ name: s.name, fileName: s.input.file === '-' ? '' : s.input.file, text: s.text, config: s.config, repo: s.repo })),
        {
          commitMessage: flag(args, 'commit-message'),
          coverText: flag(args, 'cover-text'),
          onParseFailure: noteInternal,
          onRuleError: (id, error, file) => noteInternal(file, `rule ${id} failed: ${describe(error)}`),
          onCrash: (name, error) => {
            throw new InternalError(`${name}: ${describe(error)}`);
          },
          ...(maxPerRule !== undefined ? { maxPerRule } : {}),
        },
      ).catch((e: unknown) => {
        throw e instanceof InternalError ? e : new InternalError(`${states.map((s) => s.name).join(', ')}: ${describe(e)}`);
      });

    // --fix: every finding, not the first thousand of a rule, so every fix is applied; the
    // findings shown are capped afterwards (capFindings, as combineFindings caps them).
    let results = await runAll(fix ? Infinity : undefined);

    if (fix) {
      // Whether a file changed, instead of keeping its original text (a second copy of a huge file).
      const changedFiles = new Set<number>();
      const fixedRules: string[][] = states.map(() => []);
      const refused = new Set<number>();
      for (let pass = 0; pass < FIX_PASSES; pass++) {
        let changed = false;
        states.forEach((s, i) => {
          const fixes: Fix[] = [];
          const ruleOf = new Map<Fix, string>();
          for (const f of results[i]!) {
            // Safe fixes only, unless --unsafe-fixes: a guess is never applied unasked.
            if (!f.fix || (f.fix.safety !== 'safe' && !unsafeFixes)) continue;
            fixes.push(f.fix);
            ruleOf.set(f.fix, f.rule);
          }
          if (!fixes.length) return;
          if (!s.input.validUtf8) {
            if (!refused.has(i)) io.stderr(`patchsmith: not fixing ${s.name}: it is not valid UTF-8\n`);
            refused.add(i);
            return;
          }
          const r = applyFixes(s.text, fixes);
          if (r.text === s.text) return;
          s.text = r.text;
          changedFiles.add(i);
          for (const f of r.applied) fixedRules[i]!.push(ruleOf.get(f)!);
          changed = true;
        });
        if (!changed) break;
        // The old findings go first: their strings (a quoted line, a fix's text) are slices of
        // the text before the fixes, and would keep that whole text alive during the recheck.
        results = [];
        results = await runAll(Infinity);
      }
      states.forEach((s, i) => {
        if (!changedFiles.has(i)) return;
        try {
          writeFileAtomic(s.input.file, (s.input.bom ? '\ufeff' : '') + s.text, { expect: s.input.stamp ?? null });
        } catch (e) {
          throw new InputError(e instanceof AtomicWriteError ? e.message : `cannot write '${s.name}': ${e instanceof Error ? e.message : String(e)}`);
        }
        const ids = fixedRules[i]!;
        const unique = [...new Set(ids)];
        io.stderr(`fixed ${ids.length} problem${ids.length === 1 ? '' : 's'} in ${s.name}: ${unique.join(', ')}\n`);
      });
      if (!unsafeFixes) {
        results.forEach((list, i) => {
          const left = list.filter((f) => f.fix && f.fix.safety !== 'safe').map((f) => f.rule);
          if (!left.length) return;
          const n = left.length;
          io.stderr(
            `${n} unsafe fix${n === 1 ? '' : 'es'} not applied in ${states[i]!.name} (${[...new Set(left)].join(', ')}): ` +
              'review them, or use --fix --unsafe-fixes\n',
          );
        });
      }
      results = results.map((list) => capFindings(list));
    }

    // The repository's checkpatch.pl, on the final texts, merged with the native findings.
    const checkpatchOption = single(args, 'checkpatch');
    // A cover letter text is no mail: checkpatch.pl would only say so.
    const isCoverText = (file: string): boolean => flag(args, 'cover-text') || (file !== '-' && isCoverTextFileName(path.basename(file)));
    results = await withCheckpatch(
      states.map((s) => ({ file: s.input.file, text: s.text, config: s.config, repoRoot: s.repoRoot, skip: isCoverText(s.input.file) })),
      results,
      {
        off: flag(args, 'no-checkpatch'),
        ...(checkpatchOption !== undefined ? { option: checkpatchOption } : {}),
        ...(cpTimeout !== undefined ? { timeoutMs: Number(cpTimeout) * 1000 } : {}),
        stderr: (t) => io.stderr(t),
      },
    );

    const reported: Reported[] = [];
    results.forEach((list, i) => {
      for (const finding of list) reported.push({ file: states[i]!.name, finding });
    });
    if (format === 'text') {
      io.stdout(formatText(reported));
      if (!internal.size) io.stderr(`${formatSummary(reported, states.length)}\n`);
    } else if (format === 'json') {
      io.stdout(`${JSON.stringify(formatJson(reported), null, 2)}\n`);
    } else {
      io.stdout(`${JSON.stringify(toSarif(reported, { version: readVersion(), cwd: process.cwd() }), null, 2)}\n`);
    }
    if (internal.size) {
      io.stderr(`patchsmith: internal error: not every check ran on ${[...internal.keys()].join(', ')}; the result is incomplete\n`);
      return 2;
    }
    return reported.some((r) => r.finding.severity === 'error') ? 1 : 0;
  } finally {
    for (const repo of opened) repo.dispose();
  }
}
