import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SecretEncryptor } from '../auth/secret-store';
import { createAccountsService } from '../auth/create-accounts-service';
import { createConnectionService } from '../connection/connection-service';
import type { PolicyFileGuard } from '../connection/policy-permissions';
import type { SecurityConfirmer } from '../connection/security-change';
import { downloadChooser } from '../export/save-file-chooser';
import type { SaveFileChooser } from '../export/save-file-chooser';
import { createInventoryService } from '../inventory/create-inventory-service';
import { composeActivity } from './compose-activity';
import { accessFromSubscriptions, composeOperations } from './compose-operations';
import { composePreflight } from './compose-preflight';
import type { OperationsTuning } from './compose-operations';
import { composeAfterAttach } from './compose-after-attach';
import { composeRoles } from './compose-roles';
import { composeRefresh } from './compose-refresh';
import { composeConnectivity } from './compose-connectivity';
import { composeInventoryRows, selectedScope } from './compose-inventory-rows';
import { composeClusters } from './compose-clusters';
import { createRoleJournal } from '../operations/role-journal';
import { createDispatcher } from '../ipc/dispatcher';
import type { Dispatch } from '../ipc/dispatcher';
import { createEventHub } from '../ipc/handlers';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import type { SystemProxyResolver } from '../network/transport';
import { createSettingsRepository } from '../settings/settings-repository';
import { createSettingsService } from '../settings/settings-service';
import { ensurePrivateFolder } from '../security/private-files';
import { DATABASE_FILE_NAME, openDatabase } from '../store/database';
import { createSubscriptionsService } from '../subscriptions/create-subscriptions-service';
import type { SubscriptionDirectory } from '../subscriptions/directory';

export const TOKEN_CACHE_FILE_NAME = 'sign-in-cache.bin';

export interface CompositionOptions {
  /** The per-user folder for the database and the sign-in cache (Electron's `userData`, or a test folder). */
  readonly userDataDir: string;
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly logger: Logger;
  /** Protects the sign-in cache at rest: Electron's safeStorage in the app. */
  readonly encryptor: SecretEncryptor;
  /**
   * Opens a sign-in page in the user's browser (the system browser in the app). Answers
   * `{ opened: false }` when no browser could be opened (nothing, or `void`, means it opened);
   * the sign-in dialog then shows the address to open by hand.
   */
  readonly openSignInPage: (url: string) => Promise<{ readonly opened: boolean } | void>;
  /** The administrator's policy file, or null for none. */
  readonly policyFile: string | null;
  /** Refuses a policy file non-administrators can change (the app's platform check). */
  readonly policyFileGuard?: PolicyFileGuard;
  /**
   * Asks the user, outside the window, to confirm a change that could weaken the protection of
   * their tokens (cloud, client id, proxy, extra CAs, token storage): a native dialog in the app.
   */
  readonly confirmSecurityChange: SecurityConfirmer;
  /** The operating system's proxy for a URL in PAC form; default: HTTPS_PROXY / NO_PROXY. */
  readonly resolveSystemProxy?: SystemProxyResolver;
  /** Faster polling for tests and the crash host; the app keeps the defaults. */
  readonly operationsTuning?: OperationsTuning;
  /** Where exports are saved: the native save dialog in the app; default, a download by the page. */
  readonly saveFileChooser?: SaveFileChooser;
  /**
   * The refresh shortly after start-up and on the configured interval (default on). Tests turn
   * it off so that only the refreshes they start reach the emulator.
   */
  readonly automaticRefresh?: boolean;
}

export interface Composition {
  readonly handlers: HandlerMap;
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly databasePath: string;
  readonly database: Database;
  /** Hosts the system browser may open for sign-in beyond Microsoft's (a custom cloud's authority). */
  signInHosts(): Promise<readonly string[]>;
  close(): Promise<void>;
}

/**
 * Builds every Electron-free service and the handler map the transports serve. The Electron
 * shell and the browser host both call this, so both run the same code paths.
 */
