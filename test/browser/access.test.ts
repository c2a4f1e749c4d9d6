/**
 * Issue 9 as an admin meets it, in Chromium through the browser host against the local Azure
 * emulator: attach with a system-assigned identity and the storage and registry presets chosen;
 * both grants complete after Entra ID's replication delay; a custom role granted; one removed
 * after a confirmation whose default is Cancel; the host restarted and the access still shown.
 * Screenshots of each step go to test-results/access/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../browser-host/host';
import type { BrowserHost } from '../browser-host/host';
import { startEmulator } from '../emulator/emulator';
import type { RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { testEncryptor } from '../support/test-encryptor';
import { listInventory, signInDemoAdmin, startEmulatorHost } from './app-session';
import { seriousAxeViolations } from './axe';
import { chromiumAvailable, launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'access');
const LONG = { timeout: 60_000 };
const COMPUTE = 'k8s-access';

describe.skipIf(!chromiumAvailable)('roles for a compute identity in Chromium', () => {
  let emulator: RunningEmulator;
  let userDataDir: string;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const encryptor = testEncryptor('os');

  const startHost = () => startEmulatorHost(emulator, { userDataDir, encryptor });

  const openApp = async () => {
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(host.url);
    await page.getByTestId('app-root').waitFor();
  };

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  /** The Access section whole (the page scrolls inside its own pane, beyond a full-page shot). */
  const shotAccess = (name: string) =>
    page.getByTestId('compute-access').screenshot({ path: path.join(SHOTS, `${name}.png`) });

  const openCompute = async () => {
    await page.getByTestId('nav-inventory').click();
    const row = page.locator('[data-testid="compute-row"]', { hasText: COMPUTE });
    await row.first().waitFor(LONG);
    await row.first().getByTestId('compute-open').click();
    await page.getByTestId('page-compute').waitFor();
    await page.getByTestId('compute-access').waitFor();
  };

  const presetState = (key: string) => page.getByTestId(`access-preset-${key}-state`).textContent();

  const assignment = (text: RegExp) =>
    page.locator('[data-testid="access-assignment"]').filter({ hasText: text });

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    emulator = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-access-e2e-'));
    host = await startHost();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    context.setDefaultTimeout(20_000);
    await openApp();
    await signInDemoAdmin(page);
    await listInventory(page);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('attaches with a system-assigned identity and the storage and registry presets chosen', async () => {
    await page.getByTestId('nav-attach').click();
    await page.getByTestId('attach-step-workspace').waitFor();
    await page.getByTestId('attach-workspace-filter').fill('mlw-recommender');
    await page
      .locator('[data-testid="attach-workspace-option"][data-workspace-id$="/mlw-recommender"]')
      .check();
    await page.getByTestId('attach-next').click();
    await page
      .locator('[data-testid="attach-cluster-option"][data-cluster-id$="/aks-cpu-prod-weu"]')
      .check();
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-details').waitFor();
    await page.getByTestId('attach-compute-name').fill(COMPUTE);
    await page.getByTestId('attach-identity-SystemAssigned').check();
    await page.getByTestId('attach-preset-acr-pull').check();
    await page.getByTestId('attach-preset-storage-blob-data-reader').check();
    expect(
      await seriousAxeViolations(page, '[data-testid="attach-presets"]'),
      'the preset checkboxes',
    ).toEqual([]);
    await shot('1-presets-chosen');
    // Identity None grants nothing, so the presets go away with it.
    await page.getByTestId('attach-identity-None').check();
    expect(await page.getByTestId('attach-presets').count()).toBe(0);
    await page.getByTestId('attach-identity-SystemAssigned').check();
    expect(await page.getByTestId('attach-preset-acr-pull').isChecked()).toBe(true);
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-review').waitFor();
    await page.getByTestId('preflight-findings').first().waitFor(LONG);
    // Entra ID does not know the new identity for a few seconds: the grants wait for it.
    await emulator.control.failPrincipalLookups({ seconds: 4 });
    await page.getByTestId('attach-start').click();
    await page.getByTestId('attach-step-progress').waitFor();
    await expect
      .poll(
        () =>
          page.locator('[data-testid="attach-progress-item"] [data-status="succeeded"]').count(),
        LONG,
      )
      .toBe(1);
  });

  it('shows both grants complete after the replication delay', async () => {
    await openCompute();
    await page.getByTestId('access-directory-name').waitFor(LONG);
    expect(await page.getByTestId('access-directory-name').textContent()).toBe(
      `mlw-recommender/computes/${COMPUTE}`,
    );
    // While Entra ID replicates, the section says so.
    await expect
      .poll(() => page.getByTestId('access-grants').textContent(), LONG)
      .toMatch(/Waiting for Entra ID to replicate the identity|Granted/);
    await shotAccess('2-waiting-for-entra');
    await expect.poll(() => presetState('acr-pull'), LONG).toBe('Granted');
    await expect.poll(() => presetState('storage-blob-data-reader'), LONG).toBe('Granted');
    await expect.poll(() => assignment(/AcrPull/).count(), LONG).toBe(1);
    expect(await presetState('key-vault-secrets-user')).toBe('Not granted');
    expect(await seriousAxeViolations(page, '[data-testid="compute-access"]'), 'Access').toEqual(
      [],
    );
    await shotAccess('3-presets-granted');
  });

  it('grants a custom role at the resource group, from the keyboard', async () => {
    await page.getByTestId('access-grant-custom').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('grant-role-dialog').waitFor();
    await page.getByTestId('grant-role-search').fill('Reader');
    const option = page.getByTestId('grant-role-option-Reader');
    await option.waitFor(LONG);
    await option.focus();
    await page.keyboard.press('Space');
    await page.getByTestId('grant-scope-resource-group').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('grant-role-confirm').isEnabled()).toBe(true);
    // Fluent's buttons fade from their disabled colours: check contrast once the fade has ended.
    await expect
      .poll(() =>
        page.getByTestId('grant-role-confirm').evaluate((button) => getComputedStyle(button).color),
      )
      .not.toBe('rgb(189, 189, 189)');
    expect(
      await seriousAxeViolations(page, '[data-testid="grant-role-dialog"]'),
      'the grant dialog',
    ).toEqual([]);
    await shot('4-custom-grant');
    await page.getByTestId('grant-role-confirm').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('grant-role-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => assignment(/^Reader.*resource group/).count(), LONG).toBe(1);
    await shotAccess('5-custom-granted');
  });

  it('refuses a malformed pasted scope before anything is sent', async () => {
    await page.getByTestId('access-grant-custom').click();
    await page.getByTestId('grant-role-dialog').waitFor();
    await page.getByTestId('grant-scope-pasted').check();
    await page.getByTestId('grant-scope-pasted-id').fill('/subscriptions/nonsense');
    await page.getByTestId('grant-scope-pasted-id').blur();
    await expect
      .poll(() => page.getByTestId('grant-role-dialog').textContent())
      .toMatch(/subscription/i);
    expect(await page.getByTestId('grant-role-confirm').isDisabled()).toBe(true);
    await page.getByTestId('grant-role-cancel').click();
    await page.getByTestId('grant-role-dialog').waitFor({ state: 'detached' });
  });

  it('removes one after a confirmation naming role, scope and identity', async () => {
    await assignment(/AcrPull/)
      .getByTestId('access-assignment-remove')
      .click();
    await page.getByTestId('remove-assignment-dialog').waitFor();
    const title = await page.getByTestId('remove-assignment-dialog').textContent();
    expect(title).toContain('AcrPull');
    expect(title).toContain('container registry');
    expect(title).toContain(`mlw-recommender/computes/${COMPUTE}`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('remove-assignment-cancel');
    await shot('6-remove-confirm');
    await page.getByTestId('remove-assignment-confirm').click();
    await page.getByTestId('remove-assignment-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => assignment(/AcrPull/).count(), LONG).toBe(0);
    await expect.poll(() => presetState('acr-pull'), LONG).toBe('Not granted');
    await shotAccess('7-removed');
    // Every grant and removal is a row of the compute's operations.
    const journal = page.locator(
      '[data-testid="compute-page-operations"] [data-testid="operation-item"]',
    );
    await expect
      .poll(
        () => journal.filter({ hasText: 'Remove AcrPull' }).first().getAttribute('data-status'),
        LONG,
      )
      .toBe('succeeded');
    expect(
      await journal
        .filter({ hasText: /^.*Grant (AcrPull|Storage Blob Data Reader|Reader)/ })
        .count(),
    ).toBe(3);
    await page.getByTestId('compute-page-operations').scrollIntoViewIfNeeded();
    await shot('7b-journal');
  });

  it('still shows the access list after the host restarts', async () => {
    await page.close();
    await host.close();
    host = await startHost();
    await openApp();
    await openCompute();
    await expect.poll(() => assignment(/Storage Blob Data Reader/).count(), LONG).toBe(1);
    expect(await assignment(/^Reader/).count()).toBe(1);
    expect(await assignment(/AcrPull/).count()).toBe(0);
    await shotAccess('8-after-restart');
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
