/**
 * VS Code end to end, in code-server driven by Chromium: what a user of the extension sees.
 * Run by `npm run test:e2e` (not by `npm test`). Needs scripts/setup-code-server.sh (run here,
 * idempotent) and Debian's chromium. Writes docs/preview.png for the README.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import {
  CHROMIUM,
  E2E_SKIP,
  CHROMIUM_ARGS,
  SetupError,
  copyExamples,
  packageVsix,
  repoRoot,
  requireBuild,
  requireChromium,
  setupCodeServer,
  startCodeServer,
  tempDir,
  waitFor,
  type CodeServer,
} from './harness';

const PATCH = 'v2/v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch';
const SUBJECTS = [
  'hwmon: (tmp42x) Use devm_mutex_init()',
  'hwmon: (tmp42x) Fix reading negative temperatures',
  'hwmon: (tmp42x) Add support for TMP423',
];
/** Evaluated in the page (a string: the test is compiled without DOM types). */
const BODY_TEXT = 'document.body ? document.body.innerText : ""';
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

let tmp: { dir: string; remove: () => void } | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let setupFailure: Error | undefined;

/** 1-based line number of the first line of the example patch starting with `prefix`. */
function lineOf(file: string, prefix: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, `${prefix} not found in ${file}`);
  return i + 1;
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function goToLine(line: number): Promise<void> {
  await page.keyboard.press(`${mod}+g`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function openFile(relative: string): Promise<void> {
  await page.keyboard.press(`${mod}+p`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(path.basename(relative));
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: path.basename(relative) }).waitFor({ timeout: 20_000 });
  await page.locator('.editor-instance .monaco-editor textarea').first().focus();
}

/** The webview frame whose body shows `text`, if any. */
async function previewFrameWith(text: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    try {
      const body = await frame.evaluate<string>(BODY_TEXT);
      if (body.includes(text)) return frame;
    } catch {
      /* frame navigating */
    }
  }
  return undefined;
}

/**
 * A user-visible check. Stops at once when the set-up failed; on failure leaves a screenshot in
 * test-results/ (what the browser showed) for whoever reads the CI log.
 */
