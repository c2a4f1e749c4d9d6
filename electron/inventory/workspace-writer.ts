import type { Database } from 'better-sqlite3';
import type { ComputeHistory } from './compute-history';
import { computeDrift, sameCompute, type StoredCompute } from './compute-drift';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeRecord, WorkspaceRecord } from './inventory-records';

/** A listed workspace's key, and whether the record knew it before this listing. */
export interface ListedWorkspace {
  readonly key: string;
  /**
   * Listed before, and present: a compute new in it appeared since (drift). A workspace seen for
   * the first time has all its computes new, and none of them is drift.
   */
  readonly known: boolean;
}

/**
 * Writes what one listing said about a subscription's workspaces and one workspace's computes:
 * new and changed rows, rows no longer listed marked removed, and state changes and drift in the
 * history. Runs inside the caller's transaction.
 */
export interface WorkspaceWriter {
  /**
   * Upserts the listed workspaces, marks the others removed (with their computes); answers each
   * listed id's key. `subscriptionKnown`: the subscription had been listed successfully before;
   * `operated`: as for recordComputes.
   */
  recordWorkspaces(
    subscription: ScopedSubscription,
    workspaces: readonly WorkspaceRecord[],
    at: string,
    subscriptionKnown: boolean,
    operated: ReadonlySet<string>,
  ): Map<string, ListedWorkspace>;
  /**
   * Writes one workspace's listed computes. Computes in `operated` (keys) are left as the
   * operation that has them, or had them while this listing ran, recorded them: what the listing
   * says of them may predate the operation, and is Mooring's own change, not drift.
   */
  recordComputes(
    workspace: ListedWorkspace,
    computes: readonly ComputeRecord[],
    at: string,
    operated: ReadonlySet<string>,
  ): void;
}

/**
 * The key SQLite's built-in lower() gives: ASCII letters only (no ICU). The key columns' CHECK
 * uses lower(), and ARM names may hold non-ASCII letters JavaScript's toLowerCase would change.
 */
export const sqliteLower = (id: string): string =>
  id.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

