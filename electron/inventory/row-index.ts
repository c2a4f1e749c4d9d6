import type { Database } from 'better-sqlite3';
import type { ComputeDrift } from '../../shared/domain/inventory';
import type { ClusterKind, InventoryRow } from '../../shared/domain/inventory-rows';
import { changeText } from '../../shared/inventory/drift-words';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeRecord } from './inventory-records';
import { SCOPE_CTE, scopeJson } from './store-scope';

/** A workspace of the scope, with the names its computes' rows show. */
export interface RowWorkspace {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly region: string;
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly tenantId: string;
  readonly tenantName: string;
}

/**
 * One compute of the record in scope, as loaded: the fields a listing records (its errors only
 * counted), what the record adds to them, and its workspace.
 */
export interface RowEntry extends Omit<ComputeRecord, 'provisioningErrors'> {
  readonly errorCount: number;
  readonly stateSince: string;
  readonly drift: string | null;
  readonly lastSyncedAt: string;
  readonly removedAt: string | null;
  readonly workspace: RowWorkspace;
}

/** The last segment of an ARM id: the resource's name. */
export const lastSegment = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

/** AKS or Arc from the cluster's resource provider (the record keeps the id as ARM gave it). */
export function clusterKindOf(clusterId: string | null): ClusterKind {
  if (!clusterId) return 'none';
  const id = clusterId.toLowerCase();
  if (id.includes('/providers/microsoft.containerservice/managedclusters/')) return 'aks';
  if (id.includes('/providers/microsoft.kubernetes/connectedclusters/')) return 'arc';
  return 'none';
}

/** The row the table shows, except `stuck`, which depends on the time of the query. */
export function rowOf(entry: RowEntry): Omit<InventoryRow, 'stuck'> {
  const { workspace } = entry;
  return {
    id: entry.id,
    name: entry.name,
    computeType: entry.computeType,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    subscriptionId: workspace.subscriptionId,
    subscriptionName: workspace.subscriptionName,
    tenantId: workspace.tenantId,
    tenantName: workspace.tenantName,
    region: workspace.region,
    clusterId: entry.clusterId,
    clusterName: entry.clusterId ? lastSegment(entry.clusterId) : null,
    clusterKind: clusterKindOf(entry.clusterId),
    namespace: entry.namespace,
    identityType: entry.identityType,
    identityName: entry.userAssignedIdentityId ? lastSegment(entry.userAssignedIdentityId) : null,
    description: entry.description,
    provisioningState: entry.provisioningState,
    errorCount: entry.errorCount,
    stateSince: entry.stateSince,
    drift: entry.drift,
    lastSyncedAt: entry.lastSyncedAt,
    removedAt: entry.removedAt,
  };
}

/**
 * The last change made outside Mooring, in words ("state Succeeded → Failed, namespace a → b"),
 * or null when none was seen. A compute removed outside Mooring says so even without a record.
 */
export function driftText(driftJson: string | null, removedAt: string | null): string | null {
  if (driftJson !== null) {
    const drift = JSON.parse(driftJson) as ComputeDrift;
    return `Changed outside Mooring: ${drift.changes.map(changeText).join(', ')}`;
  }
  return removedAt === null ? null : 'Changed outside Mooring: removed';
}

type WorkspaceColumns = [
  string,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string,
  string | null,
];
type ComputeColumns = [
  string, // workspace_key
  string, // compute_id
  string, // name
  string, // compute_type
  string, // provisioning_state
  number, // error count
  string | null, // cluster_id
  string | null, // namespace
  string, // identity_type
  string | null, // user_assigned_identity_id
  string | null, // principal_id
  string | null, // description
  string, // last_synced_at
  string | null, // removed_at
  string, // state_since, or first_seen_at where the state has not changed since
  string | null, // drift_json
];

/**
 * Reads every compute of the scope with its workspace, subscription and tenant names: the
 * workspaces first (a few thousand), then the computes as plain arrays, the cheapest shape
 * SQLite can hand over at 50,000 rows.
 */
export function createRowLoader(
  db: Database,
): (scope: readonly ScopedSubscription[]) => RowEntry[] {
  const workspaces = db
    .prepare<{ scope: string }>(
      `${SCOPE_CTE}
      SELECT w.workspace_key, w.workspace_id, w.name, w.friendly_name, w.location,
             s.subscription_id, s.subscription_name, w.tenant_id, t.tenant_name
        FROM scope s
        JOIN workspaces w ON w.subscription_id = s.subscription_id
        LEFT JOIN subscriptions t ON t.subscription_id = s.subscription_id`,
    )
    .raw(true);
  const computes = db
    .prepare<{ scope: string }>(
      `${SCOPE_CTE}
      SELECT c.workspace_key, c.compute_id, c.name, c.compute_type, c.provisioning_state,
             json_array_length(c.provisioning_errors_json), c.cluster_id, c.namespace,
             c.identity_type, c.user_assigned_identity_id, c.principal_id, c.description,
             c.last_synced_at, c.removed_at, coalesce(c.state_since, c.first_seen_at),
             c.drift_json
        FROM scope s
        JOIN workspaces w ON w.subscription_id = s.subscription_id
        JOIN computes c ON c.workspace_key = w.workspace_key`,
    )
    .raw(true);

  return (scope) => {
    const json = scopeJson(scope);
    // One read transaction: a refresh writing meanwhile never shows half in the table.
    return db.transaction(() => {
      const byKey = new Map<string, RowWorkspace>();
      for (const columns of workspaces.all({ scope: json }) as WorkspaceColumns[]) {
        const [
          key,
          id,
          name,
          friendly,
          region,
          subscriptionId,
          subscriptionName,
          tenantId,
          tenant,
        ] = columns;
        byKey.set(key, {
          id,
          key,
          name: friendly?.trim() || name,
          region,
          subscriptionId,
          subscriptionName,
          tenantId,
          tenantName: tenant ?? tenantId,
        });
      }
      const entries: RowEntry[] = [];
      for (const c of computes.all({ scope: json }) as ComputeColumns[]) {
        const workspace = byKey.get(c[0]);
        if (!workspace) continue;
        const removedAt = c[13];
        entries.push({
          id: c[1],
          name: c[2],
          computeType: c[3],
          provisioningState: c[4],
          errorCount: c[5],
          clusterId: c[6],
          namespace: c[7],
          identityType: c[8],
          userAssignedIdentityId: c[9],
          principalId: c[10],
          description: c[11],
          stateSince: c[14],
          drift: driftText(c[15], removedAt),
          lastSyncedAt: c[12],
          removedAt,
          workspace,
        });
      }
      return entries;
    })();
  };
}
