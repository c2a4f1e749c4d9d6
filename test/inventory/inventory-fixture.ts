import type { TokenCredential } from '@azure/core-auth';
import type { CommonClientOptions } from '@azure/core-client';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { Database } from 'better-sqlite3';
import type { InventorySnapshot } from '../../shared/domain/inventory';
import {
  createInventoryService,
  type InventoryServiceLimits,
} from '../../electron/inventory/create-inventory-service';
import type { InventoryScope, ScopedSubscription } from '../../electron/inventory/inventory-scope';
import type { InventoryService } from '../../electron/inventory/inventory-service';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import type { Logger } from '../../electron/logging/logger';
import type { ReadPacerOptions } from '../../electron/inventory/read-pacer';
import type { RefreshProgress } from '../../shared/ipc/contract-refresh';
import { createArmHttpClient } from '../../electron/network/arm-http-client';
import { createNetworkTransport } from '../../electron/network/transport';
import { openDatabase } from '../../electron/store/database';
import type { RunningEmulator } from '../emulator/emulator';
import { emulatorRuntime } from '../support/emulator-runtime';
import { silentCredential, type SignedInAccount } from '../subscriptions/emulator-directory';
import type { TestClock } from '../subscriptions/service-fixture';

/** The demo scenario's tenants and subscriptions, by short name. */
export const tenant = {
  contoso: 'bd79c068-555e-57b3-b248-2d47f661607e',
  fabrikam: '9c5a4304-2bef-52f6-b840-53cdc67f42de',
  northwind: '6b4a7449-492c-501f-8df8-29fe7db32aaf',
} as const;

export const subscription = {
  prod: {
    id: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
    name: 'Contoso ML Production',
    tenant: tenant.contoso,
  },
  dev: {
    id: '711e748e-5b30-500e-8298-08fb2b032255',
    name: 'Contoso ML Development',
    tenant: tenant.contoso,
  },
  platform: {
    id: '1b64c9cc-da2f-576e-9210-f5fd7d05790e',
    name: 'Contoso Platform (shared clusters)',
    tenant: tenant.contoso,
  },
  research: {
    id: '4a6a65ca-1384-5662-9425-06767a84562c',
    name: 'Fabrikam Research',
    tenant: tenant.fabrikam,
  },
  analytics: {
    id: 'ea4dd1af-80e0-5a0e-b975-6c05d0e8599c',
    name: 'Fabrikam Analytics',
    tenant: tenant.fabrikam,
  },
  northwindAi: {
    id: 'bc141a39-583e-503c-9562-5fea733724a3',
    name: 'Northwind AI',
    tenant: tenant.northwind,
  },
} as const;

export type SubscriptionName = keyof typeof subscription;

/** A subscription in the inventory's scope, listed by that account. */
export const scoped = (name: SubscriptionName, account: SignedInAccount): ScopedSubscription => ({
  subscriptionId: subscription[name].id,
  subscriptionName: subscription[name].name,
  tenantId: subscription[name].tenant,
  accountId: account.account.homeAccountId,
});

/** A scope the test changes by assigning `selected`, as the user's selection would change. */
export class TestScope implements InventoryScope {
  /** Subscription ids whose tenant or account waits for a sign-in. */
  waiting = new Set<string>();
  constructor(public selected: ScopedSubscription[]) {}
  selectedSubscriptions(): readonly ScopedSubscription[] {
    return this.selected;
  }
  waitingForSignIn(): Promise<ReadonlySet<string>> {
    return Promise.resolve(this.waiting);
  }
}

/** Silent msal credentials for signed-in accounts; `override` breaks or instruments one tenant. */
export class TestCredentials {
  override: (accountId: string, tenantId: string) => TokenCredential | undefined = () => undefined;

  constructor(
    private readonly emu: RunningEmulator,
    private readonly accounts: readonly SignedInAccount[],
  ) {}

  credentialFor = (accountId: string, tenantId: string): TokenCredential => {
    const replaced = this.override(accountId, tenantId);
    if (replaced) return replaced;
    const signedIn = this.accounts.find((a) => a.account.homeAccountId === accountId);
    if (!signedIn) throw new Error(`no signed-in account ${accountId}`);
    return silentCredential(this.emu, signedIn, tenantId);
  };
}

/** Signs an account in to one more tenant interactively (a tenant that demands MFA needs it). */
export async function signInToTenant(
  emu: RunningEmulator,
  signedIn: SignedInAccount,
  tenantId: string,
): Promise<void> {
  await signedIn.app.acquireTokenInteractive({
    scopes: [`${emu.armUrl}/.default`],
    authority: emu.authorityUrl(tenantId),
    loginHint: signedIn.username,
    openBrowser: async (url) => {
      await emu.control.completeBrowserSignIn(url, signedIn.username);
    },
  });
}

export interface InventoryUnderTest {
  readonly service: InventoryService;
  readonly database: Database;
  /** Every `inventory.changed` payload, in order. */
  readonly changes: InventorySnapshot[];
  /** Every `inventory.refreshProgress` payload, in order. */
  readonly progress: RefreshProgress[];
}

export function startInventory(options: {
  emu: RunningEmulator;
  file: string;
  scope: InventoryScope;
  credentials: Pick<TestCredentials, 'credentialFor'>;
  clock: TestClock;
  limits?: Partial<InventoryServiceLimits>;
  retryOptions?: CommonClientOptions['retryOptions'];
  /** Pipeline policies added to every ARM client (to count requests, say). */
  policies?: PipelinePolicy[];
  /** Replaces the runtime (an offline test gives one that fails). */
  runtime?: () => Promise<ConnectionRuntime>;
  logger?: Logger;
  /** The read pacer's budget and sleep (recorded by pacing tests). */
  pacing?: ReadPacerOptions;
}): InventoryUnderTest {
  const database = openDatabase({ path: options.file });
  const changes: InventorySnapshot[] = [];
  const progress: RefreshProgress[] = [];
  const base = emulatorRuntime(options.emu, { retryOptions: options.retryOptions });
  // The product's HTTP client over one transport (one socket pool for every client, as the app
  // has), trusting the emulator's CA as the "extra CA certificates" setting would.
  const httpClient = createArmHttpClient(
    createNetworkTransport({
      proxy: { mode: 'none' },
      extraCaPems: [options.emu.caPem],
      resolveSystemProxy: () => Promise.resolve(null),
    }),
  );
  const runtime: ConnectionRuntime = {
    ...base,
    armClientOptions: () => ({
      ...base.armClientOptions(),
      httpClient,
      additionalPolicies: (options.policies ?? []).map((policy) => ({
        policy,
        position: 'perCall' as const,
      })),
    }),
  };
  const service = createInventoryService({
    database,
    events: {
      emit: (name, payload) => {
        if (name === 'inventory.changed') changes.push(payload as InventorySnapshot);
        if (name === 'inventory.refreshProgress') progress.push(payload as RefreshProgress);
      },
    },
    scope: options.scope,
    credentialFor: options.credentials.credentialFor,
    runtime: options.runtime ?? (() => Promise.resolve(runtime)),
    now: options.clock.now,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.pacing ? { pacing: options.pacing } : {}),
  });
  return { service, database, changes, progress };
}

/** The one item with this name, or a failure naming what is missing. */
export function named<T extends { name: string }>(items: readonly T[], name: string): T {
  const found = items.filter((item) => item.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as T;
}
