import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { AppError } from '../core/errors';
import type { AccountsRepository } from './accounts-repository';
import type { AccountTenants } from './account-tenants';
import { SignInRequiredError, TokenRequestError } from './auth-errors';
import type { MsalClient } from './msal-clients';
import type { ProblemWording } from './sign-in-problems';
import { silentToken } from './silent-token';

export interface CredentialParts {
  readonly repository: AccountsRepository;
  readonly tenants: AccountTenants;
  readonly wording: ProblemWording;
  readonly currentClient: () => Promise<MsalClient>;
  /** Tells the renderer a tenant's status changed. */
  readonly statusesChanged: () => void;
  readonly now: () => Date;
}

/**
 * A TokenCredential for one (account, tenant), for the Azure SDK clients. Each token comes from
 * the cache of the cloud in force, only for an account signed in to that cloud; where it goes
 * is the bearer-host policy's decision (electron/network/bearer-host-policy.ts).
 */
export function createCredential(
  parts: CredentialParts,
  accountId: string,
  tenantId: string,
): TokenCredential {
  const tenant = tenantId.toLowerCase();
  return {
    async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
      const record = parts.repository.account(accountId);
      if (!record) {
        throw new SignInRequiredError(accountId, tenant, {
          code: 'account_signed_out',
          message:
            'This account is no longer signed in to Mooring; add it again in the Accounts panel.',
        });
      }
      let client: MsalClient | undefined;
      try {
        client = await parts.currentClient();
        const result = await silentToken(
          client,
          record,
          tenant,
          Array.isArray(scopes) ? scopes : [scopes],
          parts.wording,
        );
        if (parts.tenants.markReady(accountId, tenant)) parts.statusesChanged();
        return {
          token: result.accessToken,
          expiresOnTimestamp: (
            result.expiresOn ?? new Date(parts.now().getTime() + 300_000)
          ).getTime(),
          tokenType: 'Bearer',
        };
      } catch (error) {
        if (error instanceof AppError) throw error;
        const failure = parts.wording.failureOf(error, client, record.username, tenant);
        if (failure.kind === 'needs-sign-in') {
          // An account of another cloud keeps its statuses: they describe it in its own cloud.
          const ownCloud = client !== undefined && record.cloud === client.cloud;
          if (ownCloud && parts.tenants.recordFailure(accountId, tenant, failure))
            parts.statusesChanged();
          throw new SignInRequiredError(accountId, tenant, failure.problem);
        }
        throw new TokenRequestError(accountId, tenant, failure.problem);
      }
    },
  };
}
