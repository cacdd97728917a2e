import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/config/defaults';
import { mergeConfig } from '../../server/src/config/layer';
import { parseCheckpatchConf } from '../../server/src/config/checkpatchConf';
import { parsePatchsmithJson } from '../../server/src/config/patchsmithJson';
import { checkpatchConfDirs, loadConfig, type ConfigReader } from '../../server/src/config/load';

test('profile defaults: kernel 75 columns, qemu 76', () => {
  assert.equal(defaultConfig('kernel').maxLineLength, 75);
  assert.equal(defaultConfig('qemu').maxLineLength, 76);
  assert.equal(defaultConfig().profile, 'kernel');
  assert.equal(defaultConfig().strict, false);
});

test('.checkpatch.conf: several options per line, comments, = and separate values, upper-cased types', () => {
  const conf = parseCheckpatchConf(
    [
      '# kernel tree settings',
      '--no-tree --strict   # trailing comment --ignore NOT_THIS',
      '--ignore=file_path_changes,SPDX_LICENSE_TAG',
      '--ignore',
      '  GERRIT_CHANGE_ID --show-types --max-line-length=100',
      '-q --terse --no-color',
      '',
    ].join('\n'),
  );
  assert.deepEqual(conf.layer.ignore, ['FILE_PATH_CHANGES', 'SPDX_LICENSE_TAG', 'GERRIT_CHANGE_ID']);
  assert.equal(conf.layer.strict, true);
  assert.equal(conf.codeMaxLineLength, 100);
  assert.equal(conf.layer.maxLineLength, undefined, 'checkpatch --max-line-length is the code limit, not the commit-log one');
  assert.deepEqual(conf.problems, []);
  assert.ok(conf.ignoredOptions.includes('--no-tree'));
});

test('.checkpatch.conf: negations, abbreviations, CRLF, mistakes reported with their position', () => {
  assert.equal(parseCheckpatchConf('--strict\r\n--no-strict\r\n').layer.strict, false);
  assert.equal(parseCheckpatchConf('--nosubjective').layer.strict, false);
  assert.equal(parseCheckpatchConf('--subjective').layer.strict, true);
  assert.equal(parseCheckpatchConf('--max-line=80').codeMaxLineLength, 80);
  assert.deepEqual(parseCheckpatchConf('--ignore=A\r\n').layer.ignore, ['A']);
  const bad = parseCheckpatchConf('--strict\n  --frobnicate --max-line-length=wide\n--ignore', '/x/.checkpatch.conf');
  assert.equal(bad.layer.strict, true);
  assert.deepEqual(
    bad.problems.map((p) => [p.range.start.line, p.range.start.character, p.severity]),
    [
      [1, 2, 'warning'],
      [1, 15, 'warning'],
      [2, 0, 'warning'],
    ],
  );
  assert.match(bad.problems[0]!.message, /unknown checkpatch option '--frobnicate'/);
  assert.equal(bad.problems[0]!.file, '/x/.checkpatch.conf');
  assert.deepEqual(parseCheckpatchConf('').layer, {});
});

test('.patchsmith.json: all settings', () => {
  const r = parsePatchsmithJson(
    JSON.stringify({ profile: 'qemu', severity: { COMMIT_LOG_LONG_LINE: 'error', FILE_PATH_CHANGES: 'off' }, trailerOrder: ['fixes*', 'reported*', '*'], maxLineLength: 80, ignore: ['GERRIT_CHANGE_ID'], strict: true }),
  );
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.layer, {
    profile: 'qemu',
    severity: { COMMIT_LOG_LONG_LINE: 'error', FILE_PATH_CHANGES: 'off' },
    trailerOrder: ['fixes*', 'reported*', '*'],
    maxLineLength: 80,
    ignore: ['GERRIT_CHANGE_ID'],
    strict: true,
  });
});

test('.patchsmith.json: bad JSON gives one error with line and column, never a throw', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{\n  "profile": "qemu",\n}\n', 2, 0, /property name .*trailing comma/],
    ['{\n  "profile": "qemu"\n  "strict": true\n}', 2, 2, /expected ',' or '}'/],
    ['', 0, 0, /expected a value but found end of file/],
    ['{"profile": "qemu', 0, 12, /unterminated string/],
    ['{"a": 1} x', 0, 9, /after the end/],
    ['// comment\n{}', 0, 0, /expected a value/],
  ];
  for (const [text, line, column, message] of cases) {
    const r = parsePatchsmithJson(text, 'repo/.patchsmith.json');
    assert.equal(r.problems.length, 1, text);
    const p = r.problems[0]!;
    assert.equal(p.severity, 'error');
    assert.match(p.message, /^invalid JSON: /);
    assert.match(p.message, message, text);
    assert.deepEqual([p.range.start.line, p.range.start.character], [line, column], text);
    assert.deepEqual(r.layer, {});
  }
});

