/**
 * Repository rules against real temporary git repositories: commit and Fixes: references looked
 * up (unknown shas, wrong titles, fixes written from the repository) and the author's identity
 * compared with `git config user.*`.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openRepository, type GitRepository } from '../../../server/src/git/gitRepository';
import type { Repository } from '../../../server/src/git/repository';
import { repoRules } from '../../../server/src/rules/repo';
import { unknownCommitId } from '../../../server/src/rules/repo/unknownCommitId';
import { commitTitleMismatch } from '../../../server/src/rules/repo/commitTitleMismatch';
import { fixesUnknownCommit } from '../../../server/src/rules/repo/fixesUnknownCommit';
import { fixesTitleMismatch } from '../../../server/src/rules/repo/fixesTitleMismatch';
import { authorIdentityMismatch } from '../../../server/src/rules/repo/authorIdentityMismatch';
import { fixesTagFromRepo } from '../../../server/src/rules/repo/fixesTagFromRepo';
import { badFixesTag } from '../../../server/src/rules/trailers/badFixesTag';
import { gitCommitId } from '../../../server/src/rules/commitlog/gitCommitId';
import { runRepoRules, runTextRules, withRepoFindings } from '../../../server/src/rules/engine';
import { parsePatch } from '../../../server/src/parse/parsePatch';
import { commit, isolateGitConfig, makeRepo, removeRepo } from '../../helpers/gitRepo';
import { config, rangeOf, repoRuleTester, replace, run, runRepo } from '../harness';

isolateGitConfig();

const repoRoot = path.resolve(__dirname, '../../../..');
const TEMPLATE = fs.readFileSync(path.join(repoRoot, 'test/fixtures/rules/repo/patch.patch'), 'utf8');
const TITLE = 'mm: rework the reclaim counter';

let dir = '';
let repo: GitRepository;
let sha = '';
/** The fixture with the real sha of the referenced commit. */
let PATCH = '';

before(async () => {
  dir = await makeRepo({ user: { name: 'Jane Doe', email: 'jane@example.org' } });
  await commit(dir, { message: 'mm: add the reclaim counter\n', files: { 'mm/vmscan.c': 'int count;\n' } });
  sha = await commit(dir, { message: `${TITLE}\n\nLonger text.\n`, files: { 'mm/vmscan.c': 'long count;\n' } });
  const r = await openRepository(dir);
  assert.ok(r, 'a repository');
  repo = r;
  PATCH = TEMPLATE.replaceAll('SHA12', sha.slice(0, 12));
});

after(async () => {
  repo?.dispose();
  if (dir) await removeRepo(dir);
});

test('a patch whose references are right passes every repository rule', async () => {
  for (const rule of repoRules) assert.deepEqual(await runRepo(rule, PATCH, repo), [], rule.id);
});

const theRepo = (): Repository => repo;
const sha12 = (): string => sha.slice(0, 12);
const fixesLine = (): string => `Fixes: ${sha12()} ("${TITLE}")`;
const commitRef = (): string => `commit ${sha12()} ("${TITLE}")`;
/** A repository that cannot tell ambiguous from unknown (lookupCommit only). */
const minimal = (): Repository => ({
  root: dir,
  lookupCommit: (p) => repo.lookupCommit(p),
  isReachableFromHead: (s) => repo.isReachableFromHead(s),
  identity: () => repo.identity(),
  dispose: () => undefined,
});

// UNKNOWN_COMMIT_ID: a commit the repository does not have; also with a repository that
// cannot tell ambiguous from unknown.
repoRuleTester(unknownCommitId, theRepo, () => {
  const text = replace(PATCH, `commit ${sha12()} (`, 'commit deadbeef0123 (');
  return {
    valid: [
      { name: 'known commits', text: PATCH },
      { name: 'an unknown Fixes: is not UNKNOWN_COMMIT_ID', text: replace(PATCH, fixesLine(), `Fixes: deadbeef0123 ("${TITLE}")`) },
      { name: 'known commits, lookupCommit only', text: PATCH, repo: minimal() },
    ],
    invalid: [
      { name: 'an unknown commit', text, errors: [{ message: "Unknown commit id 'deadbeef0123', maybe rebased or not pulled?", range: rangeOf(text, 'deadbeef0123'), output: null }] },
      { name: 'an unknown commit, lookupCommit only', text, repo: minimal(), errors: [{ range: rangeOf(text, 'deadbeef0123') }] },
    ],
  };
});

