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

/** The path (without the query) of the request a case sent last: the ids of its answer derive from it. */
let lastPath = '';
let lastQuery = '';

async function call(method: string, pathAndQuery: string, body?: unknown) {
  [lastPath = '', lastQuery = ''] = pathAndQuery.split('?');
  return rawRequest(`${emu.armUrl}${pathAndQuery}`, emu.caPem, {
    method,
    headers: { authorization: `Bearer ${token}` },
    body,
  });
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Azure ML's status URL of a compute operation in the scenario's West Europe workspace. */
function operationStatusUrl(apiVersion: string, locationForm: boolean): RegExp {
  const base = `${emu.armUrl}/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/locations/westeurope/computeOperationsStatus/`;
  const query = `\\?api-version=${escaped(apiVersion)}&service=new&se=[^&]+&sig=[^&]+`;
  return new RegExp(
    `^${escaped(base)}[0-9a-f-]{36}${query}${locationForm ? '&type=location' : ''}$`,
  );
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
  /**
   * Response headers the example names, with the value the answer must have where it is
   * deterministic (status URLs: the emulator's ARM, the operation's subscription and location, the
   * request's api-version; an operation id and signature are random, so a pattern stands for them).
   */
  headers?: () => Record<string, RegExp>;
  /** The id the answer must carry when it is not the requested path. */
  expectedId?: () => string;
}

const listRules: ShapeRules = { optionalKeys: ['nextLink'] }; // ARM sends nextLink only while more pages remain.
// The examples' "roletype" is a placeholder for the two values Azure answers.
const builtInRole: ShapeRules = { values: { 'properties.type': ['BuiltInRole'] } };
// The examples assign roles to users; Mooring assigns them to managed identities (and the scenario to both).
const assignedToIdentity: ShapeRules = {
  values: { 'properties.principalType': ['ServicePrincipal'] },
};
const assignedToAnyone: ShapeRules = {
  ...listRules,
  values: { 'value[].properties.principalType': ['User', 'ServicePrincipal'] },
};

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
      // The scenario's mlw-forecasting was created without a container registry.
      nullable: ['value[].properties.containerRegistry'],
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
      // The scenario's workspaces are public, with a system-assigned identity and no image-build compute.
      values: {
        'identity.type': ['SystemAssigned'],
        'properties.publicNetworkAccess': ['Enabled'],
      },
      nullable: ['properties.imageBuildCompute'],
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
    rules: {
      ...listRules,
      maps: ['value[].tags'],
      // Set only on clusters whose disks use a disk encryption set; the scenario's use none.
      optionalKeys: ['value[].properties.diskEncryptionSetID'],
    },
  },
  {
    file: 'arcK8s-2026-03-01_GetClustersBySubscriptionExample.json',
    status: '200',
    request: () =>
      call(
        'GET',
        // The example was copied from stable/2026-03-01, a folder the specs no longer hold (2026-05-01 replaced
        // it; see arm/apiVersions.ts); the list shape is the same, so the request uses the version that remains.
        `/subscriptions/${sub}/providers/Microsoft.Kubernetes/connectedClusters?api-version=2026-05-01`,
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
    rules: {
      ...listRules,
      maps: ['value[].properties.configurationSettings'],
      // The scenario's extensions are Azure ML's (the example lists Azure Monitor's), on automatic
      // minor upgrades, for which Azure answers a null version.
      values: { 'value[].properties.extensionType': ['Microsoft.AzureML.Kubernetes'] },
      nullable: ['value[].properties.version'],
    },
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
      headers: () => ({ 'azure-asyncoperation': operationStatusUrl(version, false) }),
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
      rules: {
        maps: ['properties.properties.instanceTypes'], // instance type names are data
        nullable: ['properties.description'], // cpu-shared was attached without a description
      },
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
    rules: {
      ...listRules,
      extraKeys: computeExtras,
      // The scenario's computes are Kubernetes attachments (the example lists AKS computes), one
      // of them still being created; not every one has a description.
      values: {
        'value[].properties.computeType': ['Kubernetes'],
        'value[].properties.provisioningState': ['Succeeded', 'Creating'],
      },
      nullable: ['value[].properties.description'],
    },
  },
  {
    file: 'mls-2025-09-01_Compute_delete.json',
    status: '202',
    headers: () => ({
      'azure-asyncoperation': operationStatusUrl('2025-09-01', false),
      location: operationStatusUrl('2025-09-01', true),
      // The scenario's (default) Retry-After while an operation runs.
      'retry-after': /^5$/,
    }),
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
    rules: builtInRole,
  },
  {
    file: 'authz-2022-04-01_GetRoleDefinitionByName.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c?api-version=2022-04-01`,
      ),
    rules: builtInRole,
    // A built-in role is defined at the subscription, whatever scope it is read at (as the example shows).
    expectedId: () =>
      `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
  },
  {
    file: 'authz-2018-01-01-preview_GetRoleDefinitionAtScope_list.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?api-version=2018-01-01-preview`,
      ),
    rules: { ...listRules, values: { 'value[].properties.type': ['BuiltInRole', 'CustomRole'] } },
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
    rules: assignedToIdentity,
  })),
  {
    file: 'authz-2022-04-01_RoleAssignments_ListForScope.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()`,
      ),
    rules: assignedToAnyone,
  },
  {
    file: 'authz-2022-04-01_RoleAssignments_ListForResourceGroup.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`,
      ),
    rules: assignedToAnyone,
  },
  {
    file: 'authz-2020-10-01-preview_RoleAssignments_ListForSubscription.json',
    status: '200',
    request: () =>
      call(
        'GET',
        `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments?api-version=2020-10-01-preview`,
      ),
    rules: assignedToAnyone,
  },
  {
    file: 'authz-2022-04-01_RoleAssignments_Delete.json',
    status: '200',
    request: () =>
      call(
        'DELETE',
        `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Authorization/roleAssignments/6c0f1a43-2b1e-4c3d-9f5e-0a1b2c3d4e50?api-version=2022-04-01`,
      ),
    rules: assignedToIdentity,
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

/**
 * The ids of an answer derive from its request: a single resource's id is the path it was asked at;
 * a listed resource's id lies under the listing's scope (the path before its last `/providers/`) and
 * ends with its name.
 */
function idDifferences(body: unknown, requestPath: string, atScopeOnly: boolean): string[] {
  const record = body as { id?: unknown; name?: unknown; value?: unknown };
  const scopeOf = (item: unknown) =>
    (item as { properties?: { scope?: unknown } }).properties?.scope;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(record.value)) {
    const providers = requestPath.toLowerCase().lastIndexOf('/providers/');
    const scope = providers > 0 ? requestPath.slice(0, providers) : requestPath;
    return record.value.flatMap((item: { id?: unknown; name?: unknown }, index) => {
      if (typeof item.id !== 'string') return [];
      const problems: string[] = [];
      const itemScope = scopeOf(item);
      if (typeof itemScope === 'string') {
        // A role assignment lies at its own scope, which is the listed one, above it (inherited) or,
        // without atScope(), below it.
        if (
          !same(
            item.id,
            `${itemScope}/providers/Microsoft.Authorization/roleAssignments/${String(item.name)}`,
          )
        )
          problems.push(`value[${index}].id ${item.id} is not at its scope ${itemScope}`);
        const [listed, own] = [`${scope.toLowerCase()}/`, `${itemScope.toLowerCase()}/`];
        const atOrAbove = listed.startsWith(own);
        if (!atOrAbove && (atScopeOnly || !own.startsWith(listed)))
          problems.push(`value[${index}] scope ${itemScope} is not related to ${scope} as listed`);
        return problems;
      }
      if (!item.id.toLowerCase().startsWith(`${scope.toLowerCase()}/`) && !same(item.id, scope))
        problems.push(`value[${index}].id ${item.id} is not under ${scope}`);
      if (
        typeof item.name === 'string' &&
        !item.id.toLowerCase().endsWith(`/${item.name.toLowerCase()}`)
      )
        problems.push(`value[${index}].id ${item.id} does not end with its name ${item.name}`);
      return problems;
    });
  }
  if (typeof record.id === 'string' && !same(record.id, requestPath))
    return [`id ${record.id} is not the requested ${requestPath}`];
  return [];
}

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
    for (const [header, value] of Object.entries(c.headers?.() ?? {})) {
      expect(String(response.headers[header]), header).toMatch(value);
    }
    if (expected?.body === undefined) {
      expect(response.body).toBeUndefined();
      return;
    }
    const differences = [
      ...shapeDifferences(expected.body, response.body, c.rules),
      ...idDifferences(
        response.body,
        c.expectedId?.() ?? lastPath,
        lastQuery.includes('atScope()'),
      ),
    ];
    expect(differences, differences.join('\n')).toEqual([]);
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
