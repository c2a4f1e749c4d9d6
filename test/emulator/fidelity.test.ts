import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSkippedGroup } from '../support/skip-report';
import { startEmulator, type RunningEmulator } from './emulator';
import { rawRequest } from './rawClient';
import { shapeDifferences, type ShapeRules } from './shape';
import { automationCredential, demoScenarioPath, repoRoot } from './testing';

/**
 * Fidelity: every official example the emulator covers is replayed against it (with the example's resources
 * mapped to the demo scenario's) and the answer must have the example's status code and body shape.
 */
const examplesDir = path.resolve(repoRoot, '..', 'shared', 'azure-examples');
const haveExamples = !reportSkippedGroup(
  !existsSync(examplesDir),
  'fidelity to the official REST examples',
  `${examplesDir} is absent (it sits beside the project's CI checkout, not in a user's clone)`,
);

interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
}

function example(file: string): Example {
  return JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as Example;
}

let emu: RunningEmulator;
let token = '';
let sub = '';
const rg = 'rg-ml-prod-weu';
const ws = 'mlw-fraud-prod';

async function call(method: string, pathAndQuery: string, body?: unknown) {
  return rawRequest(`${emu.armUrl}${pathAndQuery}`, emu.caPem, {
    method,
    headers: { authorization: `Bearer ${token}` },
    body,
  });
}

/** Keys real responses carry beyond some examples; each entry says why it is allowed. */
const computeExtras = [
  // The Kubernetes GET example shows these on the same resource; the create and list examples omit them.
  'properties.isAttachedCompute',
  'properties.createdOn',
  'properties.modifiedOn',
  'value[].properties.isAttachedCompute',
  // A Kubernetes compute carries its Kubernetes properties (the list example shows AKS computes, which have none here).
  'value[].properties.properties',
];

interface Case {
  file: string;
  status: string;
  request: () => Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
  rules?: ShapeRules;
  /** Response headers the example names that the answer must carry. */
  headers?: string[];
}

const listRules: ShapeRules = { optionalKeys: ['nextLink'] }; // ARM sends nextLink only while more pages remain.

