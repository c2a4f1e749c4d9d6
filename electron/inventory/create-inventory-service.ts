import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import type { ConnectionRuntime } from '../connection/runtime';
import { AppError } from '../core/errors';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { describeInventoryFailure } from './inventory-failure';
import type { InventoryWhere } from './inventory-failure';
import type { InventoryScope, ScopedSubscription } from './inventory-scope';
import type { InventoryService } from './inventory-service';
import { createInventoryStore } from './inventory-store';
import { createReadPacer, type ReadPacerOptions } from './read-pacer';
import { runRefresh, type RefreshRunLimits } from './refresh-run';
import { createGraphQuota } from './resource-graph';

export interface InventoryServiceLimits extends RefreshRunLimits {
  /**
   * How many workspaces of one subscription have their computes listed at once. ARM throttles
   * per subscription, so the bound is per subscription: at most `subscriptions × workspaces`
   * compute listings are in flight overall.
   */
  readonly workspaces: number;
  /** How many clusters of one subscription have their extensions listed at once. */
  readonly clusters: number;
  /** A subscription whose listing takes longer than this is stopped and reported; the others go on. */
  readonly subscriptionTimeoutMs: number;
}

export const defaultInventoryLimits: InventoryServiceLimits = {
  // ARM's read budget is per subscription (and principal), not per tenant: what bounds the
  // refresh is the connection pool (SOCKETS_PER_SERVER, 64). As many subscriptions as connections
  // keep it full even when each has one read left (its computes, after Resource Graph); half of
  // them per tenant leave room for the other tenants.
  subscriptions: 64,
  tenantSubscriptions: 32,
  resourceGraphAbove: 50,
  // Every workspace's computes and every cluster's extensions at once; the read pacer bounds the
  // subscription's reads in flight (ARM_READ_BUDGET.inFlight) and their rate.
  workspaces: 16,
  clusters: 16,
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
  /** The read pacer's budget and clock (and Resource Graph's quota clock); tests inject them. */
  readonly pacing?: ReadPacerOptions;
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
    // Resource Graph above 0 subscriptions means always; every other bound needs at least 1.
    if (!Number.isInteger(value) || value < (name === 'resourceGraphAbove' ? 0 : 1)) {
      throw new RangeError(`The inventory limit ${name} must be a whole number of at least 1.`);
    }
  }
  const now = options.now ?? (() => new Date());
  let running: Promise<InventorySnapshot> | undefined;
  let cancelRunning: (() => void) | undefined;

  const snapshot = (): InventorySnapshot => store.snapshot(options.scope.selectedSubscriptions());

  const report = (error: unknown, where: InventoryWhere, subscriptionId: string) => {
    const problem = describeInventoryFailure(error, where);
    options.logger?.warn(
      `Listing the inventory of subscription ${subscriptionId}${where.workspaceName ? ` (workspace ${where.workspaceName})` : ''}${where.listing ? ` (${where.listing})` : ''} failed (${problem.code})`,
      error instanceof Error ? { name: error.name, message: error.message } : error,
    );
    return problem;
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
    const cancel = new AbortController();
    cancelRunning = () => cancel.abort(new AppError('cancelled', 'The refresh was cancelled.'));
    const { cancelled } = await runRefresh({
      refreshId,
      subscriptions,
      context: {
        runtime,
        credentialFor: options.credentialFor,
        pacer: createReadPacer(options.pacing),
        workspaces: limits.workspaces,
        clusters: limits.clusters,
        subscriptionTimeoutMs: limits.subscriptionTimeoutMs,
        cancel: cancel.signal,
        report,
        ...(options.logger ? { logger: options.logger } : {}),
      },
      limits,
      graphQuota: () => createGraphQuota(options.pacing),
      // Written as soon as it is known, in its own transaction: the others may still be listing.
      record: (listing) => store.recordSubscription(refreshId, listing, now().toISOString()),
      progress: (progress) => options.events.emit('inventory.refreshProgress', progress),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    // A cancelled refresh keeps the problems of the last complete one on show.
    if (!cancelled) store.finishRefresh(refreshId, now().toISOString());
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
        cancelRunning = undefined;
      });
      return running;
    },
    cancelRefresh() {
      if (!cancelRunning) return false;
      cancelRunning();
      return true;
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
