import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_API_VERSION } from '../../electron/azure/clouds';
import { RESOURCE_GRAPH_API_VERSION } from '../../electron/inventory/resource-graph';
import { DISCOVERY_API_VERSIONS } from '../../electron/inventory/list-discovery';
import {
  AUTHORIZATION_API_VERSION,
  COMPUTE_API_VERSION,
} from '../../electron/operations/compute-request';
import { API_VERSIONS } from '../../electron/preflight/preflight-context';
import { apiVersions, type ApiFamily } from './arm/apiVersions';
import { startEmulator, type RunningEmulator } from './emulator';
import {
  armCaller,
  demoScenarioPath,
  fastSettings,
  userArmCaller,
  type ArmCaller,
} from './testing';

let emu: RunningEmulator;
let contoso: ArmCaller;
let northwind: ArmCaller;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const rg = `/subscriptions/${prod}/resourceGroups/rg-ml-prod-weu`;
const aksGpu = `${rg}/providers/Microsoft.ContainerService/managedClusters/aks-gpu-prod-weu`;
const arcOnPrem = `${rg}/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem-ams01`;
const arcLondon =
  '/subscriptions/bc141a39-583e-503c-9562-5fea733724a3/resourceGroups/rg-northwind-ai/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-london';
const graphBody = {
  subscriptions: [prod],
  query: "resources | where type =~ 'microsoft.machinelearningservices/workspaces'",
};

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly anonymous?: boolean;
}

