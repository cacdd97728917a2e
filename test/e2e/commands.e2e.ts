/**
 * The palette commands end to end, in code-server driven by Chromium: Sign Off, Add Trailer…,
 * Bump Series Version and Export Series Preview as HTML…, run from the command palette (F1) and
 * checked in the editor and in the files on disk, as a user sees them.
 *
 * The workspace is a temporary git repository (never examples/ itself) holding a copy of
 * examples/v2, a copy of its first patch without the author's Signed-off-by, and
 * test/fixtures/e2e/MAINTAINERS; its own git config names the user (Ada Lovelace, the author of
 * the examples), so the identity does not depend on the machine's git config.
 * Run by `npm run test:e2e` (`node scripts/e2e/run.mjs commands` runs this file alone).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { E2E_SKIP, SetupError, repoRoot, tempDir, waitFor, type CodeServer } from './harness';
import {
  asSetupError,
  editorTextArea,
  goToLine,
  launchWorkbench,
  mod,
  openFile,
  pickRow,
  quickInput,
  runCommand,
  userSees as check,
  visibleLines,
} from './workbench';

const ME = 'Ada Lovelace <ada@example.org>';
const SIGN_OFF = `Signed-off-by: ${ME}`;
/** examples/v2/v2-0001 without its Signed-off-by, in a folder of its own. */
const UNSIGNED = 'signoff/0001-hwmon-tmp42x-Use-devm_mutex_init-unsigned.patch';
const SECOND = 'v2/v2-0002-hwmon-tmp42x-Fix-reading-negative-temperatures.patch';
const COVER = 'v2/v2-0000-cover-letter.patch';
/** The three patches of examples/v2 in one mbox (as `b4 am` writes it), the third without its sign-off. */
const MBOX = 'mbox/v2-tmp42x.mbox';
const MBOX_PARTS = [
  'v2-0001-hwmon-tmp42x-Use-devm_mutex_init.patch',
  'v2-0002-hwmon-tmp42x-Fix-reading-negative-temperatures.patch',
  'v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch',
];
const SUBJECTS = [
  'hwmon: (tmp42x) Negative temperatures and TMP423 support',
  'hwmon: (tmp42x) Use devm_mutex_init()',
  'hwmon: (tmp42x) Fix reading negative temperatures',
  'hwmon: (tmp42x) Add support for TMP423',
];

let tmp: { dir: string; remove: () => void } | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let setupFailure: Error | undefined;
let ws = '';

function git(cwd: string, args: string[]): void {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2025-03-01T12:00:00Z', GIT_COMMITTER_DATE: '2025-03-01T12:00:00Z' },
  });
  if (r.status !== 0) throw new SetupError(`git ${args.join(' ')} failed (exit ${r.status}): ${`${r.stderr ?? ''}${r.error?.message ?? ''}`.trim()}`);
}

/** The e2e workspace: a git repository with the user's identity in its own config. */
function makeWorkspace(dir: string): string {
  const root = path.join(dir, 'ws');
  mkdirSync(root, { recursive: true });
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['config', 'user.name', 'Ada Lovelace']);
  git(root, ['config', 'user.email', 'ada@example.org']);
  git(root, ['config', 'commit.gpgsign', 'false']);
  cpSync(path.join(repoRoot, 'test/fixtures/e2e/MAINTAINERS'), path.join(root, 'MAINTAINERS'));
  git(root, ['add', 'MAINTAINERS']);
  git(root, ['commit', '-q', '-m', 'MAINTAINERS: add the TMP42X driver']);
  cpSync(path.join(repoRoot, 'examples/v2'), path.join(root, 'v2'), { recursive: true });
  const signed = readFileSync(path.join(repoRoot, 'examples/v2/v2-0001-hwmon-tmp42x-Use-devm_mutex_init.patch'), 'utf8');
  const unsigned = signed.replace(`${SIGN_OFF}\n`, '');
  if (unsigned === signed) throw new SetupError(`examples/v2/v2-0001 has no "${SIGN_OFF}" line to take out`);
  mkdirSync(path.join(root, 'signoff'));
  writeFileSync(path.join(root, UNSIGNED), unsigned);
  mkdirSync(path.join(root, 'mbox'));
  writeFileSync(path.join(root, MBOX), mboxParts().map((p, i) => (i === 2 ? p.replace(`${SIGN_OFF}\n`, '') : p)).join(''));
  return root;
}