// GIT_COMMIT_ID (repository): the quoted title is not the commit title, or the sha is short; the
// fix writes the reference from the repository.
repoRuleTester(commitTitleMismatch, theRepo, () => {
  const wrong = replace(PATCH, commitRef(), `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`);
  const short = replace(PATCH, commitRef(), `commit ${sha.slice(0, 8)} ("${TITLE}")`);
  return {
    valid: [{ name: 'the right reference', text: PATCH }],
    invalid: [
      {
        name: 'a wrong title',
        text: wrong,
        errors: [
          {
            rule: 'GIT_COMMIT_ID', // checkpatch's TYPE, so --ignore lists carry over
            severity: 'error',
            message: `The title of commit ${sha12()} is "${TITLE}", not "mm: rework reclaim": write '${commitRef()}'`,
            range: rangeOf(wrong, `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`),
            output: PATCH,
          },
        ],
      },
      {
        name: 'a short sha with the right title',
        text: short,
        errors: [
          {
            rule: 'GIT_COMMIT_ID',
            message: `Please use git commit description style 'commit <12+ chars of sha1> ("<title line>")' - ie: '${commitRef()}': the sha has 8 hex digits, use at least 12`,
            range: rangeOf(short, `commit ${sha.slice(0, 8)} ("${TITLE}")`),
            output: PATCH,
          },
        ],
      },
      {
        name: 'a short sha and an unquoted title',
        text: replace(PATCH, commitRef(), `Commit ${sha.slice(0, 6)} (${TITLE})`),
        errors: [{ rule: 'GIT_COMMIT_ID', output: replace(PATCH, commitRef(), `Commit ${sha12()} ("${TITLE}")`) }],
      },
    ],
  };
});

// FIXES_UNKNOWN_COMMIT: a Fixes: tag naming a commit the repository does not have.
repoRuleTester(fixesUnknownCommit, theRepo, () => {
  const unknown = replace(PATCH, fixesLine(), `Fixes: deadbeef0123 ("${TITLE}")`);
  return {
    valid: [
      { name: 'a known commit', text: PATCH },
      { name: 'an unknown commit outside Fixes:', text: replace(PATCH, `commit ${sha12()} (`, 'commit deadbeef0123 (') },
    ],
    invalid: [{ name: 'an unknown commit', text: unknown, errors: [{ range: rangeOf(unknown, 'deadbeef0123'), output: null }] }],
  };
});

// FIXES_TITLE_MISMATCH: the Fixes: title is not the commit's (or missing); the fix writes it.
repoRuleTester(fixesTitleMismatch, theRepo, () => ({
  valid: [
    { name: 'the right tag', text: PATCH },
    // Only the format is wrong: BAD_FIXES_TAG's business, not a title mismatch.
    { name: 'only the format is wrong', text: replace(PATCH, fixesLine(), `Fixes: ${sha.slice(0, 8)} ("${TITLE}")`) },
  ],
  invalid: [`Fixes: ${sha.slice(0, 8)} ("mm: rework reclaim")`, `Fixes: ${sha12()}`, `fixes: ${sha} ("typo")`].map((bad) => {
    const text = replace(PATCH, fixesLine(), bad);
    return { name: bad.replace(sha, '<sha>').replace(sha.slice(0, 12), '<sha12>').replace(sha.slice(0, 8), '<sha8>'), text, errors: [{ range: rangeOf(text, bad), output: PATCH }] };
  }),
}));

// AUTHOR_IDENTITY_MISMATCH: your patch under another identity; not for patches you forward.
repoRuleTester(authorIdentityMismatch, theRepo, () => {
  const FROM = 'From: Jane Doe <jane@example.org>';
  const old = replace(PATCH, FROM, 'From: Jane Doe <jane@old.example.com>');
  const name = replace(PATCH, FROM, 'From: jdoe <jane@example.org>');
  return {
    valid: [
      { name: 'your identity', text: PATCH },
      {
        name: 'a patch you forward',
        text: replace(
          replace(PATCH, FROM, 'From: John Roe <john@example.org>'),
          'Signed-off-by: Jane Doe <jane@example.org>',
          'Signed-off-by: John Roe <john@example.org>\nSigned-off-by: Jane Doe <jane@example.org>',
        ),
      },
    ],
    invalid: [
      { name: 'an old address', text: old, errors: [{ severity: 'information', range: rangeOf(old, 'Jane Doe <jane@old.example.com>'), output: PATCH }] },
      { name: 'another name', text: name, errors: [{ message: "The author's name 'jdoe' differs from git config user.name 'Jane Doe'", output: PATCH }] },
    ],
  };
});

