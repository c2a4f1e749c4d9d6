/**
 * Offline first, as an admin meets it in Chromium through the browser host: Mooring starts on a
 * populated local record while the local Azure is off the network (a real refused connection).
 * The inventory shows with its ages and the offline banner with the reason; the actions that
 * need Azure wait, saying why. Azure comes back: the banner goes and a refresh succeeds.
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
import { listInventory, openApp, signInDemoAdmin, startEmulatorHost } from './app-session';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');

describe.skipIf(!chromiumAvailable)('offline first, in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost | undefined;
  let browser: Browser;
  let page: Page;
  // One key store for both runs, as one machine has: the second run reads the first one's
  // sealed settings and sign-in cache.
  const encryptor = testEncryptor('os');

  /** The app in a fresh page: the first run's page (and its context) closed first. */
  const openPage = async (on: BrowserHost) => {
    await page?.context().close();
    page = await openApp(browser, on, { width: 1360, height: 860, timeoutMs: 20_000 });
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-offline-e2e-'));
    browser = await launchChromium();

    // A first run fills the local record: sign in, refresh, then quit.
    host = await startEmulatorHost(emulator, { userDataDir, encryptor });
    await openPage(host);
    await signInDemoAdmin(page);
    await listInventory(page);
    await host.close();
    host = undefined;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('starts on the local record with its ages and the offline banner with the reason', async () => {
    await emulator.stopListening();
    // Started as the app starts: the settings (the emulator as a custom cloud) are the stored ones.
    host = await startBrowserHost({
      userDataDir,
      logger: recordingLogger(),
      encryptor,
    });
    await openPage(host);
    await page.getByTestId('nav-inventory').click();
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('inventory-refreshed-at').textContent())
      .toMatch(/^As of /);

    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    await expect(page.getByTestId('offline-banner-title').textContent()).resolves.toMatch(
      /^Offline — showing what was known at .*\d/,
    );
    const reason = page.getByTestId('offline-banner-reason');
    await expect(reason.getAttribute('data-reason')).resolves.toBe('no-network');
    await expect(reason.textContent()).resolves.toMatch(/ECONNREFUSED/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-banner.png') });
  });

  it('an action that needs Azure waits and says why', async () => {
    const refresh = page.getByTestId('inventory-refresh');
    await expect(refresh.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(refresh.getAttribute('title')).resolves.toMatch(
      /^Unavailable offline: no network connection to Azure \(ECONNREFUSED\)/,
    );
    await expect(refresh.getAttribute('aria-description')).resolves.toMatch(/Unavailable offline/);
    // Clicking it sends nothing: no refresh starts.
    await refresh.click({ force: true });
    await expect(page.getByTestId('inventory-refreshing').count()).resolves.toBe(0);

    // The compute page's Detach waits the same way.
    await page.getByTestId('compute-row').first().getByTestId('compute-open').click();
    await page.getByTestId('page-compute').waitFor();
    const detach = page.getByTestId('compute-detach');
    await detach.waitFor();
    await expect(detach.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(detach.getAttribute('title')).resolves.toMatch(/^Unavailable offline/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-compute-actions.png') });
    await page.getByTestId('compute-page-back').click();
  });

  it('the buttons that open the Attach wizard wait too, saying why', async () => {
    await page.getByTestId('nav-inventory').click();
    // Two frames: a wizard a click opened would be drawn by then.
    const twoFrames = () =>
      page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    const offlineReason = /^Unavailable offline: no network connection to Azure \(ECONNREFUSED\)/;
    /** The button waits with the reason, and clicking it opens no wizard. */
    const waits = async (testId: string) => {
      const button = page.getByTestId(testId).first();
      await button.waitFor();
      await expect(button.getAttribute('aria-disabled')).resolves.toBe('true');
      await expect(button.getAttribute('title')).resolves.toMatch(offlineReason);
      await expect(button.getAttribute('aria-description')).resolves.toMatch(offlineReason);
      await button.click({ force: true });
      await twoFrames();
      await expect(page.getByTestId('page-inventory').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('page-attach').count()).resolves.toBe(0);
    };
    await page.getByTestId('inventory-view-workspaces').click();
    await waits('workspace-attach');
    await page.getByTestId('inventory-view-clusters').click();
    await waits('cluster-attach');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-attach-buttons.png') });

    // The palette lists its attach actions as waiting with the reason; Enter runs none of them.
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('attach');
    const option = page.locator('[data-testid="palette-option"][data-item-id="attach:new"]');
    await expect(option.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(option.getAttribute('title')).resolves.toMatch(offlineReason);
    await expect(option.getByTestId('palette-option-blocked').textContent()).resolves.toMatch(
      offlineReason,
    );
    // Enter on it (the only match, so the active one) and a click both leave the palette open.
    await page.getByTestId('palette-input').fill('several workspaces');
    const bulk = page.locator('[data-testid="palette-option"][data-item-id="attach:bulk"]');
    await expect.poll(() => bulk.getAttribute('aria-selected')).toBe('true');
    await expect(page.getByTestId('palette-option').count()).resolves.toBe(1);
    await expect(bulk.getAttribute('aria-disabled')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await bulk.click({ force: true });
    await twoFrames();
    await expect(page.getByTestId('command-palette').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('page-attach').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'offline-attach-palette.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('command-palette').waitFor({ state: 'hidden' });
    await page.getByTestId('inventory-view-computes').click();
  });

  it('Azure comes back: Retry ends the banner and a refresh succeeds', async () => {
    await page.getByTestId('nav-inventory').click();
    const knownBefore = await page.getByTestId('inventory-refreshed-at').getAttribute('title');
    expect(knownBefore).toBeTruthy();
    await emulator.listenAgain();
    await page.getByTestId('offline-retry').click();
    await page.getByTestId('offline-banner').waitFor({ state: 'hidden' });
    const refresh = page.getByTestId('inventory-refresh');
    await expect.poll(() => refresh.getAttribute('aria-disabled')).toBeNull();
    // Coming back online starts a refresh by itself; asking again joins or follows it.
    await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden' });
    emulator.requestLog.clear();
    await refresh.click();
    await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden' });
    const listed = emulator.requestLog
      .entries()
      .filter(
        (entry) => entry.kind === 'arm' && /\/computes$/i.test(entry.path.split('?')[0] ?? ''),
      );
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((entry) => entry.status === 200)).toBe(true);
    // The record's age moved on, and no subscription failed this time.
    const age = page.getByTestId('inventory-refreshed-at');
    await expect.poll(() => age.getAttribute('title')).not.toBe(knownBefore);
    await expect.poll(() => age.textContent()).toBe('As of just now');
    await expect(page.getByTestId('offline-banner').count()).resolves.toBe(0);
  });
});
