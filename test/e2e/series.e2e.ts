/**
 * The series flow in VS Code (code-server driven by Chromium), as a user runs it: Start Series
 * on the checked-out branch, Edit Cover Letter (a document; saving stores it), Format and
 * Preview (the preview beside, the recipients and the check), Send Series… (a modal with the
 * recipients and the message count; confirmed) to a real SMTP server on 127.0.0.1 through git
 * send-email. Run by `npm run test:e2e` (`node scripts/e2e/run.mjs series` runs this file alone).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { E2E_SKIP, tempDir, waitFor, type CodeServer } from './harness';
import { asSetupError, editorTextArea, launchWorkbench, mod, quickInput, runCommand, userSees as check } from './workbench';
import { seriesRepo, startSmtp, type Smtp } from '../lifecycle/harness';
import { removeRepo } from '../helpers/gitRepo';

let tmp: { dir: string; remove: () => void } | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let setupFailure: Error | undefined;
let ws = '';
let smtp: Smtp | undefined;

const COVER = 'foo: count the foos\n\nThis series counts the foos.\n\nSigned-off-by: Ann Dev <ann@example.org>\n';

function config(key: string): string {
  try {
    return execFileSync('git', ['config', '--get', key], { cwd: ws, encoding: 'utf8', timeout: 10_000 });
  } catch {
    return '';
  }
}

function userSees(name: string, fn: () => Promise<void>): void {
  check(() => ({ page, setupFailure }), name, fn);
}

const bodyText = async () => ((await page.evaluate('document.body ? document.body.innerText : ""')) as string).replace(/\u00a0/g, ' ');

describe('VS Code (code-server) series flow end to end', { timeout: 20 * 60_000, skip: E2E_SKIP }, () => {
  before(async () => {
    try {
      tmp = tempDir('patchsmith-e2e-series-');
      ws = await seriesRepo();
      smtp = await startSmtp();
      execFileSync('git', ['config', 'sendemail.smtpServer', '127.0.0.1'], { cwd: ws });
      execFileSync('git', ['config', 'sendemail.smtpServerPort', String(smtp.port)], { cwd: ws });
      ({ server, browser, page } = await launchWorkbench({ tmpDir: tmp.dir, workspace: ws, explorerShows: 'drivers' }));
    } catch (err) {
      setupFailure = asSetupError(err);
      throw setupFailure;
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await smtp?.close();
    tmp?.remove();
    if (ws) await removeRepo(ws);
  });

  userSees('Start Series enrols the branch and the Patch Series view lists it', async () => {
    // No patch file in the workspace: wait until the extension's commands are in the palette.
    const title = 'patchsmith: Start Series on the Current Branch';
    await waitFor(
      'the patchsmith commands in the command palette',
      async () => {
        await page.keyboard.press('F1');
        const q = quickInput(page);
        await q.input.waitFor({ state: 'visible', timeout: 10_000 });
        await q.input.fill(`>${title}`);
        await page.waitForTimeout(500);
        const found = (await q.rows.allInnerTexts()).some((t) => t.includes(title));
        await page.keyboard.press('Escape');
        return found;
      },
      120_000,
      1000,
    );
    await runCommand(page, title);
    await waitFor('the series stored in git config', async () => config('branch.feat.b4-tracking').includes('"revision":1'), 60_000);
    const header = page.locator('.pane-header', { hasText: /Patch Series/i });
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await waitFor('"feat v1" in the Patch Series view', async () => (await bodyText()).includes('feat v1'), 60_000);
  });

  userSees('Edit Cover Letter opens the cover letter; saving stores it in the branch', async () => {
    await runCommand(page, 'patchsmith: Edit Cover Letter');
    await page.locator('.tab.active', { hasText: 'feat.cover' }).waitFor({ timeout: 30_000 });
    await editorTextArea(page).focus();
    await page.keyboard.press(`${mod}+a`);
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(COVER);
    await page.keyboard.press(`${mod}+s`);
    await waitFor('the new cover letter in branch.feat.description', async () => config('branch.feat.description').startsWith('foo: count the foos\n'), 30_000);
  });

  userSees('Format and Preview shows the preview beside, the recipients and the check', async () => {
    await runCommand(page, 'patchsmith: Format and Preview Series');
    await waitFor('the recipients of the series', async () => (await bodyText()).includes('To: Mai Ntainer <mai@example.org>'), 60_000);
    // The series preview beside, titled by the series.
    await page.locator('.tab', { hasText: 'v1 of foo: count the foos' }).first().waitFor({ timeout: 30_000 });
    await waitFor('the check of the formatted series', async () => /check: 0 error/.test(await bodyText()), 30_000);
  });

  userSees('Send Series… asks with the recipients and the message count, then sends through git send-email', async () => {
    await runCommand(page, 'patchsmith: Send Series…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const text = await dialog.innerText();
    assert.match(text, /Send 4 messages of feat to 6 recipients\?/);
    assert.match(text, /Cc: Old Reviewer <old@example.org>/);
    assert.equal(smtp!.received.length, 0, 'nothing is sent before the confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Send$/ }).click();
    await waitFor('4 messages at the SMTP server', async () => smtp!.received.length === 4, 120_000);
    assert.deepEqual(
      smtp!.received.map((m) => m.headers.get('subject')),
      ['[PATCH 0/3] foo: count the foos', '[PATCH 1/3] foo: add a counter', '[PATCH 2/3] bar: export the bar helper', '[PATCH 3/3] foo: use the bar helper'],
    );
    const cover = smtp!.received[0]!.headers.get('message-id');
    for (const m of smtp!.received.slice(1)) assert.equal(m.headers.get('in-reply-to'), cover);
    await waitFor('v1 recorded in the series', async () => config('branch.feat.b4-tracking').includes('"history":{"v1"'), 30_000);
  });
});
