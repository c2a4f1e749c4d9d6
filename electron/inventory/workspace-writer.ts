import type { Database } from 'better-sqlite3';
import type { ComputeHistory } from './compute-history';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeRecord, WorkspaceRecord } from './inventory-records';

/**
 * Writes what one listing said about a subscription's workspaces and one workspace's computes:
 * new and changed rows, rows no longer listed marked removed, and state changes in the history.
 * Runs inside the caller's transaction.
 */
export interface WorkspaceWriter {
  /** Upserts the listed workspaces, marks the others removed; answers each listed id's key. */
  recordWorkspaces(
    subscription: ScopedSubscription,
    workspaces: readonly WorkspaceRecord[],
    at: string,
  ): Map<string, string>;
  recordComputes(workspaceKey: string, computes: readonly ComputeRecord[], at: string): void;
}

export function createWorkspaceWriter(db: Database, history: ComputeHistory): WorkspaceWriter {
  // Every id goes through SQLite's lower() (not JavaScript's): the key columns' CHECK uses it,
  // and ARM names may hold non-ASCII letters the two would lower differently.
  const statements = {
    upsertWorkspace: db.prepare<Record<string, unknown>, { workspace_key: string }>(`
      INSERT INTO workspaces (workspace_key, workspace_id, subscription_id, tenant_id, resource_group,
                              name, friendly_name, location, storage_account, container_registry,
                              key_vault, first_seen_at, last_synced_at, removed_at)
      VALUES (lower(@id), @id, lower(@subscriptionId), lower(@tenantId), @resourceGroup, @name,
              @friendlyName, @location, @storageAccount, @containerRegistry, @keyVault, @at, @at, NULL)
      ON CONFLICT (workspace_key) DO UPDATE SET
        workspace_id = excluded.workspace_id, tenant_id = excluded.tenant_id,
        resource_group = excluded.resource_group, name = excluded.name,
        friendly_name = excluded.friendly_name, location = excluded.location,
        storage_account = excluded.storage_account,
        container_registry = excluded.container_registry, key_vault = excluded.key_vault,
        last_synced_at = excluded.last_synced_at, removed_at = NULL
      RETURNING workspace_key`),
    presentWorkspacesOf: db.prepare<[string], { workspace_key: string }>(
      'SELECT workspace_key FROM workspaces WHERE subscription_id = lower(?) AND removed_at IS NULL',
    ),
    removeWorkspace: db.prepare<{ key: string; at: string }>(
      'UPDATE workspaces SET removed_at = @at WHERE workspace_key = @key',
    ),
    previousCompute: db.prepare<
      [string],
      { provisioning_state: string; provisioning_errors_json: string; removed_at: string | null }
    >(
      `SELECT provisioning_state, provisioning_errors_json, removed_at
         FROM computes WHERE compute_key = lower(?)`,
    ),
    upsertCompute: db.prepare<Record<string, unknown>, { compute_key: string }>(`
      INSERT INTO computes (compute_key, compute_id, workspace_key, name, compute_type,
                            provisioning_state, provisioning_errors_json, cluster_id, namespace,
                            identity_type, user_assigned_identity_id, principal_id, description,
                            first_seen_at, last_synced_at, removed_at)
      VALUES (lower(@id), @id, @workspaceKey, @name, @computeType, @provisioningState, @errors,
              @clusterId, @namespace, @identityType, @userAssignedIdentityId, @principalId,
              @description, @at, @at, NULL)
      ON CONFLICT (compute_key) DO UPDATE SET
        compute_id = excluded.compute_id, name = excluded.name,
        compute_type = excluded.compute_type, provisioning_state = excluded.provisioning_state,
        provisioning_errors_json = excluded.provisioning_errors_json,
        cluster_id = excluded.cluster_id, namespace = excluded.namespace,
        identity_type = excluded.identity_type,
        user_assigned_identity_id = excluded.user_assigned_identity_id,
        principal_id = excluded.principal_id, description = excluded.description,
        last_synced_at = excluded.last_synced_at, removed_at = NULL
      RETURNING compute_key`),
    presentComputesOf: db.prepare<[string], { compute_key: string }>(
      'SELECT compute_key FROM computes WHERE workspace_key = ? AND removed_at IS NULL',
    ),
  };

  const recordComputes = (workspaceKey: string, computes: readonly ComputeRecord[], at: string) => {
    const listed = new Set<string>();
    for (const compute of computes) {
      const errors = JSON.stringify(compute.provisioningErrors);
      const previous = statements.previousCompute.get(compute.id);
      const row = statements.upsertCompute.get({
        id: compute.id,
        workspaceKey,
        name: compute.name,
        computeType: compute.computeType,
        provisioningState: compute.provisioningState,
        errors,
        clusterId: compute.clusterId,
        namespace: compute.namespace,
        identityType: compute.identityType,
        userAssignedIdentityId: compute.userAssignedIdentityId,
        principalId: compute.principalId,
        description: compute.description,
        at,
      });
      if (!row) throw new Error(`SQLite returned no key for compute ${compute.id}`);
      listed.add(row.compute_key);
      // First sighting, a return after removal, or a new state (or new errors): history grows.
      const changed =
        !previous ||
        previous.removed_at !== null ||
        previous.provisioning_state !== compute.provisioningState ||
        previous.provisioning_errors_json !== errors;
      if (changed) history.addSeen(row.compute_key, compute.provisioningState, errors, at);
    }
    for (const { compute_key } of statements.presentComputesOf.all(workspaceKey)) {
      if (!listed.has(compute_key)) history.markRemoved(compute_key, at);
    }
  };

  return {
    recordWorkspaces(subscription, workspaces, at) {
      const keys = new Map<string, string>();
      for (const workspace of workspaces) {
        const row = statements.upsertWorkspace.get({
          ...workspace,
          subscriptionId: subscription.subscriptionId,
          tenantId: subscription.tenantId,
          at,
        });
        if (!row) throw new Error(`SQLite returned no key for workspace ${workspace.id}`);
        keys.set(workspace.id, row.workspace_key);
      }
      const listedKeys = new Set(keys.values());
      for (const { workspace_key } of statements.presentWorkspacesOf.all(
        subscription.subscriptionId,
      )) {
        if (listedKeys.has(workspace_key)) continue;
        statements.removeWorkspace.run({ key: workspace_key, at });
        for (const { compute_key } of statements.presentComputesOf.all(workspace_key)) {
          history.markRemoved(compute_key, at);
        }
      }
      return keys;
    },
    recordComputes,
  };
}
