/**
 * Drift as a user meets it, in Chromium through the browser host: a compute changed and a
 * compute removed through the emulator's control API (as someone in the portal would) are,
 * after a refresh, flagged on their rows — what changed and when — and the removed one counts
 * as Removed, not under its last state.
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

describe.skipIf(!chromiumAvailable)('drift in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-drift-e2e-'));
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

  it('signs in and lists the inventory', async () => {
    await beginBrowserSignIn(page);
    await expect.poll(() => page.getByTestId('tenant-row').count()).toBe(3);
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    // The drift notes and the state counts below are the workspaces view's.
    await page.getByTestId('inventory-view-workspaces').click();
    await clickRefresh(page);
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(1);
    await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden' });
  });

  it('flags a compute changed and one removed outside Mooring after a refresh', async () => {
    const rows = page.getByTestId('compute-row');
    const changedId = await rows.nth(0).getAttribute('data-compute-id');
    const removedId = await rows.nth(1).getAttribute('data-compute-id');
    if (!changedId || !removedId) throw new Error('the inventory drew no compute rows');
    const changed = page.locator(`[data-compute-id="${changedId}"]`);
    const removed = page.locator(`[data-compute-id="${removedId}"]`);
    const removedCount = async () =>
      (await page.getByTestId('inventory-state-removed').textContent()) ?? '';
    expect(await removedCount()).toMatch(/\(0\)/);
    await expect(changed.getByTestId('compute-drift').count()).resolves.toBe(0);

    await emulator.control.changeCompute({ id: changedId, namespace: 'changed-in-portal' });
    await emulator.control.removeCompute(removedId);
    await clickRefresh(page);

    const note = changed.getByTestId('compute-drift');
    await expect.poll(() => note.count(), { timeout: 20_000 }).toBe(1);
    expect(await note.getAttribute('data-drift-fields')).toBe('namespace');
    expect(await note.textContent()).toMatch(
      /^Changed outside Mooring: namespace \S+ → changed-in-portal, /,
    );
    await expect.poll(() => removed.getAttribute('data-removed')).toBe('true');
    expect(await removed.getByTestId('compute-state').textContent()).toBe('Removed');
    expect(await removedCount()).toMatch(/\(1\)/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-drift.png') });
  });
});
