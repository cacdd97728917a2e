/** Texts shown in the status bar and the series tree (no vscode import: unit-tested). */
import type { SeriesInfoResult } from '../../server/src/lsp/protocol';

export function problemsText(n: number): string {
  return n === 1 ? '1 problem' : `${n} problems`;
}

/** `$(git-commit) v3 2/7 · 4 problems`; `$(check)` when the series is clean. */
export function statusBarText(info: SeriesInfoResult): string {
  const label = info.label.trim() || 'patch';
  return info.problems > 0 ? `$(git-commit) ${label} · ${problemsText(info.problems)}` : `$(git-commit) ${label} · $(check)`;
}

export function statusBarTooltip(info: SeriesInfoResult): string {
  const series = info.seriesKey ? `series ${info.seriesKey}` : 'single patch';
  const problems = info.problems > 0 ? `${problemsText(info.problems)} (errors and warnings over the series)` : 'no problems';
  return `patchsmith: ${series}, ${problems}`;
}

/** Tree item description: "2 problems", or nothing for a clean patch. */
export function treeDescription(problems: number): string {
  return problems > 0 ? problemsText(problems) : '';
}
