import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PatchDocument, PatchMessage } from '../../server/src/model/types';
import { span } from '../../server/src/model/range';
import type { Finding, RepoRule, Report, Series, SeriesRule, Severity, TextRule } from '../../server/src/rules/types';
import type { Repository } from '../../server/src/git/repository';
import { runRepoRules, runSeriesRules, runTextRules, withRepoFindings } from '../../server/src/rules/engine';
import { defaultConfig } from '../../server/src/config/defaults';
import { mergeConfig } from '../../server/src/config/layer';
import * as registry from '../../server/src/rules/registry';
import { NO_LINES } from '../../server/src/model/lines';

/** A document with `n` messages; the engine only hands them to rules. */
function doc(n: number): PatchDocument {
  const messages = Array.from({ length: n }, (_, i) => ({ startLine: i * 10 }) as unknown as PatchMessage);
  return { lines: NO_LINES, messages, problems: [] };
}

function textRule(id: string, severity: Severity, extra: Partial<TextRule> = {}, emit?: (line: number) => Report[]): TextRule {
  return {
    kind: 'text',
    id,
    severity,
    description: id,
    doc: id,
    profiles: ['kernel', 'qemu', 'git'],
    origin: null,
    check: ({ msg, report }) => {
      for (const r of emit ? emit(msg.startLine) : [{ message: `${id} here`, range: span(msg.startLine, 0, 1) }]) report(r);
    },
    ...extra,
  };
}

test('text rules run on every message and findings carry the message index', () => {
  const found = runTextRules(doc(2), defaultConfig('kernel'), { rules: [textRule('BAD_SIGN_OFF', 'warning')] });
  assert.deepEqual(
    found.map((f) => [f.rule, f.messageIndex, f.range.start.line]),
    [
      ['BAD_SIGN_OFF', 0, 0],
      ['BAD_SIGN_OFF', 1, 10],
    ],
  );
});

test('information-level (CHECK) rules run only with strict, like checkpatch --strict', () => {
  const rules = [textRule('A_CHECK', 'information'), textRule('A_WARNING', 'warning')];
  const plain = runTextRules(doc(1), defaultConfig('kernel'), { rules });
  assert.deepEqual(plain.map((f) => f.rule), ['A_WARNING']);
  const strict = runTextRules(doc(1), mergeConfig([{ strict: true }]), { rules });
  assert.deepEqual(strict.map((f) => f.rule), ['A_CHECK', 'A_WARNING']);
});

test('an information finding of a warning rule is also hidden without strict', () => {
  const rule = textRule('FROM_SIGN_OFF_MISMATCH', 'warning', { variants: { comments: 'information' } }, (l) => [
    { variant: 'comments', message: 'comments differ', range: span(l, 0, 1) },
    { message: 'name differs', range: span(l, 0, 1) },
  ]);
  assert.deepEqual(runTextRules(doc(1), defaultConfig(), { rules: [rule] }).map((f) => f.message), ['name differs']);
});

test('profiles: a rule runs only in the profiles it lists', () => {
  const rules = [textRule('QEMU_ONLY', 'error', { profiles: ['qemu'] })];
  assert.equal(runTextRules(doc(1), defaultConfig('kernel'), { rules }).length, 0);
  assert.equal(runTextRules(doc(1), defaultConfig('qemu'), { rules }).length, 1);
});

test('ignore skips the rule and any finding with an ignored id', () => {
  const stable = { id: 'BAD_STABLE_ADDRESS_STYLE', severity: 'warning', description: '', doc: '', profiles: ['kernel'], origin: null } as const;
  const multi = textRule('BAD_SIGN_OFF', 'warning', { reports: [{ ...stable, profiles: ['kernel'] }] }, (l) => [
    { message: 'sign', range: span(l, 0, 1) },
    { id: 'BAD_STABLE_ADDRESS_STYLE', message: 'stable', range: span(l, 0, 1) },
  ]);
  assert.deepEqual(runTextRules(doc(1), mergeConfig([{ ignore: ['BAD_STABLE_ADDRESS_STYLE'] }]), { rules: [multi] }).map((f) => f.rule), ['BAD_SIGN_OFF']);
  assert.deepEqual(runTextRules(doc(1), mergeConfig([{ ignore: ['BAD_SIGN_OFF'] }]), { rules: [multi] }), []);
});