// BAD_FIXES_TAG (repository): a sha too short for the text rule is written from the commit when
// the title is right; other forms the text rule cannot fix; the line ends as git writes it.
repoRuleTester(fixesTagFromRepo, theRepo, () => {
  const short = replace(PATCH, fixesLine(), `Fixes: ${sha.slice(0, 7)} ("${TITLE}")`);
  return {
    // Nothing when the line is right, the title is wrong or missing (FIXES_TITLE_MISMATCH's) or the commit unknown.
    valid: [
      { name: 'the right line', text: PATCH },
      ...[`Fixes: ${sha.slice(0, 7)} ("mm: rework reclaim")`, `Fixes: ${sha.slice(0, 7)}`, `Fixes: deadbee ("${TITLE}")`].map((other, i) => ({
        name: ['a wrong title', 'no title', 'an unknown commit'][i],
        text: replace(PATCH, fixesLine(), other),
      })),
    ],
    invalid: [
      {
        name: 'a 7-digit sha',
        text: short,
        errors: [
          {
            rule: 'BAD_FIXES_TAG', // the same TYPE as the text finding it completes
            severity: 'warning',
            range: rangeOf(short, `Fixes: ${sha.slice(0, 7)} ("${TITLE}")`),
            message: `Please use correct Fixes: style 'Fixes: <12+ chars of sha1> ("<title line>")' - ie: '${fixesLine()}': the sha has 7 hex digits, use at least 12`,
            output: PATCH,
          },
        ],
      },
      ...[`fixes:  ${sha.slice(0, 9)} ("${TITLE}")`, `Fixes: ${sha.slice(0, 10)} (${TITLE})`, `Fixes: ${sha12().toUpperCase()} ("${TITLE}")`].map((bad, i) => ({
        name: ['lower case, two spaces, 9 digits', 'unquoted title, 10 digits', 'upper case'][i],
        text: replace(PATCH, fixesLine(), bad),
        errors: [{ rule: 'BAD_FIXES_TAG', output: PATCH }],
      })),
      // A long sha stays as long as written (the text rule's fix does the same).
      { name: 'a long sha', text: replace(PATCH, fixesLine(), `Fixes:${sha} ("${TITLE}")`), errors: [{ output: replace(PATCH, fixesLine(), `Fixes: ${sha} ("${TITLE}")`) }] },
    ],
  };
});

/** Every text and repository rule as the CLI and the server combine them (withRepoFindings). */
async function combined(text: string, id: string): Promise<{ rule: string; range: unknown; fix?: unknown; message: string }[]> {
  const doc = parsePatch(text);
  const cfg = config();
  const all = withRepoFindings(runTextRules(doc, cfg), await runRepoRules(doc, cfg, repo));
  return all.filter((f) => f.rule === id);
}

test('BAD_FIXES_TAG with a repository: one finding, the one with the fix', async () => {
  const text = replace(PATCH, fixesLine(), `Fixes: ${sha.slice(0, 7)} ("${TITLE}")`);
  // The text alone cannot lengthen the sha; the repository's finding replaces it, on its range.
  const plain = run(badFixesTag, text);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.fix, undefined, 'the text alone cannot lengthen the sha');
  assert.deepEqual((await runRepo(fixesTagFromRepo, text, repo))[0]?.range, plain[0]!.range);
  const f = await combined(text, 'BAD_FIXES_TAG');
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.ok(f[0]!.fix, 'with the fix from the repository');
  assert.deepEqual(await combined(text, 'FIXES_TITLE_MISMATCH'), [], 'the title is right');
});

test('GIT_COMMIT_ID with a repository: a short sha with the right title is one finding, with the fix', async () => {
  const ref = commitRef();
  const text = replace(PATCH, ref, `commit ${sha.slice(0, 8)} ("${TITLE}")`);
  const plain = run(gitCommitId, text);
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.fix, undefined, 'the text alone cannot lengthen the sha');
  assert.deepEqual((await runRepo(commitTitleMismatch, text, repo))[0]?.range, plain[0]!.range);

  const both = await combined(text, 'GIT_COMMIT_ID');
  assert.equal(both.length, 1, JSON.stringify(both));
  assert.ok(both[0]!.fix);
  // A short sha and a wrong title: one finding (the title's), whose fix also lengthens the sha.
  const wrong = replace(PATCH, ref, `commit ${sha.slice(0, 8)} ("mm: rework reclaim")`);
  const w = await combined(wrong, 'GIT_COMMIT_ID');
  assert.equal(w.length, 1, JSON.stringify(w));
  assert.match(w[0]!.message, /^The title of commit/);
  assert.deepEqual(await combined(PATCH, 'GIT_COMMIT_ID'), []);
});
