import type { AccountView, TenantView } from '../../shared/domain/accounts';
import type { Logger } from '../logging/logger';
import type { AccountRecord, AccountsRepository } from './accounts-repository';
import type { MsalClient } from './msal-clients';
import type { ProblemWording } from './sign-in-problems';

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export interface AccountViews {
  /** One account as the renderer sees it; `inCache` false shows every tenant as needing sign-in. */
  viewOf(record: AccountRecord, inCache: boolean): AccountView;
  /** The accounts of the cloud in force, each with its tenants and their status. */
  list(): Promise<AccountView[]>;
}

export function createAccountViews(parts: {
  readonly repository: AccountsRepository;
  readonly wording: ProblemWording;
  readonly currentClient: () => Promise<MsalClient>;
  readonly logger: Logger;
}): AccountViews {
  const { repository, wording, logger } = parts;

  const viewOf = (record: AccountRecord, inCache: boolean): AccountView => ({
    accountId: record.accountId,
    username: record.username,
    name: record.name,
    homeTenantId: record.homeTenantId,
    tenants: repository.tenantsOf(record.accountId).map((tenant): TenantView => ({
      tenantId: tenant.tenantId,
      displayName: tenant.displayName,
      defaultDomain: tenant.defaultDomain,
      isHomeTenant: tenant.isHome,
      ...(inCache
        ? { status: tenant.status, problem: tenant.problem }
        : { status: 'needs-sign-in', problem: wording.notInCache(record.username) }),
    })),
  });

  /**
   * A record from before tokens were bound to a cloud names only its sign-in host. It joins the
   * cloud in force whose sign-in host that is: with the new per-cloud cache it holds no token
   * there, so it is listed as needing sign-in, never answered from another cloud's tokens.
   */
  const adoptLegacy = (records: AccountRecord[], client: MsalClient): AccountRecord[] => {
    const host = trimSlash(client.runtime.cloud.authorityHost).toLowerCase();
    return records.map((record) => {
      if (!record.cloud.startsWith('https://') || trimSlash(record.cloud).toLowerCase() !== host)
        return record;
      repository.adoptIntoCloud(record.accountId, client.cloud);
      return { ...record, cloud: client.cloud };
    });
  };

  return {
    viewOf,
    async list() {
      let client: MsalClient;
      try {
        client = await parts.currentClient();
      } catch (error) {
        // Without a usable connection the record is still worth showing, as last known.
        logger.warn('Connection settings unusable while listing accounts', {
          message: (error as Error).message,
        });
        return repository.accounts().map((record) => viewOf(record, true));
      }
      const cached = new Set(
        (await client.app.getTokenCache().getAllAccounts()).map((a) => a.homeAccountId),
      );
      return adoptLegacy(repository.accounts(), client)
        .filter((record) => record.cloud === client.cloud)
        .map((record) => viewOf(record, cached.has(record.accountId)));
    },
  };
}