function mboxParts(): string[] {
  return MBOX_PARTS.map((f) => readFileSync(path.join(repoRoot, 'examples/v2', f), 'utf8'));
}

function read(relative: string): string {
  return readFileSync(path.join(ws, relative), 'utf8');
}

/** The lines from `first` up to (not including) the `---` after it, as the text shows them. */
function trailerBlockAfter(lines: readonly string[], first: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(first));
  if (start < 0) return [];
  const end = lines.indexOf('---', start);
  return end < 0 ? [] : lines.slice(start, end);
}

async function save(): Promise<void> {
  await editorTextArea(page).focus();
  await page.keyboard.press(`${mod}+s`);
}

function userSees(name: string, fn: () => Promise<void>): void {
  check(() => ({ page, setupFailure }), name, fn);
}

describe('VS Code (code-server) palette commands end to end', { timeout: 20 * 60_000, skip: E2E_SKIP }, () => {
  before(async () => {
    try {
      tmp = tempDir('patchsmith-e2e-commands-');
      ws = makeWorkspace(tmp.dir);
      ({ server, browser, page } = await launchWorkbench({
        tmpDir: tmp.dir,
        workspace: ws,
        explorerShows: 'signoff',
        // The save dialog as a quick input (code-server has no native one).
        settings: { 'files.simpleDialog.enable': true },
      }));
    } catch (err) {
      setupFailure = asSetupError(err);
      throw setupFailure;
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    tmp?.remove();
  });

  userSees('Sign Off adds my Signed-off-by at the end of the trailer block, before ---', async () => {
    await openFile(page, UNSIGNED);
    const mode = page.locator('[id="status.editor.mode"]');
    await waitFor('the language indicator to say Git Patch', async () => (await mode.innerText()).trim() === 'Git Patch', 30_000);
    await runCommand(page, 'patchsmith: Sign Off');
    await waitFor(
      `"${SIGN_OFF}" right after Reviewed-by and before --- in the editor`,
      async () => {
        const block = trailerBlockAfter(await visibleLines(page), 'Reviewed-by:');
        return block.length === 2 && block[1] === SIGN_OFF;
      },
      30_000,
    );
    await save();
    // Signed again, the copy is the example patch as it was.
    const expected = readFileSync(path.join(repoRoot, 'examples/v2/v2-0001-hwmon-tmp42x-Use-devm_mutex_init.patch'), 'utf8');
    await waitFor('the saved patch to carry the sign-off', async () => read(UNSIGNED) === expected, 20_000);
  });

  userSees('Add Trailer… offers Reviewed-by, then people with where they come from, and adds the trailer', async () => {
    await openFile(page, SECOND);
    await runCommand(page, 'patchsmith: Add Trailer…');
    const q = quickInput(page);
    await q.input.fill('Reviewed-by');
    await pickRow(page, 'Reviewed-by');
    // The people: the reviewer from MAINTAINERS and the people of the series, each with its source.
    const rowText = async (name: string): Promise<string | undefined> => {
      for (const r of await q.rows.all()) {
        const text = (await r.innerText()).replace(/\u00a0/g, ' ');
        if (text.includes(name)) return text;
      }
      return undefined;
    };
    const charles = await waitFor('Charles Babbage in the list of people', () => rowText('Charles Babbage'), 30_000);
    assert.match(charles, /<charles@example\.org>/);
    assert.match(charles, /reviewer: TMP42X HARDWARE MONITOR DRIVER/);
    const grace = await waitFor('Grace Hopper in the list of people', () => rowText('Grace Hopper'), 10_000);
    assert.match(grace, /in this series/);
    await q.input.fill('Charles');
    await pickRow(page, /Charles Babbage/);
    const trailer = 'Reviewed-by: Charles Babbage <charles@example.org>';
    await waitFor(
      `"${trailer}" in the trailer block in the editor`,
      async () => trailerBlockAfter(await visibleLines(page), SIGN_OFF).includes(trailer),
      30_000,
    );
    await save();
    await waitFor(
      'the saved patch to carry the trailer in its trailer block',
      async () => trailerBlockAfter(read(SECOND).split('\n'), SIGN_OFF).join('\n') === `${SIGN_OFF}\n${trailer}`,
      20_000,
    );
  });

  userSees('in an mbox, the status bar, Sign Off and Add Trailer… follow the message under the cursor', async () => {
    await openFile(page, MBOX);
    const parts = mboxParts();
    const statusBar = page.locator('[id="workbench.parts.statusbar"]');
    const showing = (label: string) => waitFor(`the status bar to say ${label}`, async () => (await statusBar.innerText()).includes(label), 30_000);
    await showing('v2 1/3');
    // The cursor in the third message's commit log: it gets the sign-off, not the first one.
    const lines = read(MBOX).split('\n');
    const third = lines.findIndex((l) => l.startsWith('Subject: [PATCH v2 3/3]'));
    assert.ok(third > 0);
    await goToLine(page, third + 3);
    await showing('v2 3/3');
    await runCommand(page, 'patchsmith: Sign Off');
    await save();
    await waitFor('the third message of the saved mbox to be signed off', async () => read(MBOX) === parts.join(''), 30_000);
    // The cursor in the second message: Acked-by goes there.
    const second = lines.findIndex((l) => l.startsWith('Subject: [PATCH v2 2/3]'));
    await goToLine(page, second + 3);
    await showing('v2 2/3');
    await runCommand(page, 'patchsmith: Add Trailer…');
    await quickInput(page).input.fill('Acked-by');
    await pickRow(page, 'Acked-by');
    await quickInput(page).input.fill('Charles');
    await pickRow(page, /Charles Babbage/);
    await save();
    const acked = [parts[0], parts[1]!.replace(`${SIGN_OFF}\n`, `${SIGN_OFF}\nAcked-by: Charles Babbage <charles@example.org>\n`), parts[2]].join('');
    await waitFor('the second message of the saved mbox to carry the Acked-by', async () => read(MBOX) === acked, 30_000);
  });

  userSees('Bump Series Version turns every v2 subject of the series into v3 and stubs Changes in v3: in the cover letter', async () => {
    await openFile(page, SECOND);
    const before = new Map(readdirSync(path.join(ws, 'v2')).map((f) => [f, read(`v2/${f}`)]));
    await runCommand(page, 'patchsmith: Bump Series Version');
    await waitFor(
      'the open patch to say [PATCH v3 2/3]',
      async () => (await visibleLines(page)).some((l) => l === `Subject: [PATCH v3 2/3] ${SUBJECTS[2]}`),
      30_000,
    );
    await runCommand(page, 'File: Save All Files');
    await waitFor(
      'every patch of the series on disk to be v3',
      async () => [...before.keys()].every((f) => /^Subject: \[PATCH v3 \d\/3\]/m.test(read(`v2/${f}`))),
      30_000,
    );
    for (const [f, old] of before) {
      const now = read(`v2/${f}`);
      const expected = old.replace(/^Subject: \[PATCH v2 /m, 'Subject: [PATCH v3 ');
      if (f === path.basename(COVER)) {
        assert.equal(now, expected.replace('\nChanges in v2:\n', '\nChanges in v3:\n- \n\nChanges in v2:\n'), `${f}: v3 and a Changes in v3: stub`);
      } else {
        assert.equal(now, expected, `${f}: only the version changed`);
      }
    }
  });

  userSees('Export Series Preview as HTML… writes a page with every subject and no script', async () => {
    await openFile(page, COVER);
    await runCommand(page, 'patchsmith: Export Series Preview as HTML…');
    const target = path.join(ws, 'exported-preview.html');
    const q = quickInput(page);
    // The simple save dialog: a quick input holding the proposed path.
    await waitFor('the save dialog to propose an .html file', async () => /\.html$/.test(await q.input.inputValue()), 30_000);
    await q.input.fill(target);
    await q.widget.getByRole('button', { name: 'OK', exact: true }).click();
    await waitFor('the exported file', async () => existsSync(target), 30_000);
    const notice = page.locator('.notifications-toasts .notification-toast', { hasText: 'preview written to' });
    await notice.first().waitFor({ timeout: 30_000 });
    const html = readFileSync(target, 'utf8');
    for (const s of SUBJECTS) assert.ok(html.includes(s), `the exported page shows "${s}"`);
    assert.match(html, /\[PATCH v3 0\/3\]/);
    assert.doesNotMatch(html, /<script/i);
  });
});
