import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  toAksCluster,
  toArcCluster,
  toAzureMlExtension,
  toIdentity,
} from '../../electron/inventory/discovery-mapping';

const examples = path.resolve(__dirname, '../../../shared/azure-examples');
const haveExamples = fs.existsSync(examples);

/** The first page's items of an example from ../shared/azure-examples/. */
const exampleItems = (file: string): unknown[] => {
  const example = JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as {
    responses: { 200: { body: { value: unknown[] } } };
  };
  return example.responses[200].body.value;
};

const SUB = '1bfbb5d0-917e-4346-9026-1d3b344417f5';
const cluster = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge`;

describe.skipIf(!haveExamples)(
  'cluster lists as the REST specs show them (../shared/azure-examples)',
  () => {
    it('reads an AKS list, whatever case ARM spells resourceGroups in', () => {
      const [item] = exampleItems('aks-2025-07-01_ManagedClustersList.json');
      expect(toAksCluster(item, '00000000-0000-0000-0000-000000000000')).toEqual({
        ok: true,
        record: {
          id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1',
          kind: 'aks',
          name: 'clustername1',
          resourceGroup: 'rg1',
          location: 'location1',
          connectivityStatus: null,
          privateCluster: false,
        },
      });
    });

    it('reads an Arc list', () => {
      const items = exampleItems('arcK8s-2026-03-01_GetClustersBySubscriptionExample.json');
      const mapped = items.map((item) => toArcCluster(item, SUB));
      expect(mapped.map((m) => m.ok && m.record.name)).toEqual([
        'connectedCluster1',
        'connectedCluster2',
      ]);
    });

    it('finds no Azure ML extension among other extension types', () => {
      const items = exampleItems('k8sconfig-2025-03-01_ListExtensions.json');
      expect(items.map(toAzureMlExtension).every((m) => m.ok && m.record === null)).toBe(true);
    });
  },
);

describe('mapping discovery items', () => {
  it("keeps an Arc cluster's connectivity status and an AKS cluster's private API server", () => {
    const arc = toArcCluster(
      { id: cluster, location: 'westeurope', properties: { connectivityStatus: 'Offline' } },
      SUB,
    );
    expect(arc.ok && arc.record.connectivityStatus).toBe('Offline');
    const aks = toAksCluster(
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/p`,
        location: 'westeurope',
        properties: { apiServerAccessProfile: { enablePrivateCluster: true } },
      },
      SUB,
    );
    expect(aks.ok && aks.record.privateCluster).toBe(true);
  });

  it('reads the Azure ML extension by type, whatever its case, with its installed version', () => {
    const mapped = toAzureMlExtension({
      id: `${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/ml`,
      name: 'ml',
      properties: {
        extensionType: 'microsoft.azureml.kubernetes',
        provisioningState: 'Creating',
        version: null,
        currentVersion: '1.1.74',
        releaseTrain: 'Stable',
      },
    });
    expect(mapped).toEqual({
      ok: true,
      record: {
        id: `${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/ml`,
        name: 'ml',
        provisioningState: 'Creating',
        version: '1.1.74',
        releaseTrain: 'Stable',
      },
    });
  });

  it('refuses items whose id the strict parser refuses, of another type or subscription', () => {
    const identity = (id: string) => ({
      id,
      location: 'x',
      properties: { clientId: 'c', principalId: 'p' },
    });
    const base = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities`;
    expect(toIdentity(identity(`${base}/ok`), SUB).ok).toBe(true);
    for (const id of [
      `${base}/a%2F..`,
      `${base}/../x`,
      `${base}/a?b`,
      cluster,
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`,
    ]) {
      expect(toIdentity(identity(id), SUB).ok, id).toBe(false);
    }
    expect(toIdentity({ id: `${base}/x`, location: 'x', properties: {} }, SUB).ok).toBe(false);
  });
});
