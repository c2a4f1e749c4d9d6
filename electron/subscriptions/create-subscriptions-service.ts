import type { Database } from 'better-sqlite3';
import type { SubscriptionsSnapshot } from '../../shared/domain/subscriptions';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { listTenantSubscriptions } from './arm-listing';
import type { ReadyTenant, SubscriptionDirectory } from './directory';
import { describeListingFailure } from './listing-failure';
import { membershipsOf } from './sightings';
import type { SubscriptionsService } from './subscriptions-service';
import { createSubscriptionsStore } from './subscriptions-store';
import type { TenantListing } from './subscriptions-store';

export interface SubscriptionsServiceLimits {
  /**
   * How many (account, tenant) listings run at once. Pages of one tenant follow each other
   * (each `nextLink` comes from the page before), so a tenant never has more than one request
   * in flight: this number bounds the requests to ARM as a whole.
   */
  readonly tenants: number;
  /** A tenant whose listing takes longer than this is stopped and reported; the others go on. */
  readonly tenantTimeoutMs: number;
}

export const defaultSubscriptionsLimits: SubscriptionsServiceLimits = {
  tenants: 3,
  tenantTimeoutMs: 120_000,
};

export interface SubscriptionsServiceOptions {
  /** The local record, migrated (migration 3 holds the tables). */
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  readonly directory: SubscriptionDirectory;
  /** The connection as currently configured (cloud, proxy, extra CAs); read at every refresh. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  readonly limits?: Partial<SubscriptionsServiceLimits>;
  /** The clock for `lastSeenAt` and `refreshedAt`; tests pin it. */
  readonly now?: () => Date;
  /** Where the technical detail of a failing tenant goes (the user sees the problem's message). */
  readonly logger?: Logger;
}

const uniquePairs = (tenants: readonly ReadyTenant[]): ReadyTenant[] => {
  const seen = new Set<string>();
  return tenants.filter((tenant) => {
    const key = `${tenant.accountId}\n${tenant.tenantId.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The subscriptions service of DESIGN.md: listing from ARM, the local record and the user's filters. */
export function createSubscriptionsService(
  options: SubscriptionsServiceOptions,
): SubscriptionsService {
  const store = createSubscriptionsStore(options.database);
  const limits = { ...defaultSubscriptionsLimits, ...options.limits };
  const now = options.now ?? (() => new Date());
  let running: Promise<SubscriptionsSnapshot> | undefined;
  /** The one run asked for while another was running; it starts when that one ends. */
  let queued: Promise<SubscriptionsSnapshot> | undefined;

  const publish = (): SubscriptionsSnapshot => {
    const snapshot = store.snapshot();
    options.events.emit('subscriptions.changed', snapshot);
    return snapshot;
  };

  const listOne = async (
    tenant: ReadyTenant,
    runtime: ConnectionRuntime,
  ): Promise<TenantListing> => {
    try {
      const subscriptions = await listTenantSubscriptions({
        credential: options.directory.credentialFor(tenant.accountId, tenant.tenantId),
        clientOptions: runtime.armClientOptions(),
        tenantId: tenant.tenantId,
        abortSignal: AbortSignal.timeout(limits.tenantTimeoutMs),
        ...(options.logger ? { logger: options.logger } : {}),
      });
      return { tenant, subscriptions };
    } catch (error) {
      const problem = describeListingFailure(error, tenant);
      options.logger?.warn(
        `Listing the subscriptions of tenant ${tenant.tenantId} as ${tenant.username} failed (${problem.code})`,
        error instanceof Error ? { name: error.name, message: error.message } : error,
      );
      return { tenant, problem };
    }
  };

  const refreshNow = async (): Promise<SubscriptionsSnapshot> => {
    const [ready, runtime, memberships] = await Promise.all([
      options.directory.readyTenants(),
      options.runtime(),
      options.directory.memberships?.(),
    ]);
    const tenants = uniquePairs(ready);
    const outcomes = await mapWithConcurrency(tenants, limits.tenants, (tenant) =>
      listOne(tenant, runtime),
    );
    // listOne never rejects; an outcome that did would be a bug worth failing loudly on.
    const listings = outcomes.map((outcome) => {
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
    store.recordRefresh(
      listings,
      tenants.map((tenant) => tenant.accountId),
      now().toISOString(),
      memberships && membershipsOf(memberships),
    );
    return publish();
  };

  const startRun = (): Promise<SubscriptionsSnapshot> => {
    const run = refreshNow().finally(() => {
      running = undefined;
    });
    running = run;
    return run;
  };

  return {
    snapshot: () => store.snapshot(),
    refresh() {
      // A run still waiting to start will read everything that changed up to now: share it.
      if (queued) return queued;
      if (!running) return startRun();
      // The running listing read the ready tenants before this request (which may come from a
      // sign-in that just finished), so joining it could miss an account: run once more after
      // it, whatever its outcome. Every request made meanwhile shares that one extra run.
      const ignore = () => undefined;
      queued = running.then(ignore, ignore).then(() => {
        queued = undefined;
        return startRun();
      });
      return queued;
    },
    accountSignedOut(accountId) {
      store.demoteAccount(accountId);
      return publish();
    },
    applyFilters(changes) {
      store.applyFilters(changes, now().toISOString());
      return publish();
    },
  };
}
