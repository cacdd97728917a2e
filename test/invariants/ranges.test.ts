/**
 * Invariant 1: every range is exact and in bounds. For every patch of the shared corpus and every
 * hand-written nasty fixture (CRLF, no final newline, folded RFC 2047 subject, mbox, empty, only
 * headers, only a diff, binary, truncated hunk, a 3000-column line, emoji/CJK trailers, tabs),
 * every Range anywhere in the parsed model, every finding's range and every fix edit's range
 * has 0 <= line < lines.length, 0 <= character <= the line's length without a trailing `\r`,
 * start <= end, and no column splits a UTF-16 surrogate pair. Line-number fields of the model
 * (`line`, `startLine`, `bodyLines`...) are real lines too, and ranges that have a text twin in
 * the model (header names, subject tags, trailer keys and addresses, hunk headers) cover exactly it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runSeriesRules, runTextRules } from '../../server/src/rules/engine';
import { groupSeries } from '../../server/src/series/group';
import { parsePatch } from '../../server/src/parse/parsePatch';
import { stripCr } from '../../server/src/model/range';
import type { PatchDocument, Range } from '../../server/src/model/types';
import {
  corpusPresent,
  corpusSamples,
  corpusSeriesDirs,
  fixtureSamples,
  hostileSamples,
  NO_CORPUS,
  parseSample,
  rangeViolations,
  strictConfig,
  FIXTURES,
  type Sample,
} from './support';
import type { Lines } from '../../server/src/model/lines';

/** Fields that hold a document line number (or lists of them); -1 and null mean "none". */
const LINE_FIELDS = new Set([
  'line',
  'startLine',
  'endLine',
  'headerLine',
  'headerEndLine',
  'summaryLine',
  'noteLine',
  'scissorsLine',
  'rangeDiffLine',
  'interdiffLine',
  'separatorLine',
  'blurbStartLine',
  'blurbEndLine',
]);
const LINE_LIST_FIELDS = new Set(['bodyLines', 'commentLines', 'continuationLines', 'nonTrailerLines', 'changelogLines']);

function lineFieldViolations(file: string, doc: PatchDocument): string[] {
  const out: string[] = [];
  const n = doc.lines.length;
  const ok = (v: unknown): boolean => v === null || v === -1 || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < n);
  const visit = (v: unknown, p: string): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${p}[${i}]`));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      const q = p ? `${p}.${k}` : k;
      // Positions are checked as ranges; their `line` is not a field of the model's own.
      if (k === 'start' || k === 'end') continue;
      if (LINE_FIELDS.has(k) && typeof x !== 'object' && !ok(x)) out.push(`${file}: ${q} = ${String(x)} is not a line of 0..${n - 1}`);
      else if (LINE_LIST_FIELDS.has(k) && Array.isArray(x)) {
        x.forEach((y, i) => {
          if (!ok(y) || y === -1 || y === null) out.push(`${file}: ${q}[${i}] = ${String(y)} is not a line of 0..${n - 1}`);
        });
      } else visit(x, q);
    }
  };
  visit(doc.messages, 'messages');
  visit(doc.problems, 'problems');
  return out;
}

/** The text a range covers (lines joined with `\n`, trailing `\r` left out). */
function textOf(lines: Lines, r: Range): string {
  const line = (l: number): string => stripCr(lines.get(l) ?? '');
  if (r.start.line === r.end.line) return line(r.start.line).slice(r.start.character, r.end.character);
  const parts = [line(r.start.line).slice(r.start.character)];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(line(l));
  parts.push(line(r.end.line).slice(0, r.end.character));
  return parts.join('\n');
}

/**
 * Exactness: where the model holds both a piece of text and its range, the range covers exactly
 * that text (UTF-16 columns: emoji and CJK names must not shift them). Values that were RFC 2047
 * encoded or folded over several lines have, by contract, the whole value's range; they are skipped.
 */
function exactnessViolations(file: string, doc: PatchDocument): string[] {
  const out: string[] = [];
  const eq = (what: string, r: Range | undefined | null, expected: string): void => {
    if (!r) return;
    const got = textOf(doc.lines, r);
    if (got !== expected) out.push(`${file}: ${what}: the range covers ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`);
  };
  doc.messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    for (const h of [...m.headers, ...m.inBodyHeaders]) {
      eq(`${at} header name ${h.name}`, h.nameRange, h.name);
      if (h.value === h.rawValue && h.valueRange.start.line === h.valueRange.end.line) eq(`${at} header ${h.name} value`, h.valueRange, h.value);
    }
    const subjectHeader = [...m.headers, ...m.inBodyHeaders].reverse().find((h) => h.name.toLowerCase() === 'subject');
    const plainSubject = !subjectHeader || (subjectHeader.value === subjectHeader.rawValue && subjectHeader.valueRange.start.line === subjectHeader.valueRange.end.line);
    if (m.subject && plainSubject) {
      eq(`${at} subject summary`, m.subject.summaryRange, m.subject.summary);
      m.subject.groups.forEach((g, k) => eq(`${at} subject group ${k}`, g.range, g.text));
      m.subject.tags.forEach((t, k) => eq(`${at} subject tag ${k}`, t.range, t.text));
    }
    for (const t of m.message.trailerBlock?.trailers ?? []) {
      eq(`${at} trailer ${t.key} key`, t.keyRange, t.key);
      eq(`${at} trailer ${t.key} separator`, t.separatorRange, t.separator);
      if (t.continuationLines.length === 0) {
        eq(`${at} trailer ${t.key} value`, t.valueRange, t.value);
        if (t.person?.email) eq(`${at} trailer ${t.key} email`, t.person.emailRange, t.person.email);
        if (t.person?.name) eq(`${at} trailer ${t.key} name`, t.person.nameRange, t.person.name);
      }
    }
    const ah = m.authorHeader;
    if (m.author && ah && ah.value === ah.rawValue && ah.valueRange.start.line === ah.valueRange.end.line) {
      if (m.author.email) eq(`${at} author email`, m.author.emailRange, m.author.email);
      if (m.author.name) eq(`${at} author name`, m.author.nameRange, m.author.name);
    }
    for (const f of m.diff?.files ?? []) {
      for (const h of f.hunks) {
        eq(`${at} hunk header of ${f.to}`, h.headerRange, h.header);
        for (const dl of h.lines) {
          if (dl.kind === 'nonewline') continue;
          const raw = doc.lines.get(dl.line) ?? '';
          if (raw.slice(1) !== dl.text && stripCr(raw).slice(1) !== dl.text) out.push(`${file}: ${at} diff line ${dl.line}: text ${JSON.stringify(dl.text)} is not the line's`);
        }
      }
    }
    for (const f of m.diffstat?.files ?? []) {
      const got = textOf(doc.lines, f.pathRange);
      const base = f.path.slice(f.path.lastIndexOf('/') + 1);
      if (!got.includes(base) && !f.path.includes('"')) out.push(`${file}: ${at} diffstat path range covers ${JSON.stringify(got)}, not ${f.path}`);
    }
    const base = m.notes?.baseCommit;
    if (base && !textOf(doc.lines, base.range).includes(base.sha)) out.push(`${file}: ${at} base-commit range misses ${base.sha}`);
  });
  return out;
}

