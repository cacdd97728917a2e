// Writes docs/rules.md from the rules' metadata (compiled by `npx tsc -p .` into out/).
import { writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { renderRulesDoc, RULES_DOC_PATH } = require(path.join(root, 'out/server/src/rules/docs.js'));
const target = path.join(root, RULES_DOC_PATH);
const tmp = `${target}.tmp-${process.pid}`;
writeFileSync(tmp, renderRulesDoc());
renameSync(tmp, target);
console.log(`wrote ${RULES_DOC_PATH}`);
