import type { Database } from 'better-sqlite3';
import type {
  ClusterDrift,
  ClusterDriftChange,
  ClusterView,
  UserAssignedIdentityView,
} from '../../shared/domain/clusters';
import { clusterDrift, type StoredCluster } from './compute-drift';
import type { ScopedSubscription } from './inventory-scope';
import type { ClusterRecord, DiscoveredCluster, IdentityRecord } from './inventory-records';
import { SCOPE_CTE } from './store-scope';

/** One row of a cluster's history, oldest first: its extension as seen, or its removal. */
export interface ClusterHistoryEntry {
  readonly removed: boolean;
  readonly extensionState: string | null;
  readonly extensionVersion: string | null;
  /** The changes made outside Mooring this row records; null on a first sighting. */
  readonly changes: ClusterDriftChange[] | null;
  readonly seenAt: string;
}

/**
 * The local record of clusters (with their Azure ML extension) and user-assigned identities
 * (migration 6). Writes run inside the caller's transaction; a kind of cluster, or the
 * identities, are only rewritten when their own listing succeeded, so a failed list keeps its
 * last known rows. Rows no longer listed get `removed_at`, and come back cleanly if they return.
 */
export interface DiscoveryStore {
  /**
   * Writes one kind's listing of a subscription's clusters, with drift and history.
   * `subscriptionKnown`: the subscription had been listed before, so a new cluster appeared.
   */
  recordClusters(
    subscription: ScopedSubscription,
    kind: ClusterRecord['kind'],
    clusters: readonly DiscoveredCluster[],
    at: string,
    subscriptionKnown: boolean,
  ): void;
  recordIdentities(
    subscription: ScopedSubscription,
    identities: readonly IdentityRecord[],
    at: string,
  ): void;
  /** Reads for a scope given as `scopeJson` (see store-scope.ts), sorted for display. */
  clusters(scope: string): ClusterView[];
  /** A cluster's history, oldest first (the id compared case-insensitively). */
  clusterHistory(clusterId: string): ClusterHistoryEntry[];
  identities(scope: string): UserAssignedIdentityView[];
}

interface ClusterRow {
  cluster_id: string;
  kind: 'aks' | 'arc';
  name: string;
  resource_group: string;
  subscription_id: string;
  subscription_name: string;
  tenant_id: string;
  location: string;
  connectivity_status: string | null;
  private_cluster: number | null;
  extension_readable: number;
  extension_id: string | null;
  extension_name: string | null;
  extension_provisioning_state: string | null;
  extension_version: string | null;
  extension_release_train: string | null;
  last_synced_at: string;
  removed_at: string | null;
  drift_json: string | null;
}

interface IdentityRow {
  identity_id: string;
  name: string;
  resource_group: string;
  subscription_id: string;
  tenant_id: string;
  location: string;
  client_id: string;
  principal_id: string;
  last_synced_at: string;
  removed_at: string | null;
}

const toClusterView = (row: ClusterRow): ClusterView => ({
  id: row.cluster_id,
  kind: row.kind,
  name: row.name,
  resourceGroup: row.resource_group,
  subscriptionId: row.subscription_id,
  subscriptionName: row.subscription_name,
  tenantId: row.tenant_id,
  location: row.location,
  connectivityStatus: row.connectivity_status,
  privateCluster: row.private_cluster === null ? null : row.private_cluster === 1,
  azureMlExtension:
    row.extension_id !== null && row.extension_name !== null
      ? {
          id: row.extension_id,
          name: row.extension_name,
          provisioningState: row.extension_provisioning_state ?? 'Unknown',
          version: row.extension_version,
          releaseTrain: row.extension_release_train,
        }
      : null,
  extensionReadable: row.extension_readable === 1,
  lastSyncedAt: row.last_synced_at,
  removedAt: row.removed_at,
  drift: row.drift_json === null ? null : (JSON.parse(row.drift_json) as ClusterDrift),
});

const toIdentityView = (row: IdentityRow): UserAssignedIdentityView => ({
  id: row.identity_id,
  name: row.name,
  resourceGroup: row.resource_group,
  subscriptionId: row.subscription_id,
  tenantId: row.tenant_id,
  location: row.location,
  clientId: row.client_id,
  principalId: row.principal_id,
  lastSyncedAt: row.last_synced_at,
  removedAt: row.removed_at,
});

