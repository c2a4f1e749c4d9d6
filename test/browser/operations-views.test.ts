// The attach wizard, the compute page and the operations tray in Chromium, driven by a scripted
// bridge (no main process): what the views do with the contract's answers and events, by keyboard.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../browser-host/host';
import type { ComputeDetail, OperationView } from '../../shared/domain/operations';
import { megan, subscription } from '../renderer/fixtures';
import { PRODUCTION, compute, snapshotOf, workspace } from '../renderer/inventory-fixtures';
import { cluster, identity, operation } from '../renderer/operations-fixtures';
import { chromiumAvailable, launchChromium, newAppPage } from './chromium';
import { ensureRendererBuilt } from './renderer-build';
import { scriptedBridgeInit, serveBuiltRenderer } from './support/scripted-bridge';

const SHOTS = path.join(REPO_ROOT, 'test-results', 'operations-views');

const fraud = workspace('ws-fraud');
const churn = workspace('ws-churn');
const existing = compute(fraud, 'k8s-prod');
const healthy = cluster('aks-prod');
const bare = cluster('aks-bare', { azureMlExtension: null });
const offline = cluster('arc-edge', { kind: 'arc', connectivityStatus: 'Offline' });
const uami = identity('id-fraud');
const attached = compute(fraud, 'k8s-new', {
  clusterId: healthy.id,
  namespace: 'team-a',
  provisioningState: 'Creating',
  principalId: '0a1b2c3d-0000-4000-8000-000000000001',
});
const running: OperationView = operation(fraud, 'k8s-new', {
  operationId: 'op-attach-1',
  computeId: attached.id,
  clusterId: healthy.id,
  summary: 'Attach aks-prod to ws-fraud as k8s-new',
  createdAt: new Date(Date.now() - 120_000).toISOString(),
  startedAt: new Date(Date.now() - 120_000).toISOString(),
});
const LATE_FAILURE = {
  code: 'ExtensionInstallationFailed',
  message:
    'The Azure ML extension on /subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod is not healthy: inference router pods are CrashLoopBackOff.',
};
const request = {
  method: 'PUT',
  path: `${attached.id}?api-version=2025-09-01`,
  body: '{\n  "location": "westeurope"\n}',
  commands: {
    az: 'az ml compute attach --type Kubernetes --name k8s-new --namespace team-a',
    azRest: `az rest --method put --url https://management.azure.com${attached.id}?api-version=2025-09-01`,
  },
};
const detail: ComputeDetail = {
  compute: attached,
  identity: {
    type: 'SystemAssigned',
    principalId: attached.principalId,
    clientId: null,
    tenantId: running.tenantId,
    userAssignedIdentityId: null,
    directoryName: null,
  },
  stateHistory: [
    {
      state: 'Creating',
      observedAt: new Date(Date.now() - 120_000).toISOString(),
      source: 'operation',
      operationId: running.operationId,
    },
    {
      state: 'Failed',
      observedAt: new Date(Date.now() - 30_000).toISOString(),
      source: 'operation',
      operationId: running.operationId,
    },
  ],
  operations: [running],
};

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const push = (page: Page, name: string, payload: unknown) =>
  page.evaluate(
    ([event, value]) => {
      (window as unknown as { __push: (n: unknown, p: unknown) => void }).__push(event, value);
    },
    [name, payload] as const,
  );
/** Presses Tab until the focused element matches `selector`; fails if 40 presses do not get there. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if (
      await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)
    ) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}: it is not reachable from the keyboard.`);
}
/** Fluent marks the element its keyboard focus ring is drawn on. */
const focusRingShown = (page: Page) =>
  page.evaluate(() => document.activeElement?.hasAttribute('data-fui-focus-visible') ?? false);
const callsOf = (page: Page, name: string) =>
  page.evaluate(
    (wanted) =>
      (window as unknown as { __calls: { name: string; input: unknown }[] }).__calls.filter(
        (call) => call.name === wanted,
      ),
    name,
  );

