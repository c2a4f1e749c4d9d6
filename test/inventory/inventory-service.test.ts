import fs from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { describe, expect, it } from 'vitest';
import { InventorySnapshot } from '../../shared/domain/inventory';
import { createInventoryStore } from '../../electron/inventory/inventory-store';
import { armClientOptions } from '../emulator/trust';
import { useDemoInventory } from './demo-inventory';
import { TestScope, named, scoped, subscription, tenant } from './inventory-fixture';

const demo = useDemoInventory();
const { inventory, everySubscription } = demo;

const prodWorkspace = (name: string) =>
  `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.MachineLearningServices/workspaces/${name}`;

/** The emulator's live record of a compute, to change it behind Mooring's back. */
const liveCompute = (id: string) => {
  const found = demo.emu.world.findCompute(id, Date.now());
  if (!found) throw new Error(`the emulator has no compute ${id}`);
  return found;
};

describe('refreshing the inventory', () => {
  it('lists the workspaces and computes of every selected subscription, following every page', async () => {
    const { service } = inventory();

    const snapshot = InventorySnapshot.parse(await service.refresh());

    expect(snapshot.workspaces).toHaveLength(8);
    expect(snapshot.computes).toHaveLength(11);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.refreshedAt).toBe(demo.clock.iso());
    // Page size 2: three workspaces in production and four computes in mlw-fraud-prod need a
    // second page each, which only `nextLink` reaches.
    const followed = demo.emu.requestLog
      .entries()
      .filter((e) => e.kind === 'arm' && e.path.includes('skiptoken'))
      .map((e) => e.path.split('?')[0]);
    expect(followed).toEqual(
      expect.arrayContaining([
        `/subscriptions/${subscription.prod.id}/providers/Microsoft.MachineLearningServices/workspaces`,
        `${prodWorkspace('mlw-fraud-prod')}/computes`,
      ]),
    );
  });

  it('keeps each workspace field Azure reports, with the subscription and tenant it belongs to', async () => {
    const { service } = inventory();
    const { workspaces } = await service.refresh();

    expect(named(workspaces, 'mlw-fraud-prod')).toEqual({
      id: prodWorkspace('mlw-fraud-prod'),
      name: 'mlw-fraud-prod',
      friendlyName: 'Fraud detection',
      resourceGroup: 'rg-ml-prod-weu',
      subscriptionId: subscription.prod.id,
      subscriptionName: 'Contoso ML Production',
      tenantId: tenant.contoso,
      location: 'westeurope',
      storageAccount: `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.Storage/storageAccounts/stmlwfraudprod`,
      containerRegistry: `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.ContainerRegistry/registries/crmlwfraudprod`,
      keyVault: `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.KeyVault/vaults/kv-mlw-fraud-prod`,
      lastSyncedAt: demo.clock.iso(),
      removedAt: null,
    });
    expect(named(workspaces, 'mlw-forecasting').containerRegistry).toBeNull();
    expect(named(workspaces, 'mlw-nlp').tenantId).toBe(tenant.northwind);
  });

  it('keeps the cluster, namespace, identity and provisioning errors of each compute, whatever its type', async () => {
    const { service } = inventory();
    const { computes } = await service.refresh();

    const userAssigned = demo.emu.world.findIdentity(
      `/subscriptions/${subscription.prod.id}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-training`,
    );
    expect(named(computes, 'gpu-prod')).toEqual({
      id: `${prodWorkspace('mlw-fraud-prod')}/computes/gpu-prod`,
      name: 'gpu-prod',
      workspaceId: prodWorkspace('mlw-fraud-prod'),
      workspaceName: 'mlw-fraud-prod',
      subscriptionId: subscription.prod.id,
      computeType: 'Kubernetes',
      provisioningState: 'Succeeded',
      provisioningErrors: [],
      clusterId: `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`,
      namespace: 'azureml-fraud',
      identityType: 'UserAssigned',
      userAssignedIdentityId: userAssigned?.id,
      principalId: userAssigned?.principalId,
      description: 'GPU training pool',
      lastSyncedAt: demo.clock.iso(),
      removedAt: null,
      stateSince: demo.clock.iso(),
      drift: null,
    });

    const systemAssigned = named(computes, 'cpu-prod');
    const live = liveCompute(systemAssigned.id).identity;
    expect(live.type).toBe('SystemAssigned');
    expect(systemAssigned).toMatchObject({
      identityType: 'SystemAssigned',
      userAssignedIdentityId: null,
      principalId: live.type === 'SystemAssigned' ? live.principalId : 'unexpected',
      namespace: 'default',
    });

    expect(named(computes, 'onprem-ams')).toMatchObject({
      provisioningState: 'Creating',
      clusterId: `/subscriptions/${subscription.prod.id}/resourceGroups/rg-ml-prod-weu/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem-ams01`,
      identityType: 'None',
      principalId: null,
    });

    const failed = named(computes, 'shared-xsub');
    expect(failed.provisioningState).toBe('Failed');
    expect(failed.provisioningErrors).toEqual([
      {
        code: 'BadRequest',
        message: expect.stringContaining(
          'The cluster and the workspace must be in the same subscription',
        ) as string,
      },
    ]);

    expect(named(computes, 'cpu-cluster')).toMatchObject({
      computeType: 'AmlCompute',
      clusterId: null,
      namespace: null,
      identityType: 'None',
      description: 'Managed CPU cluster (not Kubernetes: listed, never attached by Mooring)',
    });
  });

  it('never writes a connection string to the database, even when Azure sends one', async () => {
    const gpu = liveCompute(`${prodWorkspace('mlw-fraud-prod')}/computes/gpu-prod`);
    const relaySecret =
      'Endpoint=sb://relay-gpu.servicebus.windows.net/;SharedAccessKey=Rel4ySecretValue';
    const busSecret =
      'Endpoint=sb://bus-gpu.servicebus.windows.net/;SharedAccessKey=Bu5SecretValue';
    const before = { ...gpu.kubernetesProperties };
    gpu.kubernetesProperties = {
      ...before,
      relayConnectionString: relaySecret,
      serviceBusConnectionString: busSecret,
    };
    try {
      // The emulator really serves them: without the mapping's filter they would be written.
      const direct = new AzureMachineLearningWorkspaces(
        demo.credentials.credentialFor(demo.admin.account.homeAccountId, tenant.contoso),
        subscription.prod.id,
        armClientOptions(demo.emu),
      );
      const served = await direct.computeOperations.get(
        'rg-ml-prod-weu',
        'mlw-fraud-prod',
        'gpu-prod',
      );
      expect(JSON.stringify(served)).toContain(relaySecret);

      const { service, database } = inventory();
      await service.refresh();
      expect(named((await service.refresh()).computes, 'gpu-prod').namespace).toBe('azureml-fraud');
      database.close();

      const files = fs.readdirSync(demo.folder.dir).map((name) => path.join(demo.folder.dir, name));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        for (const secret of [
          'SharedAccessKey',
          'Rel4ySecretValue',
          'Bu5SecretValue',
          'relayConnectionString',
        ]) {
          expect(bytes.includes(Buffer.from(secret)), `${secret} in ${path.basename(file)}`).toBe(
            false,
          );
        }
      }
    } finally {
      gpu.kubernetesProperties = before;
    }
  });

  it('writes inventory.changed with the new snapshot', async () => {
    const { service, changes } = inventory();
    const snapshot = await service.refresh();
    expect(changes).toEqual([snapshot]);
  });

  it('shares one listing between refreshes asked for at once', async () => {
    const { service } = inventory();
    const [first, second] = await Promise.all([service.refresh(), service.refresh()]);
    expect(second).toBe(first);
    // The first page of production's workspaces, asked for once (the second page has a skiptoken).
    const listings = demo.emu.requestLog
      .entries()
      .filter(
        (e) =>
          e.path.startsWith(
            `/subscriptions/${subscription.prod.id}/providers/Microsoft.MachineLearningServices/workspaces?`,
          ) && !e.path.includes('skiptoken'),
      );
    expect(listings).toHaveLength(1);
  });
});

