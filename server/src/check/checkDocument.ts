/**
 * The check of one document: the one place findings are computed, for `patchsmith check`, the
 * language server and the preview alike (so the editor and the command line agree).
 *
 *   parse -> text findings (document parse problems + text rules, incl. rules/parse/)
 *         -> repository findings (when there is a repository)
 *         -> series findings (checkSeries.ts)
 *         -> combineFindings: merge, configuration, sort, cap (findings.ts)
 *
 * The language server runs the stages separately (the repository ones in the background, and
 * keeps an older repository finding while its line is unchanged); `check` runs them all at once
 * through checkSeries.ts. Both end in the same `combineFindings`.
 *
 * Text that is not a patch (NOT_A_PATCH_MAIL) or whose lines end in lone CRs gets that one
 * finding: no rule runs on it.
 */
import type { PatchDocument } from '../model/types';
import type { Repository } from '../git/repository';
import type { Finding, RuleConfig } from '../rules/types';
import { parsePatch } from '../parse/parsePatch';
import { parseOptionsFor, textKindOfFileName } from '../parse/textKind';
import { runRepoRules, runTextRules } from '../rules/engine';
import { pushAll } from '../model/array';
import { documentProblemFindings, isUncheckable } from './parseFindings';

export interface CheckEnv {
  /**
   * A rule threw: its findings for that message are missing (the caller decides how loud).
   * `file` names the file (or the files of the series) when several are checked together.
   */
  onRuleError?: (ruleId: string, error: unknown, file?: string) => void;
  /**
   * Names the configuration (check/configToken.ts) where `config` is a copy whose spelling list
   * cannot be told by identity: the check worker is given its sender's token.
   */
  configToken?: string;
  /** Aborted when a newer check supersedes this one: the repository rules start no more git. */
  signal?: AbortSignal;
  /**
   * Findings kept per rule and file (default MAX_FINDINGS_PER_RULE). `check --fix` asks for every
   * one (Infinity): each finding's fix is applied, not only the first thousand's.
   */
  maxPerRule?: number;
}

export interface ParseForCheckOptions {
  /** A bare commit message (COMMIT_EDITMSG, a git-commit document, --commit-message). */
  commitMessage?: boolean;
  /** A series' cover letter text (`*.cover`, --cover-text): parse/coverText.ts. */
  coverText?: boolean;
}

/**
 * Parse a file's text for checking. A file named COMMIT_EDITMSG (and friends, see
 * isCommitMessageFileName) is a bare commit message, a `*.cover` file a cover letter text,
 * whatever the caller says.
 */
export function parseForCheck(text: string, fileName: string, opts: ParseForCheckOptions = {}): PatchDocument {
  const base = fileName.replace(/^.*[\\/]/, '');
  const byName = textKindOfFileName(base);
  if (byName !== 'mail') return parsePatch(text, parseOptionsFor(byName));
  return parsePatch(text, parseOptionsFor(opts.commitMessage === true ? 'commit-message' : opts.coverText === true ? 'cover-text' : 'mail'));
}

/** The configuration for one file: the rules that depend on the file's name (cover-letter.patch) see it. */
export function configForFile(config: RuleConfig, fileName: string): RuleConfig {
  const base = fileName.replace(/^.*[\\/]/, '');
  return config.fileName === base ? config : { ...config, fileName: base };
}

/** Parse problems of the document and the text rules, under the configuration (unsorted). */
export function textFindings(doc: PatchDocument, config: RuleConfig, env: CheckEnv = {}): Finding[] {
  const out = documentProblemFindings(doc, config);
  if (isUncheckable(doc)) return out;
  return pushAll(out, runTextRules(doc, config, env.onRuleError ? { onRuleError: env.onRuleError } : {}));
}

/** The repository rules' findings (none without a repository, or on text that is no patch). */
export async function repoFindings(doc: PatchDocument, config: RuleConfig, repo: Repository | null, env: CheckEnv = {}): Promise<Finding[]> {
  if (!repo || isUncheckable(doc)) return [];
  return runRepoRules(doc, config, repo, {
    ...(env.onRuleError ? { onRuleError: env.onRuleError } : {}),
    ...(env.signal ? { signal: env.signal } : {}),
  });
}
