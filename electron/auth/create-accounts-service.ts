import type { AccountInfo } from '@azure/msal-node';
import type { Database } from 'better-sqlite3';
import { Guid, type SignInMethod } from '../../shared/domain/accounts';
import type { TokenStorageStatus } from '../../shared/domain/connection';
import { AppError } from '../core/errors';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { createCredential } from './account-credential';
import { createAccountTenants } from './account-tenants';
import { createAccountViews } from './account-views';
import type { AccountsService } from './accounts-service';
import { createAccountsRepository, type AccountRecord } from './accounts-repository';
import { refuseAudienceOfAnotherCloud } from './audience-guard';
import { createCloudTokenCaches } from './cloud-token-caches';
import { createMsalClients } from './msal-clients';
import type { SecretEncryptor } from './secret-store';
import { createSignInRuns } from './sign-in-runs';
import { SignInProblem, createProblemWording, homeTenantOf } from './sign-in-problems';
import { silentToken } from './silent-token';
import { chooseTokenStorage } from './token-cache-plugin';

export interface AccountsServiceOptions {
  /** The local record, migrated to at least schema 2. */
  readonly database: Database;
  readonly events: EventHub;
  /** The connection in force (cloud, client id, proxy and CA transports); asked before each use. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  /** Protects the token cache files (Electron safeStorage in the app). */
  readonly encryptor: SecretEncryptor;
  /** Whether the user agreed to keep tokens on disk where no OS key store protects them. */
  readonly tokenStorage: { readonly allowWeakProtection: () => boolean };
  /**
   * Where the encrypted token caches live (in the user-data folder): one file per cloud, named
   * after this one (see cloudCacheFile). A file at this very path is a pre-per-cloud cache and is
   * removed.
   */
  readonly cacheFile: string;
  /** Opens a URL in the system browser (Electron's shell.openExternal in the app). */
  readonly openSignInPage: (url: string) => Promise<void>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Tenants asked for a token at once after a sign-in; default 3. */
  readonly tenantConcurrency?: number;
  /** How long listing an account's tenants from ARM may take before the known tenants are kept; default 60 s. */
  readonly tenantListingTimeoutMs?: number;
  /** How long `close()` waits for running sign-ins to end; default 10 s. */
  readonly closeTimeoutMs?: number;
}

/** The accounts service, plus what the connection settings view and shutdown need. */
export interface AccountsServiceHandle extends AccountsService {
  /** How tokens are kept right now (for the Settings view). */
  tokenStorage(): TokenStorageStatus;
  /** Cancels running sign-ins and waits (a bounded time) until they have ended. */
  close(): Promise<void>;
}

/** A tenant id from the sign-in service that is not a GUID is not one Mooring may record. */
const invalidTenantProblem = {
  code: 'invalid_tenant_id',
  message:
    'The sign-in service answered with a tenant id that is not a GUID, so Mooring did not add the account; check the cloud in Settings > Connection to Azure.',
};

/**
 * Builds the accounts service: sign-in (browser or device code, one at a time) with msal-node,
 * several accounts at once, their tenants from ARM with a status each, an encrypted token cache
 * per cloud, and a TokenCredential per (account, tenant). Tokens never leave this module except
 * through `credentialFor`, and only for accounts of the cloud in force.
 */
