import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { armCaller, fastSettings, userArmToken } from '../emulator/testing';
import { signIn, type SignedInAccount } from '../subscriptions/emulator-directory';
import { temporaryFolder } from '../subscriptions/service-fixture';
import {
  CUSTOM_ROLE_GUID,
  FastClock,
  SUB,
  T,
  UAI_PRINCIPAL,
  UNSEEN_SUB,
  computes,
  ended,
  ids,
  inventoryDatabase,
  rolesScenario,
  startRoles,
} from './roles-fixture';

let emu: RunningEmulator;
let admin: SignedInAccount;
let reader: SignedInAccount;
let folder: ReturnType<typeof temporaryFolder>;
let database: Database;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  emu = await startEmulator({ scenario: rolesScenario(), settings: fastSettings });
  admin = await signIn(emu, 'admin@contoso.com');
  reader = await signIn(emu, 'reader@contoso.com');
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  folder = temporaryFolder();
  database = await inventoryDatabase(emu, folder.file, admin);
  emu.requestLog.clear();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  if (database.open) database.close();
  folder.dispose();
});

function roles(account: SignedInAccount = admin) {
  const started = startRoles({ emu, database, account, clock: new FastClock() });
  closers.push(() => started.service.close());
  return started;
}

const armRequests = () => emu.requestLog.find({ kind: 'arm' });

describe('a custom grant', () => {
  it('finds built-in and custom roles of the subscription by name or description', async () => {
    const { service } = roles();
    const byName = await service.searchDefinitions(computes.user, 'blob data');
    expect(byName.map((r) => r.roleName)).toEqual(
      expect.arrayContaining(['Storage Blob Data Reader', 'Storage Blob Data Contributor']),
    );
    const custom = await service.searchDefinitions(computes.user, 'training datasets');
    expect(custom).toEqual([
      expect.objectContaining({
        roleDefinitionGuid: CUSTOM_ROLE_GUID,
        roleName: 'ML Data Reader',
        type: 'CustomRole',
      }),
    ]);
  });

  it("offers the workspace's resources, its resource group and its subscription as scopes", () => {
    const { service } = roles();
    expect(service.scopes(computes.user).map((s) => [s.kind, s.name])).toEqual([
      ['workspace', 'ws-main'],
      ['storage-account', 'stmain'],
      ['container-registry', 'crmain'],
      ['key-vault', 'kv-main'],
      ['resource-group', 'rg-ml'],
      ['subscription', 'ML Production'],
    ]);
  });

  it('grants at a pasted resource id once it is checked', async () => {
    const under = roles();
    // Pasted as the portal might show it, fixed segments in other case.
    const pasted = ids.dataStorage.replace('resourceGroups', 'resourcegroups');
    const check = under.service.checkScope(computes.user, pasted);
    expect(check).toMatchObject({
      valid: true,
      reason: null,
      scope: { name: 'stdata', kind: 'storage-account' },
    });
    expect(armRequests()).toEqual([]);
    const grant = await under.service.grant(computes.user, CUSTOM_ROLE_GUID, pasted);
    expect(grant.scope.id).toBe(ids.dataStorage);
    const last = await ended(under, grant);
    expect(last.status).toBe('succeeded');
    expect(
      emu.world
        .allRoleAssignments()
        .filter((a) => a.principalId === UAI_PRINCIPAL && a.roleGuid === CUSTOM_ROLE_GUID)
        .map((a) => a.scope.toLowerCase()),
    ).toEqual([ids.dataStorage.toLowerCase()]);
    expect(last.commands.az).toBe(
      `az role assignment create --assignee-object-id ${UAI_PRINCIPAL} --assignee-principal-type ServicePrincipal --role 'ML Data Reader' --scope ${ids.dataStorage}`,
    );
  });

  it.each([
    ['not an id', 'stdata', /starts with "\/subscriptions\/"/],
    ['a bad subscription', '/subscriptions/not-a-guid/resourceGroups/rg', /GUID/],
    ['a space', `/subscriptions/${SUB}/resourceGroups/rg data`, /spaces/],
    ['a path trick', `/subscriptions/${SUB}/resourceGroups/../providers/x`, /"\.\."/],
    [
      'an unseen subscription',
      `/subscriptions/${UNSEEN_SUB}/resourceGroups/rg-ml`,
      /No signed-in account sees/,
    ],
  ])('refuses %s before any call', async (_what, pasted, reason) => {
    const { service } = roles();
    const check = service.checkScope(computes.user, pasted);
    expect(check.valid).toBe(false);
    expect(check.reason).toMatch(reason);
    await expect(service.grant(computes.user, CUSTOM_ROLE_GUID, pasted)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(reason),
    });
    await expect(service.checkPermission(computes.user, pasted)).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(armRequests()).toEqual([]);
  });
});

