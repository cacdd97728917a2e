/**
 * Driving the VS Code workbench (code-server in Chromium) the way a user does: the command
 * palette, Quick Open, Go to Line, quick picks, the editor's visible text. Shared by the
 * code-server end-to-end files (not a test file itself). Selectors are VS Code's own DOM classes.
 */
import { it } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  SetupError,
  packageVsix,
  repoRoot,
  requireBuild,
  requireChromium,
  setupCodeServer,
  startCodeServer,
  waitFor,
  type CodeServer,
} from './harness';

export const isMac = process.platform === 'darwin';
export const mod = isMac ? 'Meta' : 'Control';

/** Evaluated in the page (a string: the tests are compiled without DOM types). */
export const BODY_TEXT = 'document.body ? document.body.innerText : ""';

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
}

/**
 * Packages the extension, starts code-server on `workspace` (state under `tmpDir`) and opens it
 * in Chromium; resolves once the explorer lists `explorerShows`.
 */
export async function launchWorkbench(o: {
  tmpDir: string;
  workspace: string;
  explorerShows: string;
  settings?: Record<string, unknown>;
}): Promise<Workbench> {
  requireBuild();
  requireChromium();
  const entry = setupCodeServer();
  const vsix = packageVsix(o.tmpDir);
  const server = await startCodeServer({ entry, vsix, workspace: o.workspace, stateDir: path.join(o.tmpDir, 'state'), settings: o.settings });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await page.locator('[id="workbench.parts.statusbar"]').waitFor({ timeout: 60_000 });
    // The explorer lists the workspace once the file service is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: o.explorerShows }).first().waitFor({ timeout: 60_000 });
    return { server, browser, page };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}

/** The set-up failure as one clear message. */
export function asSetupError(err: unknown): SetupError {
  return err instanceof SetupError ? err : new SetupError(`end-to-end set-up failed: ${(err as Error).message}`);
}

/**
 * A user-visible check. Stops at once when the set-up failed; on failure leaves a screenshot in
 * test-results/ (what the browser showed) for whoever reads the CI log.
 */
export function userSees(state: () => { page: Page | undefined; setupFailure: Error | undefined }, name: string, fn: () => Promise<void>): void {
  it(name, async () => {
    const { page, setupFailure } = state();
    if (setupFailure) throw setupFailure;
    if (!page) throw new SetupError('no browser page (the set-up did not run)');
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

/** The quick input (palette, quick pick, input box, simple file dialog). */
export function quickInput(page: Page): { widget: Locator; input: Locator; rows: Locator; focused: Locator } {
  const widget = page.locator('.quick-input-widget');
  return {
    widget,
    input: widget.locator('.quick-input-box input'),
    rows: widget.locator('.quick-input-list .monaco-list-row'),
    focused: widget.locator('.quick-input-list .monaco-list-row.focused'),
  };
}

/** Text of a row's label (without its description, detail or keybinding). */
async function rowLabel(row: Locator): Promise<string> {
  const label = row.locator('.label-name').first();
  // Short timeouts: a row re-rendered by the list's filter is gone; the caller asks again.
  return ((await label.count()) > 0 ? await label.innerText({ timeout: 1000 }) : await row.innerText({ timeout: 1000 })).replace(/\u00a0/g, ' ').trim();
}

/**
 * In an open quick pick: walk the list with the arrow keys to the row whose label is `label`
 * (or whose text matches `label` when it is a RegExp) and accept it with Enter.
 */
export async function pickRow(page: Page, label: string | RegExp): Promise<void> {
  const q = quickInput(page);
  const matches = async (row: Locator): Promise<boolean> => {
    if (typeof label === 'string') return (await rowLabel(row)) === label;
    return label.test((await row.innerText({ timeout: 1000 })).replace(/\u00a0/g, ' '));
  };
  let seen: string[] = [];
  try {
    await waitFor(
      `"${String(label)}" in the quick pick`,
      async () => {
        seen = [];
        for (const r of await q.rows.all()) {
          if (await matches(r)) return true;
          seen.push(JSON.stringify((await r.innerText({ timeout: 1000 })).replace(/\u00a0/g, ' ')));
        }
        return false;
      },
      20_000,
    );
  } catch (err) {
    if (err instanceof Error) err.message += `; the list showed: ${seen.join(', ') || 'nothing'}`;
    throw err;
  }
  let presses = 0;
  await waitFor(
    `"${String(label)}" to be selected in the quick pick`,
    async () => {
      if ((await q.focused.count()) > 0 && (await matches(q.focused.first()))) return true;
      if (presses++ > 50) throw new Error(`walked ${presses} rows without reaching "${String(label)}"`);
      await page.keyboard.press('ArrowDown');
      return false;
    },
    20_000,
    100,
  );
  await page.keyboard.press('Enter');
}

/** Runs a command from the command palette (F1) by its full title, e.g. `patchsmith: Sign Off`. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const q = quickInput(page);
  await q.input.waitFor({ state: 'visible', timeout: 10_000 });
  await q.input.fill(`>${title}`);
  await pickRow(page, title);
}

export async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press(`${mod}+g`);
  const q = quickInput(page);
  await q.input.waitFor({ state: 'visible', timeout: 10_000 });
  await q.input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await q.input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The text area of the active editor. */
export function editorTextArea(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor textarea').first();
}

/** Opens a workspace file with Quick Open (Ctrl+P) by its base name and focuses its editor. */
export async function openFile(page: Page, relative: string): Promise<void> {
  const base = path.basename(relative);
  await page.keyboard.press(`${mod}+p`);
  const q = quickInput(page);
  await q.input.waitFor({ state: 'visible', timeout: 10_000 });
  await q.input.fill(base);
  // The list shows the editor history first and filters a moment later: walk to the file itself.
  await pickRow(page, base);
  await page.locator('.tab.active', { hasText: base }).waitFor({ timeout: 20_000 });
  await editorTextArea(page).focus();
}

/**
 * The lines the active editor shows (top to bottom, as rendered: Monaco draws only the visible
 * lines, so keep the part a check reads on screen).
 */
export async function visibleLines(page: Page): Promise<string[]> {
  const lines = page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line');
  const out: { top: number; text: string }[] = [];
  for (const l of await lines.all()) {
    const [text, style] = await Promise.all([l.innerText(), l.getAttribute('style')]);
    const top = Number(/top:\s*(-?[\d.]+)px/.exec(style ?? '')?.[1] ?? 0);
    out.push({ top, text: text.replace(/\u00a0/g, ' ') });
  }
  return out.sort((a, b) => a.top - b.top).map((l) => l.text);
}
