/**
 * Issue 8 as an admin meets it, in Chromium through the browser host against the local Azure
 * emulator: attach with each identity type, a late failure shown verbatim, a missing namespace
 * caught by the preflight, a restart during Creating, an identity change, a detach and a bulk
 * attach to three workspaces. Screenshots of each step go to test-results/attach/.
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

const SHOTS = path.join(REPO_ROOT, 'test-results', 'attach');
const LONG = { timeout: 60_000 };

interface AttachInput {
  readonly workspaces: readonly string[];
  readonly cluster: string;
  readonly computeName: string;
  readonly namespace?: string;
  readonly identity: 'None' | 'SystemAssigned' | { userAssigned: string };
  /** Check each step with axe on the way (once per kind of step is enough). */
  readonly accessibility?: boolean;
}

describe.skipIf(!chromiumAvailable)('attach, identity and detach in Chromium', () => {
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

  /** The compute as Azure (the emulator) holds it now: what the app claims is checked there too. */
  const azureCompute = (workspaceName: string, computeName: string) => {
    const workspace = [...emulator.world.workspaces.values()].find(
      (candidate) => candidate.name === workspaceName,
    );
    if (!workspace) throw new Error(`The scenario has no workspace ${workspaceName}.`);
    return emulator.world
      .computesOf(workspace.id, Date.now())
      .find((compute) => compute.name === computeName);
  };

  /** The page as it is now (or one dialog of it) has no serious accessibility violation. */
  const accessible = async (what: string, within?: string) => {
    expect(await seriousAxeViolations(page, within), what).toEqual([]);
  };

  /** Walks the wizard from the Attach area up to the review, as a user would. */
  const fillWizard = async (input: AttachInput) => {
    await page.getByTestId('nav-attach').click();
    await page.getByTestId('attach-wizard').waitFor();
    // A wizard left part way, or after a started attach, begins again from its first step.
    if (await page.getByTestId('attach-again').isVisible()) {
      await page.getByTestId('attach-again').click();
    } else if (await page.getByTestId('attach-start-over').isVisible()) {
      await page.getByTestId('attach-start-over').click();
    }
    await page.getByTestId('attach-step-workspace').waitFor();
    if (input.accessibility) {
      await accessible('the workspace step');
      await shot('0a-step-workspace');
    }
    const bulk = page.getByTestId('attach-bulk-switch');
    if (input.workspaces.length > 1 && !(await bulk.isChecked())) await bulk.check();
    for (const name of input.workspaces) {
      await page.getByTestId('attach-workspace-filter').fill(name);
      await page
        .locator(`[data-testid="attach-workspace-option"][data-workspace-id$="/${name}"]`)
        .check();
    }
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-cluster').waitFor();
    if (input.accessibility) {
      await accessible('the cluster step');
      await shot('0b-step-cluster');
    }
    await page
      .locator(`[data-testid="attach-cluster-option"][data-cluster-id$="/${input.cluster}"]`)
      .check();
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-details').waitFor();
    if (input.accessibility) {
      await accessible('the details step');
      await shot('0c-step-details');
    }
    await page.getByTestId('attach-compute-name').fill(input.computeName);
    await page.getByTestId('attach-namespace').fill(input.namespace ?? 'default');
    if (typeof input.identity === 'string') {
      await page.getByTestId(`attach-identity-${input.identity}`).check();
    } else {
      await page.getByTestId('attach-identity-UserAssigned').check();
      const select = page.getByTestId('attach-user-identity');
      const value = await select
        .locator('option', { hasText: input.identity.userAssigned })
        .first()
        .getAttribute('value');
      await select.selectOption(value ?? '');
    }
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-review').waitFor();
    await page.getByTestId('preflight-findings').first().waitFor(LONG);
    if (input.accessibility) {
      // Checked once the preflight has settled and the Attach button is ready.
      await expect.poll(() => page.getByTestId('attach-start').isEnabled(), LONG).toBe(true);
      await accessible('the review step');
      await shot('0d-step-review');
    }
  };

  const attach = async (input: AttachInput) => {
    await fillWizard(input);
    await page.getByTestId('attach-start').click();
    await page.getByTestId('attach-step-progress').waitFor();
  };

  const progressEnds = (status: 'succeeded' | 'failed', count = 1) =>
    expect
      .poll(
        () =>
          page.locator(`[data-testid="attach-progress-item"] [data-status="${status}"]`).count(),
        LONG,
      )
      .toBe(count);

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    // Azure names a 1 s wait between polls, as it does for real operations (with none named,
    // Mooring would wait its own 5 s).
    emulator = await startEmulator({
      scenario: demoScenarioPath,
      settings: { ...fastSettings, operationRetryAfterSeconds: 1 },
    });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'mooring-attach-e2e-'));
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
    await accessible('Accounts after signing in');
    await listInventory(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await emulator?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('attaches with a system-assigned identity and sees Succeeded', async () => {
    await attach({
      workspaces: ['mlw-forecasting'],
      cluster: 'aks-cpu-prod-weu',
      computeName: 'k8s-sys',
      identity: 'SystemAssigned',
      accessibility: true,
    });
    await shot('1-system-progress');
    await progressEnds('succeeded');
    await shot('2-system-succeeded');
    expect(azureCompute('mlw-forecasting', 'k8s-sys')).toMatchObject({
      provisioningState: 'Succeeded',
      identity: { type: 'SystemAssigned' },
    });
    await accessible('the progress of a finished attach');
  });

  it('attaches with a user-assigned identity and with none', async () => {
    await attach({
      workspaces: ['mlw-forecasting'],
      cluster: 'aks-cpu-prod-weu',
      computeName: 'k8s-uai',
      identity: { userAssigned: 'id-ml-training' },
    });
    await progressEnds('succeeded');
    await attach({
      workspaces: ['mlw-forecasting'],
      cluster: 'aks-gpu-prod-weu',
      computeName: 'k8s-none',
      identity: 'None',
    });
    await progressEnds('succeeded');
    await shot('3-none-succeeded');
    const userAssigned = azureCompute('mlw-forecasting', 'k8s-uai')?.identity;
    expect(userAssigned?.type === 'UserAssigned' && userAssigned.identityId).toMatch(
      /\/id-ml-training$/,
    );
    expect(azureCompute('mlw-forecasting', 'k8s-none')?.identity).toEqual({ type: 'None' });
  });

  it('catches a missing namespace in the preflight and gives the command', async () => {
    // In the demo only aks-gpu-prod-weu has the namespace azureml-fraud.
    const namespaceFinding = () =>
      page.locator('[data-testid="preflight-finding"][data-check="namespace"]');
    await fillWizard({
      workspaces: ['mlw-recommender'],
      cluster: 'aks-gpu-prod-weu',
      computeName: 'k8s-nons',
      namespace: 'azureml-fraud',
      identity: 'None',
    });
    expect(await namespaceFinding().getAttribute('data-outcome')).toBe('passed');
    await fillWizard({
      workspaces: ['mlw-recommender'],
      cluster: 'aks-cpu-prod-weu',
      computeName: 'k8s-nons',
      namespace: 'azureml-fraud',
      identity: 'None',
    });
    const finding = namespaceFinding();
    expect(await finding.getAttribute('data-outcome')).toBe('failed');
    expect(await finding.getByTestId('preflight-command-text').textContent()).toContain(
      'kubectl create namespace azureml-fraud',
    );
    expect(await page.getByTestId('attach-start').isDisabled()).toBe(true);
    expect(azureCompute('mlw-recommender', 'k8s-nons')).toBeUndefined();
    await shot('4-missing-namespace');
    await page.getByTestId('attach-start').scrollIntoViewIfNeeded();
    await shot('4b-missing-namespace-attach-disabled');
    // The window itself never scrolls: the page scrolls inside the shell, copy texts and all.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
      'the document is no taller than the window',
    ).toBe(true);
    await accessible('the review with a failed preflight check');
  });

  it('shows a late failure with its errors verbatim', async () => {
    const message =
      'The inference router of the azureml extension is CrashLoopBackOff on aks-cpu-prod-weu.';
    await emulator.control.failAttachLate({ computeName: 'k8s-late', message });
    await attach({
      workspaces: ['mlw-recommender'],
      cluster: 'aks-cpu-prod-weu',
      computeName: 'k8s-late',
      identity: 'None',
    });
    await progressEnds('failed');
    await expect(
      page.getByTestId('operation-error-message').first().textContent(),
    ).resolves.toContain(message);
    await shot('5-late-failure');
    await accessible('the progress of a failed attach');
  });

  it('finishes an attach that was Creating when the host restarted', async () => {
    await emulator.control.updateSettings({ attachDelayMs: 4000 });
    await attach({
      workspaces: ['mlw-recommender'],
      cluster: 'aks-gpu-prod-weu',
      computeName: 'k8s-resume',
      identity: 'None',
    });
    await page.locator('[data-testid="attach-progress-item"] [data-status="running"]').waitFor();
    await expect
      .poll(() => azureCompute('mlw-recommender', 'k8s-resume')?.provisioningState, LONG)
      .toBe('Creating');
    await page.close();
    await host.close();
    host = await startHost();
    await openApp();
    await emulator.control.updateSettings({ attachDelayMs: fastSettings.attachDelayMs });
    await page.getByTestId('nav-activity').click();
    const resumed = page
      .locator('[data-testid="operation-item"]', { hasText: 'k8s-resume' })
      .first();
    await expect.poll(() => resumed.getAttribute('data-status'), LONG).toBe('succeeded');
    await shot('6-resumed');
    expect(azureCompute('mlw-recommender', 'k8s-resume')?.provisioningState).toBe('Succeeded');
    await accessible('Activity after a restart');
  });

  it('changes the identity of an attached compute', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.locator('[data-testid="compute-row"]', { hasText: 'k8s-sys' }).first().waitFor();
    await accessible('the inventory after the attaches');
    await page
      .locator('[data-testid="compute-row"]', { hasText: 'k8s-sys' })
      .getByTestId('compute-open')
      .click();
    await page.getByTestId('page-compute').waitFor();
    await page.getByTestId('compute-page-directory-name').waitFor();
    await accessible('the compute page');
    expect(await page.getByTestId('compute-page-directory-name').textContent()).toBe(
      'mlw-forecasting/computes/k8s-sys',
    );
    await page.getByTestId('compute-edit-identity').click();
    await page.getByTestId('edit-identity-None').check();
    await page.getByTestId('edit-identity-request').waitFor(LONG);
    const warning = page.getByTestId('edit-identity-warning');
    expect(
      await warning.evaluate((element) => element.scrollHeight <= element.clientHeight),
      'the warning about the new principal shows all its text',
    ).toBe(true);
    await shot('7-identity-preview');
    await accessible('the identity dialog', '[data-testid="edit-identity-dialog"]');
    await page.getByTestId('edit-identity-confirm').click();
    const change = page
      .locator('[data-testid="compute-page-operations"] [data-testid="operation-item"]')
      .first();
    await expect.poll(() => change.getAttribute('data-status'), LONG).toBe('succeeded');
    await expect
      .poll(() => page.getByTestId('compute-page-identity-type').textContent(), LONG)
      .toBe('No identity');
    expect(azureCompute('mlw-forecasting', 'k8s-sys')?.identity).toEqual({ type: 'None' });
  });

  it('detaches after a confirmation whose default is Cancel', async () => {
    await page.getByTestId('compute-detach').click();
    await page.getByTestId('detach-dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'detach-cancel',
    );
    await page.getByTestId('detach-request').waitFor(LONG);
    await shot('8-detach-confirm');
    await accessible('the detach dialog', '[data-testid="detach-dialog"]');
    await page.getByTestId('detach-confirm').click();
    const detach = page
      .locator('[data-testid="compute-page-operations"] [data-testid="operation-item"]')
      .first();
    await expect.poll(() => detach.getAttribute('data-status'), LONG).toBe('succeeded');
    // The page reads the compute again once the operation has ended: on a loaded machine, seconds.
    await expect
      .poll(() => page.getByTestId('compute-page-state').textContent(), LONG)
      .toBe('Detached');
    // The state says it once: no second badge repeats it.
    expect(await page.getByTestId('compute-page-removed').count()).toBe(0);
    await shot('9-detached');
    await expect.poll(() => azureCompute('mlw-forecasting', 'k8s-sys'), LONG).toBeUndefined();
  });

  it('attaches one cluster to three workspaces in one go', async () => {
    await attach({
      workspaces: ['mlw-fraud-prod', 'mlw-recommender', 'mlw-forecasting'],
      cluster: 'aks-gpu-prod-weu',
      computeName: 'k8s-bulk',
      identity: 'SystemAssigned',
    });
    await progressEnds('succeeded', 3);
    await shot('10-bulk');
    for (const workspace of ['mlw-fraud-prod', 'mlw-recommender', 'mlw-forecasting']) {
      expect(azureCompute(workspace, 'k8s-bulk'), workspace).toMatchObject({
        provisioningState: 'Succeeded',
        identity: { type: 'SystemAssigned' },
      });
    }
    await accessible('the progress of a bulk attach');
  });

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});
