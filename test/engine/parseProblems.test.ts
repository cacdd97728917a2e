/**
 * Every problem code the parser can report is a finding with a registered rule id (metadata for
 * hovers, SARIF and configuration validation), or is reported by a named rule instead
 * (check/parseFindings.ts PROBLEMS_REPORTED_BY): none is lost between the parser and the user.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getRule } from '../../server/src/rules/registry';
import { PROBLEMS_REPORTED_BY } from '../../server/src/check';

const PARSE_DIR = path.resolve(__dirname, '../../..', 'server', 'src', 'parse');

test('every parser problem code has a rule', () => {
  const codes = new Set<string>();
  for (const name of fs.readdirSync(PARSE_DIR)) {
    const text = fs.readFileSync(path.join(PARSE_DIR, name), 'utf8');
    for (const m of text.matchAll(/\bcode: '([A-Z_]+)'|\bproblem\(\s*'([A-Z_]+)'/g)) codes.add((m[1] ?? m[2])!);
  }
  assert.ok(codes.has('BAD_HEADER') && codes.has('HUNK_COUNT'), `codes found: ${[...codes].join(', ')}`);
  for (const code of codes) {
    const by = PROBLEMS_REPORTED_BY[code] ?? code;
    const rule = getRule(by);
    assert.ok(rule, `parser code ${code}: no rule ${by}`);
    assert.ok(rule.description && rule.doc, `${by}: description and doc`);
  }
});
