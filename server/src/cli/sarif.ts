/**
 * SARIF 2.1.0 output of `patchsmith check --format sarif` (GitHub code scanning and other
 * viewers). Regions are 1-based; columns count UTF-16 code units (SARIF's default column kind).
 */
import { showBidi } from '../model/bidi';
import * as path from 'node:path';
import type { Severity } from '../rules/types';
import { allRules, getRule } from '../rules/registry';
import { ruleDocUrl } from '../rules/docs';
import type { Reported } from './format';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function level(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifLog {
  version: '2.1.0';
  $schema: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: {
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          helpUri: string;
          defaultConfiguration: { level: Level };
          properties?: { checkpatch: string; checkpatchLevel: string };
        }[];
      };
    };
    columnKind: 'utf16CodeUnits';
    results: {
      ruleId: string;
      ruleIndex: number;
      level: Level;
      message: { text: string };
      /** `source`: "patchsmith" or "checkpatch.pl" (the repository's script). */
      properties: { source: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[];
      relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[];
      fixes?: {
        description: { text: string };
        properties: { safety: string };
        artifactChanges: {
          artifactLocation: { uri: string };
          replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
        }[];
      }[];
    }[];
  }[];
}

/** A relative URI reference for the file (forward slashes, each segment percent-encoded). */
export function artifactUri(file: string, cwd: string): string {
  if (file === '<stdin>') return 'stdin';
  const rel = path.relative(cwd, path.resolve(cwd, file)) || path.basename(file);
  return rel.split(path.sep).map((seg) => (seg === '..' ? seg : encodeURIComponent(seg))).join('/');
}

function region(r: { start: { line: number; character: number }; end: { line: number; character: number } }): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toSarif(reported: readonly Reported[], opts: { version: string; cwd: string }): SarifLog {
  const rules: SarifLog['runs'][number]['tool']['driver']['rules'] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string, fallback: Severity): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      const rule = getRule(id);
      i = rules.length;
      rules.push({
        id,
        shortDescription: { text: rule?.description || id },
        fullDescription: { text: rule?.doc || rule?.description || id },
        helpUri: ruleDocUrl(id),
        defaultConfiguration: { level: level(rule?.severity ?? fallback) },
        ...(rule?.origin ? { properties: { checkpatch: rule.origin.checkpatch, checkpatchLevel: rule.origin.level } } : {}),
      });
      ruleIndex.set(id, i);
    }
    return i;
  };
  // The whole catalogue, so viewers can describe every rule; ids only findings use come after.
  for (const rule of allRules()) indexOf(rule.id, rule.severity);
  const results = reported.map(({ file, finding: f }) => {
    const uri = artifactUri(file, opts.cwd);
    return {
      ruleId: f.rule,
      ruleIndex: indexOf(f.rule, f.severity),
      level: level(f.severity),
      message: { text: showBidi(f.message) },
      properties: { source: f.source ?? 'patchsmith' },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) } }],
      ...(f.related
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: showBidi(r.message) },
              physicalLocation: { artifactLocation: { uri: artifactUri(r.file, opts.cwd) }, region: region(r.range) },
            })),
          }
        : {}),
      ...(f.fix
        ? {
            fixes: [
              {
                description: { text: f.fix.title },
                properties: { safety: f.fix.safety },
                artifactChanges: [
                  {
                    artifactLocation: { uri },
                    replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  },
                ],
              },
            ],
          }
        : {}),
    };
  });
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [
      {
        tool: { driver: { name: 'patchsmith', version: opts.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
