/**
 * Invariant 2: the parser and the rules never throw, whatever the input: every corpus patch cut
 * at 20 evenly spaced points, with random line deletions and duplications (seeded, so every run
 * sees the same inputs), and random bytes decoded as UTF-8. A rule that throws is caught by the
 * engine (its findings are lost silently for the user), so the test listens on `onRuleError`; a
 * sub-parser that throws is caught by parsePatch as a PARSE_FAILURE problem, which counts as a
 * throw too. The damaged documents must also keep invariant 1 (ranges in bounds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { runSeriesRules, runTextRules } from '../../server/src/rules/engine';
import { groupSeries } from '../../server/src/series/group';
import type { PatchDocument } from '../../server/src/model/types';
import {
  corpusPatches,
  corpusPresent,
  evenly,
  fixtureSamples,
  hostileSamples,
  NO_CORPUS,
  prng,
  randomBytes,
  rangeViolations,
  strictConfig,
} from './support';
import * as fs from 'node:fs';

const CUTS = 20;
/** Corpus patches damaged by random line edits (cuts cover every patch). */
const MUTATED_SAMPLE = 120;
const MUTATIONS_PER_PATCH = 3;

interface Outcome {
  errors: string[];
}

/** Parse and run every text rule (commit-message mode too), then the series rules on the lot. */
function exercise(label: string, text: string, out: Outcome, docs?: { file: string; doc: PatchDocument }[]): void {
  for (const commitMessage of [false, true]) {
    let doc: PatchDocument;
    try {
      doc = parsePatch(text, commitMessage ? { commitMessage: true } : {});
    } catch (e) {
      out.errors.push(`${label}${commitMessage ? ' (commit message)' : ''}: parsePatch threw ${describe(e)}`);
      continue;
    }
    for (const p of doc.problems) {
      if (p.code === 'PARSE_FAILURE') out.errors.push(`${label}: ${p.message}`);
    }
    try {
      const findings = runTextRules(doc, strictConfig(), {
        onRuleError: (id, e) => out.errors.push(`${label}${commitMessage ? ' (commit message)' : ''}: rule ${id} threw ${describe(e)}`),
      });
      findings.forEach((f, i) => out.errors.push(...rangeViolations(label, doc.lines, f, `finding[${i}] ${f.rule}`).slice(0, 2)));
    } catch (e) {
      out.errors.push(`${label}: runTextRules threw ${describe(e)}`);
    }
    out.errors.push(...rangeViolations(label, doc.lines, doc.messages, 'messages').slice(0, 3));
    if (!commitMessage) docs?.push({ file: `/x/${label.replace(/[/\\]/g, '_')}`, doc });
  }
}

