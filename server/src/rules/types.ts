/**
 * The rule engine's contract: one rule a module, each a pure function from the parsed patch
 * (or the series) to findings with exact ranges and, where unambiguous, a fix as text edits.
 */
import type { PatchDocument, PatchMessage, Range } from '../model/types';
import type { Repository } from '../git/repository';
import type { MessageFacts } from './facts';

/** checkpatch ERROR -> error, WARNING -> warning, CHECK -> information. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type Profile = 'kernel' | 'qemu' | 'git';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * How far a fix can be trusted. `safe`: mechanical, exactly what the message names (a key's
 * spelling, whitespace, a count recomputed from an intact diff): `check --fix` applies it and
 * the editor's `source.fixAll.patchsmith` too. `unsafe`: a guess (a spelling suggestion, trailer
 * reordering, anything derived from a part the parser found damaged): offered as a quick fix and
 * applied by `check --fix --unsafe-fixes` only.
 */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix {
  /** What the fix does, shown as the quick fix title ("Spell the key Signed-off-by"). */
  title: string;
  /** Edits to the same document, non-overlapping. */
  edits: TextEdit[];
  safety: FixSafety;
}

/** Another place a finding names (the other patch of a series, the cover letter). */
export interface RelatedLocation {
  /** File path or document URI, as in SeriesItem.file. */
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  /** Who reported it: absent for patchsmith's own rules, 'checkpatch.pl' for the repository's script. */
  source?: string;
  related?: RelatedLocation[];
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

/** checkpatch's level of a TYPE (ERROR, WARNING, CHECK). */
export type CheckpatchLevel = 'ERROR' | 'WARNING' | 'CHECK';

/**
 * Where a rule comes from, as data: the checkpatch TYPE it implements (the id of most rules) and
 * checkpatch's level for it. Read by the agreement tests, hovers, SARIF and docs/rules.md.
 * `qemu`: the TYPE is QEMU's checkpatch's, not the kernel's.
 */
export interface RuleOrigin {
  checkpatch: string;
  level: CheckpatchLevel;
  qemu?: true;
}

/** The metadata of one rule id. */
export interface RuleMeta {
  /** checkpatch TYPE or a RULES.md-style id. */
  id: string;
  /** The default severity of its findings. */
  severity: Severity;
  /**
   * Named cases reported with another severity than the default (checkpatch reports some TYPEs
   * as ERROR in some cases and WARNING in others); `report({ variant })` picks one.
   */
  variants?: Readonly<Record<string, Severity>>;
  /** One line, for lists. */
  description: string;
  /** Longer text for hovers (markdown). */
  doc: string;
  /** Profiles the rule runs in. */
  profiles: Profile[];
  /** The checkpatch TYPE it implements; null for patchsmith's own rules. */
  origin: RuleOrigin | null;
}

/** What a rule reports; the engine adds the rule id and severity from the metadata. */
export interface Report {
  message: string;
  range: Range;
  fix?: Fix;
  /** A name from the rule's `variants`: the severity of that case. */
  variant?: string;
  /** Another id this module reports, declared in its `reports` metadata. */
  id?: string;
  related?: RelatedLocation[];
}

export interface SeriesReport extends Report {
  /** Index into Series.items of the file the finding belongs to. */
  item: number;
}

/**
 * What a text or repository rule sees: the message, the configuration, the facts many rules need
 * (computed once per message, lazily) and `report`.
 */
export interface RuleContext extends MessageContext {
  readonly facts: MessageFacts;
  report(r: Report): void;
}

export interface SeriesContext {
  readonly series: Series;
  readonly config: RuleConfig;
  report(r: SeriesReport): void;
}

interface RuleInfo extends RuleMeta {
  /** Further ids this module reports (one module, several TYPEs), with their own metadata. */
  reports?: readonly RuleMeta[];
}

/** A rule decided from the text of one message. */
export interface TextRule extends RuleInfo {
  kind: 'text';
  check(ctx: RuleContext): undefined;
}

/** A rule that needs the repository (commit look-ups, identity). Skipped without one. */
export interface RepoRule extends RuleInfo {
  kind: 'repo';
  check(ctx: RuleContext, repo: Repository): Promise<undefined>;
}
export interface SeriesItem {
  /** File path or document URI. */
  file: string;
  doc: PatchDocument;
  /** Read when needed: a huge document's message is parsed when read (model/lazyMessages.ts). */
  readonly msg: PatchMessage;
  /** Index of `msg` in `doc.messages`, when known. */
  index?: number;
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
  check(ctx: SeriesContext): undefined;
}

export type Rule = TextRule | RepoRule | SeriesRule;
