/**
 * A cluster's page as a user meets it, in Chromium through the browser host against the local
 * emulator's demo scenario: opened from the Computes table, the Clusters tab, a compute's page and
 * the command palette; what it says of the cluster (kind, extension, where it is attached); its
 * computes opening their pages with Back returning; and a cluster changed outside Mooring
 * (through the emulator's control API) showing the change in its history after a refresh.
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
import {
  clickRefresh,
  listInventory,
  openApp,
  signInDemoAdmin,
  startEmulatorHost,
} from './app-session';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results');
const PROD = '/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-ml-prod-weu';
const FRAUD = `${PROD}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod`;
const CPU_CLUSTER = `${PROD}/providers/Microsoft.ContainerService/managedClusters/aks-cpu-prod-weu`;
const GPU_CLUSTER = `${PROD}/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`;
const ARC_CLUSTER = `${PROD}/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem-ams01`;
const SHARED_CLUSTERS = '1b64c9cc-da2f-576e-9210-f5fd7d05790e';
const SHARED_CLUSTER = `/subscriptions/${SHARED_CLUSTERS}/resourceGroups/rg-aks-shared/providers/Microsoft.ContainerService/managedClusters/aks-shared-weu`;
const BATCH_CLUSTER = `${PROD}/providers/Microsoft.ContainerService/managedClusters/aks-batch-weu`;

describe.skipIf(!chromiumAvailable)("a cluster's page in Chromium", () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const clusterPage = () => page.getByTestId('page-cluster');
  const heading = () => clusterPage().locator('h1');
  const attachedNames = () =>
    page
      .getByTestId('cluster-page-compute-link')
      .evaluateAll((links) => links.map((link) => link.textContent ?? ''));
  const backToInventory = async () => {
    await page.getByTestId('cluster-page-back').click();
    await page.getByTestId('page-inventory').waitFor();
  };

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-cluster-page-e2e-'));
    host = await startEmulatorHost(emulator, { userDataDir });
    browser = await launchChromium();
    page = await openApp(browser, host, {
      width: 1360,
      height: 900,
      timeoutMs: 20_000,
      pageErrors,
    });
    await signInDemoAdmin(page);
    await listInventory(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('opens from the cluster cell of the Computes table, with what the record knows of it', async () => {
    await page.locator(`[data-testid="compute-cluster"][title="${CPU_CLUSTER}"]`).first().click();
    await clusterPage().waitFor();
    expect(await heading().textContent()).toBe('aks-cpu-prod-weu');
    expect(await page.getByTestId('cluster-page-kind').textContent()).toBe('AKS');
    expect(
      await page.getByTestId('cluster-page-extension').getAttribute('data-extension-state'),
    ).toBe('ready');
    expect(await page.getByTestId('cluster-page-extension-state').textContent()).toBe('Succeeded');
    expect(await page.getByTestId('cluster-page-id').textContent()).toBe(CPU_CLUSTER);
    expect(await page.getByTestId('cluster-page-resource-group').textContent()).toBe(
      'rg-ml-prod-weu',
    );
    expect(await page.getByTestId('cluster-page-tenant').textContent()).not.toBe('');
    // Attached to two workspaces, one compute each, with their state badges.
    expect(await attachedNames()).toEqual(['cpu-prod', 'cpu-shared']);
    expect(
      await page
        .getByTestId('cluster-page-compute-state')
        .evaluateAll((badges) => badges.map((badge) => badge.textContent)),
    ).toEqual(['Succeeded', 'Succeeded']);
    // The first listing is its history's first row.
    await expect
      .poll(() => page.getByTestId('cluster-history-line').getAttribute('data-kind'))
      .toBe('first-seen');
    expect(await seriousAxeViolations(page, '[data-testid="page-cluster"]')).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cluster-page.png'), fullPage: true });
  });

  it('attaches from the page: the wizard opens with this cluster chosen', async () => {
    await page.getByTestId('cluster-page-attach').click();
    await page.getByTestId('attach-step-workspace').waitFor();
    await page
      .locator(`[data-testid="attach-workspace-option"][data-workspace-id="${FRAUD}"]`)
      .check();
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-cluster').waitFor();
    expect(
      await page
        .locator(`[data-testid="attach-cluster-option"][data-cluster-id="${CPU_CLUSTER}"]`)
        .isChecked(),
    ).toBe(true);
    // Back in the Inventory, the table shows again (the page was put away with the area).
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('page-inventory').waitFor();
    await page.locator(`[data-testid="compute-cluster"][title="${CPU_CLUSTER}"]`).first().click();
    await clusterPage().waitFor();
  });

  it("follows a compute to its page, whose Back returns to the cluster's page", async () => {
    await page.getByTestId('cluster-page-compute-link').filter({ hasText: 'cpu-shared' }).click();
    await page.getByTestId('page-compute').waitFor();
    expect(await page.getByTestId('page-compute').locator('h1').textContent()).toBe('cpu-shared');
    await page.getByTestId('compute-page-back').click();
    await clusterPage().waitFor();
    expect(await heading().textContent()).toBe('aks-cpu-prod-weu');
    await backToInventory();
  });

  it("opens from a compute's page, and Back returns to that compute", async () => {
    await page.getByTestId('inventory-view-workspaces').click();
    await page
      .locator('[data-testid="compute-row"]', { hasText: 'gpu-prod' })
      .getByTestId('compute-open')
      .click();
    await page.getByTestId('compute-page-cluster-link').click();
    await clusterPage().waitFor();
    expect(await heading().textContent()).toBe('aks-gpu-prod-weu');
    expect(await attachedNames()).toEqual(['gpu-prod']);
    expect(await page.getByTestId('cluster-page-back').textContent()).toBe('Back to gpu-prod');
    await page.getByTestId('cluster-page-back').click();
    await page.getByTestId('page-compute').waitFor();
    await page.getByTestId('compute-page-back').click();
    await page.getByTestId('page-inventory').waitFor();
  });

  it('opens from the Clusters tab: an Arc cluster, and one without the Azure ML extension', async () => {
    await page.getByTestId('inventory-view-clusters').click();
    const open = (id: string) =>
      page
        .locator(`[data-testid="cluster-row"][data-cluster-id="${id}"]`)
        .getByTestId('cluster-open');
    await open(ARC_CLUSTER).click();
    await clusterPage().waitFor();
    expect(await heading().textContent()).toBe('arc-onprem-ams01');
    expect(await page.getByTestId('cluster-page-kind').textContent()).toBe('Arc');
    expect(await attachedNames()).toEqual(['onprem-ams']);
    await backToInventory();

    await page.getByTestId('inventory-view-clusters').click();
    await open(BATCH_CLUSTER).click();
    await clusterPage().waitFor();
    expect(
      await page.getByTestId('cluster-page-extension').getAttribute('data-extension-state'),
    ).toBe('missing');
    await page.getByTestId('cluster-page-extension-missing').waitFor();
    await backToInventory();
  });

  it('opens from the command palette', async () => {
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('aks-gpu-prod');
    await page.locator('[data-testid="palette-option"][data-item-id^="cluster:"]').first().click();
    await clusterPage().waitFor();
    expect(await heading().textContent()).toBe('aks-gpu-prod-weu');
  });

  it('puts the page away when the palette jumps to a workspace in the Inventory', async () => {
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('mlw-fraud-prod');
    await page.locator(`[data-testid="palette-option"][data-item-id="workspace:${FRAUD}"]`).click();
    await page.getByTestId('page-inventory').waitFor();
    expect(await clusterPage().count()).toBe(0);
  });

  it('shows a change made outside Mooring in the cluster history after a refresh', async () => {
    await emulator.control.changeCluster({
      id: GPU_CLUSTER,
      azureMlExtension: { version: '1.2.0', provisioningState: 'Failed' },
    });
    await clickRefresh(page);
    await page.getByTestId('inventory-refreshing').waitFor({ state: 'hidden', timeout: 60_000 });
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('aks-gpu-prod');
    await page.locator('[data-testid="palette-option"][data-item-id^="cluster:"]').first().click();
    await clusterPage().waitFor();
    const newest = page.getByTestId('cluster-history-line').first();
    await expect.poll(() => newest.getAttribute('data-kind'), { timeout: 20_000 }).toBe('changed');
    expect(await newest.getAttribute('data-fields')).toBe('extensionState extensionVersion');
    expect(await newest.textContent()).toMatch(
      /Changed outside Mooring: extension state Succeeded → Failed; extension version \S+ → 1\.2\.0/,
    );
    expect(await page.getByTestId('cluster-history-line').count()).toBe(2);
    expect(
      await page.getByTestId('cluster-page-extension').getAttribute('data-extension-state'),
    ).toBe('failed');
    expect(await page.getByTestId('cluster-page-extension-version').textContent()).toBe('1.2.0');
    expect(await seriousAxeViolations(page, '[data-testid="page-cluster"]')).toEqual([]);
    // The page scrolls inside the window: the history is brought into view for the picture.
    await page.getByTestId('cluster-page-history').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cluster-page-drift.png') });
    await backToInventory();
  });

  it('says plainly when a compute names a cluster the record does not hold', async () => {
    // The shared cluster's subscription leaves the scope: its clusters leave the record shown,
    // while a compute of another subscription still names it.
    await page.getByTestId('header-scope-button').click();
    await page.getByTestId('scope-drawer').waitFor();
    const shared = page.locator(
      `[data-testid="subscription-row"][data-subscription-id="${SHARED_CLUSTERS}"]`,
    );
    await shared.getByTestId('subscription-select').click();
    await expect.poll(() => shared.getAttribute('data-selected')).toBe('false');
    await page.keyboard.press('Escape');
    await page.getByTestId('scope-drawer').waitFor({ state: 'hidden' });

    await page.getByTestId('inventory-view-workspaces').click();
    await page
      .locator('[data-testid="compute-row"]', { hasText: 'shared-xsub' })
      .getByTestId('compute-open')
      .click();
    await page.getByTestId('compute-page-cluster-link').click();
    await clusterPage().waitFor();
    await page.getByTestId('cluster-page-not-found').waitFor({ timeout: 20_000 });
    expect(await heading().textContent()).toBe('aks-shared-weu');
    expect(await page.getByTestId('cluster-page-not-found-id').textContent()).toBe(SHARED_CLUSTER);
    expect(await page.getByTestId('cluster-page-not-found').textContent()).toContain(
      "not in Mooring's record of the selected subscriptions",
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cluster-page-not-found.png') });
    expect(await seriousAxeViolations(page, '[data-testid="page-cluster"]')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('waits to attach while Azure cannot be reached, and says why', async () => {
    await emulator.stopListening();
    await page.getByTestId('cluster-page-back').click();
    await page.getByTestId('compute-page-back').click();
    await page.getByTestId('page-inventory').waitFor();
    await clickRefresh(page);
    await page.getByTestId('offline-banner').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('aks-cpu-prod');
    await page.locator('[data-testid="palette-option"][data-item-id^="cluster:"]').first().click();
    await clusterPage().waitFor();
    const attach = page.getByTestId('cluster-page-attach');
    await expect.poll(() => attach.getAttribute('aria-disabled')).toBe('true');
    expect(await attach.getAttribute('title')).toMatch(/^Unavailable offline/);
    // The record still answers: the page is all there.
    expect(await attachedNames()).toEqual(['cpu-prod', 'cpu-shared']);
    await emulator.listenAgain();
    // Changed meanwhile: the refresh that coming back online starts brings it to the open page.
    await emulator.control.changeCluster({
      id: CPU_CLUSTER,
      azureMlExtension: { version: '1.3.0' },
    });
    await page.getByTestId('offline-retry').click();
    await page.getByTestId('offline-banner').waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(() => attach.getAttribute('aria-disabled')).toBeNull();
    const newest = page.getByTestId('cluster-history-line').first();
    await expect
      .poll(() => newest.getAttribute('data-fields'), { timeout: 30_000 })
      .toBe('extensionVersion');
    expect(await page.getByTestId('cluster-page-extension-version').textContent()).toBe('1.3.0');
  });
});
