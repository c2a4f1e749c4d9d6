/**
 * The inventory refresh as a user meets it, in Chromium through the browser host, against the
 * local Azure emulator slowed down: a determinate bar with "n of N — subscription", and Cancel.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { recordingLogger } from '../browser-host/test-support';
import { testEncryptor } from '../support/test-encryptor';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

if (!chromiumAvailable) {
  console.warn(`Skipping the refresh progress browser test: no Chromium at ${CHROMIUM_PATH}.`);
}

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
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor: testEncryptor('os'),
      azure: { resourceManagerUrl: emulator.armUrl, caFile: emulator.caPath },
      openSignInPage: async (url) => {
        await emulator.control.completeBrowserSignIn(url, 'admin@contoso.com');
      },
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1360, height: 860 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    await page.goto(host.url);
    await page.getByTestId('app-root').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('signs in', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-empty-browser').click();
    await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(3);
  });

  it('shows n of N with the subscription being listed, and Cancel stops the refresh', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    // Slow enough that the refresh is still running when the user reads the bar and cancels.
    await emulator.control.setLatency({ fixedMs: 1500, jitterMs: 0 });
    try {
      await page
        .getByTestId('inventory-refresh')
        .or(page.getByTestId('inventory-empty-refresh'))
        .first()
        .click();
      const status = page.getByTestId('inventory-refresh-status');
      await expect.poll(() => status.textContent()).toMatch(/^\d+ of \d+ — \S/);
      await expect(
        page.getByTestId('inventory-refresh-progress').getAttribute('aria-valuetext'),
      ).resolves.toMatch(/of/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-refresh-progress.png') });

      await page.getByTestId('inventory-refresh-cancel').click();
      await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden' });
    } finally {
      await emulator.control.setLatency(null);
    }
  });
});