test('severity overrides: off disables, others replace; an explicit level enables a CHECK rule without strict', () => {
  const rules = [textRule('A_CHECK', 'information'), textRule('A_WARNING', 'warning'), textRule('AN_ERROR', 'error')];
  const config = mergeConfig([{ severity: { A_CHECK: 'warning', A_WARNING: 'error', AN_ERROR: 'off' } }]);
  assert.deepEqual(
    runTextRules(doc(1), config, { rules }).map((f) => [f.rule, f.severity]),
    [
      ['A_CHECK', 'warning'],
      ['A_WARNING', 'error'],
    ],
  );
});

test('a rule that throws reports nothing and does not stop the others', () => {
  const errors: string[] = [];
  const boom = textRule('BOOM', 'error', {
    check: () => {
      throw new Error('kaboom');
    },
  });
  const found = runTextRules(doc(2), defaultConfig(), {
    rules: [boom, textRule('FINE', 'warning')],
    onRuleError: (id, e) => errors.push(`${id}: ${(e as Error).message}`),
  });
  assert.deepEqual(found.map((f) => f.rule), ['FINE', 'FINE']);
  assert.deepEqual(errors, ['BOOM: kaboom', 'BOOM: kaboom']);
});

const fakeRepo: Repository = {
  root: '/nowhere',
  lookupCommit: async () => null,
  isReachableFromHead: async () => false,
  identity: async () => null,
  dispose: () => undefined,
};

function repoRule(id: string, check: RepoRule['check']): RepoRule {
  return { kind: 'repo', id, severity: 'warning', description: id, doc: id, profiles: ['kernel', 'qemu', 'git'], origin: null, check };
}

test('repo rules are skipped quietly without a repository and survive a rejecting rule', async () => {
  const ok = repoRule('UNKNOWN_COMMIT_ID', async ({ msg, report }) => {
    await Promise.resolve();
    report({ message: 'unknown', range: span(msg.startLine, 0, 1) });
  });
  const bad = repoRule('REJECTS', async () => {
    throw new Error('git died');
  });
  assert.deepEqual(await runRepoRules(doc(2), defaultConfig(), null, { rules: [ok] }), []);
  const errors: string[] = [];
  const found = await runRepoRules(doc(2), defaultConfig(), fakeRepo, { rules: [bad, ok], onRuleError: (id) => errors.push(id) });
  assert.deepEqual(found.map((f) => [f.rule, f.messageIndex]), [
    ['UNKNOWN_COMMIT_ID', 0],
    ['UNKNOWN_COMMIT_ID', 1],
  ]);
  assert.deepEqual(errors, ['REJECTS', 'REJECTS']);
});

test('series rules are filtered like the others; a message alone is not judged', () => {
  const d = doc(2);
  const items = d.messages.map((msg, i) => ({ file: `/x/000${i + 1}.patch`, doc: d, msg }));
  const series = { key: 'v1 of x', version: 1, total: 2, items, cover: null } as Series;
  const rule: SeriesRule = {
    kind: 'series',
    id: 'SERIES_NUMBERING',
    severity: 'warning',
    description: '',
    doc: '',
    profiles: ['kernel'],
    origin: null,
    check: ({ report }) => {
      report({ message: 'gap', range: span(0, 0, 1), item: 1 });
      return undefined;
    },
  };
  assert.equal(runSeriesRules(series, defaultConfig('kernel'), { rules: [rule] })[0]?.item, 1);
  assert.equal(runSeriesRules(series, defaultConfig('qemu'), { rules: [rule] }).length, 0);
  assert.equal(runSeriesRules(series, mergeConfig([{ severity: { SERIES_NUMBERING: 'error' } }]), { rules: [rule] })[0]?.severity, 'error');
  assert.equal(runSeriesRules(series, mergeConfig([{ ignore: ['SERIES_NUMBERING'] }]), { rules: [rule] }).length, 0);
  // One message: nothing to compare it with, no series rule runs.
  assert.equal(runSeriesRules({ ...series, items: items.slice(0, 1) }, defaultConfig('kernel'), { rules: [rule] }).length, 0);
});

