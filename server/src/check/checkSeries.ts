/**
 * The check of several files at once, grouped into series (cover letter and patches, by version
 * and numbering): each file's own findings (checkDocument.ts) plus the series rules' findings,
 * combined per file. Used by `patchsmith check` (every file given), the preview, and, through
 * `seriesFindingsByFile`, by the language server for the series of an open document.
 */
import type { PatchDocument } from '../model/types';
import type { Repository } from '../git/repository';
import type { Finding, RuleConfig, Series } from '../rules/types';
import { runSeriesRules } from '../rules/engine';
import { groupSeries } from '../series/group';
import { combineFindings } from './findings';
import { configForFile, repoFindings, textFindings, type CheckEnv } from './checkDocument';
import { isUncheckable } from './parseFindings';

/**
 * The series rules' findings of one series, per file (every file of the series has an entry,
 * possibly empty). The configuration is the one of the series' first file. A file that is no
 * patch (NOT_A_PATCH_MAIL, lone CRs) gets no series finding: its one finding says why.
 */
export function seriesFindingsByFile(series: Series, config: RuleConfig, env: CheckEnv = {}): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const item of series.items) if (!out.has(item.file)) out.set(item.file, []);
  for (const f of runSeriesRules(series, config, env.onRuleError ? { onRuleError: env.onRuleError } : {})) {
    const item = series.items[f.item];
    if (item === undefined || isUncheckable(item.doc)) continue;
    const file = item.file;
    const { item: _item, ...finding } = f;
    out.get(file)!.push(finding);
  }
  return out;
}

export interface CheckFile {
  /** Name shown for the file (a path, `<stdin>`, a URI); unique among the files. */
  name: string;
  doc: PatchDocument;
  /** Configuration of the file's folder (configForFile adds the file name). */
  config: RuleConfig;
  repo: Repository | null;
}

/** Findings of every file (same order as `files`), each in document order, capped per rule. */
export async function checkSeries(files: readonly CheckFile[], env: CheckEnv = {}): Promise<Finding[][]> {
  const configs = files.map((f) => configForFile(f.config, f.name));
  const report = env.onRuleError;
  const envOf = (file: string): CheckEnv => (report ? { onRuleError: (id, error) => report(id, error, file) } : {});
  const text = files.map((f, i) => textFindings(f.doc, configs[i]!, envOf(f.name)));
  const repo = await Promise.all(files.map((f, i) => repoFindings(f.doc, configs[i]!, f.repo, envOf(f.name))));
  const series = files.map((): Finding[] => []);
  const indexOf = new Map(files.map((f, i) => [f.name, i]));
  const checkable = files.filter((f) => !isUncheckable(f.doc)).map((f) => ({ file: f.name, doc: f.doc }));
  for (const s of groupSeries(checkable)) {
    const first = s.items[0];
    const config = first ? configs[indexOf.get(first.file)!]! : configs[0]!;
    const names = [...new Set(s.items.map((item) => item.file))].join(', ');
    for (const [file, found] of seriesFindingsByFile(s, config, envOf(names))) {
      const at = indexOf.get(file);
      if (at === undefined) continue;
      for (const f of found) series[at]!.push(f);
    }
  }
  return files.map((f, i) =>
    combineFindings({ text: text[i]!, repo: repo[i]!, series: series[i]! }, configs[i]!, env.maxPerRule),
  );
}
