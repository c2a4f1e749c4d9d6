import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InventorySnapshot } from '../../shared/domain/inventory';
import type { Logger } from '../../electron/logging/logger';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, fastSettings } from '../emulator/testing';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { TestClock, temporaryFolder } from '../subscriptions/service-fixture';
import {
  TestCredentials,
  TestScope,
  named,
  scoped,
  startInventory,
  subscription,
  tenant,
} from './inventory-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let clock: TestClock;
let credentials: TestCredentials;
const openDatabases: Array<{ close(): void; open: boolean }> = [];

const prod = subscription.prod.id;
const research = subscription.research.id;
const aksId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const arcId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Kubernetes/connectedClusters/${name}`;

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  folder = temporaryFolder();
  clock = new TestClock();
  credentials = new TestCredentials(emu, [admin]);
  emu.requestLog.clear();
});
afterEach(async () => {
  await emu.control.resetFaults();
  for (const db of openDatabases.splice(0)) if (db.open) db.close();
  folder.dispose();
});

/** A logger that keeps every warning, to see what was dropped and why. */
function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
}

function inventory(extra: Partial<Parameters<typeof startInventory>[0]> = {}) {
  const started = startInventory({
    emu,
    file: folder.file,
    scope: new TestScope([scoped('prod', admin), scoped('dev', admin), scoped('research', admin)]),
    credentials,
    clock,
    retryOptions: { maxRetries: 0 },
    ...extra,
  });
  openDatabases.push(started.database);
  return started;
}

/** Rewrites the JSON of answers whose path matches, as a proxy or a misbehaving server could. */
function rewriting(
  pathPart: string,
  change: (body: Record<string, unknown>) => void,
): PipelinePolicy {
  return {
    name: 'rewrite-answers',
    async sendRequest(request, next) {
      const response = await next(request);
      if (new URL(request.url).pathname.includes(pathPart) && response.bodyAsText) {
        const body = JSON.parse(response.bodyAsText) as Record<string, unknown>;
        change(body);
        response.bodyAsText = JSON.stringify(body);
      }
      return response;
    },
  };
}

describe('discovering clusters and identities', () => {
  it('lists AKS and Arc clusters of every selected subscription with their Azure ML extension', async () => {
    const { service } = inventory();

    const snapshot = InventorySnapshot.parse(await service.refresh());

    expect(snapshot.problems).toEqual([]);
    expect(snapshot.clusters.map((c) => `${c.kind}:${c.name}`)).toEqual([
      // Sorted by subscription name (Contoso ML Development, Contoso ML Production, Fabrikam Research), then name.
      'aks:aks-dev-weu',
      'aks:aks-batch-weu',
      'aks:aks-cpu-prod-weu',
      'aks:aks-gpu-prod-weu',
      'arc:arc-onprem-ams01',
      'aks:aks-research-eus',
      'arc:arc-lab-boston',
    ]);
    const gpu = aksId(prod, 'rg-ml-prod-weu', 'aks-gpu-prod-weu');
    expect(named(snapshot.clusters, 'aks-gpu-prod-weu')).toEqual({
      id: gpu,
      kind: 'aks',
      name: 'aks-gpu-prod-weu',
      resourceGroup: 'rg-ml-prod-weu',
      subscriptionId: prod,
      subscriptionName: subscription.prod.name,
      tenantId: tenant.contoso,
      location: 'westeurope',
      connectivityStatus: null,
      privateCluster: false,
      // The Flux extension beside it is not Azure ML's.
      azureMlExtension: {
        id: `${gpu}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
        name: 'azureml',
        provisioningState: 'Succeeded',
        version: '1.1.74',
        releaseTrain: 'stable',
      },
      extensionReadable: true,
      lastSyncedAt: clock.iso(),
      removedAt: null,
      drift: null,
    });
    const batch = named(snapshot.clusters, 'aks-batch-weu');
    expect([batch.azureMlExtension, batch.extensionReadable]).toEqual([null, true]);
    const onprem = named(snapshot.clusters, 'arc-onprem-ams01');
    expect(onprem).toMatchObject({
      id: arcId(prod, 'rg-ml-prod-weu', 'arc-onprem-ams01'),
      kind: 'arc',
      privateCluster: null,
      azureMlExtension: { provisioningState: 'Succeeded' },
    });
    expect(named(snapshot.clusters, 'arc-lab-boston').azureMlExtension).toMatchObject({
      provisioningState: 'Failed',
    });
  });

  it('follows nextLink through every page of a cluster list', async () => {
    const { service } = inventory();
    await service.refresh();

    // Page size 2: production's three AKS clusters need a second page, which only nextLink reaches.
    const followed = emu.requestLog
      .entries()
      .filter((e) => e.kind === 'arm' && e.path.includes('skiptoken'))
      .map((e) => e.path.split('?')[0]);
    expect(followed).toContain(
      `/subscriptions/${prod}/providers/Microsoft.ContainerService/managedClusters`,
    );
  });

  it('keeps user-assigned identities with their client and principal ids', async () => {
    const { service } = inventory();

    const { identities } = await service.refresh();

    expect(identities.map((i) => i.name)).toEqual([
      'id-ml-inference',
      'id-ml-training',
      'id-research-jobs',
    ]);
    const id = `/subscriptions/${prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-training`;
    const live = emu.world.identities.get(id.toLowerCase());
    expect(live).toBeDefined();
    expect(named(identities, 'id-ml-training')).toEqual({
      id,
      name: 'id-ml-training',
      resourceGroup: 'rg-identities',
      subscriptionId: prod,
      tenantId: tenant.contoso,
      location: 'westeurope',
      clientId: live?.clientId,
      principalId: live?.principalId,
      lastSyncedAt: clock.iso(),
      removedAt: null,
    });
  });

  it('marks a cluster whose extensions cannot be listed unreadable and lists the rest', async () => {
    await emu.control.addErrorBurst({
      pathPattern:
        'managedClusters/aks-cpu-prod-weu/providers/Microsoft\\.KubernetesConfiguration/extensions',
      status: 500,
      count: 1,
    });
    const logger = recordingLogger();
    const { service } = inventory({ logger });

    const { clusters, problems } = await service.refresh();

    expect(named(clusters, 'aks-cpu-prod-weu')).toMatchObject({
      extensionReadable: false,
      azureMlExtension: null,
      removedAt: null,
    });
    expect(named(clusters, 'aks-gpu-prod-weu').extensionReadable).toBe(true);
    expect(problems).toEqual([]);
    expect(logger.warnings.some((w) => w.includes('aks-cpu-prod-weu'))).toBe(true);

    // The next refresh reads it again.
    clock.advance(5);
    const again = await service.refresh();
    expect(named(again.clusters, 'aks-cpu-prod-weu')).toMatchObject({
      extensionReadable: true,
      azureMlExtension: { provisioningState: 'Succeeded' },
    });
  });

  it('reports a cluster list that fails, and keeps the last known clusters of that kind', async () => {
    const { service } = inventory();
    await service.refresh();
    clock.advance(5);
    await emu.control.addErrorBurst({
      pathPattern: `^/subscriptions/${research}/providers/Microsoft\\.ContainerService/managedClusters`,
      status: 503,
      count: 1,
    });

    const { clusters, problems } = await service.refresh();

    expect(problems).toEqual([
      {
        subscriptionId: research,
        subscriptionName: subscription.research.name,
        workspaceId: null,
        listing: 'clusters',
        problem: {
          code: 'ServiceUnavailable',
          message: expect.stringContaining(
            'the AKS and Arc clusters of Fabrikam Research',
          ) as unknown,
        },
      },
    ]);
    // The AKS cluster is as last known (not removed, not re-synced); its Arc neighbour was listed.
    const aks = named(clusters, 'aks-research-eus');
    expect([aks.removedAt, aks.lastSyncedAt]).toEqual([null, '2026-01-10T08:00:00.000Z']);
    expect(named(clusters, 'arc-lab-boston').lastSyncedAt).toBe(clock.iso());
  });

  it('flags a cluster removed outside Mooring and takes it back when it returns', async () => {
    const { service } = inventory();
    await service.refresh();
    const id = aksId(prod, 'rg-ml-prod-weu', 'aks-batch-weu');
    const inSubscription = emu.world.resourcesIn(prod).clusters;
    const index = inSubscription.findIndex((c) => c.id.toLowerCase() === id.toLowerCase());
    const [removed] = inSubscription.splice(index, 1);
    if (!removed) throw new Error('the demo scenario has no aks-batch-weu');
    try {
      clock.advance(10);
      const gone = await service.refresh();
      expect(named(gone.clusters, 'aks-batch-weu').removedAt).toBe(clock.iso());
      expect(named(gone.clusters, 'aks-gpu-prod-weu').removedAt).toBeNull();
    } finally {
      inSubscription.splice(index, 0, removed);
    }
    clock.advance(10);
    const back = await service.refresh();
    expect(named(back.clusters, 'aks-batch-weu')).toMatchObject({
      removedAt: null,
      lastSyncedAt: clock.iso(),
    });
  });

  it('drops and logs list items that fail their schema or the id parser, keeping the rest of the page', async () => {
    const hostile = [
      {
        id: `/subscriptions/${prod}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/..%2Fx`,
        location: 'x',
        properties: { clientId: 'c', principalId: 'p' },
      },
      {
        id: `/subscriptions/${prod}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/no-ids`,
        location: 'x',
        properties: {},
      },
      {
        id: `/subscriptions/${research}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/elsewhere`,
        location: 'x',
        properties: { clientId: 'c', principalId: 'p' },
      },
      'not an object',
    ];
    const logger = recordingLogger();
    const { service } = inventory({
      logger,
      policies: [
        rewriting(
          `/subscriptions/${prod}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
          (body) => {
            (body['value'] as unknown[]).push(...hostile);
          },
        ),
      ],
    });

    const { identities, problems } = await service.refresh();

    expect(problems).toEqual([]);
    expect(identities.map((i) => i.name)).toEqual([
      'id-ml-inference',
      'id-ml-training',
      'id-research-jobs',
    ]);
    expect(logger.warnings.filter((w) => w.includes('was dropped'))).toHaveLength(hostile.length);
  });

  it('refuses a nextLink to another host: no request leaves for it, and the list is reported', async () => {
    const { service } = inventory({
      policies: [
        rewriting(
          `/subscriptions/${prod}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
          (body) => {
            body['nextLink'] = 'https://collector.invalid/steal?api-version=2023-01-31';
          },
        ),
      ],
    });

    const { identities, problems } = await service.refresh();

    expect(problems).toEqual([
      expect.objectContaining({
        subscriptionId: prod,
        listing: 'identities',
        problem: expect.objectContaining({ code: 'UntrustedNextLink' }) as unknown,
      }),
    ]);
    // Nothing was recorded for production from a list that did not finish; the others are in.
    expect(identities.map((i) => i.name)).toEqual(['id-research-jobs']);
  });

  it('answers clusters and identities from SQLite after a restart, before any network call', async () => {
    const first = inventory();
    const online = await first.service.refresh();
    first.database.close();
    emu.requestLog.clear();

    const restarted = inventory({
      credentials: {
        credentialFor: () => {
          throw new Error('offline: no token');
        },
      },
      runtime: () => Promise.reject(new Error('offline: no connection')),
    });

    const snapshot = restarted.service.snapshot();
    expect(snapshot.clusters).toEqual(online.clusters);
    expect(snapshot.identities).toEqual(online.identities);
    expect(snapshot.clusters).toHaveLength(7);
    expect(emu.requestLog.entries()).toEqual([]);
  });
});