describe('drift: what changed outside Mooring', () => {
  it('marks a detached compute removed outside Mooring, keeps its row and history, and takes it back cleanly when it returns', async () => {
    const { service, database } = inventory();
    await service.refresh();
    const id = `${prodWorkspace('mlw-recommender')}/computes/cpu-shared`;
    const record = { ...liveCompute(id) };

    const client = new AzureMachineLearningWorkspaces(
      demo.credentials.credentialFor(demo.admin.account.homeAccountId, tenant.contoso),
      subscription.prod.id,
      armClientOptions(demo.emu),
    );
    await client.computeOperations.beginDeleteAndWait(
      'rg-ml-prod-weu',
      'mlw-recommender',
      'cpu-shared',
      'Detach',
      {
        updateIntervalInMs: 50,
      },
    );
    const firstSeen = demo.clock.iso();
    demo.clock.advance(10);
    const removed = named((await service.refresh()).computes, 'cpu-shared');

    expect(removed).toMatchObject({
      removedAt: demo.clock.iso(),
      lastSyncedAt: firstSeen,
      provisioningState: 'Succeeded',
    });
    const store = createInventoryStore(database);
    expect(store.history(id.toUpperCase())).toEqual([
      {
        provisioningState: 'Succeeded',
        provisioningErrors: [],
        seenAt: firstSeen,
        source: 'refresh',
        changes: null,
      },
      {
        provisioningState: 'Removed',
        provisioningErrors: [],
        seenAt: demo.clock.iso(),
        source: 'refresh',
        changes: [{ field: 'removed', from: 'Succeeded', to: null }],
      },
    ]);

    demo.emu.world.saveCompute({ ...record });
    demo.clock.advance(10);
    const back = named((await service.refresh()).computes, 'cpu-shared');
    expect(back).toMatchObject({ removedAt: null, lastSyncedAt: demo.clock.iso() });
    expect(store.history(id).map((h) => h.provisioningState)).toEqual([
      'Succeeded',
      'Removed',
      'Succeeded',
    ]);
  });

  it('records a change of provisioning state alone (same errors) in the compute state history', async () => {
    const { service, database } = inventory();
    const id = `${prodWorkspace('mlw-recommender')}/computes/onprem-ams`;
    const live = liveCompute(id);
    try {
      await service.refresh();
      const first = demo.clock.iso();
      demo.clock.advance(5);
      await service.refresh(); // nothing changed: no new history row
      live.provisioningState = 'Canceled';
      demo.clock.advance(5);
      const after = named((await service.refresh()).computes, 'onprem-ams');

      expect(after.provisioningState).toBe('Canceled');
      expect(createInventoryStore(database).history(id)).toEqual([
        {
          provisioningState: 'Creating',
          provisioningErrors: [],
          seenAt: first,
          source: 'refresh',
          changes: null,
        },
        {
          provisioningState: 'Canceled',
          provisioningErrors: [],
          seenAt: demo.clock.iso(),
          source: 'refresh',
          changes: [{ field: 'state', from: 'Creating', to: 'Canceled' }],
        },
      ]);
    } finally {
      live.provisioningState = 'Creating';
    }
  });

  it('records new provisioning errors alone (same state) in the compute state history', async () => {
    const { service, database } = inventory();
    const id = `${prodWorkspace('mlw-recommender')}/computes/onprem-ams`;
    const live = liveCompute(id);
    const notReady = { code: 'ExtensionNotReady', message: 'The extension is not ready.' };
    try {
      await service.refresh();
      const first = demo.clock.iso();
      demo.clock.advance(5);
      await service.refresh(); // nothing changed: no new history row
      // Still Creating, but Azure now reports why it is stuck.
      live.provisioningErrors = [notReady];
      demo.clock.advance(5);
      const after = named((await service.refresh()).computes, 'onprem-ams');

      expect(after.provisioningState).toBe('Creating');
      expect(after.provisioningErrors).toEqual([notReady]);
      expect(createInventoryStore(database).history(id)).toEqual([
        {
          provisioningState: 'Creating',
          provisioningErrors: [],
          seenAt: first,
          source: 'refresh',
          changes: null,
        },
        {
          provisioningState: 'Creating',
          provisioningErrors: [notReady],
          seenAt: demo.clock.iso(),
          source: 'refresh',
          changes: [{ field: 'errors', from: null, to: 'ExtensionNotReady' }],
        },
      ]);
    } finally {
      live.provisioningErrors = [];
    }
  });

  it('records the initial state of every compute at its first sighting', async () => {
    const { service, database } = inventory();
    const { computes } = await service.refresh();
    const store = createInventoryStore(database);
    for (const compute of computes) {
      expect(store.history(compute.id), compute.name).toEqual([
        {
          provisioningState: compute.provisioningState,
          provisioningErrors: compute.provisioningErrors,
          seenAt: demo.clock.iso(),
          source: 'refresh',
          changes: null,
        },
      ]);
    }
  });
});

