import type { AuthenticationResult } from '@azure/msal-node';
import type { AccountRecord } from './accounts-repository';
import type { MsalClient } from './msal-clients';
import { SignInProblem, otherCloudProblem, type ProblemWording } from './sign-in-problems';

/**
 * A token for one (account, tenant) without user interaction; msal refreshes when needed. Only
 * from the cache of the account's own cloud: an account of another cloud is refused before msal
 * is asked, so its refresh token never meets another cloud's sign-in host.
 */
export async function silentToken(
  client: MsalClient,
  record: AccountRecord,
  tenantId: string,
  scopes: string[],
  wording: ProblemWording,
): Promise<AuthenticationResult> {
  if (record.cloud !== client.cloud) throw new SignInProblem(otherCloudProblem(record.username));
  const account = await client.app.getTokenCache().getAccountByHomeId(record.accountId);
  if (!account) throw new SignInProblem(wording.notInCache(record.username));
  // msal looks cached tokens up by the account's tenant first, so the tenant goes in both places.
  return client.app.acquireTokenSilent({
    account: { ...account, tenantId },
    authority: client.authority(tenantId),
    scopes,
  });
}
