import type { TokenCredential } from '@azure/core-auth';
import type { TenantProblem } from '../../shared/domain/accounts';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { Logger } from '../logging/logger';
import type { AccountRecord, AccountsRepository, TenantFacts } from './accounts-repository';
import type { AuthFailure } from './auth-errors';
import type { MsalClient } from './msal-clients';
import { listingErrorCode, type ProblemWording } from './sign-in-problems';
import { silentToken } from './silent-token';
import { listTenants } from './tenant-discovery';

export interface AccountTenantsParts {
  readonly repository: AccountsRepository;
  readonly wording: ProblemWording;
  readonly logger: Logger;
  /** Tenants asked for a token at once after a sign-in. */
  readonly tenantConcurrency: number;
  /** How long listing an account's tenants from ARM may take before the known tenants are kept. */
  readonly tenantListingTimeoutMs: number;
  /** Aborted when the service closes: a sign-in stops waiting for ARM at once. */
  readonly closing: AbortSignal;
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
}

/** An account's tenants: their list from ARM, and the status of each (ready, needs sign-in, error). */
export interface AccountTenants {
  /** Records what a failed token request means; true when a status changed. */
  recordFailure(accountId: string, tenantId: string, failure: AuthFailure): boolean;
  /** Marks a tenant ready; true when its status changed. */
  markReady(accountId: string, tenantId: string): boolean;
  /** Asks each tenant for a token silently, a few at a time; one tenant's failure never blocks the others. */
  probe(client: MsalClient, record: AccountRecord, tenantIds: readonly string[]): Promise<void>;
  /** Lists the account's tenants from ARM and records them; on failure keeps the ones known. */
  discover(
    client: MsalClient,
    record: AccountRecord,
    signedInTenantId: string,
  ): Promise<TenantProblem | null>;
}

export function createAccountTenants(parts: AccountTenantsParts): AccountTenants {
  const { repository, wording, logger } = parts;

  return {
    recordFailure(accountId, tenantId, failure) {
      const tenants = repository.tenantsOf(accountId);
      const affected = failure.accountWide
        ? tenants
        : tenants.filter((t) => t.tenantId === tenantId);
      let changed = false;
      for (const tenant of affected) {
        if (tenant.status === failure.kind && tenant.problem?.code === failure.problem.code)
          continue;
        repository.setStatus(accountId, tenant.tenantId, failure.kind, failure.problem);
        changed = true;
      }
      return changed;
    },

    markReady(accountId, tenantId) {
      const tenant = repository.tenantsOf(accountId).find((t) => t.tenantId === tenantId);
      if (!tenant || (tenant.status === 'ready' && tenant.problem === null)) return false;
      repository.setStatus(accountId, tenantId, 'ready', null);
      return true;
    },

    async probe(client, record, tenantIds) {
      const scopes = [client.runtime.cloud.armScope];
      await mapWithConcurrency(tenantIds, parts.tenantConcurrency, async (tenantId) => {
        try {
          await silentToken(client, record, tenantId, scopes, wording);
          repository.setStatus(record.accountId, tenantId, 'ready', null);
        } catch (error) {
          const failure = wording.failureOf(error, client, record.username, tenantId);
          // Here a dead refresh token is reported per tenant: each probe sees it for itself.
          repository.setStatus(record.accountId, tenantId, failure.kind, failure.problem);
          logger.info(`Tenant ${tenantId} of an account is ${failure.kind}`, {
            code: failure.problem.code,
          });
        }
      });
    },

    async discover(client, record, signedInTenantId) {
      const known = repository.tenantsOf(record.accountId);
      const fallback = (tenantId: string): TenantFacts =>
        repository.tenant(tenantId) ?? { tenantId, displayName: tenantId, defaultDomain: null };
      let listed: TenantFacts[];
      let problem: TenantProblem | null = null;
      try {
        listed = await listTenants(
          client.runtime,
          parts.credentialFor(record.accountId, record.homeTenantId),
          AbortSignal.any([AbortSignal.timeout(parts.tenantListingTimeoutMs), parts.closing]),
          logger,
        );
      } catch (error) {
        const code = listingErrorCode(error);
        problem = {
          code,
          message: `Signed in, but the list of tenants could not be read from Azure Resource Manager (${code}); only the tenants already known are shown, try again later.`,
        };
        logger.warn('Listing tenants failed', { code, message: (error as Error).message });
        listed = known.map((t) => ({
          tenantId: t.tenantId,
          displayName: t.displayName,
          defaultDomain: t.defaultDomain,
        }));
      }
      for (const tenantId of [record.homeTenantId, signedInTenantId])
        if (!listed.some((t) => t.tenantId === tenantId)) listed.push(fallback(tenantId));
      repository.replaceTenants(record.accountId, record.homeTenantId, listed);
      return problem;
    },
  };
}