function runSeries(label: string, docs: { file: string; doc: PatchDocument }[], out: Outcome): void {
  try {
    for (const s of groupSeries(docs)) {
      runSeriesRules(s, strictConfig(), { onRuleError: (id, e) => out.errors.push(`${label}: series rule ${id} threw ${describe(e)}`) });
    }
  } catch (e) {
    out.errors.push(`${label}: series grouping/rules threw ${describe(e)}`);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message} ${(e.stack ?? '').split('\n')[1]?.trim() ?? ''}`;
  return String(e);
}

function assertClean(out: Outcome): void {
  const uniq = [...new Set(out.errors)];
  assert.deepEqual(uniq, [], `${uniq.length} failure(s):\n${uniq.slice(0, 30).join('\n')}`);
}

/** Delete or duplicate a few random lines. */
function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const n = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < n && lines.length > 0; k++) {
    const i = Math.floor(rand() * lines.length);
    if (rand() < 0.5) lines.splice(i, 1);
    else lines.splice(i, 0, lines[i]!);
  }
  return lines.join('\n');
}

/** Change a few characters: insert patch punctuation, digits, CR, emoji halves; delete some. */
function scramble(text: string, rand: () => number): string {
  const alphabet = ['@', '-', '+', ' ', ':', '<', '>', '[', ']', '|', '\r', '\t', '0', '9', '/', '\ud83e', '\udd80', '🦀', '---', '@@ ', 'diff --git '];
  let out = text;
  const n = 1 + Math.floor(rand() * 8);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * (out.length + 1));
    const r = rand();
    if (r < 0.3) out = out.slice(0, i) + out.slice(i + 1 + Math.floor(rand() * 5));
    else out = out.slice(0, i) + alphabet[Math.floor(rand() * alphabet.length)]! + out.slice(i);
  }
  return out;
}

function cuts(text: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= CUTS; k++) out.push(text.slice(0, Math.floor((text.length * k) / (CUTS + 1))));
  return out;
}

test('never throws: the fixtures, cut at 20 points, mutated and scrambled', () => {
  const out: Outcome = { errors: [] };
  const rand = prng(0xf17);
  for (const s of fixtureSamples()) {
    const docs: { file: string; doc: PatchDocument }[] = [];
    cuts(s.text).forEach((t, k) => exercise(`${s.name} cut ${k + 1}/${CUTS}`, t, out, docs));
    for (let m = 0; m < 10; m++) exercise(`${s.name} mutation ${m}`, mutate(s.text, rand), out, docs);
    for (let m = 0; m < 20; m++) exercise(`${s.name} scramble ${m}`, scramble(s.text, rand), out, docs);
    runSeries(s.name, docs, out);
  }
  assertClean(out);
});

test('never throws: every corpus patch cut at 20 evenly spaced points', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const out: Outcome = { errors: [] };
  for (const file of corpusPatches()) {
    const text = fs.readFileSync(file, 'utf8');
    const docs: { file: string; doc: PatchDocument }[] = [];
    const name = path.basename(file);
    cuts(text).forEach((c, k) => {
      // The rules on every cut of every patch would take a minute: parse every cut, run the rules
      // on every fifth one (the parse is where truncation bites).
      if (k % 5 === 2) exercise(`${name} cut ${k + 1}/${CUTS}`, c, out, docs);
      else {
        const doc = parsePatch(c);
        for (const p of doc.problems) if (p.code === 'PARSE_FAILURE') out.errors.push(`${name} cut ${k + 1}: ${p.message}`);
        out.errors.push(...rangeViolations(`${name} cut ${k + 1}`, doc.lines, doc.messages, 'messages').slice(0, 3));
      }
    });
    runSeries(name, docs, out);
  }
  assertClean(out);
});

test('never throws: corpus patches with random line deletions and duplications and character damage (seeded)', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const out: Outcome = { errors: [] };
  const rand = prng(20250303);
  const docs: { file: string; doc: PatchDocument }[] = [];
  for (const file of evenly(corpusPatches(), MUTATED_SAMPLE)) {
    const text = fs.readFileSync(file, 'utf8');
    for (let m = 0; m < MUTATIONS_PER_PATCH; m++) exercise(`${path.basename(file)} mutation ${m}`, mutate(text, rand), out, docs);
    exercise(`${path.basename(file)} scramble`, scramble(text, rand), out, docs);
  }
  runSeries('mutated corpus', docs, out);
  assertClean(out);
});

test('never throws: random bytes decoded as UTF-8, and random bytes after real headers', () => {
  const out: Outcome = { errors: [] };
  const rand = prng(42);
  const base = fixtureSamples().find((s) => s.name.endsWith('base.patch'))!.text;
  const head = base.slice(0, base.indexOf('\n\n') + 2);
  const docs: { file: string; doc: PatchDocument }[] = [];
  for (let i = 0; i < 60; i++) {
    const bytes = randomBytes(rand, 1 + Math.floor(rand() * 4000));
    // Sprinkle line breaks and patch punctuation so the parser takes its interesting paths.
    for (let j = 0; j < bytes.length; j++) {
      const r = rand();
      if (r < 0.05) bytes[j] = 0x0a;
      else if (r < 0.07) bytes[j] = 0x0d;
      else if (r < 0.1) bytes[j] = '+-@ :<>[]'.charCodeAt(Math.floor(rand() * 9));
    }
    const text = bytes.toString('utf8');
    exercise(`random ${i}`, text, out, docs);
    exercise(`headers + random ${i}`, head + text, out, docs);
  }
  runSeries('random', docs, out);
  assertClean(out);
});

test('never throws and never hangs: hostile subjects and long runs of one character in every part', { timeout: 120_000 }, () => {
  const out: Outcome = { errors: [] };
  const docs: { file: string; doc: PatchDocument }[] = [];
  for (const s of hostileSamples()) exercise(s.name, s.text, out, docs);
  runSeries('hostile', docs, out);
  assertClean(out);
});
