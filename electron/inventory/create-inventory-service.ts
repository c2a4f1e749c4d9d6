import type { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { listComputes, listWorkspaces, machineLearningClient } from './arm-inventory';
import { armListClient } from './arm-resource-lists';
import { describeInventoryFailure } from './inventory-failure';
import type { InventoryWhere } from './inventory-failure';
import type { InventoryScope, ScopedSubscription } from './inventory-scope';
import type { WorkspaceRecord } from './inventory-records';
import type { InventoryService } from './inventory-service';
import { listDiscovery } from './list-discovery';
import { createInventoryStore } from './inventory-store';
import type { ComputeListing, SubscriptionListing } from './inventory-store';

export interface InventoryServiceLimits {
  /** How many subscriptions are listed at once. */
  readonly subscriptions: number;
  /**
   * How many workspaces of one subscription have their computes listed at once. ARM throttles
   * per subscription, so the bound is per subscription: at most `subscriptions × workspaces`
   * compute listings are in flight overall.
   */
  readonly workspaces: number;
  /** How many clusters of one subscription have their extensions listed at once (after its computes). */
  readonly clusters: number;
  /** A subscription whose listing takes longer than this is stopped and reported; the others go on. */
  readonly subscriptionTimeoutMs: number;
}

export const defaultInventoryLimits: InventoryServiceLimits = {
  subscriptions: 3,
  workspaces: 5,
  clusters: 5,
  subscriptionTimeoutMs: 180_000,
};

export interface InventoryServiceOptions {
  /** The local record, migrated (migration 4 holds the tables). */
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  /** The subscriptions the inventory covers: selected and not hidden. */
  readonly scope: InventoryScope;
  /** ARM tokens for one (account, tenant); may throw or reject when that tenant needs sign-in. */
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  /** The connection as currently configured (cloud, proxy, extra CAs); read at every refresh. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly limits?: Partial<InventoryServiceLimits>;
  /** The clock for `lastSyncedAt`, `removedAt` and `refreshedAt`; tests pin it. */
  readonly now?: () => Date;
  /** Where the technical detail of a failure goes (the user sees the problem's message). */
  readonly logger?: Logger;
}

/**
 * The inventory service of DESIGN.md's "Local record": snapshots from SQLite only (instant,
 * offline), refreshes that list workspaces, computes, clusters and identities from Azure and
 * record drift.
 */
export function createInventoryService(options: InventoryServiceOptions): InventoryService {
  const store = createInventoryStore(options.database);
  const limits = { ...defaultInventoryLimits, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`The inventory limit ${name} must be a whole number of at least 1.`);
    }
  }
  const now = options.now ?? (() => new Date());
  let running: Promise<InventorySnapshot> | undefined;

  const snapshot = (): InventorySnapshot => store.snapshot(options.scope.selectedSubscriptions());

  const report = (error: unknown, where: InventoryWhere, subscriptionId: string) => {
    const problem = describeInventoryFailure(error, where);
    options.logger?.warn(
      `Listing the inventory of subscription ${subscriptionId}${where.workspaceName ? ` (workspace ${where.workspaceName})` : ''}${where.listing ? ` (${where.listing})` : ''} failed (${problem.code})`,
      error instanceof Error ? { name: error.name, message: error.message } : error,
    );
    return problem;
  };

  const listSubscription = async (
    subscription: ScopedSubscription,
    runtime: ConnectionRuntime,
  ): Promise<SubscriptionListing> => {
    const abortSignal = AbortSignal.timeout(limits.subscriptionTimeoutMs);
    const where = { subscriptionName: subscription.subscriptionName };
    let client: AzureMachineLearningWorkspaces;
    let credential: TokenCredential;
    let workspaces: WorkspaceRecord[];
    try {
      credential = options.credentialFor(subscription.accountId, subscription.tenantId);
      client = machineLearningClient(
        credential,
        subscription.subscriptionId,
        runtime.armClientOptions(),
      );
      workspaces = await listWorkspaces(client, abortSignal);
    } catch (error) {
      return { subscription, problem: report(error, where, subscription.subscriptionId) };
    }
    const listingClient = client;
    const outcomes = await mapWithConcurrency(
      workspaces,
      limits.workspaces,
      async (workspace): Promise<ComputeListing> => {
        try {
          return { workspace, computes: await listComputes(listingClient, workspace, abortSignal) };
        } catch (error) {
          const problem = report(
            error,
            { ...where, workspaceName: workspace.name },
            subscription.subscriptionId,
          );
          return { workspace, problem };
        }
      },
    );
    // The work above never rejects; an outcome that did would be a bug worth failing loudly on.
    const computeListings = outcomes.map((outcome) => {
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
    // Clusters and identities once the computes are in: the subscription's requests stay bounded.
    const discovery = await listDiscovery({
      arm: armListClient(credential, runtime.armClientOptions()),
      subscriptionId: subscription.subscriptionId,
      extensionConcurrency: limits.clusters,
      abortSignal,
      report: (error, listing) => report(error, { ...where, listing }, subscription.subscriptionId),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return { subscription, workspaces, computeListings, discovery };
  };

  const refreshNow = async (): Promise<InventorySnapshot> => {
    const [runtime, waiting] = await Promise.all([
      options.runtime(),
      options.scope.waitingForSignIn?.() ?? new Set<string>(),
    ]);
    const subscriptions = uniqueSubscriptions(options.scope.selectedSubscriptions()).filter(
      (subscription) => !waiting.has(subscription.subscriptionId.toLowerCase()),
    );
    const refreshId = store.beginRefresh(subscriptions.length, now().toISOString());
    const outcomes = await mapWithConcurrency(
      subscriptions,
      limits.subscriptions,
      async (subscription) => {
        const listing = await listSubscription(subscription, runtime);
        // Written as soon as it is known, in its own transaction: the others may still be listing.
        store.recordSubscription(refreshId, listing, now().toISOString());
      },
    );
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok) throw failed.error;
    store.finishRefresh(refreshId, now().toISOString());
    const result = snapshot();
    options.events.emit('inventory.changed', result);
    return result;
  };

  return {
    snapshot,
    refresh() {
      // Two refreshes asked for at once (a click and a subscription change) share one listing.
      running ??= refreshNow().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

/** The same subscription selected twice (it should not happen) is listed once. */
function uniqueSubscriptions(scope: readonly ScopedSubscription[]): ScopedSubscription[] {
  const seen = new Set<string>();
  return scope.filter((subscription) => {
    const key = subscription.subscriptionId.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
