import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ComputeAccess } from '../../shared/domain/roles';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { fastSettings } from '../emulator/testing';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { temporaryFolder } from '../subscriptions/service-fixture';
import {
  RG,
  SUB,
  UAI_CLIENT,
  UAI_PRINCIPAL,
  computes,
  ids,
  inventoryDatabase,
  rolesScenario,
  startRoles,
} from './roles-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let database: Database;

beforeAll(async () => {
  emu = await startEmulator({ scenario: rolesScenario(), settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  folder = temporaryFolder();
  database = await inventoryDatabase(emu, folder.file, admin);
});
afterEach(() => {
  if (database.open) database.close();
  folder.dispose();
});

describe("a compute's principal", () => {
  it('names a system-assigned identity as the directory does: <workspace>/computes/<compute>', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = ComputeAccess.parse(await roles.service.get(computes.system));
    expect(access.principal).toMatchObject({
      kind: 'system-assigned',
      directoryName: 'ws-main/computes/k8s-sys',
      identityId: null,
    });
    expect(access.principal?.principalId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a user-assigned identity its principal and client id, name and resource group', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = await roles.service.get(computes.user);
    expect(access.principal).toMatchObject({
      kind: 'user-assigned',
      principalId: UAI_PRINCIPAL,
      clientId: UAI_CLIENT,
      directoryName: 'id-train',
      identityName: 'id-train',
      resourceGroup: RG,
    });
  });

  it('says why a compute without an identity has nothing to grant', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = await roles.service.get(computes.none);
    expect(access.principal).toBeNull();
    expect(access.noPrincipalReason).toMatch(/no managed identity/);
  });
});

describe("an identity's access", () => {
  it('lists direct and inherited assignments with role names and readable scopes', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = await roles.service.refresh(computes.user);
    expect(access.problem).toBeNull();
    expect(access.readAt).not.toBeNull();
    const rows = access.assignments.map((a) => [
      a.roleName,
      a.scope.name,
      a.scope.kind,
      a.inherited,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Reader', 'ML Production', 'subscription', true],
        ['Storage Blob Data Reader', RG, 'resource-group', true],
        ['AcrPull', 'crmain', 'container-registry', false],
      ]),
    );
    expect(rows).toHaveLength(3);
    const filter = emu.requestLog
      .find({
        method: 'GET',
        pathPattern: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments$`,
      })
      .map((e) => e.query['$filter']);
    expect(filter).toContain(`principalId eq '${UAI_PRINCIPAL}'`);
  });

  it('shows the presets with what is already granted, directly or inherited', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = await roles.service.refresh(computes.user);
    expect(access.presets.map((p) => [p.key, p.state, p.scope?.name])).toEqual([
      ['acr-pull', 'granted', 'crmain'],
      ['storage-blob-data-reader', 'inherited', 'stmain'],
      ['storage-blob-data-contributor', 'not-granted', 'stmain'],
      ['key-vault-secrets-user', 'not-granted', 'kv-main'],
    ]);
    expect(access.presets[3]?.roleDefinitionGuid).toBe('4633458b-17de-408a-b874-0445c86b69e6');
  });

  it('is answered from the local record when Azure cannot be reached', async () => {
    const online = startRoles({ emu, database, account: admin });
    const seen = await online.service.refresh(computes.user);
    const offline = startRoles({
      emu,
      database,
      account: admin,
      runtime: () => Promise.reject(new Error('offline')),
    });
    const local = await offline.service.get(computes.user);
    expect(local.assignments).toEqual(seen.assignments);
    expect(local.readAt).toBe(seen.readAt);
    const failed = await offline.service.refresh(computes.user);
    expect(failed.assignments).toEqual(seen.assignments);
    expect(failed.problem?.message).toBeTruthy();
  });

  it('offers nothing for AcrPull when the workspace has no registry yet, and says so', async () => {
    const roles = startRoles({ emu, database, account: admin });
    const access = await roles.service.get(computes.bare);
    const acr = access.presets.find((p) => p.key === 'acr-pull');
    expect(acr).toMatchObject({ state: 'unavailable', scope: null, grantCommands: null });
    expect(acr?.reason).toMatch(/no container registry yet/);
    emu.requestLog.clear();
    await expect(roles.service.grantPreset(computes.bare, 'acr-pull')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(emu.requestLog.find({ kind: 'arm' })).toEqual([]);
    expect(access.presets.find((p) => p.key === 'storage-blob-data-reader')?.scope?.id).toBe(
      ids.storage,
    );
  });
});