export function createAccountsService(options: AccountsServiceOptions): AccountsServiceHandle {
  const { events, logger } = options;
  const now = options.now ?? (() => new Date());
  // Aborted by close(): a sign-in past the point of cancelling stops waiting for ARM at once.
  const closing = new AbortController();
  const repository = createAccountsRepository(options.database, now);
  const storageMode = () =>
    chooseTokenStorage(options.encryptor, {
      allowWeakProtection: options.tokenStorage.allowWeakProtection(),
    });
  const caches = createCloudTokenCaches({
    baseFile: options.cacheFile,
    encryptor: options.encryptor,
    mode: storageMode,
    onUnreadable: (reason) => logger.warn(reason),
    onNotice: (message) => logger.info(message),
    now,
  });
  const clients = createMsalClients({ runtime: options.runtime, caches, logger });
  /** The client every sign-in and token request uses; listing accounts needs no such check. */
  const currentClient = async () => {
    const client = await clients.current();
    refuseAudienceOfAnotherCloud(client, repository);
    return client;
  };
  const wording = createProblemWording({
    repository,
    encryptor: options.encryptor,
    storageMode,
  });
  const views = createAccountViews({
    repository,
    wording,
    currentClient: () => clients.current(),
    logger,
  });

  const emitAccountsChanged = async () => {
    try {
      events.emit('accounts.changed', await views.list());
    } catch (error) {
      logger.error('Could not list accounts after a change', { message: (error as Error).message });
    }
  };

  const tenants = createAccountTenants({
    repository,
    wording,
    logger,
    tenantConcurrency: options.tenantConcurrency ?? 3,
    tenantListingTimeoutMs: options.tenantListingTimeoutMs ?? 60_000,
    closing: closing.signal,
    credentialFor: (accountId, tenantId) => credentialFor(accountId, tenantId),
  });
  const credentialParts = {
    repository,
    tenants,
    wording,
    currentClient,
    statusesChanged: () => void emitAccountsChanged(),
    now,
  };
  const credentialFor = (accountId: string, tenantId: string) =>
    createCredential(credentialParts, accountId, tenantId);
  const runs = createSignInRuns({
    events,
    logger,
    wording,
    openSignInPage: options.openSignInPage,
    afterEach: emitAccountsChanged,
    now,
  });

  const startSignIn = (method: SignInMethod) =>
    runs.start(async (run) => {
      const client = await currentClient();
      const result = await runs.interact(run, client, { method, tenant: 'organizations' });
      const account = result.account as AccountInfo;
      const signedInTenant = result.tenantId.toLowerCase();
      const homeTenantId = homeTenantOf(account);
      if (!Guid.safeParse(signedInTenant).success || !Guid.safeParse(homeTenantId).success) {
        logger.warn('A sign-in answered a tenant id that is not a GUID; the account was not added');
        await client.app.getTokenCache().removeAccount(account);
        throw new SignInProblem(invalidTenantProblem);
      }
      const record: AccountRecord = {
        accountId: account.homeAccountId,
        cloud: client.cloud,
        username: account.username,
        name: account.name ?? null,
        homeTenantId,
      };
      repository.saveAccount(record);
      const problem = await tenants.discover(client, record, signedInTenant);
      repository.setStatus(record.accountId, signedInTenant, 'ready', null);
      const others = repository
        .tenantsOf(record.accountId)
        .map((t) => t.tenantId)
        .filter((t) => t !== signedInTenant);
      await tenants.probe(client, record, others);
      logger.info('Account signed in', { tenants: others.length + 1 });
      return { account: views.viewOf(record, true), problem };
    }, {});

  const startTenantSignIn = (accountId: string, tenantId: string, method: SignInMethod) => {
    const record = repository.account(accountId);
    const tenant = repository
      .tenantsOf(accountId)
      .find((t) => t.tenantId === tenantId.toLowerCase());
    if (!record || !tenant) {
      throw new AppError(
        'not-found',
        'That account or tenant is not in the Accounts list any more; refresh the list and try again.',
        { accountId, tenantId },
      );
    }
    return runs.start(
      async (run) => {
        const client = await currentClient();
        // Silent first: a renewed sign-in of the account may already have fixed this tenant.
        const silent = await silentToken(
          client,
          record,
          tenant.tenantId,
          [client.runtime.cloud.armScope],
          wording,
        ).catch(() => undefined);
        if (silent) {
          run.finishing = true;
          repository.setStatus(accountId, tenant.tenantId, 'ready', null);
          return { account: views.viewOf(record, true), problem: null };
        }
        const result = await runs.interact(run, client, {
          method,
          tenant: tenant.tenantId,
          loginHint: record.username,
        });
        const account = result.account as AccountInfo;
        if (account.homeAccountId !== accountId) {
          // Someone else signed in: leave that account's tokens only if it is one Mooring already knows.
          if (!repository.account(account.homeAccountId))
            await client.app.getTokenCache().removeAccount(account);
          throw new SignInProblem({
            code: 'wrong_account',
            message: `You signed in as ${account.username}, not ${record.username}; sign in to ${tenant.displayName} again as ${record.username}.`,
          });
        }
        // A sign-in in another cloud than the account's own moves it here (its tokens now are).
        const current = record.cloud === client.cloud ? record : { ...record, cloud: client.cloud };
        if (current !== record) repository.adoptIntoCloud(accountId, client.cloud);
        repository.setStatus(accountId, tenant.tenantId, 'ready', null);
        // A fresh sign-in may also have renewed the refresh token other tenants were waiting for.
        const waiting = repository
          .tenantsOf(accountId)
          .filter((t) => t.status !== 'ready')
          .map((t) => t.tenantId);
        await tenants.probe(client, current, waiting);
        return { account: views.viewOf(current, true), problem: null };
      },
      { tenantId: tenant.tenantId },
    );
  };

  // Straight from the cloud's cache store, not through an msal client: forgetting an account must
  // work when the connection settings are broken, and for an account of another cloud than the
  // one in force (not listed, but still in the record).
  const signOut = async (accountId: string) => {
    const record = repository.account(accountId);
    if (record && !record.cloud.startsWith('https://'))
      caches.forCloud(record.cloud).removeAccount(accountId);
    repository.removeAccount(accountId);
    logger.info('Account signed out');
    const remaining = await views.list();
    events.emit('accounts.changed', remaining);
    return remaining;
  };

  return {
    list: () => views.list(),
    startSignIn,
    startTenantSignIn,
    cancelSignIn: (signInId) => runs.cancel(signInId),
    signOut,
    credentialFor,
    tokenStorage: () => ({
      mode: storageMode(),
      osKeyStoreAvailable: options.encryptor.protection === 'os',
    }),
    async close() {
      closing.abort();
      await runs.close(options.closeTimeoutMs ?? 10_000);
    },
  };
}
