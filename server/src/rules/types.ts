/**
 * The rule engine's contract: one rule a module, each a pure function from the parsed patch
 * (or the series) to findings with exact ranges and, where unambiguous, a fix as text edits.
 */
import type { PatchDocument, PatchMessage, Range } from '../model/types';
import type { Repository } from '../git/repository';

/** checkpatch ERROR -> error, WARNING -> warning, CHECK -> information. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type Profile = 'kernel' | 'qemu' | 'git';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** What the fix does, shown as the quick fix title ("Spell the key Signed-off-by"). */
  title: string;
  /** Edits to the same document, non-overlapping. */
  edits: TextEdit[];
  /** A guess rather than a mechanical repair (checkpatch.pl --fix): offered in the editor, never applied by `check --fix`. */
  unsafe?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  /** Who reported it: absent for patchsmith's own rules, 'checkpatch.pl' for the repository's script. */
  source?: string;
}

/** A finding of a series rule, tied to one file of the series. */
export interface SeriesFinding extends Finding {
  /** Index into Series.items of the file the finding belongs to. */
  item: number;
}

export interface RuleConfig {
  profile: Profile;
  /** Rule ids to skip (checkpatch --ignore). */
  ignore: Set<string>;
  /** Commit log line limit (75 kernel, 76 qemu). */
  maxLineLength: number;
  /** Run CHECK-level (information) rules, like checkpatch --strict. */
  strict: boolean;
  /** Per-rule severity overrides from .patchsmith.json; 'off' disables. */
  severity: Record<string, Severity | 'off'>;
  /** b4 trailer-order patterns (`fixes*`, `reported*`, `*`); empty keeps the order. */
  trailerOrder: string[];
  /** File name of the patch when known (NOT_UNIFIED_DIFF exempts `*cover-letter.patch`). */
  fileName?: string;
  /**
   * The repository's own misspellings (`scripts/spelling.txt`, lower-case typo -> fix), loaded
   * at the edge (config/spellingList.ts); absent: TYPO_SPELLING's built-in list.
   */
  spelling?: ReadonlyMap<string, string>;
}

export interface MessageContext {
  doc: PatchDocument;
  msg: PatchMessage;
  config: RuleConfig;
}

interface RuleInfo {
  /** checkpatch TYPE or a RULES.md-style id. */
  id: string;
  severity: Severity;
  /** One line, for lists. */
  description: string;
  /** Longer text for hovers (markdown). */
  doc: string;
  /** Profiles the rule runs in. */
  profiles: Profile[];
}

/** A rule decided from the text of one message. */
export interface TextRule extends RuleInfo {
  kind: 'text';
  check(ctx: MessageContext): Finding[];
}

/** A rule that needs the repository (commit look-ups, identity). Skipped without one. */
export interface RepoRule extends RuleInfo {
  kind: 'repo';
  check(ctx: MessageContext, repo: Repository): Promise<Finding[]>;
}

export interface SeriesItem {
  /** File path or document URI. */
  file: string;
  doc: PatchDocument;
  msg: PatchMessage;
}

export interface Series {
  /** Stable key: `v3 of <cover subject or first summary>` */
  key: string;
  version: number;
  total: number | null;
  /** Ordered: cover first (when present), then patches by number. */
  items: SeriesItem[];
  cover: SeriesItem | null;
}

/** A rule over a whole series. */
export interface SeriesRule extends RuleInfo {
  kind: 'series';
  check(series: Series, config: RuleConfig): SeriesFinding[];
}

export type Rule = TextRule | RepoRule | SeriesRule;