export function createDiscoveryStore(db: Database): DiscoveryStore {
  const statements = {
    upsertCluster: db.prepare<Record<string, unknown>, { cluster_key: string }>(`
      INSERT INTO clusters (cluster_key, cluster_id, kind, subscription_id, tenant_id, resource_group,
                            name, location, connectivity_status, private_cluster, extension_readable,
                            extension_id, extension_name, extension_provisioning_state,
                            extension_version, extension_release_train, first_seen_at,
                            last_synced_at, removed_at)
      VALUES (lower(@id), @id, @kind, lower(@subscriptionId), lower(@tenantId), @resourceGroup,
              @name, @location, @connectivityStatus, @privateCluster, @extensionReadable,
              @extensionId, @extensionName, @extensionState, @extensionVersion,
              @extensionReleaseTrain, @at, @at, NULL)
      ON CONFLICT (cluster_key) DO UPDATE SET
        cluster_id = excluded.cluster_id, kind = excluded.kind, tenant_id = excluded.tenant_id,
        resource_group = excluded.resource_group, name = excluded.name,
        location = excluded.location, connectivity_status = excluded.connectivity_status,
        private_cluster = excluded.private_cluster,
        extension_readable = excluded.extension_readable, extension_id = excluded.extension_id,
        extension_name = excluded.extension_name,
        extension_provisioning_state = excluded.extension_provisioning_state,
        extension_version = excluded.extension_version,
        extension_release_train = excluded.extension_release_train,
        last_synced_at = excluded.last_synced_at, removed_at = NULL
      RETURNING cluster_key`),
    storedClustersOf: db.prepare<{ subscriptionId: string; kind: string }, StoredCluster>(`
      SELECT cluster_key, extension_readable, extension_name, extension_provisioning_state,
             extension_version, removed_at
        FROM clusters WHERE subscription_id = lower(@subscriptionId) AND kind = @kind`),
    setClusterDrift: db.prepare<{ key: string; drift: string }>(
      'UPDATE clusters SET drift_json = @drift WHERE cluster_key = @key',
    ),
    removeCluster: db.prepare<{ key: string; at: string; drift: string }>(
      'UPDATE clusters SET removed_at = @at, drift_json = @drift WHERE cluster_key = @key',
    ),
    addClusterHistory: db.prepare<{
      key: string;
      removed: number;
      state: string | null;
      version: string | null;
      changes: string | null;
      at: string;
    }>(`
      INSERT INTO cluster_history (cluster_key, removed, extension_state, extension_version,
                                   changes_json, seen_at)
      VALUES (@key, @removed, @state, @version, @changes, @at)`),
    clusterHistory: db.prepare<
      [string],
      {
        removed: number;
        extension_state: string | null;
        extension_version: string | null;
        changes_json: string | null;
        seen_at: string;
      }
    >(`
      SELECT removed, extension_state, extension_version, changes_json, seen_at
        FROM cluster_history WHERE cluster_key = lower(?) ORDER BY history_id`),
    upsertIdentity: db.prepare<Record<string, unknown>, { identity_key: string }>(`
      INSERT INTO user_assigned_identities (identity_key, identity_id, subscription_id, tenant_id,
                                            resource_group, name, location, client_id,
                                            principal_id, first_seen_at, last_synced_at, removed_at)
      VALUES (lower(@id), @id, lower(@subscriptionId), lower(@tenantId), @resourceGroup, @name,
              @location, @clientId, @principalId, @at, @at, NULL)
      ON CONFLICT (identity_key) DO UPDATE SET
        identity_id = excluded.identity_id, tenant_id = excluded.tenant_id,
        resource_group = excluded.resource_group, name = excluded.name,
        location = excluded.location, client_id = excluded.client_id,
        principal_id = excluded.principal_id, last_synced_at = excluded.last_synced_at,
        removed_at = NULL
      RETURNING identity_key`),
    presentIdentitiesOf: db.prepare<[string], { identity_key: string }>(
      `SELECT identity_key FROM user_assigned_identities
        WHERE subscription_id = lower(?) AND removed_at IS NULL`,
    ),
    removeIdentity: db.prepare<{ key: string; at: string }>(
      'UPDATE user_assigned_identities SET removed_at = @at WHERE identity_key = @key',
    ),
    clusters: db.prepare<{ scope: string }, ClusterRow>(`${SCOPE_CTE}
      SELECT c.cluster_id, c.kind, c.name, c.resource_group, c.subscription_id, s.subscription_name,
             c.tenant_id, c.location, c.connectivity_status, c.private_cluster,
             c.extension_readable, c.extension_id, c.extension_name,
             c.extension_provisioning_state, c.extension_version, c.extension_release_train,
             c.last_synced_at, c.removed_at, c.drift_json
        FROM scope s JOIN clusters c ON c.subscription_id = s.subscription_id
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id, c.name COLLATE NOCASE,
                c.cluster_key`),
    identities: db.prepare<{ scope: string }, IdentityRow>(`${SCOPE_CTE}
      SELECT i.identity_id, i.name, i.resource_group, i.subscription_id, i.tenant_id, i.location,
             i.client_id, i.principal_id, i.last_synced_at, i.removed_at
        FROM scope s JOIN user_assigned_identities i ON i.subscription_id = s.subscription_id
       ORDER BY s.subscription_name COLLATE NOCASE, s.subscription_id, i.name COLLATE NOCASE,
                i.identity_key`),
  };

  return {
    recordClusters(subscription, kind, clusters, at, subscriptionKnown) {
      const stored = new Map(
        statements.storedClustersOf
          .all({ subscriptionId: subscription.subscriptionId, kind })
          .map((row) => [row.cluster_key, row]),
      );
      const listed = new Set<string>();
      for (const discovered of clusters) {
        const { cluster, extensionReadable, azureMlExtension } = discovered;
        const row = statements.upsertCluster.get({
          id: cluster.id,
          kind,
          subscriptionId: subscription.subscriptionId,
          tenantId: subscription.tenantId,
          resourceGroup: cluster.resourceGroup,
          name: cluster.name,
          location: cluster.location,
          connectivityStatus: kind === 'arc' ? cluster.connectivityStatus : null,
          privateCluster:
            kind === 'aks' && cluster.privateCluster !== null
              ? Number(cluster.privateCluster)
              : null,
          extensionReadable: Number(extensionReadable),
          extensionId: azureMlExtension?.id ?? null,
          extensionName: azureMlExtension?.name ?? null,
          extensionState: azureMlExtension?.provisioningState ?? null,
          extensionVersion: azureMlExtension?.version ?? null,
          extensionReleaseTrain: azureMlExtension?.releaseTrain ?? null,
          at,
        });
        if (!row) throw new Error(`SQLite returned no key for cluster ${cluster.id}`);
        listed.add(row.cluster_key);
        const before = stored.get(row.cluster_key);
        const changes = clusterDrift(before, discovered, subscriptionKnown);
        if (changes.length > 0) {
          statements.setClusterDrift.run({
            key: row.cluster_key,
            drift: JSON.stringify({ at, changes }),
          });
        }
        // A first sighting, or any change (an unreadable listing proves none): the history grows.
        if (!before || changes.length > 0) {
          statements.addClusterHistory.run({
            key: row.cluster_key,
            removed: 0,
            state: azureMlExtension?.provisioningState ?? null,
            version: azureMlExtension?.version ?? null,
            changes: changes.length > 0 ? JSON.stringify(changes) : null,
            at,
          });
        }
      }
      // What was present before this listing and is not listed now: read once, above.
      for (const [cluster_key, row] of stored) {
        if (row.removed_at !== null || listed.has(cluster_key)) continue;
        const changes: ClusterDriftChange[] = [{ field: 'removed', from: null, to: null }];
        const drift = JSON.stringify({ at, changes });
        statements.removeCluster.run({ key: cluster_key, at, drift });
        statements.addClusterHistory.run({
          key: cluster_key,
          removed: 1,
          state: null,
          version: null,
          changes: JSON.stringify(changes),
          at,
        });
      }
    },
    recordIdentities(subscription, identities, at) {
      const listed = new Set<string>();
      for (const identity of identities) {
        const row = statements.upsertIdentity.get({
          ...identity,
          subscriptionId: subscription.subscriptionId,
          tenantId: subscription.tenantId,
          at,
        });
        if (!row) throw new Error(`SQLite returned no key for identity ${identity.id}`);
        listed.add(row.identity_key);
      }
      for (const { identity_key } of statements.presentIdentitiesOf.all(
        subscription.subscriptionId,
      )) {
        if (!listed.has(identity_key)) statements.removeIdentity.run({ key: identity_key, at });
      }
    },
    clusters: (scope) => statements.clusters.all({ scope }).map(toClusterView),
    clusterHistory: (clusterId) =>
      statements.clusterHistory.all(clusterId).map((row) => ({
        removed: row.removed === 1,
        extensionState: row.extension_state,
        extensionVersion: row.extension_version,
        changes:
          row.changes_json === null ? null : (JSON.parse(row.changes_json) as ClusterDriftChange[]),
        seenAt: row.seen_at,
      })),
    identities: (scope) => statements.identities.all({ scope }).map(toIdentityView),
  };
}
