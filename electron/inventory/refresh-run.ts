import type { RefreshProgress } from '../../shared/ipc/contract-refresh';
import { mapWithKeyedLimits } from '../concurrency/map-with-keyed-limits';
import type { Logger } from '../logging/logger';
import { armListClient } from './arm-resource-lists';
import { discoverWithGraph } from './graph-discovery';
import type { ScopedSubscription } from './inventory-scope';
import type { SubscriptionListing } from './inventory-store';
import { withReadPacing } from './read-pacer';
import { RESOURCE_GRAPH_MAX_SUBSCRIPTIONS, type GraphQuota } from './resource-graph';
import {
  listSubscription,
  type FoundByGraph,
  type SubscriptionListingContext,
} from './subscription-listing';

export interface RefreshRunLimits {
  /** Subscriptions listed at once, overall. */
  readonly subscriptions: number;
  /** Subscriptions of one (account, tenant) listed at once. */
  readonly tenantSubscriptions: number;
  /** Above this many subscriptions, discovery goes through Resource Graph. */
  readonly resourceGraphAbove: number;
}

export interface RefreshRun {
  readonly refreshId: number;
  readonly subscriptions: readonly ScopedSubscription[];
  readonly context: SubscriptionListingContext;
  readonly limits: RefreshRunLimits;
  /** A fresh view of Resource Graph's quota, one per (account, tenant). */
  readonly graphQuota: () => GraphQuota;
  /** Writes one subscription's listing (one transaction), as soon as it is known. */
  readonly record: (listing: SubscriptionListing) => void;
  readonly progress: (progress: RefreshProgress) => void;
  readonly logger?: Logger;
}

const tenantKey = (s: ScopedSubscription) => `${s.accountId}\n${s.tenantId.toLowerCase()}`;

/**
 * One fan-out over (account, tenant, subscription): a few subscriptions per tenant and a bound
 * overall, each subscription written when it is done, progress after each one. A failing
 * subscription is a problem on it and never stops the others; after a cancel nothing more starts,
 * and a listing the cancel cut short is not written (its last known record stays).
 */
export async function runRefresh(run: RefreshRun): Promise<{ cancelled: boolean }> {
  const total = run.subscriptions.length;
  const cancel = run.context.cancel;
  let done = 0;
  const inFlight: ScopedSubscription[] = [];
  const tell = (status: RefreshProgress['status']) =>
    run.progress({
      refreshId: run.refreshId,
      status,
      done,
      total,
      current: inFlight.at(-1)?.subscriptionName ?? null,
    });
  tell('running');

  const found =
    total > run.limits.resourceGraphAbove
      ? await discoverInBatches(run)
      : new Map<string, FoundByGraph>();

  const outcomes = await mapWithKeyedLimits(
    run.subscriptions,
    { overall: run.limits.subscriptions, perKey: run.limits.tenantSubscriptions, keyOf: tenantKey },
    async (subscription) => {
      if (cancel.aborted) return;
      inFlight.push(subscription);
      tell('running');
      try {
        const listing = await listSubscription(
          subscription,
          run.context,
          found.get(subscription.subscriptionId.toLowerCase()),
        );
        if (!cancel.aborted) run.record(listing);
      } finally {
        inFlight.splice(inFlight.indexOf(subscription), 1);
        done += 1;
        if (!cancel.aborted) tell('running');
      }
    },
  );
  tell(cancel.aborted ? 'cancelled' : 'finished');
  // Listing failures are problems on their subscription; what is left (a write that failed) is a bug.
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed && !failed.ok) throw failed.error;
  return { cancelled: cancel.aborted };
}

/**
 * Resource Graph for batches of up to 1,000 subscriptions of one (account, tenant). A batch
 * Resource Graph cannot answer (a cloud without it, a refusal, its quota) is left to ARM.
 */
async function discoverInBatches(run: RefreshRun): Promise<Map<string, FoundByGraph>> {
  const found = new Map<string, FoundByGraph>();
  const byTenant = new Map<string, ScopedSubscription[]>();
  for (const subscription of run.subscriptions) {
    const key = tenantKey(subscription);
    const members = byTenant.get(key);
    if (members) members.push(subscription);
    else byTenant.set(key, [subscription]);
  }
  const options = withReadPacing(run.context.runtime.armClientOptions(), run.context.pacer);
  const discoverTenant = async (members: readonly ScopedSubscription[]) => {
    // Resource Graph's quota is the caller's, and each (account, tenant) calls as its own principal.
    const quota = run.graphQuota();
    for (let start = 0; start < members.length; start += RESOURCE_GRAPH_MAX_SUBSCRIPTIONS) {
      if (run.context.cancel.aborted) return;
      const batch = members.slice(start, start + RESOURCE_GRAPH_MAX_SUBSCRIPTIONS);
      const first = batch[0] as ScopedSubscription;
      try {
        const credential = run.context.credentialFor(first.accountId, first.tenantId);
        const answered = await discoverWithGraph({
          arm: armListClient(credential, options),
          subscriptionIds: batch.map((s) => s.subscriptionId),
          quota,
          abortSignal: run.context.cancel,
          ...(run.logger ? { logger: run.logger } : {}),
        });
        for (const [id, value] of answered) found.set(id, value);
      } catch (error) {
        run.logger?.warn(
          `Resource Graph did not answer for ${batch.length} subscriptions of tenant ${first.tenantId}; listing them through Resource Manager`,
          error instanceof Error ? { name: error.name, message: error.message } : error,
        );
      }
    }
  };
  // Tenants side by side (each has its own token), batches of one tenant one after another.
  await mapWithKeyedLimits(
    [...byTenant.values()],
    {
      overall: run.limits.subscriptions,
      perKey: 1,
      keyOf: (members) => tenantKey(members[0] as ScopedSubscription),
    },
    discoverTenant,
  );
  return found;
}
