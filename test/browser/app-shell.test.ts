import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startBrowserHost } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import type { MooringBridge } from '../../shared/ipc/bridge';
import { recordingLogger } from '../browser-host/test-support';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium, newAppPage } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOT_PATH = path.join(REPO_ROOT, 'test-results', 'app-shell.png');
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/** Resolves once the app root draws `appearance` for the user's `choice`. */
const themeApplied = (page: Page, appearance: string, choice: string) =>
  page
    .locator(`[data-testid="app-root"][data-theme="${appearance}"][data-theme-choice="${choice}"]`)
    .waitFor();

const textOf = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent())?.trim();

/** Relative luminance of the app root's background, 0 (black) to 1 (white). */
const backgroundLuminance = (page: Page) =>
  page.getByTestId('app-root').evaluate((root) => {
    const channels = getComputedStyle(root).backgroundColor.match(/\d+(\.\d+)?/g) ?? [];
    const [r = 0, g = 0, b = 0] = channels.map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

describe.skipIf(!chromiumAvailable)('the app shell in Chromium, through the browser host', () => {
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const unexpectedErrors: string[] = [];
  const hostLog = recordingLogger();

  beforeAll(async () => {
    ensureRendererBuilt();
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-app-shell-'));
    host = await startBrowserHost({ userDataDir, logger: hostLog });
    browser = await launchChromium();
    page = await newAppPage(browser);
    page.on('pageerror', (error) => unexpectedErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error') {
        unexpectedErrors.push(`console error: ${text}`);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('opens and shows the version and local database it got over the contract', async () => {
    await page.goto(host.url);
    await page.getByTestId('footer-version').waitFor();
    expect(await textOf(page, 'footer-version')).toBe(`Mooring ${version}`);
    // The footer says a local record is in use; its full path (the user's folders) is in About.
    expect(await textOf(page, 'footer-database')).toContain('Settings › About');
    expect(await textOf(page, 'footer-database')).not.toContain(userDataDir);
    expect(host.databasePath).toBe(path.join(userDataDir, 'mooring.sqlite3'));
    // With no account yet, Inventory (the first area) invites the user to sign in.
    await page.getByTestId('inventory-empty-no-accounts').waitFor();
  });

  it('exposes the stand-in as window.mooring, frozen and limited to the contract', async () => {
    const bridge = await page.evaluate(async () => {
      const exposed = Reflect.get(window, 'mooring') as MooringBridge;
      const unknown = await exposed.invoke('cluster.delete' as never, {} as never);
      return { keys: Object.keys(exposed), frozen: Object.isFrozen(exposed), unknown };
    });
    expect(bridge).toEqual({
      keys: ['invoke', 'on'],
      frozen: true,
      unknown: {
        ok: false,
        error: {
          code: 'unknown-operation',
          message: 'Mooring has no operation named cluster.delete.',
        },
      },
    });
  });

  it('reaches Settings from the keyboard and shows About there', async () => {
    const focusedTestId = () =>
      page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    // Arrow keys move within the work areas; Settings, pinned at the bottom, is the next Tab stop.
    await page.getByTestId('nav-inventory').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('nav-activity');
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('nav-settings');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1, name: 'Settings' });
    await heading.waitFor();
    expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('about-version').waitFor();
    expect(await textOf(page, 'about-version')).toBe(version);
    expect(await textOf(page, 'about-database-path')).toBe(host.databasePath);
  });

  it('has no serious or critical accessibility violation on any page (axe-core)', async () => {
    for (const area of ['inventory', 'attach', 'activity', 'accounts', 'settings']) {
      await page.getByTestId(`nav-${area}`).click();
      await page.getByTestId(`page-${area}`).waitFor();
      expect(await seriousAxeViolations(page), `the ${area} page`).toEqual([]);
    }
  });

  it('follows the operating system live while the theme is System', async () => {
    await themeApplied(page, 'light', 'system');
    expect(await page.getByRole('radio', { name: 'System' }).isChecked()).toBe(true);
    await page.emulateMedia({ colorScheme: 'dark' });
    await themeApplied(page, 'dark', 'system');
    await page.emulateMedia({ colorScheme: 'light', contrast: 'more' });
    await themeApplied(page, 'high-contrast', 'system');
    await page.emulateMedia({ contrast: 'no-preference', forcedColors: 'active' });
    await themeApplied(page, 'high-contrast', 'system');
    await page.emulateMedia({ forcedColors: 'none' });
    await themeApplied(page, 'light', 'system');
  });

  it('applies Dark at once and saves it', async () => {
    const lightLuminance = await backgroundLuminance(page);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await themeApplied(page, 'dark', 'dark');
    await page.getByTestId('theme-save-status').getByText('Dark theme saved.').waitFor();
    expect(lightLuminance).toBeGreaterThan(0.8);
    expect(await backgroundLuminance(page)).toBeLessThan(0.2);
  });

  it('loaded, navigated and saved without console errors or CSP violations', () => {
    expect(unexpectedErrors).toEqual([]);
  });

  it('shows a clear error, not a blank screen, when the host has gone', async () => {
    const port = Number(new URL(host.origin).port);
    await host.close();
    // click, not check: the choice snaps back to the stored Dark as soon as the call fails.
    await page.getByRole('radio', { name: 'Light' }).click();
    const error = page.getByTestId('theme-save-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('could not reach the browser host');
    // The stored choice still holds, so the view falls back to it.
    await themeApplied(page, 'dark', 'dark');

    // Restart on the same port and user data, as `npm run demo` would.
    host = await startBrowserHost({ userDataDir, port, logger: hostLog });
  });

  it('still draws Dark after the host restarted and the page reloaded', async () => {
    // Only the fragment (the new secret) differs, so goto alone would not reload the document.
    await page.goto(host.url);
    await page.reload();
    await themeApplied(page, 'dark', 'dark');
    await page.getByTestId('footer-version').waitFor();
    expect(await textOf(page, 'footer-version')).toBe(`Mooring ${version}`);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('about-version').waitFor();
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    mkdirSync(path.dirname(SCREENSHOT_PATH), { recursive: true });
    // No hover highlight from the last click, no half-finished transition in the picture.
    await page.mouse.move(1000, 700);
    await page.screenshot({ path: SCREENSHOT_PATH, animations: 'disabled' });
    expect(await seriousAxeViolations(page), 'Settings in Dark').toEqual([]);
  });
});
