import type { TenantProblem } from '../../shared/domain/accounts';
import type { ListedSubscription } from './arm-listing';
import type { ReadyTenant } from './directory';

/** What one (account, tenant) gave in a refresh: its subscriptions, or why it could not list them. */
export type TenantListing =
  | { readonly tenant: ReadyTenant; readonly subscriptions: readonly ListedSubscription[] }
  | { readonly tenant: ReadyTenant; readonly problem: TenantProblem };

/** One account seeing one subscription (a row of `subscription_sightings`). */
export interface Sighting {
  readonly subscriptionId: string;
  readonly accountId: string;
  readonly username: string;
  readonly tenantId: string;
  readonly seenAt: string;
}

/** A subscription after a refresh: who sees it, the account to use, and what ARM said of it. */
export interface ResolvedSubscription {
  readonly subscriptionId: string;
  /** Every account seeing it, the one Mooring uses first. */
  readonly sightings: readonly [Sighting, ...Sighting[]];
  /** The listing by the account used, when it was listed in this refresh (else kept from before). */
  readonly listed?: { readonly subscription: ListedSubscription; readonly tenantName: string };
}

const pairKey = (accountId: string, tenantId: string) => `${accountId}\n${tenantId.toLowerCase()}`;

/** Every (account, tenant) the signed-in accounts belong to, ready or not. */
export interface Memberships {
  readonly accountIds: ReadonlySet<string>;
  /** `pairKey`s of (account, tenant). */
  readonly pairs: ReadonlySet<string>;
}

export const membershipsOf = (
  pairs: ReadonlyArray<{ readonly accountId: string; readonly tenantId: string }>,
): Memberships => ({
  accountIds: new Set(pairs.map((pair) => pair.accountId)),
  pairs: new Set(pairs.map((pair) => pairKey(pair.accountId, pair.tenantId))),
});

/**
 * Works out who sees what after a refresh. A pair that listed replaces what it saw before. Every
 * other pair keeps what it saw last time: a passing outage, a tenant demanding MFA and a
 * signed-out account never hide subscriptions (the picker shows them as needing sign-in). Only a
 * signed-in account that is no longer a member of the tenant at all (when `memberships` are
 * known) stops counting. A subscription seen by several accounts is used through one that listed
 * it now if any, the one signed in first (earliest in `accountOrder`), so the choice is stable
 * from one refresh to the next, does not depend on which listing finished first, and prefers an
 * account that can reach it.
 */
export function resolveSightings(
  previous: readonly Sighting[],
  listings: readonly TenantListing[],
  accountOrder: readonly string[],
  at: string,
  memberships?: Memberships,
): ResolvedSubscription[] {
  const rankOf = new Map<string, number>();
  accountOrder.forEach((id, index) => {
    if (!rankOf.has(id)) rankOf.set(id, index);
  });
  const listedPairs = new Set(
    listings
      .filter((listing) => 'subscriptions' in listing)
      .map((listing) => pairKey(listing.tenant.accountId, listing.tenant.tenantId)),
  );
  const reachable = (sighting: Sighting) =>
    listedPairs.has(pairKey(sighting.accountId, sighting.tenantId));
  const rank = (sighting: Sighting) =>
    (reachable(sighting) ? 0 : accountOrder.length + 1) +
    (rankOf.get(sighting.accountId) ?? accountOrder.length);

  const stillMember = (sighting: Sighting) =>
    !memberships ||
    !memberships.accountIds.has(sighting.accountId) ||
    memberships.pairs.has(pairKey(sighting.accountId, sighting.tenantId));
  const seen = new Map<
    string,
    { sightings: Sighting[]; listings: Map<string, ResolvedSubscription['listed']> }
  >();
  const entry = (subscriptionId: string) => {
    let found = seen.get(subscriptionId);
    if (!found) {
      found = { sightings: [], listings: new Map() };
      seen.set(subscriptionId, found);
    }
    return found;
  };

  for (const sighting of previous) {
    if (!reachable(sighting) && stillMember(sighting)) {
      entry(sighting.subscriptionId).sightings.push(sighting);
    }
  }
  for (const listing of listings) {
    if (!('subscriptions' in listing)) continue;
    const { tenant } = listing;
    for (const subscription of listing.subscriptions) {
      const found = entry(subscription.subscriptionId);
      if (found.sightings.some((s) => s.accountId === tenant.accountId)) continue;
      found.sightings.push({
        subscriptionId: subscription.subscriptionId,
        accountId: tenant.accountId,
        username: tenant.username,
        tenantId: subscription.tenantId,
        seenAt: at,
      });
      found.listings.set(tenant.accountId, { subscription, tenantName: tenant.tenantName });
    }
  }

  const resolved: ResolvedSubscription[] = [];
  for (const [subscriptionId, { sightings, listings: listedBy }] of seen) {
    sightings.sort((a, b) => rank(a) - rank(b) || a.username.localeCompare(b.username));
    const ordered = sightings as [Sighting, ...Sighting[]];
    // The freshest facts come from the best-ranked account that listed it in this refresh.
    const listed = ordered.map((s) => listedBy.get(s.accountId)).find((l) => l !== undefined);
    resolved.push(
      listed
        ? { subscriptionId, sightings: ordered, listed }
        : { subscriptionId, sightings: ordered },
    );
  }
  return resolved;
}
