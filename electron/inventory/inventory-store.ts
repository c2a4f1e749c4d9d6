import type { Database } from 'better-sqlite3';
import type { TenantProblem } from '../../shared/domain/accounts';
import type {
  ComputeView,
  InventoryProblem,
  InventorySnapshot,
  WorkspaceView,
} from '../../shared/domain/inventory';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeRecord, ProvisioningError, WorkspaceRecord } from './inventory-records';

/** What listing one workspace's computes gave: the computes, or why they could not be listed. */
export type ComputeListing =
  | { readonly workspace: WorkspaceRecord; readonly computes: readonly ComputeRecord[] }
  | { readonly workspace: WorkspaceRecord; readonly problem: TenantProblem };

/** What listing one subscription gave. */
export type SubscriptionListing =
  | {
      readonly subscription: ScopedSubscription;
      readonly workspaces: readonly WorkspaceRecord[];
      readonly computeListings: readonly ComputeListing[];
    }
  | { readonly subscription: ScopedSubscription; readonly problem: TenantProblem };

/** One row of a compute's state history, oldest first. */
export interface ComputeStateChange {
  /** Azure's provisioning state, or `Removed` when a refresh found the compute gone. */
  readonly provisioningState: string;
  readonly provisioningErrors: ProvisioningError[];
  readonly seenAt: string;
  readonly source: 'refresh' | 'operation';
}

/** The history's marker for "a refresh no longer found this compute" (not an Azure state). */
export const REMOVED_STATE = 'Removed';

/**
 * The local record of workspaces and computes (tables of migration 4). A refresh writes each
 * subscription's result in one transaction, so a crash leaves every subscription either as it
 * was or fully updated; reads come from here only, so they work offline.
 */
export interface InventoryStore {
  /** Opens a refresh covering `subscriptionCount` subscriptions; answers its id. */
  beginRefresh(subscriptionCount: number, at: string): number;
  /** Records one subscription's listing: new and changed rows, drift, state history, problems. */
  recordSubscription(refreshId: number, listing: SubscriptionListing, at: string): void;
  /** Closes a refresh: its problems become the ones the snapshot shows. */
  finishRefresh(refreshId: number, at: string): void;
  /** The record for these subscriptions, sorted for display. */
  snapshot(scope: readonly ScopedSubscription[]): InventorySnapshot;
  /** A compute's state history, oldest first (the id compared case-insensitively). */
  history(computeId: string): ComputeStateChange[];
}

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

interface ComputeRow {
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
}

interface ProblemRow {
  subscription_id: string;
  subscription_name: string;
  workspace_id: string | null;
  code: string;
  message: string;
}

interface HistoryRow {
  provisioning_state: string;
  provisioning_errors_json: string;
  seen_at: string;
  source: 'refresh' | 'operation';
}

/** How many refreshes are kept (their problems are diagnostics; only the last one is shown). */
const REFRESHES_KEPT = 20;

/** The scope as a JSON array SQLite reads with json_each: one entry per subscription. */
const scopeJson = (scope: readonly ScopedSubscription[]): string => {
  const seen = new Map<string, { id: string; name: string }>();
  for (const subscription of scope) {
    const id = subscription.subscriptionId.toLowerCase();
    if (!seen.has(id)) seen.set(id, { id, name: subscription.subscriptionName });
  }
  return JSON.stringify([...seen.values()]);
};

const SCOPE_CTE = `
  WITH scope (subscription_id, subscription_name) AS (
    SELECT value ->> '$.id', value ->> '$.name' FROM json_each(@scope)
  )`;

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

const toComputeView = (row: ComputeRow): ComputeView => ({
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
});

const toProblem = (row: ProblemRow): InventoryProblem => ({
  subscriptionId: row.subscription_id,
  subscriptionName: row.subscription_name,
  workspaceId: row.workspace_id,
  problem: { code: row.code, message: row.message },
});

