/**
 * The rule reference (docs/rules.md), generated from the rules' metadata: one section and one
 * anchor per id, with its severity, profiles, origin (the checkpatch TYPE and level, or
 * patchsmith's own) and doc text. Diagnostics point at it (LSP codeDescription, SARIF helpUri);
 * `npm run docs:rules` (scripts/rules-doc.mjs) writes it and a test fails when it is stale.
 */
import type { Rule, RuleMeta } from './types';
import { allRules } from './registry';

export const RULES_DOC_PATH = 'docs/rules.md';
export const RULES_DOC_URL = 'https://github.com/patchsmith/patchsmith/blob/main/docs/rules.md';

/** The anchor of a rule id in docs/rules.md (GitHub's: lower case; `_` is kept). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** The address of a rule's documentation. */
export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${ruleAnchor(id)}`;
}

function origin(meta: RuleMeta): string {
  if (!meta.origin) return "patchsmith's own";
  const o = meta.origin;
  return `${o.qemu ? "QEMU's" : "checkpatch's"} \`${o.checkpatch}\` (${o.level})`;
}

function section(rules: readonly Rule[]): string {
  const first = rules[0]!;
  const kinds = rules.map((r) => (r.kind === 'text' ? 'the text' : r.kind === 'repo' ? 'the repository' : 'the series'));
  const variants = Object.entries(first.variants ?? {});
  const lines = [
    `## ${first.id}`,
    '',
    `${first.description}`,
    '',
    `- Severity: ${first.severity}${variants.length ? ` (${variants.map(([name, s]) => `${s}: ${name}`).join('; ')})` : ''}`,
    `- Profiles: ${first.profiles.join(', ')}`,
    `- Origin: ${origin(first)}`,
    `- Checked from: ${[...new Set(kinds)].join(' and ')}`,
    '',
    first.doc,
    '',
  ];
  return lines.join('\n');
}

/** The whole of docs/rules.md. */
export function renderRulesDoc(rules: readonly Rule[] = allRules()): string {
  const byId = new Map<string, Rule[]>();
  for (const r of rules) {
    const list = byId.get(r.id) ?? [];
    list.push(r);
    byId.set(r.id, list);
    for (const extra of r.reports ?? []) if (!byId.has(extra.id)) byId.set(extra.id, [{ ...r, ...extra, reports: [] }]);
  }
  const ids = [...byId.keys()].sort();
  const head = [
    '# patchsmith rules',
    '',
    '<!-- Generated from the rules\' metadata (server/src/rules/docs.ts): run `npm run docs:rules`, do not edit. -->',
    '',
    'Every rule id is checkpatch\'s TYPE where checkpatch has the check, so `.checkpatch.conf`,',
    '`--ignore` and `.patchsmith.json` severities carry over. Severities: error (checkpatch',
    'ERROR), warning (WARNING), information (CHECK: shown with `--strict` or an explicit',
    'severity). Fixes are safe (applied by `check --fix` and the editor\'s fix-all) or unsafe',
    '(offered as quick fixes, applied by `check --fix --unsafe-fixes` only).',
    '',
    ...ids.map((id) => `- [${id}](#${ruleAnchor(id)})`),
    '',
  ];
  return [...head, ...ids.map((id) => section(byId.get(id)!))].join('\n');
}
