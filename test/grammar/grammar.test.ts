// Runs the TextMate grammar tests (test/grammar/*.test.patch, vscode-tmgrammar-test syntax) and
// checks the language contribution in package.json. The embedded diff uses VS Code's own diff
// grammar from the code-server install when present, else a minimal stand-in (see the fixture).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const grammarPath = path.join(repoRoot, 'syntaxes/git-patch.tmLanguage.json');
const runner = path.join(repoRoot, 'node_modules/vscode-tmgrammar-test/dist/unit.js');

function diffGrammar(): { file: string; real: boolean } {
  const cache = process.env.PATCHSMITH_CACHE ?? path.join(homedir(), '.cache/patchsmith');
  const real = path.join(cache, 'code-server/node_modules/code-server/lib/vscode/extensions/diff/syntaxes/diff.tmLanguage.json');
  if (existsSync(real)) return { file: real, real: true };
  return { file: path.join(repoRoot, 'test/fixtures/grammar/diff-stub.tmLanguage.json'), real: false };
}

function runGrammarTests(pattern: string): { status: number | null; output: string } {
  const r = spawnSync(
    process.execPath,
    [runner, '--compact', '-g', grammarPath, '-g', diffGrammar().file, pattern],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('grammar scope assertions in test/grammar/*.test.patch hold', (t) => {
  const diff = diffGrammar();
  if (!diff.real) t.diagnostic('VS Code diff grammar not installed (scripts/setup-code-server.sh): using the stand-in for source.diff');
  const r = runGrammarTests('test/grammar/*.test.patch');
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /mail\.test\.patch run successfuly/);
  assert.match(r.output, /cover\.test\.patch run successfuly/);
  assert.match(r.output, /commit-message\.test\.patch run successfuly/);
});

test('a wrong scope assertion makes the grammar test fail (the harness checks something)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchsmith-grammar-'));
  try {
    const file = path.join(dir, 'wrong.test.patch');
    writeFileSync(
      file,
      '# SYNTAX TEST "text.git-patch"\nSigned-off-by: A <a@example.org>\n# <------------- markup.heading.subject.git-patch\n',
    );
    const r = runGrammarTests(file);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /missing required scopes: \[? ?markup\.heading\.subject\.git-patch/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

interface LanguageContribution {
  id: string;
  extensions?: string[];
  firstLine?: string;
  configuration?: string;
}
interface GrammarContribution {
  language: string;
  scopeName: string;
  path: string;
}

test('package.json contributes the git-patch language and its grammar', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { languages: LanguageContribution[]; grammars: GrammarContribution[] };
  };
  const lang = pkg.contributes.languages.find((l) => l.id === 'git-patch');
  assert.ok(lang, 'git-patch language contributed');
  assert.deepEqual(lang.extensions, ['.patch', '.mbox', '.eml']);
  assert.ok(lang.configuration && existsSync(path.join(repoRoot, lang.configuration)), 'language-configuration.json exists');
  const firstLine = new RegExp(lang.firstLine ?? '(?!)');
  assert.ok(firstLine.test('From 1f0c2d3e4b5a69788796a5b4c3d2e1f0a9b8c7d6 Mon Sep 17 00:00:00 2001'));
  assert.ok(!firstLine.test('diff --git a/x b/x'));
  const grammar = pkg.contributes.grammars.find((g) => g.language === 'git-patch');
  assert.ok(grammar);
  assert.equal(grammar.scopeName, 'text.git-patch');
  const parsed = JSON.parse(readFileSync(path.join(repoRoot, grammar.path), 'utf8')) as { scopeName: string };
  assert.equal(parsed.scopeName, 'text.git-patch');
});
