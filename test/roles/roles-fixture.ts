import type { Database } from 'better-sqlite3';
import type { ConnectionRuntime } from '../../electron/connection/runtime';
import type { RoleOperationRecorder } from '../../electron/roles/operation-recorder';
import type { RunnerClock } from '../../electron/roles/grant-runner';
import { createRolesService, type RolesService } from '../../electron/roles/roles-service';
import { openDatabase } from '../../electron/store/database';
import type { GrantView } from '../../shared/domain/roles';
import type { RunningEmulator } from '../emulator/emulator';
import { parseScenario } from '../emulator/scenario/load';
import type { Scenario } from '../emulator/scenario/schema';
import { TestCredentials, TestScope, startInventory } from '../inventory/inventory-fixture';
import { emulatorRuntime } from '../support/emulator-runtime';
import type { SignedInAccount } from '../subscriptions/emulator-directory';
import { TestClock } from '../subscriptions/service-fixture';

export const T = '44444444-4444-4444-8444-444444444444';
export const SUB = '55555555-5555-4555-8555-555555555555';
/** A subscription no signed-in account is given (the picker never listed it). */
export const UNSEEN_SUB = '66666666-6666-4666-8666-666666666666';
export const RG = 'rg-ml';
export const OTHER_RG = 'rg-data';
export const UAI_PRINCIPAL = '77777777-7777-4777-8777-777777777777';
export const UAI_CLIENT = '88888888-8888-4888-8888-888888888888';

const rg = (name: string) => `/subscriptions/${SUB}/resourceGroups/${name}`;
export const ids = {
  resourceGroup: rg(RG),
  workspace: `${rg(RG)}/providers/Microsoft.MachineLearningServices/workspaces/ws-main`,
  bareWorkspace: `${rg(RG)}/providers/Microsoft.MachineLearningServices/workspaces/ws-bare`,
  storage: `${rg(RG)}/providers/Microsoft.Storage/storageAccounts/stmain`,
  registry: `${rg(RG)}/providers/Microsoft.ContainerRegistry/registries/crmain`,
  vault: `${rg(RG)}/providers/Microsoft.KeyVault/vaults/kv-main`,
  dataStorage: `${rg(OTHER_RG)}/providers/Microsoft.Storage/storageAccounts/stdata`,
  identity: `${rg(RG)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-train`,
  cluster: `${rg(RG)}/providers/Microsoft.ContainerService/managedClusters/aks-a`,
  compute: (workspace: string, name: string) => `${workspace}/computes/${name}`,
};
export const computes = {
  system: ids.compute(ids.workspace, 'k8s-sys'),
  user: ids.compute(ids.workspace, 'k8s-uai'),
  bare: ids.compute(ids.bareWorkspace, 'k8s-bare'),
  none: ids.compute(ids.workspace, 'k8s-none'),
};
export const CUSTOM_ROLE_GUID = '99999999-9999-4999-8999-999999999999';

/**
 * One subscription: ws-main (storage, registry, key vault) and ws-bare (no registry yet); computes
 * with a system-assigned, a user-assigned and no identity. The user-assigned identity already has
 * AcrPull on the registry (direct), Storage Blob Data Reader on the resource group and Reader on
 * the subscription (both inherited). admin is Owner; reader only Reader.
 */
