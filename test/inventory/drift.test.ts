import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_KEPT } from '../../electron/inventory/compute-history';
import type { ComputeRecord, DiscoveredCluster } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import {
  createInventoryStore,
  type InventoryStore,
} from '../../electron/inventory/inventory-store';
import { sqliteLower } from '../../electron/inventory/workspace-writer';
import { createComputeRecordStore } from '../../electron/operations/compute-record-store';
import { SUB, computeRecord, workspaceRecord } from './records-fixture';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: TENANT,
  accountId: 'account',
};
const ws = workspaceRecord('mlw');
const UAI = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-train`;

const compute = (name: string, overrides: Partial<ComputeRecord> = {}): ComputeRecord =>
  computeRecord(ws, name, {
    identityType: 'SystemAssigned',
    description: 'GPU pool',
    ...overrides,
  });

const AKS = `/subscriptions/${SUB}/resourceGroups/rg-k8s/providers/Microsoft.ContainerService/managedClusters/aks-a`;
const cluster = (overrides: Partial<DiscoveredCluster> = {}): DiscoveredCluster => ({
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
  azureMlExtension: {
    id: `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
    name: 'azureml',
    provisioningState: 'Succeeded',
    version: '1.1.74',
    releaseTrain: 'stable',
  },
  ...overrides,
});

let scratch: ScratchDatabase;
let db: Database;
let store: InventoryStore;
let minute: number;
const at = () => new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString();

beforeEach(() => {
  scratch = scratchDatabase('drift');
  db = scratch.db;
  store = createInventoryStore(db);
  minute = 0;
});
afterEach(() => scratch.close());

/** One refresh of the subscription listing these computes (and clusters), a minute after the last. */
function refresh(computes: ComputeRecord[], clusters?: DiscoveredCluster[]): string {
  minute += 1;
  const when = at();
  const id = store.beginRefresh(1, when);
  store.recordSubscription(
    id,
    {
      subscription: scope,
      workspaces: [ws],
      computeListings: [{ workspace: ws, computes }],
      ...(clusters
        ? {
            discovery: {
              clusters: [
                { kind: 'aks' as const, clusters },
                { kind: 'arc' as const, clusters: [] },
              ],
              identities: { identities: [] },
            },
          }
        : {}),
    },
    when,
  );
  store.finishRefresh(id, when);
  return when;
}

const view = (name: string) => {
  const found = store.snapshot([scope]).computes.find((c) => c.name === name);
  if (!found) throw new Error(`no compute ${name} in the snapshot`);
  return found;
};
const clusterView = () => {
  const found = store.snapshot([scope]).clusters[0];
  if (!found) throw new Error('no cluster in the snapshot');
  return found;
};

