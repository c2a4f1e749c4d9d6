/**
 * A local record of many computes for the inventory table's tests and benchmarks: subscriptions
 * (selected, with their tenant names) and workspaces written as a refresh writes them, with
 * computes varied in every column the table filters and sorts by.
 */
import type { Database } from 'better-sqlite3';
import type { ComputeRecord, WorkspaceRecord } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { createInventoryStore } from '../../electron/inventory/inventory-store';

export interface RowsWorld {
  readonly tenants: number;
  readonly subscriptions: number;
  readonly workspacesPerSubscription: number;
  readonly computesPerWorkspace: number;
}

export const STATES = ['Succeeded', 'Succeeded', 'Succeeded', 'Creating', 'Failed', 'Updating'];
export const REGIONS = ['westeurope', 'eastus', 'swedencentral'];

export const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const tenantName = (t: number) => `Tenant ${String.fromCharCode(65 + (t % 26))}${t}`;

export function scopeOf(world: RowsWorld): ScopedSubscription[] {
  return Array.from({ length: world.subscriptions }, (_, s) => ({
    subscriptionId: guid(2, s),
    subscriptionName: `Subscription S${String(s).padStart(3, '0')}`,
    tenantId: guid(1, s % world.tenants),
    accountId: 'account-a',
  }));
}

/** The compute number `c` of workspace `w`: every column varies, predictably. */
export function computeOf(
  workspace: WorkspaceRecord,
  sub: string,
  w: number,
  c: number,
): ComputeRecord {
  const state = STATES[(c + w) % STATES.length] ?? 'Succeeded';
  const kubernetes = c % 10 !== 9;
  const arc = c % 3 === 1;
  const rg = workspace.resourceGroup;
  const userAssigned = c % 4 === 2;
  return {
    id: `${workspace.id}/computes/${kubernetes ? 'k8s' : 'vm'}-${c}`,
    name: `${kubernetes ? 'k8s' : 'vm'}-${c}`,
    computeType: kubernetes ? 'Kubernetes' : 'VirtualMachine',
    provisioningState: state,
    provisioningErrors:
      state === 'Failed' ? [{ code: 'BadRequest', message: 'The extension is missing.' }] : [],
    clusterId: kubernetes
      ? arc
        ? `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Kubernetes/connectedClusters/arc-${c % 5}`
        : `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/aks-${c % 5}`
      : null,
    namespace: kubernetes ? `team-${c % 7}` : null,
    identityType: userAssigned ? 'UserAssigned' : c % 4 === 3 ? 'None' : 'SystemAssigned',
    userAssignedIdentityId: userAssigned
      ? `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${w}-${c}`
      : null,
    principalId: c % 4 === 3 ? null : guid(3, w * 1000 + c),
    description: null,
  };
}

/** Writes the world into the record, one transaction per subscription as a refresh does. */
export function seedRows(
  database: Database,
  world: RowsWorld,
  at = '2026-01-01T00:00:00.000Z',
): ScopedSubscription[] {
  const scope = scopeOf(world);
  const addSubscription = database.prepare(`
    INSERT INTO subscriptions (subscription_id, display_name, state, tenant_id, tenant_name,
                               account_id, account_username, selected, first_seen_at, last_seen_at)
    VALUES (?, ?, 'Enabled', ?, ?, 'account-a', 'admin@contoso.com', 1, ?, ?)`);
  database.transaction(() => {
    scope.forEach((s, index) =>
      addSubscription.run(
        s.subscriptionId,
        s.subscriptionName,
        s.tenantId,
        tenantName(index % world.tenants),
        at,
        at,
      ),
    );
  })();
  const store = createInventoryStore(database);
  const refreshId = store.beginRefresh(scope.length, at);
  for (const subscription of scope) {
    const sub = subscription.subscriptionId;
    const workspaces: WorkspaceRecord[] = [];
    const computeListings = [];
    for (let w = 0; w < world.workspacesPerSubscription; w++) {
      const rg = `rg-${w % 7}`;
      const workspace: WorkspaceRecord = {
        id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-${w}`,
        name: `mlw-${w}`,
        friendlyName: null,
        resourceGroup: rg,
        location: REGIONS[w % REGIONS.length] ?? 'westeurope',
        storageAccount: null,
        containerRegistry: null,
        keyVault: null,
      };
      workspaces.push(workspace);
      const computes = Array.from({ length: world.computesPerWorkspace }, (_, c) =>
        computeOf(workspace, sub, w, c),
      );
      computeListings.push({ workspace, computes });
    }
    store.recordSubscription(refreshId, { subscription, workspaces, computeListings }, at);
  }
  store.finishRefresh(refreshId, at);
  return scope;
}

/** 5 tenants, 50 subscriptions of 20 workspaces of 50 computes: 50,000 computes. */
export const FIFTY_THOUSAND: RowsWorld = {
  tenants: 5,
  subscriptions: 50,
  workspacesPerSubscription: 20,
  computesPerWorkspace: 50,
};
