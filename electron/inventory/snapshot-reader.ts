import type { Database } from 'better-sqlite3';
import type {
  ComputeDrift,
  ComputeView,
  InventoryProblem,
  InventorySnapshot,
  WorkspaceView,
} from '../../shared/domain/inventory';
import type { DiscoveryStore } from './discovery-store';
import type { ScopedSubscription } from './inventory-scope';
import type { ProvisioningError } from './inventory-records';
import { SCOPE_CTE, scopeJson } from './store-scope';

interface WorkspaceRow {
  workspace_key: string;
  workspace_id: string;
  subscription_id: string;
  subscription_name: string;
  tenant_id: string;
  resource_group: string;
  name: string;
  friendly_name: string | null;
  location: string;
  storage_account: string | null;
  container_registry: string | null;
  key_vault: string | null;
  last_synced_at: string;
  removed_at: string | null;
}

/** A compute row joined with its workspace's name, as the inventory and the operations read it. */
export interface ComputeRow {
  compute_id: string;
  name: string;
  workspace_id: string;
  workspace_name: string;
  subscription_id: string;
  compute_type: string;
  provisioning_state: string;
  provisioning_errors_json: string;
  cluster_id: string | null;
  namespace: string | null;
  identity_type: string;
  user_assigned_identity_id: string | null;
  principal_id: string | null;
  description: string | null;
  last_synced_at: string;
  removed_at: string | null;
  first_seen_at: string;
  /** NULL on rows inserted since migration 11 whose state has not changed: since first seen. */
  state_since: string | null;
  drift_json: string | null;
}

interface ProblemRow {
  subscription_id: string;
  subscription_name: string;
  workspace_id: string | null;
  listing: 'clusters' | 'identities' | null;
  code: string;
  message: string;
}

const toWorkspaceView = (row: WorkspaceRow): WorkspaceView => ({
  id: row.workspace_id,
  name: row.name,
  friendlyName: row.friendly_name,
  resourceGroup: row.resource_group,
  subscriptionId: row.subscription_id,
  subscriptionName: row.subscription_name,
  tenantId: row.tenant_id,
  location: row.location,
  storageAccount: row.storage_account,
  containerRegistry: row.container_registry,
  keyVault: row.key_vault,
  lastSyncedAt: row.last_synced_at,
  removedAt: row.removed_at,
});

export const toComputeView = (row: ComputeRow): ComputeView => ({
  id: row.compute_id,
  name: row.name,
  workspaceId: row.workspace_id,
  workspaceName: row.workspace_name,
  subscriptionId: row.subscription_id,
  computeType: row.compute_type,
  provisioningState: row.provisioning_state,
  provisioningErrors: JSON.parse(row.provisioning_errors_json) as ProvisioningError[],
  clusterId: row.cluster_id,
  namespace: row.namespace,
  identityType: row.identity_type,
  userAssignedIdentityId: row.user_assigned_identity_id,
  principalId: row.principal_id,
  description: row.description,
  lastSyncedAt: row.last_synced_at,
  removedAt: row.removed_at,
  stateSince: row.state_since ?? row.first_seen_at,
  drift: row.drift_json === null ? null : (JSON.parse(row.drift_json) as ComputeDrift),
});

const toProblem = (row: ProblemRow): InventoryProblem => ({
  subscriptionId: row.subscription_id,
  subscriptionName: row.subscription_name,
  workspaceId: row.workspace_id,
  ...(row.listing ? { listing: row.listing } : {}),
  problem: { code: row.code, message: row.message },
});

/** Reads the snapshot of a scope from SQLite alone, in one read transaction. */
export function createSnapshotReader(
  db: Database,
  discovery: Pick<DiscoveryStore, 'clusters' | 'identities'>,
): (scope: readonly ScopedSubscription[]) => InventorySnapshot {
  const statements = {
    workspaces: db.prepare<{ scope: string }, WorkspaceRow>(`${SCOPE_CTE}
      SELECT w.workspace_key, w.workspace_id, w.subscription_id, s.subscription_name, w.tenant_id,
             w.resource_group, w.name, w.friendly_name, w.location, w.storage_account,
             w.container_registry, w.key_vault, w.last_synced_at, w.removed_at
        FROM scope s JOIN workspaces w ON w.subscription_id = s.subscription_id
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id, w.name COLLATE NOCASE,
                w.workspace_key`),
    computes: db.prepare<{ scope: string }, ComputeRow>(`${SCOPE_CTE}
      SELECT c.compute_id, c.name, w.workspace_id, w.name AS workspace_name, w.subscription_id,
             c.compute_type, c.provisioning_state, c.provisioning_errors_json, c.cluster_id,
             c.namespace, c.identity_type, c.user_assigned_identity_id, c.principal_id,
             c.description, c.last_synced_at, c.removed_at, c.first_seen_at, c.state_since,
             c.drift_json
        FROM scope s
        JOIN workspaces w ON w.subscription_id = s.subscription_id
        JOIN computes c ON c.workspace_key = w.workspace_key
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id, w.name COLLATE NOCASE,
                w.workspace_key, c.name COLLATE NOCASE, c.compute_key`),
    lastFinished: db.prepare<[], { refresh_id: number }>(`
      SELECT refresh_id FROM inventory_refreshes
       WHERE finished_at IS NOT NULL ORDER BY refresh_id DESC LIMIT 1`),
    problems: db.prepare<{ scope: string; refreshId: number }, ProblemRow>(`${SCOPE_CTE}
      SELECT p.subscription_id, p.subscription_name, p.workspace_id, p.listing, p.code, p.message
        FROM inventory_problems p JOIN scope s ON s.subscription_id = p.subscription_id
       WHERE p.refresh_id = @refreshId
       ORDER BY s.subscription_name COLLATE NOCASE, p.subscription_id, p.workspace_id IS NOT NULL,
                p.workspace_id COLLATE NOCASE, p.listing, p.problem_id`),
    listings: db.prepare<
      { scope: string },
      { subscription_id: string; subscription_name: string; listed_at: string | null }
    >(`${SCOPE_CTE}
      SELECT s.subscription_id, s.subscription_name, l.listed_at
        FROM scope s LEFT JOIN inventory_listings l ON l.subscription_id = s.subscription_id
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id`),
  };

  return (scope) => {
    const json = scopeJson(scope);
    // One read transaction: a refresh writing meanwhile never shows half in the snapshot.
    return db.transaction(() => {
      const last = statements.lastFinished.get();
      const listings = statements.listings.all({ scope: json });
      // The age of the data, not of the last attempt: the oldest successful listing in scope.
      const listedAt = listings.flatMap((row) => (row.listed_at === null ? [] : [row.listed_at]));
      const oldest = listedAt.reduce<string | null>(
        (min, at) => (min === null || at < min ? at : min),
        null,
      );
      return {
        workspaces: statements.workspaces.all({ scope: json }).map(toWorkspaceView),
        computes: statements.computes.all({ scope: json }).map(toComputeView),
        clusters: discovery.clusters(json),
        identities: discovery.identities(json),
        problems: last
          ? statements.problems.all({ scope: json, refreshId: last.refresh_id }).map(toProblem)
          : [],
        refreshedAt: oldest,
        unlisted: listings
          .filter((row) => row.listed_at === null)
          .map((row) => ({
            subscriptionId: row.subscription_id,
            subscriptionName: row.subscription_name,
          })),
        listed: listings.flatMap((row) =>
          row.listed_at === null
            ? []
            : [{ subscriptionId: row.subscription_id, listedAt: row.listed_at }],
        ),
      };
    })();
  };
}
