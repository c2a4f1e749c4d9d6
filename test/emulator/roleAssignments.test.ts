import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { armCaller, demoScenarioPath, eventually, fastSettings, userArmToken } from './testing';

let emu: RunningEmulator;
let call: ReturnType<typeof armCaller>;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const scope = `/subscriptions/${prod}/resourceGroups/rg-ml-prod-weu`;
const reader = `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const acrPull = `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`;
/** A fresh resource scope per test, so that assignments of one test never collide with another's. */
let target = scope;
const assignmentPath = (name: string) =>
  `${target}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=2022-04-01`;
const hex = (guid: string) => guid.replace(/-/g, '');

function assign(
  name: string,
  principalId: string,
  principalType?: string,
  roleDefinitionId = reader,
) {
  return call('PUT', assignmentPath(name), {
    properties: { roleDefinitionId, principalId, ...(principalType ? { principalType } : {}) },
  });
}

/** A user-assigned identity created now: its principal replicates after principalReplicationDelayMs. */
async function newIdentityPrincipal(): Promise<string> {
  const response = await call(
    'PUT',
    `/subscriptions/${prod}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${randomUUID().slice(0, 8)}?api-version=2024-11-30`,
    { location: 'westeurope' },
  );
  expect(response.status).toBe(201);
  return (response.body as { properties: { principalId: string } }).properties.principalId;
}

const trainingPrincipal = () =>
  [...emu.world.identities.values()].find((i) => i.name === 'id-ml-training')?.principalId ?? '';

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  call = armCaller(
    emu,
    await userArmToken(emu, 'admin@contoso.com', emu.scenario.tenants[0]?.id ?? ''),
  );
});

beforeEach(async () => {
  target = `${scope}/providers/Microsoft.Storage/storageAccounts/st${randomUUID().slice(0, 8)}`;
  // Principals created in a test stay unreplicated for the whole test unless it says otherwise.
  await emu.control.updateSettings({ principalReplicationDelayMs: 600_000 });
  await emu.control.resetFaults();
});

afterAll(async () => {
  await emu.close();
});

describe('role assignments and principalType', () => {
  it('answers PrincipalNotFound without principalType while the principal replicates, and succeeds with it', async () => {
    const principalId = await newIdentityPrincipal();
    const without = await assign(randomUUID(), principalId);
    expect(without.status).toBe(400);
    expect(without.body).toEqual({
      error: {
        code: 'PrincipalNotFound',
        message: `Principal ${hex(principalId)} does not exist in the directory ${emu.scenario.tenants[0]?.id}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
      },
    });
    const name = randomUUID();
    const withType = await assign(name, principalId, 'ServicePrincipal');
    expect(withType.status).toBe(201);
    expect(withType.body).toMatchObject({
      name,
      properties: { principalId, principalType: 'ServicePrincipal', scope: target },
    });
  });

  it('answers PrincipalNotFound for a principal id that never existed when no principalType is sent', async () => {
    const response = await assign(randomUUID(), randomUUID());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
  });

  it('answers UnmatchedPrincipalType when the type does not match the directory object', async () => {
    const servicePrincipal = trainingPrincipal();
    const asUser = await assign(randomUUID(), servicePrincipal, 'User');
    expect(asUser.status).toBe(400);
    expect(asUser.body).toEqual({
      error: {
        code: 'UnmatchedPrincipalType',
        message: `The PrincipalId '${hex(servicePrincipal)}' has type 'ServicePrincipal' , which is different from specified PrincipalType 'User'.`,
      },
    });
    const user = emu.world.directory.findAccount('reader@contoso.com')?.homeObjectId ?? '';
    const asServicePrincipal = await assign(randomUUID(), user, 'ServicePrincipal');
    expect(asServicePrincipal.body).toMatchObject({ error: { code: 'UnmatchedPrincipalType' } });
    const asGroup = await assign(randomUUID(), servicePrincipal, 'Group');
    expect(asGroup.body).toMatchObject({ error: { code: 'UnmatchedPrincipalType' } });
  });

  it('answers 409 RoleAssignmentExists naming the existing assignment (32 hex digits, no dashes)', async () => {
    const first = randomUUID();
    expect((await assign(first, trainingPrincipal(), 'ServicePrincipal', acrPull)).status).toBe(
      201,
    );
    const again = await assign(randomUUID(), trainingPrincipal(), 'ServicePrincipal', acrPull);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: {
        code: 'RoleAssignmentExists',
        message: `The role assignment already exists. The ID of the existing role assignment is ${hex(first)}.`,
      },
    });
    expect(hex(first)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers 400 RoleAssignmentUpdateNotPermitted for the same name with another principal', async () => {
    const name = randomUUID();
    expect((await assign(name, trainingPrincipal(), 'ServicePrincipal')).status).toBe(201);
    const other = [...emu.world.identities.values()].find(
      (i) => i.name === 'id-ml-inference',
    )?.principalId;
    const response = await assign(name, other ?? '', 'ServicePrincipal');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'RoleAssignmentUpdateNotPermitted',
        message:
          'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      },
    });
  });

  it('deletes with 200 and the deleted assignment, then answers 204', async () => {
    const name = randomUUID();
    expect((await assign(name, trainingPrincipal(), 'ServicePrincipal')).status).toBe(201);
    const deleted = await call('DELETE', assignmentPath(name));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({
      name,
      properties: { principalId: trainingPrincipal(), roleDefinitionId: reader },
    });
    const again = await call('DELETE', assignmentPath(name));
    expect(again.status).toBe(204);
    expect(again.text).toBe('');
  });
});

