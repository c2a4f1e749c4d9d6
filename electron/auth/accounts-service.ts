import type { TokenCredential } from '@azure/core-auth';
import type { AccountView, SignInMethod } from '../../shared/domain/accounts';

/**
 * Signed-in accounts and their tenants. Every Azure call is keyed by (account, tenant): there is
 * no global "current tenant".
 */
export interface AccountsService {
  /** Accounts from the local record and the token cache, each with its tenants and their status. */
  list(): Promise<AccountView[]>;
  /**
   * Starts a sign-in and answers at once; progress arrives as events (`signIn.deviceCode`,
   * `signIn.finished`). Browser: system browser with a loopback redirect. Device code: the code
   * and URL are pushed for the user to enter elsewhere.
   */
  startSignIn(method: SignInMethod): { signInId: string };
  /** The interactive sign-in one tenant demands (MFA, Conditional Access, consent), for that tenant alone. */
  startTenantSignIn(
    accountId: string,
    tenantId: string,
    method: SignInMethod,
  ): { signInId: string };
  /** True when a sign-in with that id was still running and is now stopped. */
  cancelSignIn(signInId: string): boolean;
  /** Forgets one account: its tokens leave the cache; other accounts are untouched. */
  signOut(accountId: string): Promise<AccountView[]>;
  /** ARM tokens for one (account, tenant); fails with a typed error when the tenant needs sign-in. */
  credentialFor(accountId: string, tenantId: string): TokenCredential;
}