function violations(s: Sample): string[] {
  const doc = parseSample(s);
  const out = [
    ...rangeViolations(s.name, doc.lines, doc.messages, 'messages'),
    ...rangeViolations(s.name, doc.lines, doc.problems, 'problems'),
    ...lineFieldViolations(s.name, doc),
    ...exactnessViolations(s.name, doc),
  ];
  const thrown: string[] = [];
  const findings = runTextRules(doc, strictConfig(), { onRuleError: (id, e) => thrown.push(`${s.name}: rule ${id} threw: ${String(e)}`) });
  findings.forEach((f, i) => out.push(...rangeViolations(s.name, doc.lines, f, `finding[${i}] ${f.rule}`)));
  return [...thrown, ...out];
}

function seriesViolations(label: string, inputs: { file: string; doc: PatchDocument }[]): string[] {
  const out: string[] = [];
  for (const series of groupSeries(inputs)) {
    const found = runSeriesRules(series, strictConfig(), { onRuleError: (id, e) => out.push(`${label}: series rule ${id} threw: ${String(e)}`) });
    found.forEach((f, i) => {
      const item = series.items[f.item];
      if (!item) {
        out.push(`${label}: series finding[${i}] ${f.rule} names item ${f.item} of ${series.items.length}`);
        return;
      }
      out.push(...rangeViolations(`${label} ${path.basename(item.file)}`, item.doc.lines, f, `seriesFinding[${i}] ${f.rule}`));
    });
  }
  return out;
}

function report(list: string[]): string {
  return `${list.length} violation(s):\n${list.slice(0, 40).join('\n')}${list.length > 40 ? '\n...' : ''}`;
}

test('ranges of the model, findings and fixes are exact and in bounds: hand-written fixtures', () => {
  const samples = fixtureSamples();
  assert.ok(samples.length >= 12, 'the fixtures are there');
  const bad = samples.flatMap(violations);
  assert.deepEqual(bad, [], report(bad));
});

test('ranges are exact and in bounds: hostile subjects and long runs of one character', () => {
  const bad = hostileSamples().flatMap(violations);
  assert.deepEqual(bad, [], report(bad));
});

test('ranges are in bounds: fixtures as series (the 3-message mbox, with every other fixture)', () => {
  const inputs = fixtureSamples()
    .filter((s) => !s.commitMessage)
    .map((s) => ({ file: path.join(FIXTURES, s.name), doc: parseSample(s) }));
  const bad = seriesViolations('fixtures', inputs);
  assert.deepEqual(bad, [], report(bad));
  const mbox = parsePatch(fs.readFileSync(path.join(FIXTURES, 'mbox-3.mbox'), 'utf8'));
  assert.equal(mbox.messages.length, 3, 'the mbox holds 3 messages');
});

test('ranges of the model and findings are exact and in bounds: every corpus patch', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const samples = corpusSamples();
  assert.ok(samples.length > 0);
  const bad = samples.flatMap(violations);
  assert.deepEqual(bad, [], report(bad));
});

test('ranges of series findings are in bounds: every corpus series', (t) => {
  if (!corpusPresent()) return t.skip(NO_CORPUS);
  const bad: string[] = [];
  for (const dir of corpusSeriesDirs()) {
    const inputs = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.patch'))
      .sort()
      .map((n) => ({ file: path.join(dir, n), doc: parsePatch(fs.readFileSync(path.join(dir, n), 'utf8')) }));
    bad.push(...seriesViolations(path.basename(path.dirname(dir)) + '/' + path.basename(dir), inputs));
  }
  assert.deepEqual(bad, [], report(bad));
});