describe.skipIf(!chromiumAvailable)('attach, compute page and tray views in Chromium', () => {
  let server: Awaited<ReturnType<typeof serveBuiltRenderer>>;
  let browser: Browser;
  let page: Page;
  const unexpectedErrors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    mkdirSync(SHOTS, { recursive: true });
    server = await serveBuiltRenderer();
    browser = await launchChromium();
    page = await newAppPage(browser, { height: 900 });
    page.on('pageerror', (error) => unexpectedErrors.push(error.message));
    await page.addInitScript(scriptedBridgeInit, {
      answers: {
        'app.getInfo': {
          name: 'Mooring',
          version: '0.1.0',
          databasePath: '/tmp/m.db',
          platform: 'linux',
        },
        'settings.get': { theme: 'light' },
        'accounts.list': [megan],
        'subscriptions.get': {
          subscriptions: [
            subscription({
              subscriptionId: PRODUCTION,
              displayName: 'Contoso ML Production',
              selected: true,
            }),
          ],
          problems: [],
          refreshedAt: '2026-11-25T10:00:00.000Z',
        },
        'inventory.get': {
          ...snapshotOf([fraud, churn], [existing]),
          clusters: [bare, healthy, offline],
          identities: [uami],
        },
        'operations.list': [],
        'attach.preflight': {
          findings: [
            {
              check: 'extension',
              outcome: 'passed',
              title: 'The Azure ML extension is Succeeded',
              detail: 'Version 1.1.64.',
              command: null,
            },
            {
              check: 'namespace',
              outcome: 'failed',
              title: 'The namespace team-a does not exist on aks-prod',
              detail: 'Azure ML does not create it; every job would fail.',
              command: 'kubectl create namespace team-a',
            },
          ],
          blocking: true,
          checkedAt: new Date().toISOString(),
        },
        'attach.preview': request,
        'attach.start': running,
        'attach.startBulk': [
          operation(fraud, 'k8s-bulk', { operationId: 'op-bulk-1' }),
          operation(churn, 'k8s-bulk', { operationId: 'op-bulk-2' }),
        ],
        'operations.get': { operation: running, request, polls: [] },
        'computes.get': detail,
        'computes.previewDetach': { ...request, method: 'DELETE', body: null },
        'computes.previewIdentityChange': {
          request,
          principalChanges: true,
          assignmentsLost: [{ roleName: 'AcrPull', scope: '/subscriptions/…/registries/crfraud' }],
          assignmentsReadable: true,
        },
      },
    });
    await page.goto(server.url);
    // The views below start from the workspaces view (the inventory opens on its table).
    await page.getByTestId('inventory-view-workspaces').click();
    await page.getByTestId('workspace-attach').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the wizard from a workspace on the cluster step, unusable clusters disabled with why', async () => {
    const attach = page.locator(
      `[data-workspace-id="${fraud.id}"] [data-testid="workspace-attach"]`,
    );
    await attach.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-cluster').waitFor();
    expect(await focusedTestId(page)).toBe('attach-step-heading');

    const bareOption = page.locator(
      `[data-testid="attach-cluster-option"][data-cluster-id="${bare.id}"]`,
    );
    expect(await bareOption.isDisabled()).toBe(true);
    const reasons = await page.getByTestId('attach-cluster-reason').allTextContents();
    expect(reasons.join('\n')).toContain('It has no Azure Machine Learning extension');
    expect(reasons.join('\n')).toContain('The Arc agent is Offline');
    await shot(page, '1-cluster');

    // Keyboard only: Tab into the radio group lands on the one usable cluster; Space picks it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      healthy.id,
    );
    await page.keyboard.press('Space');
    expect(await page.locator(`[data-cluster-id="${healthy.id}"]`).isChecked()).toBe(true);
  });

  it('checks the name as it is typed, by the shared rules', async () => {
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-details').waitFor();
    await page.getByTestId('attach-compute-name').fill('1bad');
    await page.getByText('A compute name starts with a letter.').waitFor();
    await page.getByTestId('attach-compute-name').fill('k8s-prod');
    await page.getByText('A compute of this name already exists in the workspace.').waitFor();
    await page.getByTestId('attach-compute-name').fill('k8s-new');
    await page.getByTestId('attach-namespace').fill('team-a');
    await shot(page, '2-details');
    // Enter in a field goes on to the review, as in any form.
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-review').waitFor();
  });

  it('shows the failed preflight with its command and asks for an explicit attach anyway', async () => {
    await page.getByTestId('preflight-findings').waitFor();
    const first = page.getByTestId('preflight-finding').first();
    expect(await first.getAttribute('data-outcome')).toBe('failed');
    expect(await page.getByTestId('preflight-command-text').first().textContent()).toBe(
      'kubectl create namespace team-a',
    );
    expect(await page.getByTestId('attach-preview-az-text').textContent()).toBe(
      request.commands.az,
    );
    expect(await page.getByTestId('attach-start').isDisabled()).toBe(true);
    await shot(page, '3-review');
    await page.getByTestId('attach-anyway').check();
    expect(await page.getByTestId('attach-start').isDisabled()).toBe(false);
  });

  it('follows the attach live and shows a late failure verbatim, in the wizard and the tray', async () => {
    await page.getByTestId('attach-start').click();
    await page.getByTestId('attach-step-progress').waitFor();
    const [sent] = await callsOf(page, 'attach.start');
    expect(sent?.input).toMatchObject({
      computeName: 'k8s-new',
      namespace: 'team-a',
      clusterId: healthy.id,
    });
    await push(page, 'operations.changed', {
      ...running,
      pollCount: 1,
      lastPolledAt: new Date().toISOString(),
    });
    await page.locator('[data-testid="operations-tray-button"][data-running="1"]').waitFor();

    await push(page, 'operations.changed', {
      ...running,
      status: 'failed',
      pollCount: 2,
      provisioningState: 'Failed',
      endedAt: new Date().toISOString(),
      lastPolledAt: new Date().toISOString(),
      errors: [LATE_FAILURE],
    });
    await page.locator('[data-testid="operation-progress"][data-status="failed"]').waitFor();
    expect(await page.getByTestId('operation-error-message').first().textContent()).toBe(
      LATE_FAILURE.message,
    );
    await shot(page, '4-failed');

    await page.getByTestId('operations-tray-button').click();
    await page.getByTestId('operations-tray-recent-list').waitFor();
    await shot(page, '5-tray');
    await page
      .locator('[data-testid="operations-tray"] [data-testid="operation-item"]')
      .first()
      .click();
    await page.getByTestId('operation-details').waitFor();
    expect(await page.getByTestId('operation-request-az-rest-text').textContent()).toBe(
      request.commands.azRest,
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('operation-details').waitFor({ state: 'detached' });
  });

  it('opens the compute page with its Entra ID name, timeline and a detach that defaults to Cancel', async () => {
    await page.getByTestId('attach-progress-open-compute').click();
    await page.getByTestId('page-compute').waitFor();
    expect(await page.getByTestId('compute-page-directory-name').textContent()).toBe(
      'ws-fraud/computes/k8s-new',
    );
    expect(await page.getByTestId('state-timeline-segment').count()).toBe(2);
    await page.getByTestId('state-timeline-table-switch').check();
    expect(await page.getByTestId('state-timeline-row').count()).toBe(2);
    await shot(page, '6-compute');

    await page.getByTestId('compute-detach').click();
    await page.getByTestId('detach-dialog').waitFor();
    const explanation = await page.getByTestId('detach-explanation').textContent();
    expect(explanation).toContain('k8s-new');
    expect(explanation).toContain('ws-fraud');
    expect(explanation).toContain('azureml');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'detach-cancel',
    );
    await shot(page, '7-detach');
    await page.keyboard.press('Enter');
    await page.getByTestId('detach-dialog').waitFor({ state: 'detached' });
    expect(await callsOf(page, 'computes.detach')).toEqual([]);
  });

  it('warns which role assignments a new principal would lose before changing the identity', async () => {
    await page.getByTestId('compute-edit-identity').click();
    await page.getByTestId('edit-identity-dialog').waitFor();
    await page.getByTestId('edit-identity-None').check();
    await page.getByTestId('edit-identity-lost-assignment').waitFor();
    expect(await page.getByTestId('edit-identity-lost-assignment').textContent()).toContain(
      'AcrPull',
    );
    await shot(page, '8-identity');
    await page.getByTestId('edit-identity-cancel').click();
  });

  it('attaches one cluster to several workspaces from the palette, one request each', async () => {
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('several workspaces');
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-workspace').waitFor();
    expect(await page.getByTestId('attach-bulk-switch').isChecked()).toBe(true);
    for (const chosen of [fraud, churn]) {
      await page
        .locator(`[data-testid="attach-workspace-option"][data-workspace-id="${chosen.id}"]`)
        .check();
    }
    await page.getByTestId('attach-next').click();
    await page
      .locator(`[data-testid="attach-cluster-option"][data-cluster-id="${healthy.id}"]`)
      .check();
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-compute-name').fill('k8s-bulk');
    await page.getByTestId('attach-next').click();
    await expect.poll(() => page.getByTestId('preflight-findings').count()).toBe(2);
    await page.getByTestId('attach-anyway').check();
    await shot(page, '9-bulk-review');
    expect(await page.getByTestId('attach-start').textContent()).toBe('Attach to 2 workspaces');
    await page.getByTestId('attach-start').click();
    await expect.poll(() => page.getByTestId('attach-progress-item').count()).toBe(2);
    const [bulk] = await callsOf(page, 'attach.startBulk');
    const sent = (bulk?.input as { requests: { workspaceId: string; computeName: string }[] })
      .requests;
    expect(sent.map((entry) => [entry.workspaceId, entry.computeName])).toEqual([
      [fraud.id, 'k8s-bulk'],
      [churn.id, 'k8s-bulk'],
    ]);
  });

  it('opens the wizard from a cluster in the inventory with that cluster chosen', async () => {
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('inventory-view-clusters').click();
    const row = page.locator(`[data-testid="cluster-row"][data-cluster-id="${healthy.id}"]`);
    await shot(page, '10-inventory-clusters');
    await row.getByTestId('cluster-attach').click();
    await page.getByTestId('attach-step-workspace').waitFor();
    await page
      .locator(`[data-testid="attach-workspace-option"][data-workspace-id="${churn.id}"]`)
      .check();
    await page.getByTestId('attach-next').click();
    await page.getByTestId('attach-step-cluster').waitFor();
    expect(await page.locator(`[data-cluster-id="${healthy.id}"]`).isChecked()).toBe(true);
  });

  it('attaches from the keyboard alone, with the focus ring always shown', async () => {
    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('attach a cluster');
    // "Go to Attach" comes first (areas lead the palette); the arrows reach the action.
    const active = '[data-testid="palette-option"][aria-selected="true"]';
    for (let presses = 0; presses < 10; presses += 1) {
      if ((await page.locator(active).getAttribute('data-item-id')) === 'attach:new') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-workspace').waitFor();
    await tabTo(page, '[data-testid="attach-workspace-option"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="attach-next"]');
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-cluster').waitFor();
    await tabTo(page, '[data-testid="attach-cluster-option"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="attach-next"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-details').waitFor();
    await tabTo(page, '[data-testid="attach-compute-name"]');
    await page.keyboard.type('k8s-kb');
    await tabTo(page, '[data-testid="attach-next"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('preflight-findings').waitFor();
    await tabTo(page, '[data-testid="attach-anyway"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="attach-start"]');
    expect(await focusRingShown(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('attach-step-progress').waitFor();
    const sent = await callsOf(page, 'attach.start');
    expect(sent[sent.length - 1]?.input).toMatchObject({
      workspaceId: churn.id,
      clusterId: healthy.id,
      computeName: 'k8s-kb',
      namespace: 'default',
    });
  });

  it('raised no page error', () => {
    expect(unexpectedErrors).toEqual([]);
  });
});