test('.patchsmith.json: bad settings are reported where they are; the good ones still apply', () => {
  const text = [
    '{',
    '  "profile": "linux",',
    '  "severity": { "BAD_SIGN_OFF": "fatal", "bad id": "error", "COMMIT_LOG_LONG_LINE": "hint", "NO_SUCH_RULE": "off" },',
    '  "trailerOrder": "fixes*",',
    '  "maxLineLength": 0,',
    '  "strict": "yes",',
    '  "colour": true,',
    '  "ignore": ["PATCH_PREFIX"]',
    '}',
  ].join('\n');
  const r = parsePatchsmithJson(text, undefined, new Set(['BAD_SIGN_OFF', 'COMMIT_LOG_LONG_LINE', 'PATCH_PREFIX']));
  assert.deepEqual(r.layer, { severity: { COMMIT_LOG_LONG_LINE: 'hint', NO_SUCH_RULE: 'off' }, ignore: ['PATCH_PREFIX'] });
  const got = r.problems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.severity} ${p.message}`);
  assert.equal(got.length, 8, got.join('\n'));
  assert.match(got[0]!, /^1:13 error "profile" must be one of "kernel", "qemu", "git", not "linux"/);
  assert.match(got[1]!, /^2:32 error "severity.BAD_SIGN_OFF" must be one of .*not "fatal"/);
  assert.match(got[2]!, /^2:41 error "severity": "bad id" is not a rule id/);
  assert.match(got[3]!, /^2:92 warning "severity": no rule has the id NO_SUCH_RULE/);
  assert.match(got[4]!, /^3:18 error "trailerOrder" must be an array/);
  assert.match(got[5]!, /^4:19 error "maxLineLength" must be a whole number/);
  assert.match(got[6]!, /^5:12 error "strict" must be true or false, not "yes"/);
  assert.match(got[7]!, /^6:2 warning unknown setting "colour"/);
  assert.equal(parsePatchsmithJson('[1]').problems[0]?.message, 'the settings must be a JSON object, not an array');
});

test('merge order: defaults(profile) < .checkpatch.conf < .patchsmith.json < command line', () => {
  const conf = parseCheckpatchConf('--strict --ignore A,B').layer;
  const json = parsePatchsmithJson('{"profile": "qemu", "strict": false, "severity": {"A": "error"}}').layer;
  const merged = mergeConfig([conf, json, { ignore: ['C'], severity: { D: 'off' } }]);
  assert.equal(merged.profile, 'qemu');
  assert.equal(merged.maxLineLength, 76, 'the profile chosen by a later layer brings its defaults');
  assert.equal(merged.strict, false);
  assert.deepEqual([...merged.ignore].sort(), ['A', 'B', 'C']);
  assert.deepEqual(merged.severity, { A: 'error', D: 'off' });
  assert.equal(mergeConfig([json, { profile: 'kernel' }]).maxLineLength, 75);
  assert.equal(mergeConfig([json, { maxLineLength: 72 }]).maxLineLength, 72);
});

function memoryReader(files: Record<string, string>): ConfigReader {
  const all = new Map(Object.entries(files).map(([k, v]) => [path.resolve(k), v]));
  const dirs = new Set<string>();
  for (const f of all.keys()) for (let d = path.dirname(f); d !== path.dirname(d); d = path.dirname(d)) dirs.add(d);
  return {
    readFile: async (f) => all.get(path.resolve(f)) ?? null,
    exists: async (f) => all.has(path.resolve(f)) || dirs.has(path.resolve(f)),
  };
}

test('.checkpatch.conf search: nearest walking up to the repository root, then $HOME', () => {
  assert.deepEqual(checkpatchConfDirs('/r/a/b', '/r', '/home/u'), ['/r/a/b', '/r/a', '/r', '/home/u']);
  assert.deepEqual(checkpatchConfDirs('/elsewhere', '/r', '/home/u'), ['/elsewhere', '/home/u']);
  assert.deepEqual(checkpatchConfDirs('/r', null, null), ['/r']);
});

test('loadConfig finds the files, merges them and reports their problems', async () => {
  const reader = memoryReader({
    '/r/.git/HEAD': 'ref: refs/heads/main\n',
    '/r/.checkpatch.conf': '--ignore ROOT_LEVEL',
    '/r/outgoing/.checkpatch.conf': '--strict --ignore NEAREST',
    '/r/.patchsmith.json': '{"profile": "qemu", "maxLineLength": "x"}',
    '/home/u/.checkpatch.conf': '--ignore HOME_LEVEL',
  });
  const loaded = await loadConfig({ dir: '/r/outgoing/v2', home: '/home/u', reader, overrides: { ignore: ['CLI'] } });
  assert.equal(loaded.repoRoot, path.resolve('/r'));
  assert.deepEqual(loaded.files, [path.resolve('/r/outgoing/.checkpatch.conf'), path.resolve('/r/.patchsmith.json')]);
  assert.deepEqual([...loaded.config.ignore].sort(), ['CLI', 'NEAREST']);
  assert.equal(loaded.config.strict, true);
  assert.equal(loaded.config.profile, 'qemu');
  assert.equal(loaded.config.maxLineLength, 76);
  assert.equal(loaded.problems.length, 1);
  assert.equal(loaded.problems[0]!.file, path.resolve('/r/.patchsmith.json'));

  const outside = await loadConfig({ dir: '/tmp/patches', home: '/home/u', reader });
  assert.equal(outside.repoRoot, null);
  assert.deepEqual([...outside.config.ignore], ['HOME_LEVEL']);
  const nothing = await loadConfig({ dir: '/tmp/patches', home: null, reader });
  assert.deepEqual(nothing.files, []);
  assert.deepEqual(nothing.config, defaultConfig('kernel'));
});
