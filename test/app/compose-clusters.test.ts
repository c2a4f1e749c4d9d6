/**
 * clusters.history as the main process answers it: the rows the refreshes wrote for a cluster,
 * oldest first, in the contract's shape — and nothing for an id the record does not hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeClusters } from '../../electron/app/compose-clusters';
import type { DiscoveredCluster } from '../../electron/inventory/inventory-records';
import { createInventoryStore } from '../../electron/inventory/inventory-store';
import { clustersOperations } from '../../shared/ipc/contract-clusters';
import { SUB, workspaceRecord } from '../inventory/records-fixture';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

const scope = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  accountId: 'account',
};
const ws = workspaceRecord('mlw');
const AKS = `/subscriptions/${SUB}/resourceGroups/rg-k8s/providers/Microsoft.ContainerService/managedClusters/aks-a`;
const aks = (extension: DiscoveredCluster['azureMlExtension']): DiscoveredCluster => ({
  cluster: {
    id: AKS,
    kind: 'aks',
    name: 'aks-a',
    resourceGroup: 'rg-k8s',
    location: 'westeurope',
    connectivityStatus: null,
    privateCluster: false,
  },
  extensionReadable: true,
  azureMlExtension: extension,
});
const extension = (version: string) => ({
  id: `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
  name: 'azureml',
  provisioningState: 'Succeeded',
  version,
  releaseTrain: 'stable',
});

const context = { transport: 'test' } as const;
let scratch: ScratchDatabase;
beforeEach(() => {
  scratch = scratchDatabase('compose-clusters');
});
afterEach(() => scratch.close());

describe('clusters.history', () => {
  it("answers a cluster's history oldest first, in the contract's shape", async () => {
    const store = createInventoryStore(scratch.db);
    const listings = [[aks(extension('1.1.74'))], [aks(extension('1.1.80'))], []];
    listings.forEach((clusters, minute) => {
      const when = new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();
      const id = store.beginRefresh(1, when);
      store.recordSubscription(
        id,
        {
          subscription: scope,
          workspaces: [ws],
          computeListings: [{ workspace: ws, computes: [] }],
          discovery: {
            clusters: [
              { kind: 'aks' as const, clusters },
              { kind: 'arc' as const, clusters: [] },
            ],
            identities: { identities: [] },
          },
        },
        when,
      );
      store.finishRefresh(id, when);
    });

    const handlers = composeClusters({ database: scratch.db });
    const answer = await handlers['clusters.history']({ clusterId: AKS.toUpperCase() }, context);
    expect(clustersOperations['clusters.history'].output.parse(answer)).toEqual(answer);
    expect(answer.entries).toEqual([
      {
        removed: false,
        extensionState: 'Succeeded',
        extensionVersion: '1.1.74',
        changes: null,
        seenAt: '2026-11-01T08:00:00.000Z',
      },
      {
        removed: false,
        extensionState: 'Succeeded',
        extensionVersion: '1.1.80',
        changes: [{ field: 'extensionVersion', from: '1.1.74', to: '1.1.80' }],
        seenAt: '2026-11-01T08:01:00.000Z',
      },
      {
        removed: true,
        extensionState: null,
        extensionVersion: null,
        changes: [{ field: 'removed', from: null, to: null }],
        seenAt: '2026-11-01T08:02:00.000Z',
      },
    ]);
  });

  it('answers no entries for a cluster the record does not hold', async () => {
    const handlers = composeClusters({ database: scratch.db });
    const answer = await handlers['clusters.history'](
      { clusterId: AKS.replace('aks-a', 'aks-z') },
      context,
    );
    expect(answer).toEqual({ entries: [] });
  });
});
