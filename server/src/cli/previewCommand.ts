/**
 * `patchsmith preview PATHS... [-o FILE]`: the series of the given patches as one standalone
 * HTML page, with each patch's problems and, when two versions of a series are given, what
 * changed between them. The renderer is loaded only here.
 */
import * as path from 'node:path';
import type { Finding, Series } from '../rules/types';
import { checkSeries, parseForCheck, type CheckFile } from '../check';
import { ruleIds } from '../rules/registry';
import { groupSeries } from '../series/group';
import { loadConfig } from '../config/load';
import { InputError, parseArgs, single, UsageError } from './args';
import { expandPaths, readInput, type CliIo } from './io';
import { AtomicWriteError, writeFileAtomic } from '../io/atomicWrite';

type RenderModule = typeof import('../preview/render');

/** The title a series key is made of, without `vN of ` and the de-duplication suffixes. */
function titleOf(s: Series): string {
  return s.key.replace(/^v\d+ of /, '').replace(/ \(.*\)$|( #\d+)$/, '');
}

export async function previewCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs('preview', argv, { output: { value: true, short: 'o' } });
  if (args.positionals.length === 0) throw new UsageError("'preview' needs at least one PATH: a patch, an mbox or a folder of patches");
  const inputs = expandPaths(args.positionals).map(readInput);
  // As `check` and `parse`: an empty file is a mistake, not a series with nothing in it.
  for (const i of inputs) if (i.text.trim() === '') throw new InputError(`'${i.file === '-' ? 'standard input' : i.file}' is empty`);
  const output = single(args, 'output');

  const items = inputs.map((i) => {
    const file = i.file === '-' ? '<stdin>' : i.file;
    return { file, doc: parseForCheck(i.text, i.file === '-' ? '' : i.file) };
  });
  // The problems shown are the findings `check` gives (check/), without the repository.
  const known = ruleIds();
  const configs = new Map<string, Awaited<ReturnType<typeof loadConfig>>>();
  const files: CheckFile[] = [];
  for (const [i, item] of items.entries()) {
    const dir = inputs[i]!.file === '-' ? process.cwd() : path.dirname(path.resolve(inputs[i]!.file));
    let loaded = configs.get(dir);
    if (!loaded) configs.set(dir, (loaded = await loadConfig({ dir, knownRules: known })));
    files.push({ name: item.file, doc: item.doc, config: loaded.config, repo: null });
  }
  const found = await checkSeries(files);
  const problems = new Map<string, Finding[]>(files.map((f, i) => [f.name, found[i]!]));
  const series = groupSeries(items);
  const previous = new Map<Series, Series>();
  for (const s of series) {
    const before = series
      .filter((o) => o !== s && o.version < s.version && titleOf(o) === titleOf(s))
      .sort((a, b) => b.version - a.version)[0];
    if (before) previous.set(s, before);
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const render = require('../preview/render') as RenderModule;
  const html = render.renderSeriesPage(series, { problems, previous, title: series[0] ? series[0].key : 'patch series preview' });
  if (output === undefined) {
    io.stdout(html);
  } else {
    try {
      writeFileAtomic(output, html);
    } catch (e) {
      throw new InputError(e instanceof AtomicWriteError ? e.message : `cannot write '${output}': ${e instanceof Error ? e.message : String(e)}`);
    }
    io.stderr(`wrote ${output} (${series.length} series, ${items.length} file${items.length === 1 ? '' : 's'})\n`);
  }
  return 0;
}