test('the registry keeps every rule module: a TYPE may have both a text and a repository rule', () => {
  const all = registry.allRules();
  const keys = all.map((r) => `${r.kind}:${r.id}`);
  assert.equal(new Set(keys).size, keys.length, 'no rule registered twice');
  // GIT_COMMIT_ID checks the reference's form from the text and its title against the commit.
  assert.ok(registry.textRules().some((r) => r.id === 'GIT_COMMIT_ID'), 'text GIT_COMMIT_ID');
  assert.ok(registry.repoRules().some((r) => r.id === 'GIT_COMMIT_ID'), 'repository GIT_COMMIT_ID');
  // BAD_FIXES_TAG likewise: its form from the text, its fix from the commit when the sha is short.
  assert.ok(registry.textRules().some((r) => r.id === 'BAD_FIXES_TAG'), 'text BAD_FIXES_TAG');
  assert.ok(registry.repoRules().some((r) => r.id === 'BAD_FIXES_TAG'), 'repository BAD_FIXES_TAG');
  assert.equal(registry.getRule('BAD_FIXES_TAG')?.kind, 'text');
  for (const id of ['UNKNOWN_COMMIT_ID', 'FIXES_UNKNOWN_COMMIT', 'FIXES_TITLE_MISMATCH', 'AUTHOR_IDENTITY_MISMATCH']) {
    assert.ok(registry.repoRules().some((r) => r.id === id), id);
  }
  assert.equal(registry.getRule('GIT_COMMIT_ID')?.kind, 'text', 'hover docs come from the first registration');
});

test('a repository finding replaces the findings of its rule on the same range, and nothing else', () => {
  const f = (rule: string, line: number, from: number, to: number, message: string, fix = false): Finding => ({
    rule,
    severity: 'warning',
    message,
    range: span(line, from, to),
    ...(fix ? { fix: { title: 'fix', edits: [{ range: span(line, from, to), newText: 'x' }], safety: 'safe' as const } } : {}),
  });
  const text = [f('BAD_FIXES_TAG', 3, 0, 20, 'short sha'), f('BAD_FIXES_TAG', 5, 0, 20, 'other line'), f('TYPO', 3, 0, 20, 'same range, other rule')];
  const repo = [f('BAD_FIXES_TAG', 3, 0, 20, 'short sha, from the commit', true), f('FIXES_TITLE_MISMATCH', 5, 0, 20, 'title')];
  assert.deepEqual(
    withRepoFindings(text, repo).map((x) => `${x.rule}:${x.range.start.line}:${x.message}:${x.fix ? 'fix' : '-'}`),
    [
      'BAD_FIXES_TAG:5:other line:-',
      'TYPO:3:same range, other rule:-',
      'BAD_FIXES_TAG:3:short sha, from the commit:fix',
      'FIXES_TITLE_MISMATCH:5:title:-',
    ],
  );
  // A different range (a longer or shorter span of the same line) is another finding.
  assert.equal(withRepoFindings([f('BAD_FIXES_TAG', 3, 0, 20, 'a')], [f('BAD_FIXES_TAG', 3, 0, 21, 'b')]).length, 2);
  assert.deepEqual(withRepoFindings(text, []), text);
});

test('context.report fills in the id and severity from the metadata; an undeclared id or variant is a rule error', () => {
  const rule = textRule('BAD_SIGN_OFF', 'warning', { variants: { loud: 'error' } }, (l) => [
    { message: 'plain', range: span(l, 0, 1) },
    { variant: 'loud', message: 'loud', range: span(l, 0, 1) },
  ]);
  assert.deepEqual(
    runTextRules(doc(1), defaultConfig(), { rules: [rule] }).map((f) => [f.rule, f.severity, f.message]),
    [
      ['BAD_SIGN_OFF', 'warning', 'plain'],
      ['BAD_SIGN_OFF', 'error', 'loud'],
    ],
  );
  for (const bad of [{ id: 'NOT_DECLARED' }, { variant: 'nope' }]) {
    const errors: string[] = [];
    const r = textRule('X_RULE', 'warning', {}, (l) => [{ ...bad, message: 'x', range: span(l, 0, 1) }]);
    assert.deepEqual(runTextRules(doc(1), defaultConfig(), { rules: [r], onRuleError: (id) => errors.push(id) }), []);
    assert.deepEqual(errors, ['X_RULE']);
  }
});