describe('compute drift', () => {
  it('flags nothing on the first listing, where every compute is new', () => {
    const first = refresh([compute('a'), compute('b')]);
    expect(view('a')).toMatchObject({ drift: null, stateSince: first });
    expect(view('b').drift).toBeNull();
  });

  it('flags nothing when a refresh finds what the record holds', () => {
    refresh([compute('a')]);
    const second = refresh([compute('a')]);
    expect(view('a')).toMatchObject({ drift: null, lastSyncedAt: second });
    expect(store.history(view('a').id)).toHaveLength(1);
  });

  it('flags a state change, keeps it in the history and restarts the time in state', () => {
    refresh([compute('a')]);
    const changed = refresh([compute('a', { provisioningState: 'Failed' })]);
    const drift = { at: changed, changes: [{ field: 'state', from: 'Succeeded', to: 'Failed' }] };
    expect(view('a')).toMatchObject({ drift, stateSince: changed });
    expect(store.history(view('a').id).at(-1)).toMatchObject({
      provisioningState: 'Failed',
      changes: drift.changes,
    });
  });

  it('flags an identity change, with the user-assigned identity by name', () => {
    refresh([compute('a')]);
    const changed = refresh([
      compute('a', { identityType: 'UserAssigned', userAssignedIdentityId: UAI }),
    ]);
    expect(view('a').drift).toEqual({
      at: changed,
      changes: [{ field: 'identity', from: 'SystemAssigned', to: 'UserAssigned (id-train)' }],
    });
    const first = view('a').stateSince;
    expect(first).not.toBe(changed); // the state did not change
    expect(store.history(view('a').id)).toHaveLength(2);
  });

  it('flags a namespace change', () => {
    refresh([compute('a')]);
    refresh([compute('a', { namespace: 'azureml' })]);
    expect(view('a').drift?.changes).toEqual([
      { field: 'namespace', from: 'default', to: 'azureml' },
    ]);
  });

  it('flags a description change', () => {
    refresh([compute('a')]);
    refresh([compute('a', { description: null })]);
    expect(view('a').drift?.changes).toEqual([
      { field: 'description', from: 'GPU pool', to: null },
    ]);
  });

  it('flags new provisioning errors by their codes', () => {
    refresh([compute('a')]);
    refresh([
      compute('a', { provisioningErrors: [{ code: 'ExtensionNotReady', message: 'Not ready.' }] }),
    ]);
    expect(view('a').drift?.changes).toEqual([
      { field: 'errors', from: null, to: 'ExtensionNotReady' },
    ]);
  });

  it('keeps a change that is not drift (the principal Azure rotates) without flagging it', () => {
    refresh([compute('a')]);
    refresh([compute('a', { principalId: 'c5f1d5bb-6f37-4d8b-9e8b-4a6a1e3d0c11' })]);
    expect(view('a')).toMatchObject({
      drift: null,
      principalId: 'c5f1d5bb-6f37-4d8b-9e8b-4a6a1e3d0c11',
    });
  });

  it('flags a compute removed outside Mooring with its last state, and its time since', () => {
    refresh([compute('a'), compute('b')]);
    const gone = refresh([compute('b')]);
    expect(view('a')).toMatchObject({
      removedAt: gone,
      stateSince: gone,
      drift: { at: gone, changes: [{ field: 'removed', from: 'Succeeded', to: null }] },
    });
    expect(store.history(view('a').id).at(-1)?.provisioningState).toBe('Removed');
  });

  it('flags a compute that appeared in a workspace already listed', () => {
    refresh([compute('a')]);
    const later = refresh([compute('a'), compute('b', { provisioningState: 'Creating' })]);
    expect(view('b').drift).toEqual({
      at: later,
      changes: [{ field: 'appeared', from: null, to: 'Creating' }],
    });
  });

  it('flags a compute that came back after it was found removed, with what differs', () => {
    refresh([compute('a')]);
    refresh([]);
    const back = refresh([compute('a', { namespace: 'azureml' })]);
    expect(view('a')).toMatchObject({
      removedAt: null,
      stateSince: back,
      drift: {
        at: back,
        changes: [
          { field: 'returned', from: null, to: 'Succeeded' },
          { field: 'namespace', from: 'default', to: 'azureml' },
        ],
      },
    });
    expect(store.history(view('a').id).map((row) => row.provisioningState)).toEqual([
      'Succeeded',
      'Removed',
      'Succeeded',
    ]);
  });

  it('keeps the last drift until a later one replaces it', () => {
    refresh([compute('a')]);
    const changed = refresh([compute('a', { namespace: 'azureml' })]);
    refresh([compute('a', { namespace: 'azureml' })]);
    expect(view('a').drift?.at).toBe(changed);
  });
});

describe('changes made by Mooring', () => {
  const insertOperation = (
    computeId: string,
    status: 'running' | 'succeeded',
    endedAt: string | null,
  ) =>
    db
      .prepare(
        `INSERT INTO operations (operation_id, kind, status, account_id, tenant_id, subscription_id,
           compute_key, compute_id, compute_name, workspace_id, workspace_name, request_method,
           request_url, commands_json, summary, created_at, ended_at)
         VALUES ('op-1', 'update-identity', @status, 'account', @tenant, @sub, lower(@id), @id, 'a',
           @ws, 'mlw', 'PUT', 'https://management.azure.com/x', '[]', 'Set identity', @at, @endedAt)`,
      )
      .run({ status, tenant: TENANT, sub: SUB, id: computeId, ws: ws.id, at: at(), endedAt });

  it('does not flag the identity an operation of Mooring set, nor let a stale listing undo it', () => {
    refresh([compute('a')]);
    const id = compute('a').id;
    insertOperation(id, 'running', null);
    // The operation's own GET saw the new identity; a listing that ran meanwhile did not yet.
    createComputeRecordStore(db).recordCompute(
      ws.id,
      compute('a', { identityType: 'None' }),
      { principalId: null, clientId: null, tenantId: null },
      at(),
      'op-1',
    );
    refresh([compute('a')]);
    expect(view('a')).toMatchObject({ identityType: 'None', drift: null });

    // The operation ends while the next refresh runs: that listing may predate it too.
    minute += 1;
    const started = store.beginRefresh(1, at());
    db.prepare(
      "UPDATE operations SET status = 'succeeded', ended_at = @at WHERE operation_id = 'op-1'",
    ).run({ at: at() });
    store.recordSubscription(
      started,
      {
        subscription: scope,
        workspaces: [ws],
        computeListings: [{ workspace: ws, computes: [compute('a')] }],
      },
      at(),
    );
    store.finishRefresh(started, at());
    expect(view('a')).toMatchObject({ identityType: 'None', drift: null });

    // A refresh after the operation sees what it did: nothing to flag.
    refresh([compute('a', { identityType: 'None' })]);
    expect(view('a')).toMatchObject({ identityType: 'None', drift: null });
    // And a change made later outside Mooring is flagged again.
    refresh([compute('a')]);
    expect(view('a').drift?.changes).toEqual([
      { field: 'identity', from: 'None', to: 'SystemAssigned' },
    ]);
  });

  it('does not flag as removed a compute a running detach has in hand', () => {
    refresh([compute('a')]);
    insertOperation(compute('a').id, 'running', null);
    refresh([]);
    expect(view('a')).toMatchObject({ removedAt: null, drift: null });
  });

  it('keeps the last sync time of a compute a running detach has in hand and the listing missed', () => {
    const first = refresh([compute('a'), compute('b')]);
    insertOperation(compute('a').id, 'running', null);
    const second = refresh([compute('b')]);
    expect(view('a').lastSyncedAt).toBe(first);
    expect(view('b').lastSyncedAt).toBe(second);
  });

  it('does not flag as appeared a compute an attach is creating', () => {
    refresh([]);
    insertOperation(compute('a').id, 'running', null);
    refresh([compute('a', { provisioningState: 'Creating' })]);
    expect(store.snapshot([scope]).computes).toEqual([]);
  });
});