export function createInventoryStore(db: Database): InventoryStore {
  // Every id goes through SQLite's lower() (not JavaScript's): the key columns' CHECK uses it,
  // and ARM names may hold non-ASCII letters the two would lower differently.
  const statements = {
    beginRefresh: db.prepare<{ at: string; count: number }>(
      'INSERT INTO inventory_refreshes (started_at, subscription_count) VALUES (@at, @count)',
    ),
    finishRefresh: db.prepare<{ id: number; at: string }>(
      'UPDATE inventory_refreshes SET finished_at = @at WHERE refresh_id = @id',
    ),
    trimRefreshes: db.prepare<{ kept: number }>(`
      DELETE FROM inventory_refreshes
       WHERE refresh_id NOT IN (SELECT refresh_id FROM inventory_refreshes
                                 ORDER BY refresh_id DESC LIMIT @kept)`),
    addProblem: db.prepare(`
      INSERT INTO inventory_problems (refresh_id, subscription_id, subscription_name, workspace_id, code, message)
      VALUES (@refreshId, lower(@subscriptionId), @subscriptionName, @workspaceId, @code, @message)`),
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
    removeCompute: db.prepare<{ key: string; at: string }>(
      'UPDATE computes SET removed_at = @at WHERE compute_key = @key',
    ),
    addHistory: db.prepare(`
      INSERT INTO compute_state_history (compute_key, provisioning_state, provisioning_errors_json, seen_at, source)
      VALUES (@key, @state, @errors, @at, 'refresh')`),
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
             c.description, c.last_synced_at, c.removed_at
        FROM scope s
        JOIN workspaces w ON w.subscription_id = s.subscription_id
        JOIN computes c ON c.workspace_key = w.workspace_key
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id, w.name COLLATE NOCASE,
                w.workspace_key, c.name COLLATE NOCASE, c.compute_key`),
    lastFinished: db.prepare<[], { refresh_id: number }>(`
      SELECT refresh_id FROM inventory_refreshes
       WHERE finished_at IS NOT NULL ORDER BY refresh_id DESC LIMIT 1`),
    problems: db.prepare<{ scope: string; refreshId: number }, ProblemRow>(`${SCOPE_CTE}
      SELECT p.subscription_id, p.subscription_name, p.workspace_id, p.code, p.message
        FROM inventory_problems p JOIN scope s ON s.subscription_id = p.subscription_id
       WHERE p.refresh_id = @refreshId
       ORDER BY s.subscription_name COLLATE NOCASE, p.subscription_id, p.workspace_id IS NOT NULL,
                p.workspace_id COLLATE NOCASE`),
    recordListed: db.prepare<{ subscriptionId: string; at: string }>(`
      INSERT INTO inventory_listings (subscription_id, listed_at) VALUES (lower(@subscriptionId), @at)
      ON CONFLICT (subscription_id) DO UPDATE SET listed_at = excluded.listed_at`),
    listings: db.prepare<
      { scope: string },
      { subscription_id: string; subscription_name: string; listed_at: string | null }
    >(`${SCOPE_CTE}
      SELECT s.subscription_id, s.subscription_name, l.listed_at
        FROM scope s LEFT JOIN inventory_listings l ON l.subscription_id = s.subscription_id
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id`),
    history: db.prepare<[string], HistoryRow>(`
      SELECT provisioning_state, provisioning_errors_json, seen_at, source
        FROM compute_state_history WHERE compute_key = lower(?) ORDER BY history_id`),
  };

  const markComputeRemoved = (key: string, at: string): void => {
    statements.removeCompute.run({ key, at });
    statements.addHistory.run({ key, state: REMOVED_STATE, errors: '[]', at });
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
      if (changed) {
        statements.addHistory.run({
          key: row.compute_key,
          state: compute.provisioningState,
          errors,
          at,
        });
      }
    }
    for (const { compute_key } of statements.presentComputesOf.all(workspaceKey)) {
      if (!listed.has(compute_key)) markComputeRemoved(compute_key, at);
    }
  };

  const recordSubscription = db.transaction(
    (refreshId: number, listing: SubscriptionListing, at: string) => {
      const { subscription } = listing;
      const problem = (where: string | null, found: TenantProblem) =>
        statements.addProblem.run({
          refreshId,
          subscriptionId: subscription.subscriptionId,
          subscriptionName: subscription.subscriptionName,
          workspaceId: where,
          code: found.code,
          message: found.message,
        });
      if ('problem' in listing) {
        // The last known record stays as it was: a failed listing proves nothing was removed.
        problem(null, listing.problem);
        return;
      }
      statements.recordListed.run({ subscriptionId: subscription.subscriptionId, at });
      const keys = new Map<string, string>();
      for (const workspace of listing.workspaces) {
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
          markComputeRemoved(compute_key, at);
        }
      }
      for (const computeListing of listing.computeListings) {
        const workspaceKey = keys.get(computeListing.workspace.id);
        if (workspaceKey === undefined) continue;
        if ('problem' in computeListing) {
          problem(computeListing.workspace.id, computeListing.problem);
        } else {
          recordComputes(workspaceKey, computeListing.computes, at);
        }
      }
    },
  );

  return {
    beginRefresh(subscriptionCount, at) {
      return Number(statements.beginRefresh.run({ at, count: subscriptionCount }).lastInsertRowid);
    },
    recordSubscription(refreshId, listing, at) {
      recordSubscription.immediate(refreshId, listing, at);
    },
    finishRefresh(refreshId, at) {
      db.transaction(() => {
        statements.finishRefresh.run({ id: refreshId, at });
        statements.trimRefreshes.run({ kept: REFRESHES_KEPT });
      }).immediate();
    },
    snapshot(scope) {
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
        };
      })();
    },
    history(computeId) {
      return statements.history.all(computeId).map((row) => ({
        provisioningState: row.provisioning_state,
        provisioningErrors: JSON.parse(row.provisioning_errors_json) as ProvisioningError[],
        seenAt: row.seen_at,
        source: row.source,
      }));
    },
  };
}
