/**
 * `.patchsmith.json` at the repository root:
 *
 *   { "profile": "qemu",
 *     "severity": { "COMMIT_LOG_LONG_LINE": "error", "FILE_PATH_CHANGES": "off" },
 *     "trailerOrder": ["fixes*", "reported*", "*"],
 *     "maxLineLength": 76,
 *     "ignore": ["GERRIT_CHANGE_ID"],
 *     "strict": true,
 *     "checkpatch": "scripts/checkpatch.pl" }
 *
 * Every setting is optional. Mistakes never throw: bad JSON gives one error with its line and
 * column (and nothing of the file applies); a bad setting gives a problem at that setting and
 * the other settings still apply.
 */
import type { Range } from '../model/types';
import type { Severity } from '../rules/types';
import { isProfile, PROFILES } from './defaults';
import type { ConfigLayer, ConfigProblem } from './layer';
import { parseJson, type JsonNode } from './json';

export const PATCHSMITH_JSON = '.patchsmith.json';

const SEVERITIES: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['profile', 'severity', 'trailerOrder', 'maxLineLength', 'ignore', 'strict', 'checkpatch'] as const;
const RULE_ID = /^[A-Z][A-Z0-9_]*$/;

export interface PatchsmithJson {
  layer: ConfigLayer;
  problems: ConfigProblem[];
}

function typeName(node: JsonNode): string {
  return node.kind === 'object' ? 'an object' : node.kind === 'array' ? 'an array' : `a ${node.kind}`;
}

function shown(node: JsonNode): string {
  if (node.kind === 'string') return JSON.stringify(node.value);
  if (node.kind === 'number' || node.kind === 'boolean') return String(node.value);
  return typeName(node);
}

/**
 * Parse and validate the file's text. `knownRules`, when given, turns severities for ids that no
 * rule has into warnings (a typo would otherwise silently do nothing).
 */
export function parsePatchsmithJson(text: string, file?: string, knownRules?: ReadonlySet<string>): PatchsmithJson {
  const problems: ConfigProblem[] = [];
  const add = (severity: 'error' | 'warning', message: string, range: Range): void => {
    problems.push({ ...(file !== undefined ? { file } : {}), severity, message, range });
  };
  const layer: ConfigLayer = {};
  const parsed = parseJson(text);
  if (!parsed.ok) {
    add('error', `invalid JSON: ${parsed.error.message}`, parsed.error.range);
    return { layer, problems };
  }
  const root = parsed.value;
  if (root.kind !== 'object') {
    add('error', `the settings must be a JSON object, not ${typeName(root)}`, root.range);
    return { layer, problems };
  }

  const ruleIds = (node: JsonNode, setting: string): string[] | null => {
    const items = node.kind === 'array' ? node.items : null;
    if (!items || items.some((n) => n.kind !== 'string')) {
      add('error', `"${setting}" must be an array of rule ids (strings)`, node.range);
      return null;
    }
    const ids: string[] = [];
    for (const n of items) {
      if (n.kind !== 'string') continue;
      if (!RULE_ID.test(n.value)) add('error', `"${setting}": ${JSON.stringify(n.value)} is not a rule id (UPPER_SNAKE_CASE, e.g. BAD_SIGN_OFF)`, n.range);
      else {
        if (knownRules && knownRules.size && !knownRules.has(n.value)) add('warning', `"${setting}": no rule has the id ${n.value}`, n.range);
        ids.push(n.value);
      }
    }
    return ids;
  };

  const seen = new Set<string>();
  for (const prop of root.props) {
    const { key, value } = prop;
    if (seen.has(key)) add('warning', `"${key}" is set twice; the last one wins`, prop.keyRange);
    seen.add(key);
    switch (key) {
      case 'profile':
        if (value.kind === 'string' && isProfile(value.value)) {
          layer.profile = value.value;
        } else {
          add('error', `"profile" must be one of ${PROFILES.map((p) => `"${p}"`).join(', ')}, not ${shown(value)}`, value.range);
        }
        break;
      case 'severity': {
        if (value.kind !== 'object') {
          add('error', `"severity" must be an object mapping rule ids to one of ${SEVERITIES.join(', ')}`, value.range);
          break;
        }
        const map: Record<string, Severity | 'off'> = {};
        for (const p of value.props) {
          if (!RULE_ID.test(p.key)) {
            add('error', `"severity": ${JSON.stringify(p.key)} is not a rule id (UPPER_SNAKE_CASE, e.g. BAD_SIGN_OFF)`, p.keyRange);
            continue;
          }
          const v = p.value;
          const level = v.kind === 'string' ? SEVERITIES.find((s) => s === v.value) : undefined;
          if (!level) {
            add('error', `"severity.${p.key}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, not ${shown(v)}`, v.range);
            continue;
          }
          if (knownRules && knownRules.size && !knownRules.has(p.key)) add('warning', `"severity": no rule has the id ${p.key}`, p.keyRange);
          map[p.key] = level;
        }
        layer.severity = map;
        break;
      }
      case 'trailerOrder':
        if (value.kind === 'array' && value.items.every((n) => n.kind === 'string' && n.value.trim() !== '')) {
          layer.trailerOrder = value.items.map((n) => (n.kind === 'string' ? n.value.trim() : ''));
        } else {
          add('error', '"trailerOrder" must be an array of trailer-key patterns such as ["fixes*", "reported*", "*"]', value.range);
        }
        break;
      case 'maxLineLength':
        if (value.kind === 'number' && Number.isInteger(value.value) && value.value >= 1 && value.value <= 1000) {
          layer.maxLineLength = value.value;
        } else {
          add('error', `"maxLineLength" must be a whole number of columns between 1 and 1000, not ${shown(value)}`, value.range);
        }
        break;
      case 'ignore': {
        const ids = ruleIds(value, 'ignore');
        if (ids) layer.ignore = ids;
        break;
      }
      case 'strict':
        if (value.kind === 'boolean') layer.strict = value.value;
        else add('error', `"strict" must be true or false, not ${shown(value)}`, value.range);
        break;
      case 'checkpatch':
        // Read by checkpatch/discover.ts (which script runs, or none); only checked here.
        if (!(value.kind === 'boolean' || (value.kind === 'string' && value.value.trim() !== ''))) {
          add('error', `"checkpatch" must be the path of a checkpatch.pl, true (the repository's scripts/checkpatch.pl) or false (none), not ${shown(value)}`, value.range);
        }
        break;
      default:
        add('warning', `unknown setting "${key}" (known: ${KEYS.join(', ')}); ignored`, prop.keyRange);
    }
  }
  return { layer, problems };
}
