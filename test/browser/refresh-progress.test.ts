/**
 * The inventory refresh as a user meets it, in Chromium through the browser host, against the
 * local Azure emulator slowed down: a determinate bar with "n of N — subscription", and Cancel.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { beginBrowserSignIn, clickRefresh, openApp, startEmulatorHost } from './app-session';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

describe.skipIf(!chromiumAvailable)('refresh progress and cancel in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-refresh-e2e-'));
    host = await startEmulatorHost(emulator, { userDataDir });
    browser = await launchChromium();
    page = await openApp(browser, host, { width: 1360, height: 860, timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('signs in', async () => {
    await beginBrowserSignIn(page);
    await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(3);
  });

  it('shows n of N with the subscription being listed, and Cancel stops the refresh', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    // Slow enough that the refresh is still running when the user reads the bar and cancels.
    await emulator.control.setLatency({ fixedMs: 1500, jitterMs: 0 });
    try {
      await clickRefresh(page);
      const status = page.getByTestId('inventory-refresh-status');
      await expect.poll(() => status.textContent()).toMatch(/^\d+ of \d+ — \S/);
      await expect(
        page.getByTestId('inventory-refresh-progress').getAttribute('aria-valuetext'),
      ).resolves.toMatch(/of/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-refresh-progress.png') });

      await page.getByTestId('inventory-refresh-cancel').click();
      await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden' });
      // A refresh that ran to its end (Cancel doing nothing) says nothing of the kind.
      await expect(page.getByTestId('inventory-refresh-cancelled').textContent()).resolves.toMatch(
        /^Refresh cancelled after \d+ of \d+ subscriptions/,
      );
    } finally {
      await emulator.control.setLatency(null);
    }
  });
});