describe('failures', () => {
  it('reports a subscription it may not read and one whose token fails, keeps their last record, and lists the others', async () => {
    const scope = new TestScope(everySubscription());
    const { service } = inventory({ scope });
    await service.refresh();
    const before = demo.clock.iso();

    // Now the analytics subscription is listed by an account without a role there (403), and
    // Northwind's token can no longer be had silently.
    scope.selected = everySubscription().map((s) =>
      s.subscriptionId === subscription.analytics.id ? scoped('analytics', demo.admin) : s,
    );
    const needsSignIn = Object.assign(
      new Error(
        'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
      ),
      {
        name: 'InteractionRequiredAuthError',
        errorCode: 'interaction_required',
      },
    );
    demo.credentials.override = (_account, tenantId): TokenCredential | undefined =>
      tenantId === tenant.northwind ? { getToken: () => Promise.reject(needsSignIn) } : undefined;
    demo.clock.advance(10);
    const snapshot = await service.refresh();

    expect(
      snapshot.problems.map((p) => [p.subscriptionName, p.workspaceId, p.problem.code]),
    ).toEqual([
      ['Fabrikam Analytics', null, 'AuthorizationFailed'],
      ['Northwind AI', null, 'AADSTS50076'],
    ]);
    for (const { problem } of snapshot.problems)
      expect(problem.message).toMatch(/^[^;]+; [^.]+\.$/);
    expect(named(snapshot.workspaces, 'mlw-churn')).toMatchObject({
      removedAt: null,
      lastSyncedAt: before,
    });
    expect(named(snapshot.computes, 'edge-london')).toMatchObject({
      removedAt: null,
      lastSyncedAt: before,
    });
    expect(named(snapshot.workspaces, 'mlw-genomics').lastSyncedAt).toBe(demo.clock.iso());
    expect(snapshot.workspaces).toHaveLength(8);
  });

  it('keeps the last record of a subscription waiting for sign-in, with its age, without asking for a token', async () => {
    const scope = new TestScope(everySubscription());
    const { service } = inventory({ scope });
    await service.refresh();
    const before = demo.clock.iso();

    scope.waiting = new Set([subscription.northwindAi.id]); // Northwind demands MFA again
    const asked: string[] = [];
    demo.credentials.override = (_account, tenantId) => {
      asked.push(tenantId);
      return undefined;
    };
    demo.clock.advance(10);
    const snapshot = await service.refresh();

    expect(asked).not.toContain(tenant.northwind);
    expect(snapshot.problems).toEqual([]);
    const northwindWorkspaces = snapshot.workspaces.filter(
      (w) => w.subscriptionId === subscription.northwindAi.id,
    );
    expect(northwindWorkspaces.length).toBeGreaterThan(0);
    for (const workspace of northwindWorkspaces) {
      expect(workspace).toMatchObject({ removedAt: null, lastSyncedAt: before });
    }
    // The age shown is that of the oldest listing in scope: Northwind's, from before.
    expect(snapshot.refreshedAt).toBe(before);
  });

  it("reports a workspace whose computes fail to list and keeps that workspace's computes", async () => {
    const { service } = inventory({ retryOptions: { maxRetries: 0 } });
    await service.refresh();
    const before = demo.clock.iso();
    await demo.emu.control.addErrorBurst({
      pathPattern: '/workspaces/mlw-vision/computes',
      status: 503,
      count: 5,
      code: 'ServiceUnavailable',
    });
    demo.clock.advance(10);
    const snapshot = await service.refresh();

    expect(snapshot.problems).toEqual([
      {
        subscriptionId: subscription.research.id,
        subscriptionName: 'Fabrikam Research',
        workspaceId: `/subscriptions/${subscription.research.id}/resourceGroups/rg-research-eus/providers/Microsoft.MachineLearningServices/workspaces/mlw-vision`,
        problem: {
          code: 'ServiceUnavailable',
          message: expect.stringContaining('computes of workspace mlw-vision') as string,
        },
      },
    ]);
    expect(named(snapshot.computes, 'lab-boston')).toMatchObject({
      removedAt: null,
      lastSyncedAt: before,
    });
    expect(named(snapshot.computes, 'research-aks').lastSyncedAt).toBe(demo.clock.iso());
    expect(named(snapshot.workspaces, 'mlw-vision')).toMatchObject({
      removedAt: null,
      lastSyncedAt: demo.clock.iso(),
    });
  });

  it('shows only the problems of the last refresh', async () => {
    const scope = new TestScope([scoped('analytics', demo.admin)]);
    const { service } = inventory({ scope });
    expect((await service.refresh()).problems).toHaveLength(1);
    scope.selected = [scoped('analytics', demo.ops)];
    expect((await service.refresh()).problems).toEqual([]);
  });
});

