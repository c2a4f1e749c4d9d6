import type { Database } from 'better-sqlite3';
import type { TenantProblem } from '../../shared/domain/accounts';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import { createComputeHistory, type ComputeStateChange } from './compute-history';
import { createDiscoveryStore, type ClusterHistoryEntry } from './discovery-store';
import type { ScopedSubscription } from './inventory-scope';
import type { ComputeRecord, WorkspaceRecord } from './inventory-records';
import type { DiscoveryListing } from './list-discovery';
import { createSnapshotReader } from './snapshot-reader';
import { createWorkspaceWriter } from './workspace-writer';

export { REMOVED_STATE, type ComputeStateChange } from './compute-history';

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
      /** Its clusters and identities; absent when they were not listed this time. */
      readonly discovery?: DiscoveryListing;
    }
  | { readonly subscription: ScopedSubscription; readonly problem: TenantProblem };

/**
 * The local record of workspaces, computes, clusters and identities (migrations 4 to 6). A
 * refresh writes each subscription's result in one transaction, so a crash leaves every
 * subscription either as it was or fully updated; reads come from here only, so they work
 * offline.
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
  /** A cluster's history, oldest first (the id compared case-insensitively). */
  clusterHistory(clusterId: string): ClusterHistoryEntry[];
}

/** How many refreshes are kept (their problems are diagnostics; only the last one is shown). */
const REFRESHES_KEPT = 20;

interface ProblemInsert {
  readonly refreshId: number;
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly workspaceId: string | null;
  readonly listing: 'clusters' | 'identities' | null;
  readonly code: string;
  readonly message: string;
}

export function createInventoryStore(db: Database): InventoryStore {
  const history = createComputeHistory(db);
  const workspaces = createWorkspaceWriter(db, history);
  const discovery = createDiscoveryStore(db);
  const snapshot = createSnapshotReader(db, discovery);
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
    addProblem: db.prepare<ProblemInsert>(`
      INSERT INTO inventory_problems (refresh_id, subscription_id, subscription_name, workspace_id,
                                      listing, code, message)
      VALUES (@refreshId, lower(@subscriptionId), @subscriptionName, @workspaceId, @listing, @code,
              @message)`),
    previousListing: db.prepare<[string], { listed_at: string }>(
      'SELECT listed_at FROM inventory_listings WHERE subscription_id = lower(?)',
    ),
    // Computes an operation of Mooring has in hand, or finished while this refresh ran: their
    // changes are Mooring's own, and the operation's record is newer than the listing.
    operated: db.prepare<{ subscriptionId: string; refreshId: number }, { compute_key: string }>(`
      SELECT DISTINCT compute_key FROM operations
       WHERE subscription_id = lower(@subscriptionId)
         AND kind IN ('attach', 'update-identity', 'detach')
         AND (status IN ('pending', 'running')
              OR ended_at >= (SELECT started_at FROM inventory_refreshes
                               WHERE refresh_id = @refreshId))`),
    recordListed: db.prepare<{ subscriptionId: string; at: string }>(`
      INSERT INTO inventory_listings (subscription_id, listed_at) VALUES (lower(@subscriptionId), @at)
      ON CONFLICT (subscription_id) DO UPDATE SET listed_at = excluded.listed_at`),
  };

  const recordDiscovery = (
    subscription: ScopedSubscription,
    listing: DiscoveryListing,
    at: string,
    known: boolean,
    problem: (listing: 'clusters' | 'identities', found: TenantProblem) => void,
  ) => {
    // One message per cause: AKS and Arc failing alike (no rights, say) is one problem.
    const clusterCodes = new Set<string>();
    for (const kindListing of listing.clusters) {
      if ('problem' in kindListing) {
        if (clusterCodes.has(kindListing.problem.code)) continue;
        clusterCodes.add(kindListing.problem.code);
        problem('clusters', kindListing.problem);
      } else {
        discovery.recordClusters(subscription, kindListing.kind, kindListing.clusters, at, known);
      }
    }
    if ('problem' in listing.identities) problem('identities', listing.identities.problem);
    else discovery.recordIdentities(subscription, listing.identities.identities, at);
  };

  const recordSubscription = db.transaction(
    (refreshId: number, listing: SubscriptionListing, at: string) => {
      const { subscription } = listing;
      const problem = (
        where: { workspaceId?: string; listing?: 'clusters' | 'identities' },
        found: TenantProblem,
      ) =>
        statements.addProblem.run({
          refreshId,
          subscriptionId: subscription.subscriptionId,
          subscriptionName: subscription.subscriptionName,
          workspaceId: where.workspaceId ?? null,
          listing: where.listing ?? null,
          code: found.code,
          message: found.message,
        });
      if ('problem' in listing) {
        // The last known record stays as it was: a failed listing proves nothing was removed.
        problem({}, listing.problem);
        return;
      }
      const known = statements.previousListing.get(subscription.subscriptionId) !== undefined;
      const operated = new Set(
        statements.operated
          .all({ subscriptionId: subscription.subscriptionId, refreshId })
          .map((row) => row.compute_key),
      );
      statements.recordListed.run({ subscriptionId: subscription.subscriptionId, at });
      const keys = workspaces.recordWorkspaces(
        subscription,
        listing.workspaces,
        at,
        known,
        operated,
      );
      for (const computeListing of listing.computeListings) {
        const workspace = keys.get(computeListing.workspace.id);
        if (workspace === undefined) continue;
        if ('problem' in computeListing) {
          problem({ workspaceId: computeListing.workspace.id }, computeListing.problem);
        } else {
          workspaces.recordComputes(workspace, computeListing.computes, at, operated);
        }
      }
      if (listing.discovery) {
        recordDiscovery(subscription, listing.discovery, at, known, (kind, found) =>
          problem({ listing: kind }, found),
        );
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
    snapshot,
    history: (computeId) => history.read(computeId),
    clusterHistory: (clusterId) => discovery.clusterHistory(clusterId),
  };
}
