import { z } from 'zod';
import { AccountId, Guid, TenantProblem } from './accounts';

export const SubscriptionView = z.object({
  subscriptionId: Guid,
  displayName: z.string(),
  /** Enabled, Disabled, Warned, PastDue, Deleted — as ARM reports it. */
  state: z.string(),
  tenantId: Guid,
  tenantName: z.string(),
  /** The account Mooring uses for this subscription (when two accounts see it, the first signed in). */
  accountId: AccountId,
  accountUsername: z.string(),
  /** Other accounts that also see this subscription. */
  alsoSeenBy: z.array(z.string()),
  selected: z.boolean(),
  hidden: z.boolean(),
  favourite: z.boolean(),
  /** ISO time this subscription was last listed from Azure. */
  lastSeenAt: z.string(),
  /**
   * Newly reachable while the user had narrowed the scope: not added to it, offered instead
   * until the user picks or declines it.
   */
  offered: z.boolean(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const TenantSelection = z.object({
  tenantId: Guid,
  selected: z.boolean(),
});

export const SubscriptionFilterChange = z
  .object({
    subscriptionId: Guid,
    selected: z.boolean().optional(),
    hidden: z.boolean().optional(),
    favourite: z.boolean().optional(),
  })
  .strict();
export type SubscriptionFilterChange = z.infer<typeof SubscriptionFilterChange>;

export const ListingProblem = z.object({
  accountId: AccountId,
  tenantId: Guid,
  tenantName: z.string(),
  problem: TenantProblem,
});
export type ListingProblem = z.infer<typeof ListingProblem>;

export const SubscriptionsSnapshot = z.object({
  subscriptions: z.array(SubscriptionView),
  /** Tenants skipped in the last refresh, with why; the others were listed regardless. */
  problems: z.array(ListingProblem),
  refreshedAt: z.string().nullable(),
});
export type SubscriptionsSnapshot = z.infer<typeof SubscriptionsSnapshot>;