describe('bounded concurrency', () => {
  it('lists at most the configured number of subscriptions, and of workspaces per subscription, at once', async () => {
    const inFlight = new Map<string, number>();
    const computeListings = new Map<string, number>();
    let peakSubscriptions = 0;
    let peakComputeListings = 0;
    // Holds every ARM request a moment so listings that are allowed to overlap do overlap.
    const counting: PipelinePolicy = {
      name: 'count-in-flight',
      async sendRequest(request, next) {
        const path = new URL(request.url).pathname;
        const sub = /^\/subscriptions\/([^/]+)/.exec(path)?.[1] ?? 'none';
        const isComputeList = path.endsWith('/computes');
        inFlight.set(sub, (inFlight.get(sub) ?? 0) + 1);
        if (isComputeList) computeListings.set(sub, (computeListings.get(sub) ?? 0) + 1);
        peakSubscriptions = Math.max(
          peakSubscriptions,
          [...inFlight.values()].filter((n) => n > 0).length,
        );
        peakComputeListings = Math.max(peakComputeListings, ...computeListings.values());
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return await next(request);
        } finally {
          inFlight.set(sub, (inFlight.get(sub) ?? 1) - 1);
          if (isComputeList) computeListings.set(sub, (computeListings.get(sub) ?? 1) - 1);
        }
      },
    };
    const { service } = inventory({
      policies: [counting],
      limits: { subscriptions: 2, workspaces: 2 },
    });

    const snapshot = await service.refresh();

    expect(snapshot.computes).toHaveLength(11);
    expect(peakSubscriptions).toBe(2);
    expect(peakComputeListings).toBe(2);
  });
});

