/**
 * docs/rules.md is generated from the rules' metadata: it must be current (run `npm run
 * docs:rules` after changing a rule's metadata), with one anchor per rule id; every rule records
 * its origin, and the origin's checkpatch TYPE is the rule's id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc, ruleAnchor, RULES_DOC_PATH } from '../../server/src/rules/docs';
import { allRules } from '../../server/src/rules/registry';

const repoRoot = path.resolve(__dirname, '../../..');

test('docs/rules.md is current (npm run docs:rules regenerates it)', () => {
  const onDisk = fs.readFileSync(path.join(repoRoot, RULES_DOC_PATH), 'utf8');
  assert.ok(onDisk === renderRulesDoc(), `${RULES_DOC_PATH} is stale: run npm run docs:rules`);
});

test('one section and anchor per rule id; origins are data', () => {
  const doc = renderRulesDoc();
  for (const rule of allRules()) {
    assert.ok(doc.includes(`\n## ${rule.id}\n`), `section for ${rule.id}`);
    assert.ok(doc.includes(`(#${ruleAnchor(rule.id)})`), `index entry for ${rule.id}`);
    assert.ok(rule.origin === null || rule.origin.checkpatch === rule.id, `${rule.id}: origin names its own TYPE`);
    const level = rule.origin?.level;
    if (level) {
      const expected = level === 'ERROR' ? 'error' : level === 'WARNING' ? 'warning' : 'information';
      assert.equal(rule.severity, expected, `${rule.id}: severity follows checkpatch's level`);
    }
  }
});
