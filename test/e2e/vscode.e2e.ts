/**
 * VS Code end to end, in code-server driven by Chromium: what a user of the extension sees.
 * Run by `npm run test:e2e` (not by `npm test`). Needs scripts/setup-code-server.sh (run here,
 * idempotent) and Debian's chromium. Saves a screenshot of the preview (test-results/preview.png;
 * PATCHSMITH_SCREENSHOT=docs/preview.png refreshes the README's).
 */
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { E2E_SKIP, copyExamples, repoRoot, tempDir, waitFor, type CodeServer } from './harness';
import { BODY_TEXT, asSetupError, editorTextArea, goToLine, launchWorkbench, mod, openFile, runCommand, userSees as check } from './workbench';

const PATCH = 'v2/v2-0003-hwmon-tmp42x-Add-support-for-TMP423.patch';
const SUBJECTS = [
  'hwmon: (tmp42x) Use devm_mutex_init()',
  'hwmon: (tmp42x) Fix reading negative temperatures',
  'hwmon: (tmp42x) Add support for TMP423',
];

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

function userSees(name: string, fn: () => Promise<void>): void {
  check(() => ({ page, setupFailure }), name, fn);
}

describe('VS Code (code-server) end to end', { timeout: 20 * 60_000, skip: E2E_SKIP }, () => {
  before(async () => {
    try {
      tmp = tempDir('patchsmith-e2e-');
      const workspace = copyExamples(tmp.dir);
      ({ server, browser, page } = await launchWorkbench({ tmpDir: tmp.dir, workspace, explorerShows: 'v2' }));
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

  userSees('opens a .patch file in the git-patch language (not the built-in diff)', async () => {
    await openFile(page, PATCH);
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
    await editorTextArea(page).focus();
  });

  userSees('runs its language server with the allocator settings for huge documents', async () => {
    // The installed extension's server (its diagnostics are shown by now): its environment.
    const environs: string[] = [];
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmdline.includes('patchsmith.patchsmith-') && cmdline.includes('dist/server.js')) environs.push(readFileSync(`/proc/${pid}/environ`, 'utf8'));
      } catch {
        // The process ended, or is not ours to read.
      }
    }
    assert.ok(environs.length > 0, 'the language server process');
    for (const env of environs) {
      const tunables = env.split('\0').find((v) => v.startsWith('GLIBC_TUNABLES='));
      assert.match(tunables ?? '', /glibc\.malloc\.mmap_threshold=65536/);
    }
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
    await editorTextArea(page).focus();
  });

  userSees('offers Reviewed-by when typing a trailer key', async () => {
    const file = path.join(server!.workspace, PATCH);
    const sob = lineOf(file, 'Signed-off-by:');
    await goToLine(page, sob);
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
    await goToLine(page, line);
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
    await editorTextArea(page).focus();
    await runCommand(page, 'patchsmith: Preview Series');
    const frame = await waitFor(
      'the preview to show every subject of the series',
      async () => {
        const f = await previewFrameWith(SUBJECTS[0]!);
        if (!f) return undefined;
        const body = await f.evaluate<string>(BODY_TEXT);
        return SUBJECTS.every((s) => body.includes(s)) ? f : undefined;
      },
      60_000,
    );
    assert.ok(frame);
    // Type into the subject of the open patch: the preview follows without a save.
    const file = path.join(server!.workspace, PATCH);
    await editorTextArea(page).focus();
    await goToLine(page, lineOf(file, 'Subject:'));
    await page.keyboard.press('End');
    await page.keyboard.type(' sensors', { delay: 20 });
    await waitFor('the preview to show the edited subject', () => previewFrameWith('Add support for TMP423 sensors'), 30_000);
    // For the README: the patch from its first column, no panel below.
    await page.keyboard.press('Home');
    await runCommand(page, 'View: Hide Panel').catch(() => undefined);
    await page.waitForTimeout(500);
    // The README's picture is refreshed on request only (PATCHSMITH_SCREENSHOT=docs/preview.png):
    // a test run must not modify tracked files. By default it goes to test-results/.
    const shot = path.resolve(repoRoot, process.env['PATCHSMITH_SCREENSHOT'] ?? 'test-results/preview.png');
    mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
  });
});
