import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { withMallocTunables } from '../../server/src/io/mallocTunables';
import { releaseLastMatch } from '../../server/src/io/leanHeap';

test('withMallocTunables: adds the allocator settings, keeps the rest of the environment', () => {
  const env = withMallocTunables({ PATH: '/usr/bin', HOME: undefined });
  assert.equal(env.PATH, '/usr/bin');
  assert.ok(!('HOME' in env));
  assert.equal(env.GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2');
});

test('withMallocTunables: a tunable the user set wins; their other tunables are kept', () => {
  const env = withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=8:glibc.cpu.hwcaps=-AVX2' });
  assert.equal(env.GLIBC_TUNABLES, 'glibc.malloc.arena_max=8:glibc.cpu.hwcaps=-AVX2:glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072');
  // Applied twice: nothing more.
  assert.equal(withMallocTunables(env).GLIBC_TUNABLES, env.GLIBC_TUNABLES);
});

const loader = '/lib64/ld-linux-x86-64.so.2';
test('withMallocTunables: glibc reads the settings (its loader lists them as set)', { skip: existsSync(loader) ? false : `no glibc loader at ${loader}` }, () => {
  const out = execFileSync(loader, ['--list-tunables'], { env: withMallocTunables({}), encoding: 'utf8', timeout: 20_000 });
  const value = (name: string): string | undefined => new RegExp(`^glibc\\.malloc\\.${name}: (\\S+)`, 'm').exec(out)?.[1];
  assert.equal(value('mmap_threshold'), '0x10000');
  assert.equal(value('trim_threshold'), '0x20000');
  assert.equal(value('arena_max'), '0x2');
});

test('releaseLastMatch: the last match no longer names a huge text', () => {
  const huge = 'x'.repeat(1 << 20) + 'needle';
  assert.ok(/needle/.test(huge.slice(1000)));
  // V8 keeps the subject for RegExp.input / RegExp.lastMatch (legacy statics).
  const statics = RegExp as unknown as { input: string };
  assert.equal(statics.input.length, huge.length - 1000);
  releaseLastMatch();
  assert.equal(statics.input, '');
});