describe('snapshots from the local record', () => {
  it('shows only the selected subscriptions, sorted by subscription name, workspace name, then compute name', async () => {
    const scope = new TestScope(everySubscription());
    const { service } = inventory({ scope });
    await service.refresh();

    scope.selected = [scoped('research', demo.admin), scoped('prod', demo.admin)];
    const snapshot = service.snapshot();

    expect(snapshot.workspaces.map((w) => `${w.subscriptionName}/${w.name}`)).toEqual([
      'Contoso ML Production/mlw-forecasting',
      'Contoso ML Production/mlw-fraud-prod',
      'Contoso ML Production/mlw-recommender',
      'Fabrikam Research/mlw-genomics',
      'Fabrikam Research/mlw-vision',
    ]);
    expect(snapshot.computes.map((c) => `${c.workspaceName}/${c.name}`)).toEqual([
      'mlw-fraud-prod/batch-weu',
      'mlw-fraud-prod/cpu-cluster',
      'mlw-fraud-prod/cpu-prod',
      'mlw-fraud-prod/gpu-prod',
      'mlw-recommender/cpu-shared',
      'mlw-recommender/onprem-ams',
      'mlw-genomics/research-aks',
      'mlw-vision/lab-boston',
    ]);
  });

  it('is served offline by a new service on the same database file', async () => {
    const { service, database } = inventory();
    const online = await service.refresh();
    database.close();
    demo.emu.requestLog.clear();

    const offline = inventory({
      credentials: {
        credentialFor: () => {
          throw new Error('offline: no token');
        },
      },
      runtime: () => Promise.reject(new Error('offline: no connection')),
    });

    expect(offline.service.snapshot()).toEqual(online);
    expect(demo.emu.requestLog.entries()).toEqual([]);
  });

  it('is empty, with no refresh time, before the first refresh', () => {
    const { service } = inventory();
    const snapshot = service.snapshot();
    expect(snapshot).toMatchObject({
      workspaces: [],
      computes: [],
      problems: [],
      refreshedAt: null,
    });
    // Every selected subscription is unlisted: nothing may be said about its workspaces yet.
    expect(snapshot.unlisted).toHaveLength(6);
  });
});
