import type {
  SubscriptionFilterChange,
  SubscriptionsSnapshot,
} from '../../shared/domain/subscriptions';

/** The subscriptions the signed-in accounts can see, and the user's filters over them. */
export interface SubscriptionsService {
  /** The local record, instantly (offline too). */
  snapshot(): SubscriptionsSnapshot;
  /**
   * Lists subscriptions from Azure for every (account, ready tenant), a few tenants and
   * subscriptions at a time; a failing tenant is skipped and reported, never blocking the rest.
   */
  refresh(): Promise<SubscriptionsSnapshot>;
  /**
   * A signed-out account's subscriptions stay (the picker shows them as needing sign-in, their
   * filters and inventory kept), without asking Azure: each one another account also sees is used
   * through that account from now on; the signed-out account's listing problems go.
   */
  accountSignedOut(accountId: string): SubscriptionsSnapshot;
  /** Selection, hidden and favourite flags; kept across restarts, re-sign-in and token expiry. */
  applyFilters(changes: readonly SubscriptionFilterChange[]): SubscriptionsSnapshot;
}
