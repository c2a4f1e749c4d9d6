/** A subscription the user selected (and did not hide), with the account Mooring uses for it. */
export interface ScopedSubscription {
  /** Lower-case GUID. */
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  /** The subscription's home tenant: tokens for it come from this tenant. */
  readonly tenantId: string;
  /** msal's home account id of the account that lists it. */
  readonly accountId: string;
}

/**
 * Which subscriptions the inventory covers. The composition root answers it from the
 * subscriptions snapshot (selected and not hidden); read at every refresh and every snapshot, so
 * a change of selection shows at once, without a refresh, and offline too.
 */
export interface InventoryScope {
  selectedSubscriptions(): readonly ScopedSubscription[];
  /**
   * Ids of selected subscriptions Mooring cannot reach until someone signs in (their tenant
   * demands it, or their account signed out). A refresh leaves them out: their last known record
   * stays with its age, and no token is asked for.
   */
  waitingForSignIn?(): Promise<ReadonlySet<string>>;
}