export function createWorkspaceWriter(db: Database, history: ComputeHistory): WorkspaceWriter {
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
    computesOf: db.prepare<[string], StoredCompute>(`
      SELECT compute_key, compute_id, name, compute_type, provisioning_state,
             provisioning_errors_json, cluster_id, namespace, identity_type,
             user_assigned_identity_id, principal_id, description, removed_at
        FROM computes WHERE workspace_key = ?`),
    presentComputesOf: db.prepare<[string], { compute_key: string; provisioning_state: string }>(
      'SELECT compute_key, provisioning_state FROM computes WHERE workspace_key = ? AND removed_at IS NULL',
    ),
    // Positional parameters: binding an array is cheaper than an object, 50,000 times over.
    insertCompute: db.prepare<unknown[]>(`
      INSERT INTO computes (compute_key, compute_id, workspace_key, name, compute_type,
                            provisioning_state, provisioning_errors_json, cluster_id, namespace,
                            identity_type, user_assigned_identity_id, principal_id, description,
                            first_seen_at, last_synced_at, removed_at, drift_json)
      VALUES (lower(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`),
    // state_since follows provisioning_state and removed_at by migration 11's trigger.
    updateCompute: db.prepare<unknown[]>(`
      UPDATE computes SET compute_id = ?, name = ?, compute_type = ?, provisioning_state = ?,
             provisioning_errors_json = ?, cluster_id = ?, namespace = ?, identity_type = ?,
             user_assigned_identity_id = ?, principal_id = ?, description = ?,
             last_synced_at = ?, removed_at = NULL, drift_json = coalesce(?, drift_json)
       WHERE compute_key = ?`),
    // Rows inserted or updated above already carry `at` (every row, on a first listing): only the
    // others are rewritten. The computes an operation holds and this listing missed (`skipped`)
    // keep what it wrote.
    touchComputes: db.prepare<{ at: string; workspace: string; skipped: string }>(`
      UPDATE computes SET last_synced_at = @at
       WHERE workspace_key = @workspace AND removed_at IS NULL AND last_synced_at <> @at
         AND compute_key NOT IN (SELECT value FROM json_each(@skipped))`),
  };

  const removeComputesOf = (workspaceKey: string, at: string, operated: ReadonlySet<string>) => {
    for (const row of statements.presentComputesOf.all(workspaceKey)) {
      if (!operated.has(row.compute_key)) {
        history.markRemoved(row.compute_key, row.provisioning_state, at);
      }
    }
  };

  const recordComputes: WorkspaceWriter['recordComputes'] = (workspace, computes, at, operated) => {
    // One read of what the record holds; then only what differs is written.
    const stored = new Map<string, StoredCompute>();
    for (const row of statements.computesOf.all(workspace.key)) stored.set(row.compute_key, row);
    const listed = new Set<string>();
    const skippedUnlisted: string[] = [];
    for (const compute of computes) {
      const key = sqliteLower(compute.id);
      if (listed.has(key)) continue;
      listed.add(key);
      if (operated.has(key)) continue;
      const errors = JSON.stringify(compute.provisioningErrors);
      const before = stored.get(key);
      if (before && sameCompute(before, compute, errors)) continue;
      const changes = computeDrift(before, compute, errors, workspace.known);
      const drift = changes.length > 0 ? JSON.stringify({ at, changes }) : null;
      if (!before) {
        statements.insertCompute.run(
          compute.id,
          compute.id,
          workspace.key,
          compute.name,
          compute.computeType,
          compute.provisioningState,
          errors,
          compute.clusterId,
          compute.namespace,
          compute.identityType,
          compute.userAssignedIdentityId,
          compute.principalId,
          compute.description,
          at,
          at,
          drift,
        );
      } else {
        statements.updateCompute.run(
          compute.id,
          compute.name,
          compute.computeType,
          compute.provisioningState,
          errors,
          compute.clusterId,
          compute.namespace,
          compute.identityType,
          compute.userAssignedIdentityId,
          compute.principalId,
          compute.description,
          at,
          drift,
          key,
        );
      }
      // A first sighting, a return, a new state or errors, or any drift: the history grows.
      const historic =
        !before ||
        before.removed_at !== null ||
        before.provisioning_state !== compute.provisioningState ||
        before.provisioning_errors_json !== errors ||
        changes.length > 0;
      if (historic) history.addSeen(key, compute.provisioningState, errors, changes, at, !before);
    }
    for (const [key, row] of stored) {
      if (row.removed_at !== null || listed.has(key)) continue;
      if (operated.has(key)) skippedUnlisted.push(key);
      else history.markRemoved(key, row.provisioning_state, at);
    }
    // Every compute still present was listed now: one statement, however many there are.
    statements.touchComputes.run({
      at,
      workspace: workspace.key,
      skipped: JSON.stringify(skippedUnlisted),
    });
  };

  return {
    recordWorkspaces(subscription, workspaces, at, subscriptionKnown, operated) {
      const present = new Set(
        statements.presentWorkspacesOf
          .all(subscription.subscriptionId)
          .map((row) => row.workspace_key),
      );
      const keys = new Map<string, ListedWorkspace>();
      for (const workspace of workspaces) {
        const row = statements.upsertWorkspace.get({
          ...workspace,
          subscriptionId: subscription.subscriptionId,
          tenantId: subscription.tenantId,
          at,
        });
        if (!row) throw new Error(`SQLite returned no key for workspace ${workspace.id}`);
        keys.set(workspace.id, {
          key: row.workspace_key,
          known: subscriptionKnown && present.has(row.workspace_key),
        });
      }
      const listedKeys = new Set([...keys.values()].map((listed) => listed.key));
      for (const workspaceKey of present) {
        if (listedKeys.has(workspaceKey)) continue;
        statements.removeWorkspace.run({ key: workspaceKey, at });
        removeComputesOf(workspaceKey, at, operated);
      }
      return keys;
    },
    recordComputes,
  };
}
