import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDiscoveryStore,
  type DiscoveryStore,
} from '../../electron/inventory/discovery-store';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import type { ClusterRecord, IdentityRecord } from '../../electron/inventory/inventory-records';
import { scopeJson } from '../../electron/inventory/store-scope';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

// The local record of clusters and user-assigned identities, read back as the inventory shows
// them: what each kind of cluster keeps, and identities that go and come back.

const PROD: ScopedSubscription = {
  subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
  subscriptionName: 'Contoso ML Production',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  accountId: 'account-a',
};
const RESEARCH: ScopedSubscription = {
  ...PROD,
  subscriptionId: '4a6a65ca-1384-5662-9425-06767a84562c',
  subscriptionName: 'Fabrikam Research',
};

const cluster = (kind: ClusterRecord['kind'], name: string): ClusterRecord => ({
  id:
    kind === 'aks'
      ? `/subscriptions/${PROD.subscriptionId}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/${name}`
      : `/subscriptions/${PROD.subscriptionId}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/${name}`,
  kind,
  name,
  resourceGroup: kind === 'aks' ? 'rg-aks' : 'rg-edge',
  location: 'westeurope',
  // What a mapping might carry for either kind: only an Arc cluster has a connectivity status,
  // only an AKS cluster is private or not.
  connectivityStatus: 'Connected',
  privateCluster: true,
});

const identity = (subscription: ScopedSubscription, name: string): IdentityRecord => ({
  id: `/subscriptions/${subscription.subscriptionId}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  name,
  resourceGroup: 'rg-id',
  location: 'westeurope',
  clientId: '11111111-1111-4111-8111-111111111111',
  principalId: '22222222-2222-4222-8222-222222222222',
});

let scratch: ScratchDatabase;
let db: Database;
let store: DiscoveryStore;
const scope = scopeJson([PROD, RESEARCH]);

beforeEach(() => {
  scratch = scratchDatabase('discovery-store');
  db = scratch.db;
  store = createDiscoveryStore(db);
});
afterEach(() => scratch.close());

describe('a recorded cluster', () => {
  it('keeps a connectivity status only when it is an Arc cluster', () => {
    store.recordClusters(
      PROD,
      'arc',
      [{ cluster: cluster('arc', 'lab-boston'), extensionReadable: true, azureMlExtension: null }],
      'T1',
      false,
    );
    store.recordClusters(
      PROD,
      'aks',
      [{ cluster: cluster('aks', 'aks-prod'), extensionReadable: true, azureMlExtension: null }],
      'T1',
      false,
    );
    expect(
      store.clusters(scope).map((c) => ({
        name: c.name,
        connectivityStatus: c.connectivityStatus,
        privateCluster: c.privateCluster,
      })),
    ).toEqual([
      { name: 'aks-prod', connectivityStatus: null, privateCluster: true },
      { name: 'lab-boston', connectivityStatus: 'Connected', privateCluster: null },
    ]);
  });

  it('says public, private or not known for an AKS cluster', () => {
    store.recordClusters(
      PROD,
      'aks',
      [
        {
          cluster: { ...cluster('aks', 'a-public'), privateCluster: false },
          extensionReadable: true,
          azureMlExtension: null,
        },
        {
          cluster: { ...cluster('aks', 'b-unknown'), privateCluster: null },
          extensionReadable: true,
          azureMlExtension: null,
        },
      ],
      'T1',
      false,
    );
    expect(store.clusters(scope).map((c) => c.privateCluster)).toEqual([false, null]);
  });
});

describe('recorded identities', () => {
  it('that are no longer listed are marked removed; those of another subscription stay', () => {
    store.recordIdentities(PROD, [identity(PROD, 'id-a'), identity(PROD, 'id-b')], 'T1');
    store.recordIdentities(RESEARCH, [identity(RESEARCH, 'id-r')], 'T1');
    store.recordIdentities(PROD, [identity(PROD, 'id-b')], 'T2');
    expect(store.identities(scope).map((i) => `${i.name} ${i.removedAt ?? 'present'}`)).toEqual([
      'id-a T2',
      'id-b present',
      'id-r present',
    ]);
  });

  it('come back cleanly when listed again', () => {
    store.recordIdentities(PROD, [identity(PROD, 'id-a')], 'T1');
    store.recordIdentities(PROD, [], 'T2');
    store.recordIdentities(PROD, [identity(PROD, 'id-a')], 'T3');
    expect(store.identities(scope)).toMatchObject([
      { name: 'id-a', removedAt: null, lastSyncedAt: 'T3' },
    ]);
  });
});
