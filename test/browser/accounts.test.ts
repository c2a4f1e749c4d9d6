/**
 * Issue 4 as a user meets it, in Chromium through the browser host, against the local Azure
 * emulator: two accounts signed in, three tenants of which one needs its own sign-in,
 * subscriptions filtered, the host restarted, the filters still there — and no token ever on the
 * wire to the renderer.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { testEncryptor } from '../support/test-encryptor';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { clickRefresh, startEmulatorHost } from './app-session';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
const NORTHWIND = '6b4a7449-492c-501f-8df8-29fe7db32aaf';
const ML_DEVELOPMENT = '711e748e-5b30-500e-8298-08fb2b032255';
const FABRIKAM_RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';
const SHARED_CLUSTERS = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
const NORTHWIND_AI = 'bc141a39-583e-503c-9562-5fea733724a3';

/** Everything that crossed the WebSocket between the page and the host, both ways. */
const wire: string[] = [];

describe.skipIf(!chromiumAvailable)('accounts, tenants and subscriptions in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // The account the emulator's sign-in page picks next, as the user would click it.
  let signingInAs = '';
  // One key store across host restarts, as on one machine.
  const encryptor = testEncryptor('os');
  const pageErrors: string[] = [];

  const startHost = () =>
    startEmulatorHost(emulator, { userDataDir, encryptor, signInAs: () => signingInAs });

  const openApp = async () => {
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => wire.push(String(payload)));
      socket.on('framereceived', ({ payload }) => wire.push(String(payload)));
    });
    await page.goto(host.url);
    await page.getByTestId('app-root').waitFor();
  };

  const row = (subscriptionId: string) =>
    page.locator(`[data-testid="subscription-row"][data-subscription-id="${subscriptionId}"]`);

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-accounts-e2e-'));
    host = await startHost();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1360, height: 860 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(20_000);
    await openApp();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('signs in a first account in the browser and lists its three tenants', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-empty').waitFor();
    signingInAs = 'admin@contoso.com';
    await page.getByTestId('accounts-empty-browser').click();
    const card = page.getByTestId('account-card');
    await expect.poll(() => card.getByTestId('tenant-row').count()).toBe(3);
    await expect(card.getByTestId('account-username').textContent()).resolves.toContain(
      'admin@contoso.com',
    );
  });

  it('shows the MFA tenant as needing its own sign-in while the others are ready', async () => {
    const tenant = (id: string) =>
      page.locator(`[data-testid="tenant-row"][data-tenant-id="${id}"]`);
    await expect.poll(() => tenant(NORTHWIND).getAttribute('data-status')).toBe('needs-sign-in');
    await expect(tenant(NORTHWIND).getByTestId('tenant-problem').textContent()).resolves.toContain(
      'AADSTS50076',
    );
    await expect.poll(() => tenant(CONTOSO).getAttribute('data-status')).toBe('ready');
    await expect(tenant(NORTHWIND).getByTestId('tenant-sign-in').isVisible()).resolves.toBe(true);
  });

  it('adds a second account beside the first', async () => {
    signingInAs = 'ops@fabrikam.com';
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-account-browser').click();
    await expect.poll(() => page.getByTestId('account-card').count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'accounts.png'), fullPage: true });
    expect(await seriousAxeViolations(page), 'Accounts with two accounts').toEqual([]);
  });

  it('lists the subscriptions of both accounts once each, with tenant names', async () => {
    await page.getByTestId('header-scope-button').click();
    await page.getByTestId('scope-drawer').waitFor();
    // Contoso's three and Fabrikam's two; Northwind's waits for its sign-in.
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(5);
    await expect(
      row(FABRIKAM_RESEARCH).getByTestId('subscription-tenant').textContent(),
    ).resolves.toContain('Fabrikam');
  });

  it('filters subscriptions as the user types', async () => {
    await page.getByTestId('subscriptions-search').fill('analytics');
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(1);
    await page.getByTestId('subscriptions-search').fill('');
    await expect.poll(() => page.getByTestId('subscription-row').count()).toBe(5);
  });

  it('keeps deselected, favourite and hidden subscriptions', async () => {
    await row(ML_DEVELOPMENT).getByTestId('subscription-select').click();
    await expect.poll(() => row(ML_DEVELOPMENT).getAttribute('data-selected')).toBe('false');
    await row(FABRIKAM_RESEARCH).getByTestId('subscription-favourite').click();
    await expect.poll(() => row(FABRIKAM_RESEARCH).getAttribute('data-favourite')).toBe('true');
    await row(SHARED_CLUSTERS).getByTestId('subscription-hide').click();
    await expect.poll(() => row(SHARED_CLUSTERS).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'subscriptions.png') });
    expect(
      await seriousAxeViolations(page, '[data-testid="scope-drawer"]'),
      'the scope picker',
    ).toEqual([]);
  });

  it('still has the accounts and the filters after the host restarts', async () => {
    await page.close();
    await host.close();
    host = await startHost();
    await openApp();
    await page.getByTestId('header-scope-button').click();
    await page.getByTestId('scope-drawer').waitFor();
    await expect.poll(() => row(ML_DEVELOPMENT).getAttribute('data-selected')).toBe('false');
    await expect.poll(() => row(FABRIKAM_RESEARCH).getAttribute('data-favourite')).toBe('true');
    await expect.poll(() => row(SHARED_CLUSTERS).count()).toBe(0);
    await page.getByTestId('subscriptions-show-hidden').click();
    await expect.poll(() => row(SHARED_CLUSTERS).getAttribute('data-hidden')).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-accounts').click();
    await expect.poll(() => page.getByTestId('account-card').count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'after-restart.png'), fullPage: true });
  });

  it('signs in to the MFA tenant alone, and its subscription joins the list', async () => {
    const northwind = page.locator(`[data-testid="tenant-row"][data-tenant-id="${NORTHWIND}"]`);
    signingInAs = 'admin@contoso.com';
    await northwind.getByTestId('tenant-sign-in').click();
    await expect.poll(() => northwind.getAttribute('data-status')).toBe('ready');
    await page.getByTestId('header-scope-button').click();
    await page.getByTestId('subscriptions-refresh').click();
    await expect.poll(() => row(NORTHWIND_AI).count()).toBe(1);
    // Escape closes the picker even right after its Refresh button was used.
    await page.keyboard.press('Escape');
    await page.getByTestId('scope-drawer').waitFor({ state: 'hidden' });
  });

  it('lists the workspaces and computes of the selected subscriptions, with late failures', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    await clickRefresh(page);
    // The workspaces view shows each compute with its provisioning errors in full.
    await page.getByTestId('inventory-view-workspaces').click();
    await expect.poll(() => page.getByTestId('compute-row').count()).toBeGreaterThan(3);
    // Attach failures surface late, only in provisioningErrors: the row says why.
    const failed = page.locator('[data-testid="compute-row"][data-state="Failed"]').first();
    await expect(failed.getByTestId('compute-errors').textContent()).resolves.toMatch(/\w+/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory.png') });
  });

  it('shows the clusters behind the workspaces, with their Azure ML extension and where they are attached', async () => {
    await page.getByTestId('inventory-view-clusters').click();
    await page.getByTestId('inventory-clusters').waitFor();
    const clusterRow = (name: string) =>
      page.locator(`[data-testid="cluster-row"][data-cluster-id$="/${name}"]`);
    await expect
      .poll(() => clusterRow('aks-gpu-prod-weu').getAttribute('data-extension-state'))
      .toBe('ready');
    await expect(clusterRow('aks-batch-weu').getAttribute('data-extension-state')).resolves.toBe(
      'missing',
    );
    await expect(
      clusterRow('arc-onprem-ams01').getByTestId('cluster-kind').textContent(),
    ).resolves.toBe('Arc');
    await expect(
      clusterRow('aks-gpu-prod-weu').getByTestId('cluster-attachments').textContent(),
    ).resolves.toContain('mlw-fraud-prod');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inventory-clusters.png') });
    await page.getByTestId('inventory-view-workspaces').click();
  });

  it('jumps to a compute from the command palette', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('gpu-prod');
    const option = page.locator('[data-testid="palette-option"][data-item-id^="compute:"]').first();
    const itemId = await option.getAttribute('data-item-id');
    await option.click();
    const computeId = itemId?.slice('compute:'.length) ?? '';
    const target = page.locator(`[data-testid="compute-row"][data-compute-id="${computeId}"]`);
    await expect.poll(() => target.getAttribute('data-highlighted')).toBe('true');
    await expect(target.getByTestId('compute-name').textContent()).resolves.toContain('gpu-prod');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'palette-jump.png') });
    expect(await seriousAxeViolations(page), 'the inventory after a palette jump').toEqual([]);
  });

  it('never sent a token to the renderer', () => {
    expect(wire.length).toBeGreaterThan(10);
    const jwt = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/;
    const tokenFields = /"(access_?token|refresh_?token|id_?token|client_?secret)"/i;
    const refreshTokens = emulator.issuedRefreshTokens();
    expect(refreshTokens.length).toBeGreaterThan(0);
    for (const frame of wire) {
      expect(frame).not.toMatch(jwt);
      expect(frame).not.toMatch(tokenFields);
      for (const token of refreshTokens) expect(frame).not.toContain(token);
    }
    expect(pageErrors).toEqual([]);
  });
});