describe('built-in roles the presets and the permission check name', () => {
  it('grants Key Vault Secrets User, and lets a Role Based Access Control Administrator write assignments', async () => {
    const role = (guid: string) =>
      `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    const definition = await call(
      'GET',
      `${role('4633458b-17de-408a-b874-0445c86b69e6')}?api-version=2022-04-01`,
    );
    expect(definition.body).toMatchObject({
      properties: { roleName: 'Key Vault Secrets User', type: 'BuiltInRole' },
    });
    const granted = await assign(
      randomUUID(),
      trainingPrincipal(),
      'ServicePrincipal',
      role('4633458b-17de-408a-b874-0445c86b69e6'),
    );
    expect(granted.status).toBe(201);
    // The identity gets RBAC Administrator here; its own permissions at the scope then include roleAssignments/write.
    expect(
      (
        await assign(
          randomUUID(),
          trainingPrincipal(),
          'ServicePrincipal',
          role('f58310d9-a9f6-439a-9e8d-f62e7b41a168'),
        )
      ).status,
    ).toBe(201);
    expect(
      emu.world.isAllowed(
        [trainingPrincipal()],
        target,
        'Microsoft.Authorization/roleAssignments/write',
      ),
    ).toBe(true);
  });
});

describe('a directory slower than usual (control fault)', () => {
  it('keeps answering PrincipalNotFound even with principalType for the given seconds, then succeeds', async () => {
    const principalId = trainingPrincipal();
    await emu.control.failPrincipalLookups({ principalId, seconds: 1 });
    expect((await emu.control.faults()).principalNotFound).toEqual([
      { principalId, until: expect.any(String) },
    ]);
    const name = randomUUID();
    const refused = await assign(name, principalId, 'ServicePrincipal');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
    // Other principals are not affected.
    const unaffected = await newIdentityPrincipal();
    expect((await assign(randomUUID(), unaffected, 'ServicePrincipal')).status).toBe(201);
    const created = await eventually(
      'the fault to expire',
      async () => {
        const response = await assign(name, principalId, 'ServicePrincipal');
        return response.status === 400 ? undefined : response;
      },
      100,
      50,
    );
    expect(created.status).toBe(201);
    expect((await emu.control.faults()).principalNotFound).toEqual([]);
  });

  it('applies to every principal when none is named, until the faults are reset', async () => {
    await emu.control.failPrincipalLookups({ seconds: 600 });
    const refused = await assign(randomUUID(), await newIdentityPrincipal(), 'ServicePrincipal');
    expect(refused.body).toMatchObject({ error: { code: 'PrincipalNotFound' } });
    await emu.control.resetFaults();
    expect((await assign(randomUUID(), trainingPrincipal(), 'ServicePrincipal')).status).toBe(201);
  });
});

describe("a compute's system-assigned identity in the directory", () => {
  it('is named <workspace>/computes/<compute> and replicates after the delay', async () => {
    const response = await call(
      'PUT',
      `${scope}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod/computes/sys-ident?api-version=2025-09-01`,
      {
        location: 'westeurope',
        identity: { type: 'SystemAssigned' },
        properties: {
          computeType: 'Kubernetes',
          resourceId: `${scope}/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`,
          properties: { namespace: 'default' },
        },
      },
    );
    expect(response.status).toBe(201);
    const principalId = (response.body as { identity: { principalId: string } }).identity
      .principalId;
    expect(await emu.control.principal(principalId)).toEqual({
      objectId: principalId,
      tenantId: emu.scenario.tenants[0]?.id,
      type: 'ServicePrincipal',
      displayName: 'mlw-fraud-prod/computes/sys-ident',
      replicated: false,
    });
    expect((await assign(randomUUID(), principalId)).status).toBe(400);
    await emu.control.updateSettings({ principalReplicationDelayMs: 0 });
    expect((await emu.control.principal(principalId)).replicated).toBe(true);
    expect((await assign(randomUUID(), principalId)).status).toBe(201);
  });
});

describe('custom roles of a subscription', () => {
  const definitions = (sub: string, filter: string) =>
    `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=${encodeURIComponent(filter)}`;

  it('lists them beside the built-in roles where they are assignable, and grants them', async () => {
    const listed = await call('GET', definitions(prod, "type eq 'CustomRole'"));
    const custom = (listed.body as { value: { name: string; properties: object }[] }).value;
    expect(custom).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({
          roleName: 'ML Compute Operator',
          type: 'CustomRole',
          assignableScopes: [`/subscriptions/${prod}`],
        }),
      }),
    ]);
    const builtIn = await call('GET', definitions(prod, "type eq 'BuiltInRole'"));
    expect(
      (builtIn.body as { value: { properties: { type: string } }[] }).value.every(
        (r) => r.properties.type === 'BuiltInRole',
      ),
    ).toBe(true);
    const dev = '711e748e-5b30-500e-8298-08fb2b032255';
    const elsewhere = await call('GET', definitions(dev, "roleName eq 'ML Compute Operator'"));
    expect((elsewhere.body as { value: unknown[] }).value).toEqual([]);
    const roleId = `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/${custom[0]?.name}`;
    expect((await call('GET', `${roleId}?api-version=2022-04-01`)).status).toBe(200);
    expect(
      (await assign(randomUUID(), trainingPrincipal(), 'ServicePrincipal', roleId)).status,
    ).toBe(201);
    expect(
      emu.world.isAllowed(
        [trainingPrincipal()],
        target,
        'Microsoft.MachineLearningServices/workspaces/computes/write',
      ),
    ).toBe(true);
  });
});