export function composeServices(options: CompositionOptions): Composition {
  const { logger } = options;
  const databasePath = path.join(options.userDataDir, DATABASE_FILE_NAME);
  // The sign-in cache and the local record live here: this user's alone.
  ensurePrivateFolder(options.userDataDir);
  const database = openDatabase({ path: databasePath });
  const events = createEventHub({
    onInvalidPayload: (name, error) =>
      logger.error(`Did not send a ${name} event outside the contract`, error.issues),
  });
  const settingsRepository = createSettingsRepository(database, {
    onInvalidValue: (key) => logger.warn(`Ignored an invalid stored value for setting ${key}`),
  });
  const settings = createSettingsService(settingsRepository, events);

  // The connection settings show how tokens are kept, and sign-in reads the user's opt-in from
  // the connection settings: each asks the other lazily, so creation order does not matter.
  const connection = createConnectionService({
    settings: settingsRepository,
    events,
    policyFile: options.policyFile,
    ...(options.policyFileGuard ? { policyFileGuard: options.policyFileGuard } : {}),
    tokenStorage: () => accounts.tokenStorage(),
    // The proxy password is kept like the tokens: encrypted with the OS store, or in memory.
    encryptor: options.encryptor,
    confirmer: options.confirmSecurityChange,
    ...(options.resolveSystemProxy ? { resolveSystemProxy: options.resolveSystemProxy } : {}),
    logger,
  });
  // Every ARM and sign-in request below reports to the connectivity monitor through this runtime.
  const connectivity = composeConnectivity({
    runtime: () => connection.runtime(),
    events,
    selected: () => subscriptions.snapshot().subscriptions.filter((s) => s.selected && !s.hidden),
    readyTenants: () => directory.readyTenants(),
    refreshInventory: () => inventory.refresh(),
    logger,
  });
  // Settings changed outside Mooring since it last ran are put to the user now.
  void connection
    .reviewOutsideChanges()
    .catch((error: unknown) => logger.error('Could not review the connection settings', error));
  const accounts = createAccountsService({
    database,
    events,
    runtime: connectivity.runtime,
    encryptor: options.encryptor,
    tokenStorage: {
      allowWeakProtection: () => connection.effectiveSettings().allowWeakTokenProtection,
    },
    cacheFile: path.join(options.userDataDir, TOKEN_CACHE_FILE_NAME),
    openSignInPage: async (url) => {
      const outcome = await options.openSignInPage(url);
      events.emit('signIn.browserPage', { url, opened: outcome?.opened ?? true });
    },
    logger,
  });
  const directory: SubscriptionDirectory = {
    // accounts.list() answers accounts oldest first: the order that decides which account is
    // used for a subscription two accounts can see.
    async readyTenants() {
      const signedIn = await accounts.list();
      return signedIn.flatMap((account) =>
        account.tenants
          .filter((tenant) => tenant.status === 'ready')
          .map((tenant) => ({
            accountId: account.accountId,
            username: account.username,
            tenantId: tenant.tenantId,
            tenantName: tenant.displayName,
          })),
      );
    },
    async memberships() {
      const signedIn = await accounts.list();
      return signedIn.flatMap((account) =>
        account.tenants.map((tenant) => ({
          accountId: account.accountId,
          tenantId: tenant.tenantId,
        })),
      );
    },
    credentialFor: (accountId, tenantId) => accounts.credentialFor(accountId, tenantId),
  };
  const subscriptions = createSubscriptionsService({
    database,
    events,
    directory,
    runtime: connectivity.runtime,
    logger,
  });

  const inventory = createInventoryService({
    database,
    events,
    // The inventory covers what the user picked in the scope picker: selected, not hidden.
    scope: {
      selectedSubscriptions: () =>
        subscriptions
          .snapshot()
          .subscriptions.filter((subscription) => subscription.selected && !subscription.hidden)
          .map((subscription) => ({
            subscriptionId: subscription.subscriptionId,
            subscriptionName: subscription.displayName,
            tenantId: subscription.tenantId,
            accountId: subscription.accountId,
          })),
      // A subscription whose tenant demands sign-in, or whose account signed out, keeps its last
      // known record (with its age) and is not listed: the picker offers the sign-in instead.
      waitingForSignIn: async () => {
        const ready = new Set(
          (await directory.readyTenants()).map(
            (t) => `${t.accountId}\n${t.tenantId.toLowerCase()}`,
          ),
        );
        return new Set(
          subscriptions
            .snapshot()
            .subscriptions.filter((s) => !ready.has(`${s.accountId}\n${s.tenantId.toLowerCase()}`))
            .map((s) => s.subscriptionId),
        );
      },
    },
    credentialFor: (accountId, tenantId) => accounts.credentialFor(accountId, tenantId),
    runtime: connectivity.runtime,
    logger,
  });

  const roles = composeRoles({
    database,
    events,
    credentialFor: (accountId, tenantId) => accounts.credentialFor(accountId, tenantId),
    runtime: connectivity.runtime,
    subscriptions: () => subscriptions.snapshot().subscriptions,
    recorder: createRoleJournal({
      database,
      accessFor: accessFromSubscriptions(() => subscriptions.snapshot().subscriptions),
      changed: (operation) => events.emit('operations.changed', operation),
      logger,
    }),
    logger,
  });
  const afterAttach = composeAfterAttach({ database, events, roles: roles.service, logger });
  const preflight = composePreflight({
    credentialFor: (accountId, tenantId) => accounts.credentialFor(accountId, tenantId),
    runtime: connectivity.runtime,
    subscriptions: () => subscriptions.snapshot().subscriptions,
    logger,
  });
  const operations = composeOperations({
    preflight: (request) => preflight.check(request),
    database,
    events,
    runtime: connectivity.runtime,
    credentialFor: (accountId, tenantId) => accounts.credentialFor(accountId, tenantId),
    subscriptionAccess: accessFromSubscriptions(() => subscriptions.snapshot().subscriptions),
    logger,
    ...(options.operationsTuning ? { tuning: options.operationsTuning } : {}),
    connectivity: connectivity.monitor,
  });
  const refresh = composeRefresh({
    inventory,
    settings: settingsRepository,
    logger,
    automatic: options.automaticRefresh ?? true,
  });
  const inventoryRows = composeInventoryRows({
    database,
    events,
    scope: selectedScope(() => subscriptions.snapshot().subscriptions),
    settings: settingsRepository,
  });

  const handlers: HandlerMap = {
    'app.getInfo': () => ({
      name: options.appName,
      version: options.appVersion,
      databasePath,
      platform: options.platform,
    }),
    'settings.get': () => settings.read(),
    'settings.setTheme': ({ theme }) => settings.setTheme(theme),
    'accounts.list': () => accounts.list(),
    'accounts.signIn': ({ method }) => accounts.startSignIn(method),
    'accounts.cancelSignIn': ({ signInId }) => ({ cancelled: accounts.cancelSignIn(signInId) }),
    'accounts.signOut': async ({ accountId }) => {
      const remaining = await accounts.signOut(accountId);
      // Its subscriptions stay, waiting for a sign-in; those another account sees move to it now.
      subscriptions.accountSignedOut(accountId);
      return remaining;
    },
    'tenants.signIn': ({ accountId, tenantId, method }) =>
      accounts.startTenantSignIn(accountId, tenantId, method),
    'subscriptions.get': () => subscriptions.snapshot(),
    'subscriptions.refresh': () => subscriptions.refresh(),
    'subscriptions.setFilters': ({ changes }) => subscriptions.applyFilters(changes),
    'inventory.get': () => inventory.snapshot(),
    'inventory.refresh': () => inventory.refresh(),
    'connection.get': () => connection.view(),
    'connection.update': (patch) => connection.update(patch),
    ...operations.handlers,
    ...afterAttach.wrap(operations.handlers),
    ...roles.handlers,
    ...composeActivity({
      database,
      inventory: () => inventory.snapshot(),
      subscriptions: () => subscriptions.snapshot().subscriptions,
      operationDetail: (operationId) => operations.service.get(operationId),
      chooser: options.saveFileChooser ?? downloadChooser,
      tableRows: inventoryRows.page,
    }),
    ...refresh.handlers,
    ...connectivity.handlers,
    ...inventoryRows.handlers,
    ...composeClusters({ database }),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers, logger),
    events,
    databasePath,
    database,
    async signInHosts() {
      const runtime = await connection.runtime();
      return [new URL(runtime.cloud.authorityHost).host];
    },
    async close() {
      connectivity.close();
      afterAttach.close();
      await operations.service.close();
      await roles.service.close();
      refresh.stop();
      inventoryRows.close();
      await accounts.close();
      database.close();
    },
  };
}
