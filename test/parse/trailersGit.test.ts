/**
 * Our trailer block must be git's: compared with the corpus' recorded
 * `git interpret-trailers --parse` output and, independently of the corpus, with the installed git.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTrailerForGit, parseTrailerBlock } from '../../server/src/parse/trailers';
import { ArrayLines } from '../../server/src/model/lines';

const repoRoot = path.resolve(__dirname, '../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/kvm-unit-tests/trailers');

/** Lines of a file as git sees them: the text after the last newline is not a line. */
function toLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function ours(message: string, commentChar?: string): string[] {
  const lines = toLines(message);
  const block = parseTrailerBlock(new ArrayLines(lines), 0, lines.length, { titleInRegion: true, commentChar });
  return block ? block.trailers.map(formatTrailerForGit) : [];
}

test('trailers of every corpus message equal git interpret-trailers --parse', (t) => {
  if (!fs.existsSync(corpusDir)) {
    t.skip(`corpus not found at ${corpusDir}`);
    return;
  }
  const msgs = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.msg')).sort();
  assert.ok(msgs.length > 0, 'corpus has no .msg files');
  const mismatches: string[] = [];
  for (const f of msgs) {
    const msg = fs.readFileSync(path.join(corpusDir, f), 'utf8');
    const expected = toLines(fs.readFileSync(path.join(corpusDir, f.replace(/\.msg$/, '.trailers')), 'utf8'));
    const actual = ours(msg);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      mismatches.push(`${f}:\n  git:  ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(actual)}`);
    }
  }
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${msgs.length} differ:\n${mismatches.join('\n')}`);
});

let gitHome: string | null = null;

function gitParse(message: string): Promise<string[]> {
  gitHome ??= fs.mkdtempSync(path.join(os.tmpdir(), 'patchsmith-trailers-'));
  const home = gitHome;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['interpret-trailers', '--parse'],
      {
        cwd: home,
        timeout: 10_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          XDG_CONFIG_HOME: home,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_CEILING_DIRECTORIES: path.dirname(home),
          LC_ALL: 'C',
        },
      },
      (err, stdout) => (err ? reject(err) : resolve(toLines(stdout))),
    );
    child.stdin?.end(message);
  });
}

function gitAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['--version'], { timeout: 5_000 }, (err) => resolve(!err));
  });
}

/** Edge cases, each compared with the installed git (and the expectation we hold for git 2.39). */
const CASES: { name: string; msg: string; expect: string[] }[] = [
  {
    name: 'plain sign-off block',
    msg: 'title\n\nBody text.\n\nSigned-off-by: A <a@example.org>\nCc: b@example.org\n',
    expect: ['Signed-off-by: A <a@example.org>', 'Cc: b@example.org'],
  },
  {
    name: '25% rule holds: one SoB and three text lines',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\nsome text\nmore text\nand more\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: '25% rule fails: one SoB and four text lines',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\nsome text\nmore text\nand more\nyet more\n',
    expect: [],
  },
  {
    name: 'no git-generated prefix: any text line rejects the block',
    msg: 'title\n\nbody\n\nReviewed-by: A <a@example.org>\nsome text\n',
    expect: [],
  },
  {
    name: 'continuation lines are joined with single spaces',
    msg: 'title\n\nbody\n\nFixes: 123456789abc ("a very long\n  title that wraps")\nSigned-off-by: A <a@example.org>\n',
    expect: ['Fixes: 123456789abc ("a very long title that wraps")', 'Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'continuation with trailing spaces before the break',
    msg: 'title\n\nbody\n\nKey: one  \n\t two\nSigned-off-by: A <a@example.org>\n',
    expect: ['Key: one   two', 'Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'Key : v is normalised; empty values keep the space',
    msg: 'title\n\nbody\n\nAcked-by : A <a@example.org>\nEmpty:\nSigned-off-by: A <a@example.org>\n',
    expect: ['Acked-by: A <a@example.org>', 'Empty: ', 'Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'Key word: v is not a trailer',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\nNot a: trailer\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'URL lines parse as trailers',
    msg: 'title\n\nbody\n\nLink: https://lore.kernel.org/r/1@x\nhttps://example.org/bug/1\n',
    expect: ['Link: https://lore.kernel.org/r/1@x', 'https: //example.org/bug/1'],
  },
  {
    name: 'comment lines are skipped',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n# a comment\nCc: b@example.org\n# trailing comment\n',
    expect: ['Signed-off-by: A <a@example.org>', 'Cc: b@example.org'],
  },
  {
    name: 'the title paragraph is never the trailer block',
    msg: 'subsys: Fix: the thing\n',
    expect: [],
  },
  {
    name: 'trailer-like title with a trailer-like second line',
    msg: 'Key: value\nOther: value\n',
    expect: [],
  },
  {
    name: 'title then a trailer block right after',
    msg: 'title\n\nSigned-off-by: A <a@example.org>\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'a non-trailer paragraph before the block',
    msg: 'title\n\nThis explains: things.\nAnd more.\n\nReviewed-by: A <a@example.org>\n',
    expect: ['Reviewed-by: A <a@example.org>'],
  },
  {
    name: 'cherry-picked line counts as git-generated but is not printed',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'cherry-picked line alone allows a text line',
    msg: 'title\n\nbody\n\nsome text\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\nReviewed-by: A <a@example.org>\n',
    expect: ['Reviewed-by: A <a@example.org>'],
  },
  {
    name: 'Signed-off-by inside a text paragraph that is not last',
    msg: 'title\n\nSome text\nSigned-off-by: A <a@example.org>\nmore text\n\nFinal words here.\n',
    expect: [],
  },
  {
    name: 'everything after --- is ignored',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n---\nNotes: not a trailer\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: '--- followed by text is a cut as well',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n--- v2: changed\nNotes: x\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: '---- without whitespace is not a cut',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n----\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'trailing blank and comment lines are ignored',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n\n\n# Please enter the commit message\n#\n\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'scissors line cuts the message',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n# ------------------------ >8 ------------------------\nKey: v\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'continuation without a trailer before it is a non-trailer line',
    msg: 'title\n\nbody\n\n  indented text\nSigned-off-by: A <a@example.org>\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'whitespace-only lines after the block',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n   \n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'b4 bracketed note after a trailer',
    msg: 'title\n\nbody\n\nReported-by: A <a@example.org>\n[ handler: reworded the log ]\nSigned-off-by: B <b@example.org>\n',
    expect: ['Reported-by: A <a@example.org>', 'Signed-off-by: B <b@example.org>'],
  },
  {
    name: 'Signed-off-by without a space is not git-generated',
    msg: 'title\n\nbody\n\nSigned-off-by:A <a@example.org>\nsome text\n',
    expect: [],
  },
  {
    name: 'tab between key and separator',
    msg: 'title\n\nbody\n\nCc\t: a@example.org\n',
    expect: ['Cc: a@example.org'],
  },
  {
    name: 'old Conflicts: block at the end is ignored',
    msg: 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n\nConflicts:\n\tfile.c\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
  {
    name: 'CRLF line endings',
    msg: 'title\r\n\r\nbody\r\n\r\nSigned-off-by: A <a@example.org>\r\nCc: b@example.org\r\n',
    expect: ['Signed-off-by: A <a@example.org>', 'Cc: b@example.org'],
  },
  {
    name: 'comment before the title',
    msg: '# comment\ntitle\nSigned-off-by: A <a@example.org>\n',
    expect: [],
  },
  {
    name: 'blank-line-only title region',
    msg: '\nSigned-off-by: A <a@example.org>\n',
    expect: ['Signed-off-by: A <a@example.org>'],
  },
];

test('edge cases: ours equals the installed git interpret-trailers --parse', async (t) => {
  if (!(await gitAvailable())) {
    t.skip('git is not installed');
    return;
  }
  const failures: string[] = [];
  for (const c of CASES) {
    const git = await gitParse(c.msg);
    const mine = ours(c.msg);
    if (JSON.stringify(git) !== JSON.stringify(mine)) {
      failures.push(`${c.name}:\n  git:  ${JSON.stringify(git)}\n  ours: ${JSON.stringify(mine)}`);
    }
  }
  assert.equal(failures.length, 0, failures.join('\n'));
});

test('edge cases: ours equals what git 2.39 prints', () => {
  for (const c of CASES) assert.deepEqual(ours(c.msg), c.expect, c.name);
});

test('a mail body (title outside the region) may start with its trailer block', () => {
  const lines = ['From: A <a@example.org>', 'Subject: [PATCH] x', '', 'Signed-off-by: A <a@example.org>', '---'];
  const block = parseTrailerBlock(new ArrayLines(lines), 3, 4, { titleInRegion: false });
  assert.ok(block);
  assert.deepEqual(block.trailers.map(formatTrailerForGit), ['Signed-off-by: A <a@example.org>']);
  assert.equal(block.startLine, 3);
  assert.equal(block.endLine, 3);
  // The same region read as a bare commit message has only a title.
  assert.equal(parseTrailerBlock(new ArrayLines(lines), 3, 4, { titleInRegion: true }), null);
});

test('another comment character', () => {
  const msg = 'title\n\nbody\n\nSigned-off-by: A <a@example.org>\n; comment\n';
  assert.deepEqual(ours(msg, ';'), ['Signed-off-by: A <a@example.org>']);
  // With `#` the `; comment` line is text, and one text line to one SoB passes the 25% rule.
  assert.deepEqual(ours(msg), ['Signed-off-by: A <a@example.org>']);
});

test.after(() => {
  if (gitHome) fs.rmSync(gitHome, { recursive: true, force: true });
});
