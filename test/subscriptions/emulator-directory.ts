import type { TokenCredential } from '@azure/core-auth';
import { PublicClientApplication } from '@azure/msal-node';
import type { AccountInfo } from '@azure/msal-node';
import { DEFAULT_CLIENT_ID } from '../../electron/connection/runtime';
import type { ReadyTenant, SubscriptionDirectory } from '../../electron/subscriptions/directory';
import type { RunningEmulator } from '../emulator/emulator';
import { msalOptionsFor, tokenCredential } from '../emulator/trust';

/** A scenario account signed in with msal-node (browser flow scripted by the emulator). */
export interface SignedInAccount {
  readonly username: string;
  readonly account: AccountInfo;
  readonly app: PublicClientApplication;
}

export async function signIn(emu: RunningEmulator, username: string): Promise<SignedInAccount> {
  const options = msalOptionsFor(emu, 'organizations');
  const app = new PublicClientApplication({
    auth: { ...options.auth, clientId: DEFAULT_CLIENT_ID },
    system: options.system,
  });
  const result = await app.acquireTokenInteractive({
    scopes: [`${emu.armUrl}/.default`],
    openBrowser: async (url) => {
      await emu.control.completeBrowserSignIn(url, username);
    },
  });
  if (!result.account) throw new Error(`msal returned no account for ${username}`);
  return { username, account: result.account, app };
}

/** Every tenant the scenario makes the account a member of: home first, then guest tenants. */
export function memberTenants(emu: RunningEmulator, signedIn: SignedInAccount): ReadyTenant[] {
  const scenarioAccount = emu.scenario.accounts.find((a) => a.username === signedIn.username);
  if (!scenarioAccount) throw new Error(`${signedIn.username} is not in the scenario`);
  return [scenarioAccount.homeTenantId, ...scenarioAccount.guestTenantIds].map((tenantId) => ({
    accountId: signedIn.account.homeAccountId,
    username: signedIn.username,
    tenantId,
    tenantName: emu.scenario.tenants.find((t) => t.id === tenantId)?.displayName ?? tenantId,
  }));
}

/** A silent msal credential for one (account, tenant), as the accounts service gives one. */
export function silentCredential(
  emu: RunningEmulator,
  signedIn: SignedInAccount,
  tenantId: string,
): TokenCredential {
  return tokenCredential(async (scopes) => {
    const result = await signedIn.app.acquireTokenSilent({
      account: { ...signedIn.account, tenantId },
      authority: emu.authorityUrl(tenantId),
      scopes,
    });
    return { accessToken: result.accessToken, expiresOn: result.expiresOn };
  });
}

/**
 * A directory over signed-in accounts, in sign-in order. `tenants` is mutable so a test can sign
 * an account out or bring a tenant back; `credentialFor` can be wrapped to instrument or break one.
 */
export class EmulatorDirectory implements SubscriptionDirectory {
  tenants: ReadyTenant[];
  credentialRequests: Array<{ accountId: string; tenantId: string }> = [];
  /** When set, every signed-in account belongs only to these tenants (`memberships`). */
  memberTenantIds: readonly string[] | null = null;
  wrapCredential: (tenant: ReadyTenant, credential: TokenCredential) => TokenCredential = (
    _tenant,
    credential,
  ) => credential;

  constructor(
    private readonly emu: RunningEmulator,
    private readonly accounts: readonly SignedInAccount[],
  ) {
    this.tenants = accounts.flatMap((account) => memberTenants(emu, account));
  }

  readyTenants(): Promise<readonly ReadyTenant[]> {
    return Promise.resolve([...this.tenants]);
  }

  memberships(): Promise<ReadonlyArray<{ accountId: string; tenantId: string }>> {
    const all = this.allPairs();
    const kept = this.memberTenantIds;
    return Promise.resolve(kept ? all.filter((pair) => kept.includes(pair.tenantId)) : all);
  }

  credentialFor(accountId: string, tenantId: string): TokenCredential {
    this.credentialRequests.push({ accountId, tenantId });
    const signedIn = this.accounts.find((a) => a.account.homeAccountId === accountId);
    const tenant = this.tenants.find((t) => t.accountId === accountId && t.tenantId === tenantId);
    if (!signedIn || !tenant) throw new Error(`no ready tenant ${tenantId} for ${accountId}`);
    return this.wrapCredential(tenant, silentCredential(this.emu, signedIn, tenantId));
  }

  /** The ready tenants of one account, by username and tenant display name. */
  only(pairs: ReadonlyArray<readonly [username: string, tenantName: string]>): ReadyTenant[] {
    return pairs.map(([username, tenantName]) => {
      const found = this.allPairs().find(
        (t) => t.username === username && t.tenantName === tenantName,
      );
      if (!found) throw new Error(`${username} is not a member of ${tenantName}`);
      return found;
    });
  }

  private allPairs(): ReadyTenant[] {
    return this.accounts.flatMap((account) => memberTenants(this.emu, account));
  }
}
