import { AuthorizationManagementClient } from '@azure/arm-authorization';
import {
  AzureMachineLearningWorkspaces,
  type ComputeResource,
  type ManagedServiceIdentity,
} from '@azure/arm-machinelearning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { automationCredential, demoScenarioPath, fastSettings } from './testing';
import { armClientOptions } from './trust';

let emu: RunningEmulator;
let ml: AzureMachineLearningWorkspaces;
let authz: AuthorizationManagementClient;
let subscriptionId: string;
const resourceGroup = 'rg-ml-prod-weu';
const workspace = 'mlw-fraud-prod';
const poll = { updateIntervalInMs: 50 };

function clusterId(
  kind: 'managedClusters' | 'connectedClusters',
  name: string,
  sub = subscriptionId,
  rg = resourceGroup,
): string {
  const provider =
    kind === 'managedClusters' ? 'Microsoft.ContainerService' : 'Microsoft.Kubernetes';
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${provider}/${kind}/${name}`;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  subscriptionId = emu.scenario.subscriptions[0]?.id ?? '';
  const credential = automationCredential(emu);
  ml = new AzureMachineLearningWorkspaces(credential, subscriptionId, armClientOptions(emu));
  authz = new AuthorizationManagementClient(credential, subscriptionId, armClientOptions(emu));
});

afterAll(async () => {
  await emu.close();
});

function kubernetesCompute(
  name: string,
  identity?: ManagedServiceIdentity,
): ComputeResource & { properties: { resourceId: string } } {
  return {
    location: 'westeurope',
    ...(identity ? { identity } : {}),
    properties: {
      computeType: 'Kubernetes',
      resourceId: clusterId('managedClusters', 'aks-cpu-prod-weu'),
      description: name,
      properties: { namespace: 'default' },
    },
  };
}

describe('@azure/arm-machinelearning against the emulator', () => {
  it('attaches with no identity and reaches Succeeded', async () => {
    const result = await ml.computeOperations.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      'att-none',
      kubernetesCompute('att-none'),
      poll,
    );
    expect(result.properties?.provisioningState).toBe('Succeeded');
    expect(result.identity).toBeUndefined();
  });

  it('attaches with a system-assigned identity that gets a principal id', async () => {
    const result = await ml.computeOperations.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      'att-system',
      kubernetesCompute('att-system', { type: 'SystemAssigned' }),
      poll,
    );
    expect(result.identity?.type).toBe('SystemAssigned');
    expect(result.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('attaches with one user-assigned identity', async () => {
    const uai = `/subscriptions/${subscriptionId}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ml-training`;
    const result = await ml.computeOperations.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      'att-user',
      kubernetesCompute('att-user', {
        type: 'UserAssigned',
        userAssignedIdentities: { [uai]: {} },
      }),
      poll,
    );
    expect(result.identity?.type).toBe('UserAssigned');
    expect(Object.keys(result.identity?.userAssignedIdentities ?? {})).toEqual([uai]);
  });

  it('surfaces a late failure as Failed with provisioningErrors when the cluster lacks the extension', async () => {
    const body = {
      ...kubernetesCompute('att-noext'),
      properties: {
        ...kubernetesCompute('x').properties,
        resourceId: clusterId('managedClusters', 'aks-batch-weu'),
      },
    };
    await expect(
      ml.computeOperations.beginCreateOrUpdateAndWait(
        resourceGroup,
        workspace,
        'att-noext',
        body,
        poll,
      ),
    ).rejects.toThrow(/extension/i);
    const compute = await ml.computeOperations.get(resourceGroup, workspace, 'att-noext');
    expect(compute.properties?.provisioningState).toBe('Failed');
    expect(compute.properties?.provisioningErrors?.[0]?.error?.message).toMatch(
      /Microsoft\.AzureML\.Kubernetes/,
    );
  });

  it('fails late with the injected error', async () => {
    await emu.control.failAttachLate({
      computeName: 'att-late',
      code: 'ClusterUnreachable',
      message: 'The cluster did not answer.',
    });
    await expect(
      ml.computeOperations.beginCreateOrUpdateAndWait(
        resourceGroup,
        workspace,
        'att-late',
        kubernetesCompute('att-late'),
        poll,
      ),
    ).rejects.toThrow(/did not answer/);
    const compute = await ml.computeOperations.get(resourceGroup, workspace, 'att-late');
    expect(compute.properties?.provisioningErrors?.[0]?.error?.code).toBe('ClusterUnreachable');
  });

  it('updates the identity by GET, change, full PUT', async () => {
    const current = await ml.computeOperations.get(resourceGroup, workspace, 'att-none');
    const updated = await ml.computeOperations.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      'att-none',
      { ...current, identity: { type: 'SystemAssigned' } },
      poll,
    );
    expect(updated.identity?.type).toBe('SystemAssigned');
    expect(updated.properties?.provisioningState).toBe('Succeeded');
  });

  it('rejects an invalid compute name with 400', async () => {
    await expect(
      ml.computeOperations.beginCreateOrUpdateAndWait(
        resourceGroup,
        workspace,
        '1-bad-name',
        kubernetesCompute('bad'),
        poll,
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
  });

  it('detaches, after which GET answers 404', async () => {
    await ml.computeOperations.beginDeleteAndWait(
      resourceGroup,
      workspace,
      'att-user',
      'Detach',
      poll,
    );
    await expect(
      ml.computeOperations.get(resourceGroup, workspace, 'att-user'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('pages through computes with nextLink', async () => {
    const names: string[] = [];
    for await (const compute of ml.computeOperations.list(resourceGroup, workspace))
      names.push(compute.name ?? '');
    expect(names.length).toBeGreaterThan(2); // page size 2: several pages
    expect(names).toContain('gpu-prod');
    expect(names).toContain('att-system');
    expect(names).toContain('cpu-cluster'); // an AmlCompute shares the list
  });
});

describe('@azure/arm-authorization against the emulator', () => {
  const storageScope = () =>
    `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/stmlwfraudprod`;
  const blobReader = () =>
    `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`;

  it('answers PrincipalNotFound for a new system identity without principalType, then creates the assignment after replication', async () => {
    // A replication far longer than the attach: the first role assignment PUT meets an unknown principal.
    await emu.control.updateSettings({ principalReplicationDelayMs: 600_000 });
    const compute = await ml.computeOperations.beginCreateOrUpdateAndWait(
      resourceGroup,
      workspace,
      'att-rbac',
      kubernetesCompute('att-rbac', { type: 'SystemAssigned' }),
      { updateIntervalInMs: 20 },
    );
    const principalId = compute.identity?.principalId ?? '';
    // Without principalType ARM looks the principal up in the directory, which has not replicated it yet.
    const params = { roleDefinitionId: blobReader(), principalId };
    await expect(
      authz.roleAssignments.create(storageScope(), '0d3c6b43-0b3e-4d53-9a4c-3f1f3c0b7a11', params),
    ).rejects.toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' });
    // Replication now completes half a second after the identity appeared; retry with backoff as the app does.
    await emu.control.updateSettings({ principalReplicationDelayMs: 500 });
    let created;
    for (let attempt = 0; attempt < 100 && !created; attempt++) {
      created = await authz.roleAssignments
        .create(storageScope(), '0d3c6b43-0b3e-4d53-9a4c-3f1f3c0b7a11', params)
        .catch(async (error: { code?: string }) => {
          if (error.code !== 'PrincipalNotFound') throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        });
    }
    expect(created?.principalId).toBe(principalId);
    await expect(
      authz.roleAssignments.create(storageScope(), 'a4b1f9a6-2a53-4c5e-8a1b-6f9e0c2d3e44', params),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'RoleAssignmentExists',
      message: expect.stringMatching(/0d3c6b430b3e4d539a4c3f1f3c0b7a11/),
    });
    const forPrincipal: string[] = [];
    for await (const a of authz.roleAssignments.listForSubscription({
      filter: `principalId eq '${principalId}'`,
    }))
      forPrincipal.push(a.name ?? '');
    expect(forPrincipal).toEqual(['0d3c6b43-0b3e-4d53-9a4c-3f1f3c0b7a11']);
    const atScope: string[] = [];
    for await (const a of authz.roleAssignments.listForScope(storageScope(), {
      filter: 'atScope()',
    }))
      atScope.push(a.name ?? '');
    expect(atScope).toContain('0d3c6b43-0b3e-4d53-9a4c-3f1f3c0b7a11');
    const deleted = await authz.roleAssignments.delete(
      storageScope(),
      '0d3c6b43-0b3e-4d53-9a4c-3f1f3c0b7a11',
    );
    expect(deleted.principalId).toBe(principalId);
  });

  it('refuses to change the principal of an existing assignment name', async () => {
    const scope = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
    const uaiPrincipal = [...emu.world.identities.values()][0]?.principalId ?? '';
    const other = [...emu.world.identities.values()][1]?.principalId ?? '';
    const name = '7a9d7e55-1c1e-4b8f-9a0a-5b8d6c4e2f10';
    await authz.roleAssignments.create(scope, name, {
      roleDefinitionId: blobReader(),
      principalId: uaiPrincipal,
      principalType: 'ServicePrincipal',
    });
    await expect(
      authz.roleAssignments.create(scope, name, {
        roleDefinitionId: blobReader(),
        principalId: other,
        principalType: 'ServicePrincipal',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'RoleAssignmentUpdateNotPermitted',
    });
  });

  it('gets a built-in role definition by id', async () => {
    const role = await authz.roleDefinitions.getById(blobReader());
    expect(role.roleName).toBe('Storage Blob Data Reader');
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After, and the SDK retries to success', async () => {
    await emu.control.setThrottling({
      reads: { capacity: 1, refillPerSecond: 1 },
      writes: { capacity: 200, refillPerSecond: 10 },
      deletes: { capacity: 200, refillPerSecond: 10 },
    });
    try {
      const before = emu.requestLog.entries().length;
      for (let i = 0; i < 3; i++) await ml.workspaces.get(resourceGroup, workspace);
      const statuses = emu.requestLog
        .entries()
        .slice(before)
        .map((e) => e.status);
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    } finally {
      await emu.control.setThrottling(null);
    }
  });
});
