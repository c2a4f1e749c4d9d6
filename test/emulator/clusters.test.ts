import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator';
import { demoScenarioPath, fastSettings, userArmCaller, type ArmCaller } from './testing';

let emu: RunningEmulator;
let contoso: ArmCaller;
let northwind: ArmCaller;
const prod = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const rg = `/subscriptions/${prod}/resourceGroups/rg-ml-prod-weu`;
const aksType = 'Microsoft.ContainerService/managedClusters';
const arcType = 'Microsoft.Kubernetes/connectedClusters';
const arcOnPrem = `${rg}/providers/${arcType}/arc-onprem-ams01`;
const aksGpu = `${rg}/providers/${aksType}/aks-gpu-prod-weu`;
const aksBatch = `${rg}/providers/${aksType}/aks-batch-weu`;
const arcLondon =
  '/subscriptions/bc141a39-583e-503c-9562-5fea733724a3/resourceGroups/rg-northwind-ai/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-london';
const extensions = (clusterId: string) =>
  `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`;

/** Follows nextLink to the end, as clients must. */
async function listAll(path: string): Promise<{ id: string; name: string }[]> {
  const items: { id: string; name: string }[] = [];
  let next: string | undefined = path;
  while (next) {
    const response = await contoso('GET', next);
    expect(response.status).toBe(200);
    const page = response.body as { value: { id: string; name: string }[]; nextLink?: string };
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: demoScenarioPath, settings: fastSettings });
  contoso = await userArmCaller(emu, 'admin@contoso.com', 'Contoso');
  northwind = await userArmCaller(emu, 'admin@contoso.com', 'Northwind');
});

afterAll(async () => {
  await emu.close();
});

describe('Arc connectivityStatus', () => {
  it('is Connected by default and the scenario value otherwise', async () => {
    expect((await contoso('GET', `${arcOnPrem}?api-version=2024-01-01`)).body).toMatchObject({
      properties: { connectivityStatus: 'Connected' },
    });
    expect((await northwind('GET', `${arcLondon}?api-version=2024-01-01`)).body).toMatchObject({
      properties: { connectivityStatus: 'Offline' },
    });
  });

  it('changes when the control API says the agent lost its connection, and only for Arc clusters', async () => {
    await emu.control.changeCluster({ id: arcOnPrem, connectivityStatus: 'Expired' });
    try {
      const listed = (await contoso('GET', `${rg}/providers/${arcType}?api-version=2024-01-01`))
        .body as { value: { name: string; properties: { connectivityStatus: string } }[] };
      expect(listed.value.find((c) => c.name === 'arc-onprem-ams01')).toMatchObject({
        properties: { connectivityStatus: 'Expired' },
      });
      await expect(
        emu.control.changeCluster({ id: aksGpu, connectivityStatus: 'Offline' }),
      ).rejects.toMatchObject({ status: 409 });
    } finally {
      await emu.control.changeCluster({ id: arcOnPrem, connectivityStatus: 'Connected' });
    }
  });
});

describe('cluster extensions', () => {
  it('reads one extension by name, the same body as in the list', async () => {
    const list = (await contoso('GET', `${extensions(aksGpu)}?api-version=2025-03-01`)).body as {
      value: unknown[];
    };
    const single = await contoso('GET', `${extensions(aksGpu)}/azureml?api-version=2025-03-01`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual(list.value[0]);
    expect(single.body).toMatchObject({
      properties: { extensionType: 'Microsoft.AzureML.Kubernetes', provisioningState: 'Succeeded' },
    });
  });

  it('answers 404 ResourceNotFound for an extension that is not installed', async () => {
    for (const path of [`${extensions(aksBatch)}/azureml`, `${extensions(aksGpu)}/not-installed`]) {
      const response = await contoso('GET', `${path}?api-version=2025-03-01`);
      expect(response.status, path).toBe(404);
      expect(response.body).toMatchObject({
        error: {
          code: 'ResourceNotFound',
          message: expect.stringContaining('Microsoft.KubernetesConfiguration/extensions'),
        },
      });
    }
  });

  it('follows extension changes made outside the app: Failed, another version, uninstalled', async () => {
    const read = () => contoso('GET', `${extensions(aksGpu)}/azureml?api-version=2025-03-01`);
    try {
      await emu.control.changeCluster({
        id: aksGpu,
        azureMlExtension: { provisioningState: 'Failed', version: '1.2.3' },
      });
      expect((await read()).body).toMatchObject({
        properties: { provisioningState: 'Failed', currentVersion: '1.2.3' },
      });
      await emu.control.changeCluster({ id: aksGpu, azureMlExtension: null });
      expect((await read()).status).toBe(404);
      await emu.control.changeCluster({ id: aksBatch, azureMlExtension: {} });
      expect(
        (await contoso('GET', `${extensions(aksBatch)}/azureml?api-version=2025-03-01`)).body,
      ).toMatchObject({ properties: { provisioningState: 'Succeeded' } });
    } finally {
      await emu.control.changeCluster({
        id: aksGpu,
        azureMlExtension: { provisioningState: 'Succeeded', version: '1.1.74' },
      });
      await emu.control.changeCluster({ id: aksBatch, azureMlExtension: null });
    }
  });
});

describe('clusters by resource group', () => {
  it('lists AKS and Arc clusters of one resource group, paged', async () => {
    const aks = await listAll(`${rg}/providers/${aksType}?api-version=2025-07-01`);
    expect(aks.map((c) => c.name).sort()).toEqual([
      'aks-batch-weu',
      'aks-cpu-prod-weu',
      'aks-gpu-prod-weu',
    ]);
    const arc = await listAll(`${rg}/providers/${arcType}?api-version=2024-01-01`);
    expect(arc.map((c) => c.name)).toEqual(['arc-onprem-ams01']);
    const other = await listAll(
      `/subscriptions/${prod}/resourceGroups/rg-identities/providers/${aksType}?api-version=2025-07-01`,
    );
    expect(other).toEqual([]);
  });

  it('answers 404 ResourceGroupNotFound for a resource group that does not exist', async () => {
    const response = await contoso(
      'GET',
      `/subscriptions/${prod}/resourceGroups/rg-nope/providers/${aksType}?api-version=2025-07-01`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'ResourceGroupNotFound' } });
  });
});
