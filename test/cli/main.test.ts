import { test } from 'node:test';
import assert from 'node:assert/strict';
import { internalError, main } from '../../server/src/cli/main';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import type { CliIo } from '../../server/src/cli/io';

function buffers(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}

test('internal errors are one line; the stack only with PATCHSMITH_DEBUG=1', () => {
  const saved = process.env['PATCHSMITH_DEBUG'];
  try {
    delete process.env['PATCHSMITH_DEBUG'];
    assert.equal(internalError(new Error('boom\nsecond line')), 'patchsmith: internal error: boom\n');
    assert.equal(internalError('plain'), 'patchsmith: internal error: plain\n');
    process.env['PATCHSMITH_DEBUG'] = '1';
    assert.match(internalError(new Error('boom')), /^patchsmith: internal error: boom\nError: boom\n\s+at /);
  } finally {
    if (saved === undefined) delete process.env['PATCHSMITH_DEBUG'];
    else process.env['PATCHSMITH_DEBUG'] = saved;
  }
});

test('main returns exit statuses and writes one-line errors', async () => {
  const io = buffers();
  assert.equal(await main(['nope'], io), 2);
  assert.equal(io.err, "patchsmith: unknown command 'nope' (commands: check, parse, preview, series, lsp; see 'patchsmith --help')\n");
  const v = buffers();
  assert.equal(await main(['--version'], v), 0);
  assert.match(v.out, /^patchsmith \d+\.\d+\.\d+\n$/);
});

test('option parsing: values, repeats, = form, short options, --', () => {
  const spec = { format: { value: true }, ignore: { value: true, multiple: true }, fix: {}, output: { value: true, short: 'o' } };
  const a = parseArgs('check', ['--format=json', '--ignore', 'A', '--ignore=B', '-o', 'x.html', 'p1', '-', '--', '--fix'], spec);
  assert.deepEqual(Object.fromEntries(a.options), { format: ['json'], ignore: ['A', 'B'], output: ['x.html'] });
  assert.deepEqual(a.positionals, ['p1', '-', '--fix']);
  assert.throws(() => parseArgs('check', ['--fix=yes'], spec), (e: unknown) => e instanceof UsageError && /takes no value/.test(e.message));
  assert.throws(() => parseArgs('check', ['--format', 'a', '--format', 'b'], spec), /given twice/);
  assert.throws(() => parseArgs('check', ['--toString'], spec), /unknown option '--toString'/);
  assert.throws(() => parseArgs('check', ['-x'], spec), /unknown option '-x'/);
});
