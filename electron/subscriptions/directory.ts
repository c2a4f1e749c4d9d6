import type { TokenCredential } from '@azure/core-auth';

/** One (account, tenant) whose ARM tokens can be had silently right now. */
export interface ReadyTenant {
  /** msal's home account id. */
  readonly accountId: string;
  readonly username: string;
  readonly tenantId: string;
  readonly tenantName: string;
}

/**
 * What the subscriptions service needs from the accounts service: which (account, tenant) pairs
 * to list, and a credential for each. Kept this small so the listing never depends on how
 * sign-in works.
 */
export interface SubscriptionDirectory {
  /**
   * Every (account, tenant) that is ready, accounts in the order they were first signed in
   * (oldest first). That order decides which account Mooring uses for a subscription two
   * accounts can see: the one signed in first. Tenants that need an interactive sign-in are left
   * out (the accounts panel already says so).
   */
  readyTenants(): Promise<readonly ReadyTenant[]>;
  /**
   * Every (account, tenant) the signed-in accounts belong to, ready or not. With it, what a
   * signed-in account saw in a tenant it has left is forgotten; without it, kept.
   */
  memberships?(): Promise<ReadonlyArray<{ readonly accountId: string; readonly tenantId: string }>>;
  /** ARM tokens for one (account, tenant); may throw or reject when that tenant needs sign-in. */
  credentialFor(accountId: string, tenantId: string): TokenCredential;
}