describe('cluster drift', () => {
  it('flags nothing on the first listing', () => {
    refresh([], [cluster()]);
    expect(clusterView().drift).toBeNull();
    expect(store.clusterHistory(AKS)).toHaveLength(1);
  });

  it('flags the extension state and version changed', () => {
    refresh([], [cluster()]);
    const changed = refresh(
      [],
      [
        cluster({
          azureMlExtension: {
            id: `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
            name: 'azureml',
            provisioningState: 'Failed',
            version: '1.1.80',
            releaseTrain: 'stable',
          },
        }),
      ],
    );
    expect(clusterView().drift).toEqual({
      at: changed,
      changes: [
        { field: 'extensionState', from: 'Succeeded', to: 'Failed' },
        { field: 'extensionVersion', from: '1.1.74', to: '1.1.80' },
      ],
    });
    expect(store.clusterHistory(AKS).at(-1)).toMatchObject({
      extensionState: 'Failed',
      extensionVersion: '1.1.80',
    });
  });

  it('flags the extension uninstalled, but not an extension list it could not read', () => {
    refresh([], [cluster()]);
    refresh([], [cluster({ extensionReadable: false, azureMlExtension: null })]);
    expect(clusterView().drift).toBeNull();
    refresh([], [cluster()]);
    refresh([], [cluster({ azureMlExtension: null })]);
    expect(clusterView().drift?.changes).toEqual([
      { field: 'extension', from: 'azureml', to: null },
    ]);
  });

  it('flags a cluster removed, one that appeared, and one that came back', () => {
    refresh([], []);
    const appeared = refresh([], [cluster()]);
    expect(clusterView().drift).toEqual({
      at: appeared,
      changes: [{ field: 'appeared', from: null, to: 'Succeeded' }],
    });
    const removed = refresh([], []);
    expect(clusterView()).toMatchObject({
      removedAt: removed,
      drift: { at: removed, changes: [{ field: 'removed', from: null, to: null }] },
    });
    const back = refresh([], [cluster()]);
    expect(clusterView()).toMatchObject({
      removedAt: null,
      drift: { at: back, changes: [{ field: 'returned', from: null, to: 'Succeeded' }] },
    });
    expect(store.clusterHistory(AKS).map((row) => row.removed)).toEqual([false, true, false]);
  });

  it('records a cluster’s removal once, however many listings then miss it', () => {
    refresh([], [cluster()]);
    const removed = refresh([], []);
    refresh([], []);
    expect(clusterView()).toMatchObject({ removedAt: removed, drift: { at: removed } });
    expect(store.clusterHistory(AKS).map((row) => row.removed)).toEqual([false, true]);
  });
});

describe('state history pruning', () => {
  it('keeps the first sighting and the newest rows, and never adds a row for a repeat', () => {
    refresh([compute('a')]);
    const first = store.history(compute('a').id)[0];
    for (let round = 0; round < HISTORY_KEPT + 10; round++) {
      refresh([compute('a', { provisioningState: round % 2 === 0 ? 'Updating' : 'Succeeded' })]);
    }
    const before = store.history(compute('a').id);
    expect(before).toHaveLength(HISTORY_KEPT + 1);
    expect(before[0]).toEqual(first);
    expect(before.at(-1)?.seenAt).toBe(at());
    refresh([compute('a', { provisioningState: before.at(-1)?.provisioningState ?? '' })]);
    expect(store.history(compute('a').id)).toEqual(before);
  });
});

describe('keys', () => {
  it('lowers ids as SQLite does, so a compute with a non-ASCII name is found again', () => {
    const name = 'ÄRM-Ünits';
    expect(sqliteLower(compute(name).id)).toBe(
      db.prepare<[string], { key: string }>('SELECT lower(?) AS key').get(compute(name).id)?.key,
    );
    refresh([compute(name)]);
    refresh([compute(name)]);
    expect(store.snapshot([scope]).computes).toHaveLength(1);
    expect(view(name).drift).toBeNull();
  });
});