/** One representative call per operation group, each answering 200 with a supported api-version. */
const calls: Record<ApiFamily, Call> = {
  resources: { method: 'GET', path: `/subscriptions/${prod}` },
  metadata: { method: 'GET', path: '/metadata/endpoints', anonymous: true },
  machineLearning: {
    method: 'GET',
    path: `${rg}/providers/Microsoft.MachineLearningServices/workspaces/mlw-fraud-prod/computes/gpu-prod`,
  },
  containerService: { method: 'GET', path: aksGpu },
  containerServiceUserCredential: { method: 'POST', path: `${aksGpu}/listClusterUserCredential` },
  connectedClusters: { method: 'GET', path: arcOnPrem },
  connectedClusterUserCredential: {
    method: 'POST',
    path: `${arcOnPrem}/listClusterUserCredential`,
    body: { authenticationMethod: 'AAD', clientProxy: true },
  },
  kubernetesConfiguration: {
    method: 'GET',
    path: `${aksGpu}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
  },
  managedIdentity: {
    method: 'GET',
    path: `/subscriptions/${prod}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
  },
  roleAssignments: {
    method: 'GET',
    path: `/subscriptions/${prod}/providers/Microsoft.Authorization/roleAssignments`,
  },
  roleDefinitions: {
    method: 'GET',
    path: `/subscriptions/${prod}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
  },
  permissions: { method: 'GET', path: `${rg}/providers/Microsoft.Authorization/permissions` },
  resourceGraph: {
    method: 'POST',
    path: '/providers/Microsoft.ResourceGraph/resources',
    body: graphBody,
  },
};

const families = Object.keys(apiVersions) as ApiFamily[];

function send(call: Call, version: string) {
  const caller = call.anonymous ? armCaller(emu, undefined) : contoso;
  return caller(call.method, `${call.path}?api-version=${version}`, call.body);
}

function errorOf(body: unknown): { code: string; message: string } {
  return (body as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  contoso = await userArmCaller(emu, 'admin@contoso.com', 'Contoso');
  northwind = await userArmCaller(emu, 'admin@contoso.com', 'Northwind');
});

afterAll(async () => {
  await emu.close();
});

describe('api-version lists', () => {
  it.each(families)('%s lists distinct api-versions, oldest first', (family) => {
    const versions: readonly string[] = apiVersions[family];
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(version).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('keeps the size of every list, and the versions a credential action lacks', () => {
    // Pinned so that a list derived from another (the credential actions, permissions) cannot
    // change with it unnoticed.
    expect(Object.fromEntries(families.map((f) => [f, apiVersions[f].length]))).toEqual({
      resources: 8,
      metadata: 3,
      machineLearning: 53,
      containerService: 122,
      containerServiceUserCredential: 121,
      connectedClusters: 17,
      connectedClusterUserCredential: 14,
      kubernetesConfiguration: 12,
      managedIdentity: 10,
      roleAssignments: 9,
      roleDefinitions: 4,
      permissions: 4,
      resourceGraph: 8,
    });
    const lacking = (all: readonly string[], some: readonly string[]) =>
      all.filter((version) => !some.includes(version));
    const read = { aks: apiVersions.containerService, arc: apiVersions.connectedClusters };
    const credential = {
      aks: apiVersions.containerServiceUserCredential,
      arc: apiVersions.connectedClusterUserCredential,
    };
    // With the sizes above, each credential list is its read list less exactly these.
    expect(lacking(read.aks, credential.aks)).toEqual(['2017-08-31']);
    expect(lacking(read.arc, credential.arc)).toEqual([
      '2020-01-01-preview',
      '2021-03-01',
      '2021-04-01-preview',
    ]);
    expect(apiVersions.roleDefinitions).toEqual([
      '2015-07-01',
      '2018-01-01-preview',
      '2022-04-01',
      '2022-05-01-preview',
    ]);
    expect(apiVersions.permissions).toEqual(apiVersions.roleDefinitions);
  });

  it("holds every api-version Mooring's own clients send", () => {
    const sent: [ApiFamily, string][] = [
      ['machineLearning', API_VERSIONS.machineLearning],
      ['machineLearning', COMPUTE_API_VERSION],
      // @azure/arm-machinelearning's own default.
      ['machineLearning', '2022-10-01'],
      ['containerService', API_VERSIONS.managedClusters],
      ['containerService', DISCOVERY_API_VERSIONS.managedClusters],
      ['containerServiceUserCredential', API_VERSIONS.managedClusters],
      ['connectedClusters', API_VERSIONS.connectedClusters],
      ['connectedClusters', DISCOVERY_API_VERSIONS.connectedClusters],
      ['connectedClusterUserCredential', API_VERSIONS.connectedClusters],
      ['kubernetesConfiguration', API_VERSIONS.extensions],
      ['kubernetesConfiguration', DISCOVERY_API_VERSIONS.extensions],
      ['managedIdentity', DISCOVERY_API_VERSIONS.userAssignedIdentities],
      ['roleAssignments', AUTHORIZATION_API_VERSION],
      ['roleDefinitions', AUTHORIZATION_API_VERSION],
      ['permissions', API_VERSIONS.authorization],
      ['resourceGraph', RESOURCE_GRAPH_API_VERSION],
      // @azure/arm-resources-subscriptions' own default.
      ['resources', '2022-12-01'],
      ['metadata', METADATA_API_VERSION],
    ];
    for (const [family, version] of sent) {
      expect(apiVersions[family] as readonly string[], `${family} ${version}`).toContain(version);
    }
  });
});

describe('every listed api-version is accepted', () => {
  it.each(families)('%s', async (family) => {
    for (const version of apiVersions[family]) {
      const response = await send(calls[family], version);
      expect(response.status, `${family} ${version}: ${JSON.stringify(response.body)}`).toBe(200);
    }
  });

  it('without regard to case, as ARM matches them', async () => {
    const response = await send(calls.containerService, '2024-06-02-PREVIEW');
    expect(response.status).toBe(200);
  });
});

describe('an api-version the operation does not list is refused as ARM refuses it', () => {
  it.each(families)(
    '%s answers 400 with an ARM error naming the supported versions',
    async (family) => {
      const response = await send(calls[family], '2099-01-01');
      expect(response.status).toBe(400);
      const error = errorOf(response.body);
      expect(['InvalidApiVersionParameter', 'NoRegisteredProviderFound']).toContain(error.code);
      for (const version of apiVersions[family]) expect(error.message).toContain(version);
    },
  );

  it('answers a resource provider type with NoRegisteredProviderFound, naming the region, the type and its versions oldest first', async () => {
    const response = await send(calls.containerService, '2099-01-01');
    const { code, message } = errorOf(response.body);
    expect(code).toBe('NoRegisteredProviderFound');
    expect(message).toBe(
      `No registered resource provider found for location 'westeurope' and API version '2099-01-01' for type 'managedClusters'. The supported api-versions are '${apiVersions.containerService.join(', ')}'. The supported locations are '${emu.world.locations.join(', ')}'.`,
    );
  });

  it('names the region of the resource the request is under', async () => {
    const response = await northwind('GET', `${arcLondon}?api-version=2026-03-01`);
    expect(response.status).toBe(400);
    expect(errorOf(response.body).message).toMatch(
      /^No registered resource provider found for location 'uksouth' and API version '2026-03-01' for type 'connectedClusters'\./,
    );
  });

  it("answers ARM's own types with InvalidApiVersionParameter, newest first", async () => {
    const response = await send(calls.resources, '2099-01-01');
    const { code, message } = errorOf(response.body);
    expect(code).toBe('InvalidApiVersionParameter');
    expect(message).toBe(
      `The api-version '2099-01-01' is invalid. The supported versions are '${[...apiVersions.resources].reverse().join(',')}'. The supported locations are '${emu.world.locations.join(',')}'.`,
    );
  });

  it('refuses a version that only another operation of the same provider has', async () => {
    // roleAssignments has 2017-10-01-preview; roleDefinitions and permissions never had it.
    expect((await send(calls.roleAssignments, '2017-10-01-preview')).status).toBe(200);
    for (const family of ['roleDefinitions', 'permissions'] as const) {
      const response = await send(calls[family], '2017-10-01-preview');
      expect(response.status, family).toBe(400);
      expect(errorOf(response.body).code).toBe('InvalidApiVersionParameter');
    }
    // AKS 2017-08-31 reads clusters but has no listClusterUserCredential.
    expect((await send(calls.containerService, '2017-08-31')).status).toBe(200);
    const credential = await send(calls.containerServiceUserCredential, '2017-08-31');
    expect(credential.status).toBe(400);
    expect(errorOf(credential.body).code).toBe('NoRegisteredProviderFound');
  });

  it('answers MissingApiVersionParameter when there is none', async () => {
    const response = await contoso('GET', aksGpu);
    expect(response.status).toBe(400);
    expect(errorOf(response.body).code).toBe('MissingApiVersionParameter');
  });
});