describe('the permission preflight', () => {
  it('says the owner may assign roles at the scope', async () => {
    const { service } = roles();
    const check = await service.checkPermission(computes.user, ids.storage);
    expect(check).toMatchObject({ mayAssign: true, rolesThatAllow: [] });
    expect(
      emu.requestLog.find({
        method: 'GET',
        pathPattern: 'storageAccounts/stmain/providers/Microsoft\\.Authorization/permissions$',
      }),
    ).toHaveLength(1);
  });

  it('names the roles that would allow it and the command for someone who has one', async () => {
    const { service } = roles(reader);
    const check = await service.checkPermission(
      computes.user,
      ids.storage,
      '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    );
    expect(check.mayAssign).toBe(false);
    expect(check.rolesThatAllow).toEqual([
      'Owner',
      'User Access Administrator',
      'Role Based Access Control Administrator',
    ]);
    expect(check.detail).toContain('Role Based Access Control Administrator');
    expect(check.commands?.az).toContain("--role 'Storage Blob Data Reader'");
    expect(check.detail).toContain(check.commands?.az ?? '-');
    expect(check.commands?.powershell).toBe(
      `New-AzRoleAssignment -ObjectId '${UAI_PRINCIPAL}' -RoleDefinitionName 'Storage Blob Data Reader' -Scope '${ids.storage}'`,
    );
  });

  it('explains a 403 on the grant itself in plain words', async () => {
    const under = roles(reader);
    const grant = await under.service.grantPreset(computes.user, 'storage-blob-data-contributor');
    const last = await ended(under, grant);
    expect(last.status).toBe('failed');
    expect(last.error?.code).toBe('AuthorizationFailed');
    expect(last.message).toMatch(/may not assign roles at stmain \(storage account\)/);
    expect(last.message).toContain('az role assignment create');
  });
});

describe('removing an assignment', () => {
  it('removes it, and a second removal elsewhere counts as already gone', async () => {
    const under = roles();
    const access = await under.service.refresh(computes.user);
    const acr = access.assignments.find((a) => a.roleName === 'AcrPull');
    if (!acr) throw new Error('no AcrPull assignment');
    expect(acr.removeCommands?.az).toBe(
      `az role assignment delete --assignee-object-id ${UAI_PRINCIPAL} --role AcrPull --scope ${ids.registry}`,
    );
    expect(acr.removeCommands?.powershell).toContain('Remove-AzRoleAssignment');
    const removed = await under.service.remove(computes.user, acr.assignmentId);
    expect(removed.outcome).toBe('removed');
    expect(
      (await under.service.get(computes.user)).assignments.map((a) => a.roleName),
    ).not.toContain('AcrPull');

    const reread = await under.service.refresh(computes.user);
    const reader = reread.assignments.find((a) => a.roleName === 'Storage Blob Data Reader');
    if (!reader) throw new Error('no Storage Blob Data Reader assignment');
    // Someone removes it in the portal meanwhile.
    const token = await userArmToken(emu, 'admin@contoso.com', T);
    const gone = await armCaller(emu, token)(
      'DELETE',
      `${reader.assignmentId}?api-version=2022-04-01`,
    );
    expect(gone.status).toBe(200);
    const again = await under.service.remove(computes.user, reader.assignmentId);
    expect(again.outcome).toBe('already-gone');
    expect(again.grant.status).toBe('succeeded');
  });

  it('refuses an id that is not one of the identity’s assignments, sending nothing', async () => {
    const { service } = roles();
    await service.refresh(computes.user);
    emu.requestLog.clear();
    await expect(service.remove(computes.user, ids.storage)).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(
      service.remove(
        computes.user,
        `${ids.storage}/providers/Microsoft.Authorization/roleAssignments/0b8a6d3e-1111-4111-8111-111111111111`,
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(armRequests()).toEqual([]);
  });
});