const cases: Case[] = [
  {
    file: 'resources-2022-12-01_GetTenants.json',
    status: '200',
    request: () => call('GET', '/tenants?api-version=2022-12-01'),
    rules: listRules,
  },
  {
    file: 'resources-2022-12-01_GetSubscriptions.json',
    status: '200',
    request: () => call('GET', '/subscriptions?api-version=2022-12-01'),
    rules: { ...listRules, maps: ['value[].tags'] },
  },
  {
    file: 'mls-2025-09-01_Workspace_listBySubscription.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-09-01`,
      ),
    rules: {
      ...listRules,
      extraKeys: [
        'value[].identity',
        'value[].properties.hbiWorkspace',
        'value[].properties.serviceProvisionedResourceGroup',
        'value[].properties.privateLinkCount',
        'value[].properties.allowPublicAccessWhenBehindVnet',
        'value[].properties.publicNetworkAccess',
        'value[].properties.imageBuildCompute',
        'value[].properties.privateEndpointConnections',
        'value[].properties.sharedPrivateLinkResources',
        'value[].properties.workspaceId',
        'value[].properties.provisioningState',
      ],
    },
  },
  {
    file: 'mls-2025-09-01_Workspace_get.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}?api-version=2025-09-01`,
      ),
    rules: {
      // The scenario's workspaces use a system-assigned identity only, and no customer-managed key encryption.
      optionalKeys: ['identity.userAssignedIdentities', 'properties.encryption'],
      // Real GET answers carry these (swagger WorkspaceProperties); the example omits them.
      extraKeys: ['properties.workspaceId', 'properties.provisioningState'],
    },
  },
  {
    file: 'aks-2025-07-01_ManagedClustersList.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters?api-version=2025-07-01`,
      ),
    rules: { ...listRules, maps: ['value[].tags'] },
  },
  {
    file: 'arcK8s-2026-03-01_GetClustersBySubscriptionExample.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Kubernetes/connectedClusters?api-version=2026-03-01`,
      ),
    rules: {
      ...listRules,
      maps: ['value[].tags'],
      // Read-only ConnectedClusterProperties of the 2026-03-01 spec that every real cluster reports; the example
      // omits them.
      extraKeys: [
        'value[].properties.connectivityStatus',
        'value[].properties.lastConnectivityTime',
      ],
    },
  },
  {
    file: 'k8sconfig-2025-03-01_ListExtensions.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem-ams01/providers/Microsoft.KubernetesConfiguration/extensions?api-version=2025-03-01`,
      ),
    rules: { ...listRules, maps: ['value[].properties.configurationSettings'] },
  },
  {
    file: 'msi-2024-11-30_IdentityListBySubscription.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2024-11-30`,
      ),
    rules: { ...listRules, maps: ['value[].tags'] },
  },
  {
    file: 'msi-2024-11-30_IdentityListByResourceGroup.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities?api-version=2024-11-30`,
      ),
    rules: { ...listRules, maps: ['value[].tags'] },
  },
  {
    file: 'msi-2024-11-30_IdentityCreate.json',
    status: '201',
    request: () =>
      call(
        'PUT',
        `/subscriptions/${sub}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fidelity?api-version=2024-11-30`,
        example('msi-2024-11-30_IdentityCreate.json').parameters['parameters'],
      ),
  },
  {
    file: 'msi-2024-11-30_IdentityCreate.json',
    status: '200',
    request: () =>
      call(
        'PUT',
        `/subscriptions/${sub}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fidelity?api-version=2024-11-30`,
        example('msi-2024-11-30_IdentityCreate.json').parameters['parameters'],
      ),
  },
  ...(['2022-10-01', '2025-09-01'] as const).flatMap((version): Case[] => [
    {
      file: `mls-${version}_Compute_createOrUpdate_KubernetesCompute.json`,
      status: '201',
      headers: ['azure-asyncoperation'],
      request: () => {
        const body = structuredClone(
          example(`mls-${version}_Compute_createOrUpdate_KubernetesCompute.json`).parameters[
            'parameters'
          ],
        ) as { properties: { resourceId: string } };
        body.properties.resourceId = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`;
        return call(
          'PUT',
          `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/computes/fid-${version.slice(0, 4)}?api-version=${version}`,
          body,
        );
      },
      rules: { extraKeys: computeExtras },
    },
    {
      file: `mls-${version}_Compute_get_KubernetesCompute.json`,
      status: '200',
      request: () =>
        call(
          'GET',
          `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-recommender/computes/cpu-shared?api-version=${version}`,
        ),
      rules: { maps: ['properties.properties.instanceTypes'] }, // instance type names are data
    },
  ]),
  {
    file: 'mls-2025-09-01_Compute_list.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-recommender/computes?api-version=2025-09-01`,
      ),
    rules: { ...listRules, extraKeys: computeExtras },
  },
  {
    file: 'mls-2025-09-01_Compute_delete.json',
    status: '202',
    headers: ['azure-asyncoperation', 'location'],
    request: () =>
      call(
        'DELETE',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-recommender/computes/onprem-ams?api-version=2025-09-01&underlyingResourceAction=Delete`,
      ),
  },
  {
    file: 'mls-2025-09-01_Compute_delete.json',
    status: '204',
    request: () =>
      call(
        'DELETE',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-recommender/computes/never-there?api-version=2025-09-01&underlyingResourceAction=Delete`,
      ),
  },
  {
    file: 'authz-2022-04-01_GetRoleDefinitionById.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7?api-version=2022-04-01`,
      ),
  },
  {
    file: 'authz-2022-04-01_GetRoleDefinitionByName.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c?api-version=2022-04-01`,
      ),
  },
  {
    file: 'authz-2018-01-01-preview_GetRoleDefinitionAtScope_list.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?api-version=2018-01-01-preview`,
      ),
    rules: listRules,
  },
  ...(['CreateForResourceGroup', 'CreateForResource'] as const).map((kind, i): Case => ({
    file: `authz-2022-04-01_RoleAssignments_${kind}.json`,
    status: '201',
    request: () => {
      const scope =
        kind === 'CreateForResource'
          ? `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/stmlwfraudprod`
          : `/subscriptions/${sub}/resourceGroups/${rg}`;
      const principalId = [...emu.world.identities.values()][i]?.principalId;
      return call(
        'PUT',
        `${scope}/providers/Microsoft.Authorization/roleAssignments/6c0f1a43-2b1e-4c3d-9f5e-0a1b2c3d4e5${i}?api-version=2022-04-01`,
        {
          properties: {
            roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
            principalId,
            principalType: 'ServicePrincipal',
          },
        },
      );
    },
  })),
  {
    file: 'authz-2022-04-01_RoleAssignments_ListForScope.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
      ),
    rules: listRules,
  },
  {
    file: 'authz-2022-04-01_RoleAssignments_ListForResourceGroup.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      ),
    rules: listRules,
  },
  {
    file: 'authz-2020-10-01-preview_RoleAssignments_ListForSubscription.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2020-10-01-preview`,
      ),
    rules: listRules,
  },
  {
    file: 'authz-2022-04-01_RoleAssignments_Delete.json',
    status: '200',
    request: () =>
      call(
        'DELETE',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleAssignments/6c0f1a43-2b1e-4c3d-9f5e-0a1b2c3d4e50?api-version=2022-04-01`,
      ),
  },
  {
    file: 'authz-2022-04-01_RoleAssignments_Delete.json',
    status: '204',
    request: () =>
      call(
        'DELETE',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/b0f43c54-e787-4862-89b1-a653fa9cf747?api-version=2022-04-01`,
      ),
  },
];

describe.skipIf(!haveExamples)('fidelity to the official examples (azure-examples/)', () => {
  beforeAll(async () => {
    emu = await startEmulator({ scenario: demoScenarioPath, settings: { pageSize: 100 } });
    sub = emu.scenario.subscriptions[0]?.id ?? '';
    token = (await automationCredential(emu).getToken(`${emu.armUrl}/.default`))?.token ?? '';
  });

  afterAll(async () => {
    await emu?.close();
  });

  // In order: the delete cases rely on the create cases before them.
  it.each(cases.map((c) => [`${c.file} ${c.status}`, c] as const))('%s', async (_name, c) => {
    const expected = example(c.file).responses[c.status];
    const response = await c.request();
    expect(response.status, JSON.stringify(response.body)).toBe(Number(c.status));
    for (const header of c.headers ?? []) expect(response.headers[header], header).toBeTruthy();
    if (expected?.body === undefined) {
      expect(response.body).toBeUndefined();
      return;
    }
    expect(shapeDifferences(expected.body, response.body, c.rules)).toEqual([]);
  });

  it('covers every example file', async () => {
    const { readdirSync } = await import('node:fs');
    const covered = new Set(cases.map((c) => c.file));
    const uncovered = readdirSync(examplesDir).filter(
      (f) => f.endsWith('.json') && !covered.has(f),
    );
    expect(uncovered).toEqual([]);
  });
});