function userSees(name: string, fn: () => Promise<void>): void {
  it(name, async () => {
    if (setupFailure) throw setupFailure;
    try {
      await fn();
    } catch (err) {
      const shot = path.join(repoRoot, 'test-results', `e2e-${name.replace(/[^\w]+/g, '-').slice(0, 60)}.png`);
      mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      if (err instanceof Error) err.message += `\n(screenshot: ${path.relative(repoRoot, shot)})`;
      throw err;
    } finally {
      // Leave no widget open for the next check.
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  });
}

describe('VS Code (code-server) end to end', { timeout: 20 * 60_000, skip: E2E_SKIP }, () => {
  before(async () => {
    try {
      requireBuild();
      requireChromium();
      const entry = setupCodeServer();
      tmp = tempDir('patchsmith-e2e-');
      const vsix = packageVsix(tmp.dir);
      const workspace = copyExamples(tmp.dir);
      server = await startCodeServer({ entry, vsix, workspace, stateDir: path.join(tmp.dir, 'state') });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      page = await context.newPage();
      await page.goto(server.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      await page.locator('[id="workbench.parts.statusbar"]').waitFor({ timeout: 60_000 });
      // The explorer lists the workspace once the file service is up.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'v2' }).first().waitFor({ timeout: 60_000 });
    } catch (err) {
      setupFailure = err instanceof SetupError ? err : new SetupError(`end-to-end set-up failed: ${(err as Error).message}`);
      throw setupFailure;
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    tmp?.remove();
  });

  userSees('opens a .patch file in the git-patch language (not the built-in diff)', async () => {
    await openFile(PATCH);
    const mode = page.locator('[id="status.editor.mode"]');
    await waitFor('the language indicator to say Git Patch', async () => (await mode.innerText()).trim() === 'Git Patch', 30_000);
  });

  userSees('lists the misspelt Reviewed-By: trailer in the Problems panel', async () => {
    await page.keyboard.press(`${mod}+Shift+m`);
    const rows = page.locator('.markers-panel .monaco-list-row');
    const row = await waitFor(
      'a BAD_SIGN_OFF problem in the Problems panel',
      async () => {
        for (const r of await rows.all()) {
          const text = await r.innerText();
          if (text.includes('BAD_SIGN_OFF')) return text;
        }
        return undefined;
      },
      90_000,
    );
    assert.match(row, /patchsmith/);
    // The status bar names the patch's place in the series and counts the series' problems.
    const statusbar = page.locator('[id="workbench.parts.statusbar"]');
    await waitFor(
      'the status bar to show "3/3 · 1 problem"',
      async () => /\b3\/3 · 1 problem\b/.test(await statusbar.innerText()),
      30_000,
    );
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
  });

  userSees('shows the series in the Patch Series view with a problem badge', async () => {
    const header = page.locator('.pane-header', { hasText: /patch series/i }).first();
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = page.locator('.pane', { has: header });
    const row = await waitFor(
      'a patch with "1 problem" in the Patch Series view',
      async () => {
        for (const r of await pane.locator('.monaco-list-row').all()) {
          const text = await r.innerText();
          if (text.includes('1 problem')) return r;
        }
        return undefined;
      },
      60_000,
    );
    // Clicking the item opens the patch.
    await row.click();
    await page.locator('.tab.active', { hasText: 'v2-0003' }).waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
  });

  userSees('offers Reviewed-by when typing a trailer key', async () => {
    const file = path.join(server!.workspace, PATCH);
    const sob = lineOf(file, 'Signed-off-by:');
    await goToLine(sob);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Revi', { delay: 50 });
    await page.keyboard.press(`${mod}+Space`);
    const widget = page.locator('.editor-widget.suggest-widget');
    try {
      await waitFor(
        'Reviewed-by in the suggest widget',
        async () => (await widget.isVisible()) && (await widget.innerText()).includes('Reviewed-by'),
        30_000,
      );
    } finally {
      await page.keyboard.press('Escape');
      // Take the typed line out again.
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Backspace');
    }
  });

  userSees('fixes Reviewed-By: with a quick fix (Ctrl+.)', async () => {
    const file = path.join(server!.workspace, PATCH);
    const line = lineOf(file, 'Reviewed-By:');
    await goToLine(line);
    await page.keyboard.press('Home');
    await page.keyboard.press(`${mod}+.`);
    await page.locator('.action-widget .monaco-list-row.action', { hasText: 'Reviewed-by' }).first().waitFor({ timeout: 30_000 });
    // Walk the list with the keyboard, as a user does, to the fix and apply it with Enter.
    const focused = page.locator('.action-widget .monaco-list-row.action.focused');
    await waitFor(
      'the Reviewed-by fix to be selected in the quick fix menu',
      async () => {
        if ((await focused.count()) > 0 && (await focused.first().innerText()).includes('Reviewed-by')) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      },
      10_000,
      100,
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press(`${mod}+s`);
    await waitFor(
      'the saved file to spell the key Reviewed-by',
      async () => {
        const text = readFileSync(file, 'utf8');
        return text.includes('\nReviewed-by: Grace Hopper <grace@example.org>\n') && !text.includes('Reviewed-By:');
      },
      20_000,
    );
  });

  userSees('previews the series and follows an edit', async () => {
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await runCommand('patchsmith: Preview Series');
    const frame = await waitFor(
      'the preview to show every subject of the series',
      async () => {
        const f = await previewFrameWith(SUBJECTS[0]);
        if (!f) return undefined;
        const body = await f.evaluate<string>(BODY_TEXT);
        return SUBJECTS.every((s) => body.includes(s)) ? f : undefined;
      },
      60_000,
    );
    assert.ok(frame);
    // Type into the subject of the open patch: the preview follows without a save.
    const file = path.join(server!.workspace, PATCH);
    await page.locator('.editor-instance .monaco-editor textarea').first().focus();
    await goToLine(lineOf(file, 'Subject:'));
    await page.keyboard.press('End');
    await page.keyboard.type(' sensors', { delay: 20 });
    await waitFor('the preview to show the edited subject', () => previewFrameWith('Add support for TMP423 sensors'), 30_000);
    // For the README: the patch from its first column, no panel below.
    await page.keyboard.press('Home');
    await runCommand('View: Hide Panel').catch(() => undefined);
    await page.waitForTimeout(500);
    mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'docs/preview.png') });
  });
});
