import { randomUUID } from 'node:crypto';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AccountInfo, AuthenticationResult } from '@azure/msal-node';
import type { Database } from 'better-sqlite3';
import type {
  AccountView,
  SignInMethod,
  TenantProblem,
  TenantView,
} from '../../shared/domain/accounts';
import type { TokenStorageStatus } from '../../shared/domain/connection';
import { AppError } from '../core/errors';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import type { AccountsService } from './accounts-service';
import { createAccountsRepository } from './accounts-repository';
import type { AccountRecord, TenantFacts } from './accounts-repository';
import {
  SignInRequiredError,
  TokenRequestError,
  describeAuthFailure,
  type AuthFailure,
} from './auth-errors';
import { settleWithConcurrency } from './bounded-concurrency';
import { createMsalClients, type MsalClient } from './msal-clients';
import type { SecretEncryptor } from './secret-store';
import { listTenants } from './tenant-discovery';
import { chooseTokenStorage, createTokenCacheStore } from './token-cache-plugin';
import { startUserSignIn, type UserSignIn } from './user-sign-in';

export interface AccountsServiceOptions {
  /** The local record, migrated to at least schema 2. */
  readonly database: Database;
  readonly events: EventHub;
  /** The connection in force (cloud, client id, proxy and CA transports); asked before each use. */
  readonly runtime: () => Promise<ConnectionRuntime>;
  /** Protects the token cache file (Electron safeStorage in the app). */
  readonly encryptor: SecretEncryptor;
  /** Whether the user agreed to keep tokens on disk where no OS key store protects them. */
  readonly tokenStorage: { readonly allowWeakProtection: () => boolean };
  /** Where the encrypted token cache lives (in the user-data folder). */
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

interface RunningSignIn {
  cancelRequested: boolean;
  /** Once the user has finished, the sign-in completes and can no longer be cancelled. */
  finishing: boolean;
  userSignIn?: UserSignIn;
  /** The msal client the sign-in runs on, once known (for error messages). */
  client?: MsalClient;
  readonly done: Promise<void>;
}

/** A sign-in that ended with a problem already worded for the user. */
class SignInProblem extends Error {
  constructor(readonly problem: TenantProblem) {
    super(problem.message);
  }
}

/** msal's home account id is `<object id>.<home tenant id>`. */
const homeTenantOf = (account: AccountInfo) =>
  (account.homeAccountId.split('.')[1] ?? account.tenantId).toLowerCase();

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The code worth showing for a failed ARM listing: the token problem's, ARM's, or a generic one. */
function listingErrorCode(error: unknown): string {
  if (error instanceof SignInRequiredError || error instanceof TokenRequestError)
    return error.problem.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : 'TenantListFailed';
}

/**
 * Builds the accounts service: sign-in (browser or device code) with msal-node, several accounts at
 * once, their tenants from ARM with a status each, an encrypted token cache, and a TokenCredential
 * per (account, tenant). Tokens never leave this module except through `credentialFor`.
 */
export function createAccountsService(options: AccountsServiceOptions): AccountsServiceHandle {
  const { events, logger } = options;
  const now = options.now ?? (() => new Date());
  const tenantConcurrency = options.tenantConcurrency ?? 3;
  const tenantListingTimeoutMs = options.tenantListingTimeoutMs ?? 60_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  // Aborted by close(): a sign-in past the point of cancelling stops waiting for ARM at once.
  const closing = new AbortController();
  const repository = createAccountsRepository(options.database, now);
  const storageMode = () =>
    chooseTokenStorage(options.encryptor, {
      allowWeakProtection: options.tokenStorage.allowWeakProtection(),
    });
  const cacheStore = createTokenCacheStore({
    file: options.cacheFile,
    encryptor: options.encryptor,
    mode: storageMode,
    onUnreadable: (reason) => logger.warn(reason),
    now,
  });
  const clients = createMsalClients({ runtime: options.runtime, cacheStore, logger });
  const running = new Map<string, RunningSignIn>();

  const notInCacheProblem = (username: string): TenantProblem => {
    const memoryOnly = `${username} must sign in again: this computer offers no secure key store, so Mooring keeps tokens in memory only`;
    return {
      code: 'no_cached_sign_in',
      message:
        storageMode() !== 'memory'
          ? `The saved sign-in of ${username} is no longer available; sign in again.`
          : options.encryptor.protection === 'weak'
            ? `${memoryOnly} unless you allow storing them in Settings.`
            : `${memoryOnly}.`,
    };
  };

  const cachedAccount = async (client: MsalClient, accountId: string) =>
    client.app.getTokenCache().getAccountByHomeId(accountId);

  /** A token for one (account, tenant) without user interaction; msal refreshes when needed. */
  const silentToken = async (
    client: MsalClient,
    record: AccountRecord,
    tenantId: string,
    scopes: string[],
  ): Promise<AuthenticationResult> => {
    const account = await cachedAccount(client, record.accountId);
    if (!account) throw new SignInProblem(notInCacheProblem(record.username));
    // msal looks cached tokens up by the account's tenant first, so the tenant goes in both places.
    return client.app.acquireTokenSilent({
      account: { ...account, tenantId },
      authority: client.authority(tenantId),
      scopes,
    });
  };

  const failureOf = (
    error: unknown,
    client: MsalClient | undefined,
    username: string | undefined,
    tenantId: string | undefined,
  ): AuthFailure => {
    if (error instanceof SignInProblem)
      return { kind: 'needs-sign-in', accountWide: true, problem: error.problem };
    const tenantName = tenantId
      ? (repository.tenant(tenantId)?.displayName ?? tenantId)
      : undefined;
    return describeAuthFailure(error, {
      ...(username ? { username } : {}),
      ...(tenantName ? { tenantName } : {}),
      ...(client ? { authorityHost: client.runtime.cloud.authorityHost } : {}),
    });
  };

  /** Records what a failed token request means; true when a status changed. */
  const recordFailure = (accountId: string, tenantId: string, failure: AuthFailure): boolean => {
    const tenants = repository.tenantsOf(accountId);
    const affected = failure.accountWide ? tenants : tenants.filter((t) => t.tenantId === tenantId);
    let changed = false;
    for (const tenant of affected) {
      if (tenant.status === failure.kind && tenant.problem?.code === failure.problem.code) continue;
      repository.setStatus(accountId, tenant.tenantId, failure.kind, failure.problem);
      changed = true;
    }
    return changed;
  };

  const markReady = (accountId: string, tenantId: string): boolean => {
    const tenant = repository.tenantsOf(accountId).find((t) => t.tenantId === tenantId);
    if (!tenant || (tenant.status === 'ready' && tenant.problem === null)) return false;
    repository.setStatus(accountId, tenantId, 'ready', null);
    return true;
  };

  /** Asks each tenant for a token silently, a few at a time; one tenant's failure never blocks the others. */
  const probeTenants = async (client: MsalClient, record: AccountRecord, tenantIds: string[]) => {
    const scopes = [client.runtime.cloud.armScope];
    await settleWithConcurrency(tenantIds, tenantConcurrency, async (tenantId) => {
      try {
        await silentToken(client, record, tenantId, scopes);
        repository.setStatus(record.accountId, tenantId, 'ready', null);
      } catch (error) {
        const failure = failureOf(error, client, record.username, tenantId);
        // Here a dead refresh token is reported per tenant: each probe sees it for itself.
        repository.setStatus(record.accountId, tenantId, failure.kind, failure.problem);
        logger.info(`Tenant ${tenantId} of an account is ${failure.kind}`, {
          code: failure.problem.code,
        });
      }
    });
  };

  /** Lists the account's tenants from ARM and records them; on failure keeps the ones known. */
  const discoverTenants = async (
    client: MsalClient,
    record: AccountRecord,
    signedInTenantId: string,
  ): Promise<TenantProblem | null> => {
    const known = repository.tenantsOf(record.accountId);
    const fallback = (tenantId: string): TenantFacts =>
      repository.tenant(tenantId) ?? { tenantId, displayName: tenantId, defaultDomain: null };
    let listed: TenantFacts[];
    let problem: TenantProblem | null = null;
    try {
      listed = await listTenants(
        client.runtime,
        credentialFor(record.accountId, record.homeTenantId),
        AbortSignal.any([AbortSignal.timeout(tenantListingTimeoutMs), closing.signal]),
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
  };

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
        : { status: 'needs-sign-in', problem: notInCacheProblem(record.username) }),
    })),
  });

  const list = async (): Promise<AccountView[]> => {
    let client: MsalClient;
    try {
      client = await clients.current();
    } catch (error) {
      // Without a usable connection the record is still worth showing, as last known.
      logger.warn('Connection settings unusable while listing accounts', {
        message: (error as Error).message,
      });
      return repository.accounts().map((record) => viewOf(record, true));
    }
    const host = trimSlash(client.runtime.cloud.authorityHost);
    const cached = new Set(
      (await client.app.getTokenCache().getAllAccounts()).map((a) => a.homeAccountId),
    );
    return repository
      .accounts()
      .filter((record) => record.authorityHost === host)
      .map((record) => viewOf(record, cached.has(record.accountId)));
  };

  const emitAccountsChanged = async () => {
    try {
      events.emit('accounts.changed', await list());
    } catch (error) {
      logger.error('Could not list accounts after a change', { message: (error as Error).message });
    }
  };

  const track = (
    signInId: string,
    work: (
      entry: RunningSignIn,
    ) => Promise<{ account: AccountView; problem: TenantProblem | null }>,
    context: { tenantId?: string },
  ) => {
    let resolveDone: () => void = () => undefined;
    const entry: RunningSignIn = {
      cancelRequested: false,
      finishing: false,
      done: new Promise<void>((resolve) => {
        resolveDone = resolve;
      }),
    };
    running.set(signInId, entry);
    const finish = async () => {
      try {
        const { account, problem } = await work(entry);
        entry.finishing = true;
        events.emit('signIn.finished', { signInId, outcome: 'signed-in', account, problem });
      } catch (error) {
        entry.finishing = true;
        if (entry.cancelRequested) {
          events.emit('signIn.finished', {
            signInId,
            outcome: 'cancelled',
            account: null,
            problem: null,
          });
        } else {
          // The account that signed in may not be the one expected: name none in the message.
          const problem =
            error instanceof SignInProblem
              ? error.problem
              : failureOf(error, entry.client, undefined, context.tenantId).problem;
          logger.warn('Sign-in failed', { code: problem.code });
          events.emit('signIn.finished', { signInId, outcome: 'failed', account: null, problem });
        }
      } finally {
        await emitAccountsChanged();
        running.delete(signInId);
        resolveDone();
      }
    };
    void finish();
  };

  /** Waits for the user (browser or device code); throws when cancelled before it started. */
  const interact = async (
    signInId: string,
    entry: RunningSignIn,
    client: MsalClient,
    method: SignInMethod,
    tenant: string,
    loginHint?: string,
  ): Promise<AuthenticationResult> => {
    entry.client = client;
    if (entry.cancelRequested) throw new Error('cancelled');
    entry.userSignIn = startUserSignIn(client.app, {
      method,
      authority: client.authority(tenant),
      scopes: [client.runtime.cloud.armScope],
      ...(loginHint ? { loginHint } : {}),
      selectAccount: loginHint === undefined,
      openSignInPage: options.openSignInPage,
      onDeviceCode: (shown) =>
        events.emit('signIn.deviceCode', {
          signInId,
          userCode: shown.userCode,
          verificationUri: shown.verificationUri,
          message: shown.message,
          expiresAt: shown.expiresAt.toISOString(),
        }),
      now,
    });
    const result = await entry.userSignIn.result;
    entry.finishing = true;
    if (!result.account) throw new Error('The sign-in answered no account.');
    return result;
  };

  const startSignIn = (method: SignInMethod) => {
    const signInId = randomUUID();
    track(
      signInId,
      async (entry) => {
        const client = await clients.current();
        const result = await interact(signInId, entry, client, method, 'organizations');
        const account = result.account as AccountInfo;
        const record: AccountRecord = {
          accountId: account.homeAccountId,
          authorityHost: trimSlash(client.runtime.cloud.authorityHost),
          username: account.username,
          name: account.name ?? null,
          homeTenantId: homeTenantOf(account),
        };
        repository.saveAccount(record);
        const signedInTenant = result.tenantId.toLowerCase();
        const problem = await discoverTenants(client, record, signedInTenant);
        repository.setStatus(record.accountId, signedInTenant, 'ready', null);
        const others = repository
          .tenantsOf(record.accountId)
          .map((t) => t.tenantId)
          .filter((t) => t !== signedInTenant);
        await probeTenants(client, record, others);
        logger.info('Account signed in', { tenants: others.length + 1 });
        return { account: viewOf(record, true), problem };
      },
      {},
    );
    return { signInId };
  };

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
    const signInId = randomUUID();
    track(
      signInId,
      async (entry) => {
        const client = await clients.current();
        // Silent first: a renewed sign-in of the account may already have fixed this tenant.
        const silent = await silentToken(client, record, tenant.tenantId, [
          client.runtime.cloud.armScope,
        ]).catch(() => undefined);
        if (silent) {
          entry.finishing = true;
          repository.setStatus(accountId, tenant.tenantId, 'ready', null);
          return { account: viewOf(record, true), problem: null };
        }
        const result = await interact(
          signInId,
          entry,
          client,
          method,
          tenant.tenantId,
          record.username,
        );
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
        repository.setStatus(accountId, tenant.tenantId, 'ready', null);
        // A fresh sign-in may also have renewed the refresh token other tenants were waiting for.
        const waiting = repository
          .tenantsOf(accountId)
          .filter((t) => t.status !== 'ready')
          .map((t) => t.tenantId);
        await probeTenants(client, record, waiting);
        return { account: viewOf(record, true), problem: null };
      },
      { tenantId: tenant.tenantId },
    );
    return { signInId };
  };

  const cancelSignIn = (signInId: string): boolean => {
    const entry = running.get(signInId);
    if (!entry || entry.finishing || entry.cancelRequested) return false;
    entry.cancelRequested = true;
    entry.userSignIn?.cancel();
    return true;
  };

  // Straight from the cache store, not through an msal client: forgetting an account must work
  // when the connection settings are broken, and for an account of another cloud than the one
  // in force (not listed, but still in the record).
  const signOut = async (accountId: string): Promise<AccountView[]> => {
    cacheStore.removeAccount(accountId);
    repository.removeAccount(accountId);
    logger.info('Account signed out');
    const views = await list();
    events.emit('accounts.changed', views);
    return views;
  };

  function credentialFor(accountId: string, tenantId: string): TokenCredential {
    const tenant = tenantId.toLowerCase();
    return {
      async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
        const record = repository.account(accountId);
        if (!record) {
          throw new SignInRequiredError(accountId, tenant, {
            code: 'account_signed_out',
            message:
              'This account is no longer signed in to Mooring; add it again in the Accounts panel.',
          });
        }
        let client: MsalClient | undefined;
        try {
          client = await clients.current();
          const result = await silentToken(
            client,
            record,
            tenant,
            Array.isArray(scopes) ? scopes : [scopes],
          );
          if (markReady(accountId, tenant)) void emitAccountsChanged();
          return {
            token: result.accessToken,
            expiresOnTimestamp: (result.expiresOn ?? new Date(now().getTime() + 300_000)).getTime(),
            tokenType: 'Bearer',
          };
        } catch (error) {
          if (error instanceof AppError) throw error;
          const failure = failureOf(error, client, record.username, tenant);
          if (failure.kind === 'needs-sign-in') {
            if (recordFailure(accountId, tenant, failure)) void emitAccountsChanged();
            throw new SignInRequiredError(accountId, tenant, failure.problem);
          }
          throw new TokenRequestError(accountId, tenant, failure.problem);
        }
      },
    };
  }

  return {
    list,
    startSignIn,
    startTenantSignIn,
    cancelSignIn,
    signOut,
    credentialFor,
    tokenStorage: () => ({
      mode: storageMode(),
      osKeyStoreAvailable: options.encryptor.protection === 'os',
    }),
    async close() {
      const pending = [...running.entries()];
      for (const [signInId] of pending) cancelSignIn(signInId);
      closing.abort();
      // A sign-in stuck in a network call nothing can abort (an msal token request) must not keep
      // the app from quitting: wait a bounded time, then leave it behind.
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        Promise.all(pending.map(([, entry]) => entry.done)).then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), closeTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!ended) logger.warn('Sign-ins still running at close were left behind');
    },
  };
}