export function rolesScenario(): Scenario {
  const workspace = (name: string, registry: boolean) => ({
    subscriptionId: SUB,
    resourceGroup: RG,
    name,
    location: 'westeurope',
    storageAccount: ids.storage,
    keyVault: ids.vault,
    ...(registry ? { containerRegistry: ids.registry } : {}),
  });
  return parseScenario({
    name: 'roles',
    tenants: [{ id: T, displayName: 'Contoso', defaultDomain: 'contoso.com' }],
    accounts: ['admin', 'reader'].map((who) => ({
      username: `${who}@contoso.com`,
      name: who,
      homeTenantId: T,
    })),
    subscriptions: [
      { id: SUB, tenantId: T, displayName: 'ML Production' },
      { id: UNSEEN_SUB, tenantId: T, displayName: 'Unseen' },
    ],
    resourceGroups: [
      { subscriptionId: SUB, name: RG, location: 'westeurope' },
      { subscriptionId: SUB, name: OTHER_RG, location: 'westeurope' },
    ],
    workspaces: [workspace('ws-main', true), workspace('ws-bare', false)],
    clusters: [
      {
        kind: 'aks',
        subscriptionId: SUB,
        resourceGroup: RG,
        name: 'aks-a',
        location: 'westeurope',
        azureMlExtension: { provisioningState: 'Succeeded' },
      },
    ],
    identities: [
      {
        subscriptionId: SUB,
        resourceGroup: RG,
        name: 'id-train',
        location: 'westeurope',
        principalId: UAI_PRINCIPAL,
        clientId: UAI_CLIENT,
      },
    ],
    computes: [
      {
        workspaceId: ids.workspace,
        name: 'k8s-sys',
        clusterId: ids.cluster,
        identity: { type: 'SystemAssigned' },
      },
      {
        workspaceId: ids.workspace,
        name: 'k8s-uai',
        clusterId: ids.cluster,
        identity: { type: 'UserAssigned', userAssignedIdentityId: ids.identity },
      },
      {
        workspaceId: ids.bareWorkspace,
        name: 'k8s-bare',
        clusterId: ids.cluster,
        identity: { type: 'SystemAssigned' },
      },
      { workspaceId: ids.workspace, name: 'k8s-none', clusterId: ids.cluster },
    ],
    customRoles: [
      {
        subscriptionId: SUB,
        roleName: 'ML Data Reader',
        description: 'Reads training datasets from any storage account',
        guid: CUSTOM_ROLE_GUID,
        dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
      },
    ],
    roleAssignments: [
      { scope: `/subscriptions/${SUB}`, principal: 'admin@contoso.com', role: 'Owner' },
      { scope: `/subscriptions/${SUB}`, principal: 'reader@contoso.com', role: 'Reader' },
      { scope: ids.registry, principal: UAI_PRINCIPAL, role: 'AcrPull' },
      { scope: ids.resourceGroup, principal: UAI_PRINCIPAL, role: 'Storage Blob Data Reader' },
      { scope: `/subscriptions/${SUB}`, principal: UAI_PRINCIPAL, role: 'Reader' },
    ],
  });
}

/**
 * Backoff waits that take a moment of real time (so the emulator's fault window, counted in real
 * seconds, can lapse) while the service's own clock jumps by the whole wait.
 */
export class FastClock implements RunnerClock {
  private offsetMs = 0;
  sleeps: number[] = [];
  constructor(private readonly realMsPerSleep = 0) {}
  now = (): Date => new Date(Date.now() + this.offsetMs);
  sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
    this.sleeps.push(ms);
    this.offsetMs += ms;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.realMsPerSleep);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
}

/** A clock whose waits last until the service closes: the app stops mid-wait. */
export const stalledClock: RunnerClock = {
  now: () => new Date(),
  sleep: (_ms, signal) =>
    new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
};

/** Fills a database's inventory from the emulator as admin, the way a refresh does. */
export async function inventoryDatabase(
  emu: RunningEmulator,
  file: string,
  admin: SignedInAccount,
): Promise<Database> {
  const { service, database } = startInventory({
    emu,
    file,
    scope: new TestScope([
      {
        subscriptionId: SUB,
        subscriptionName: 'ML Production',
        tenantId: T,
        accountId: admin.account.homeAccountId,
      },
    ]),
    credentials: new TestCredentials(emu, [admin]),
    clock: new TestClock(),
    retryOptions: { maxRetries: 0 },
  });
  await service.refresh();
  return database;
}

export interface RolesUnderTest {
  readonly service: RolesService;
  readonly database: Database;
  readonly changes: GrantView[];
}

export function startRoles(options: {
  emu: RunningEmulator;
  database?: Database;
  file?: string;
  account: SignedInAccount;
  clock?: RunnerClock;
  runtime?: () => Promise<ConnectionRuntime>;
  recorder?: RoleOperationRecorder;
  newGuid?: () => string;
}): RolesUnderTest {
  const database = options.database ?? openDatabase({ path: options.file ?? ':memory:' });
  const changes: GrantView[] = [];
  const credentials = new TestCredentials(options.emu, [options.account]);
  const service = createRolesService({
    database,
    events: {
      emit: (name, payload) => {
        if (name === 'roles.grantChanged') changes.push(payload as GrantView);
      },
    },
    subscriptions: () => [
      {
        subscriptionId: SUB,
        displayName: 'ML Production',
        accountId: options.account.account.homeAccountId,
        tenantId: T,
      },
    ],
    credentialFor: credentials.credentialFor,
    runtime:
      options.runtime ??
      (() => Promise.resolve(emulatorRuntime(options.emu, { retryOptions: { maxRetries: 0 } }))),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.recorder ? { recorder: options.recorder } : {}),
    ...(options.newGuid ? { newGuid: options.newGuid } : {}),
  });
  return { service, database, changes };
}

/** The grant's last state, once it has ended. */
export async function ended(roles: RolesUnderTest, grant: GrantView): Promise<GrantView> {
  await roles.service.settled(grant.grantId);
  const last = roles.changes.filter((c) => c.grantId === grant.grantId).at(-1);
  if (!last || (last.status !== 'succeeded' && last.status !== 'failed')) {
    throw new Error(`grant ${grant.grantId} did not end: ${JSON.stringify(last)}`);
  }
  return last;
}
