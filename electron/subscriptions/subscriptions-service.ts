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
   * Drops what a signed-out account saw, without asking Azure: each subscription another account
   * sees is used through that one, the others leave the list (marked gone, filters kept).
   */
  forgetAccount(accountId: string): SubscriptionsSnapshot;
  /** Selection, hidden and favourite flags; kept across restarts, re-sign-in and token expiry. */
  applyFilters(changes: readonly SubscriptionFilterChange[]): SubscriptionsSnapshot;
}
