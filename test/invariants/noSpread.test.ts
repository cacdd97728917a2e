/**
 * No spread of an array into a call's arguments anywhere in server/ and client/: `push(...x)`,
 * `Math.max(...x)`, `fn(...arr)` pass every element as an argument, and an unbounded `x` (130,000
 * malformed hunk lines, 300,000 ignore entries) overflows the call stack, which once made `check`
 * print "0 errors" on a patch it could not read. Array and object literals (`[...a]`, `{ ...o }`)
 * copy without the stack and are allowed. Appending: model/array.ts pushAll.
 *
 * Read with the TypeScript compiler's own parser, so strings, comments and rest parameters
 * (`(...args) =>`) are never mistaken for spreads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** `file:line: text` of every spread argument in a call or `new` expression. */
export function callSpreads(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && node.parent && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      found.push(`${path.relative(REPO_ROOT, file)}:${line + 1}: ${node.parent.getText(sf).split('\n')[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('the scan finds a spread in a call and nothing else', () => {
  const sample = [
    'a.push(...b);',
    'Math.max(...xs);',
    'new Set(...args);',
    'const c = [...a, ...b]; const o = { ...p };',
    'function f(...rest: number[]) { return rest; }',
    "const s = 'x.push(...y)'; // z.push(...w)",
  ].join('\n');
  const hits = callSpreads(path.join(REPO_ROOT, 'sample.ts'), sample);
  assert.deepEqual(hits.map((h) => h.split(':')[1]), ['1', '2', '3']);
});

test('no spread of an array into call arguments in server/ and client/', () => {
  const files = [...sources(path.join(REPO_ROOT, 'server', 'src'), []), ...sources(path.join(REPO_ROOT, 'client', 'src'), [])];
  assert.ok(files.length > 50, `found only ${files.length} source files`);
  const hits: string[] = [];
  for (const f of files) for (const h of callSpreads(f, fs.readFileSync(f, 'utf8'))) hits.push(h);
  assert.deepEqual(hits, [], `spread arguments overflow the stack on large arrays; use pushAll (server/src/model/array.ts) or a loop:\n${hits.join('\n')}`);
});
