import type { ComputeResource, Workspace } from '@azure/arm-machinelearning';
import { describe, expect, it } from 'vitest';
import {
  resourceGroupOf,
  toComputeRecord,
  toWorkspaceRecord,
} from '../../electron/inventory/inventory-mapping';

const WS =
  '/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw';
const UAI =
  '/subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-jobs';

/** A compute body as the SDK hands it over; the cast stands for shapes the SDK's union does not name. */
const compute = (body: Record<string, unknown>): ComputeResource =>
  ({ id: `${WS}/computes/c1`, name: 'c1', ...body }) as ComputeResource;

describe('mapping listed workspaces and computes', () => {
  it('reads the resource group from an ARM id in any case', () => {
    expect(resourceGroupOf('/SUBSCRIPTIONS/x/RESOURCEGROUPS/Rg-Ünïcode/providers/p/t/n')).toBe(
      'Rg-Ünïcode',
    );
    expect(resourceGroupOf('/subscriptions/x/providers/p')).toBeNull();
  });

  it('skips a workspace without an ARM id and falls back to the name in the id', () => {
    expect(toWorkspaceRecord({ name: 'no-id' } as Workspace)).toBeUndefined();
    expect(toWorkspaceRecord({ id: WS } as Workspace)).toEqual({
      id: WS,
      name: 'mlw',
      friendlyName: null,
      resourceGroup: 'rg-ml',
      location: '',
      storageAccount: null,
      containerRegistry: null,
      keyVault: null,
    });
  });

  it('keeps no connection string or any other field it does not name', () => {
    const record = toComputeRecord(
      compute({
        properties: {
          computeType: 'Kubernetes',
          provisioningState: 'Succeeded',
          resourceId:
            '/subscriptions/x/resourceGroups/r/providers/Microsoft.Kubernetes/connectedClusters/arc',
          properties: {
            namespace: 'ml',
            relayConnectionString: 'Endpoint=sb://r/;SharedAccessKey=SECRET1',
            serviceBusConnectionString: 'Endpoint=sb://b/;SharedAccessKey=SECRET2',
            adminUserPassword: 'SECRET3',
          },
        },
      }),
    );
    expect(JSON.stringify(record)).not.toMatch(/SECRET|SharedAccessKey|Connection/);
    expect(record).toMatchObject({
      namespace: 'ml',
      clusterId: expect.stringContaining('connectedClusters/arc') as string,
    });
  });

  it('lists a compute type the SDK does not know, without a cluster or namespace', () => {
    expect(
      toComputeRecord(
        compute({
          properties: {
            computeType: 'FutureCompute',
            provisioningState: 'Succeeded',
            resourceId: '/subscriptions/x/resourceGroups/r/providers/Other/things/t',
            properties: { namespace: 'not-a-kubernetes-one' },
          },
        }),
      ),
    ).toMatchObject({ computeType: 'FutureCompute', clusterId: null, namespace: null });
  });

  it('answers Unknown for a compute without properties and None without an identity', () => {
    expect(toComputeRecord(compute({}))).toMatchObject({
      computeType: 'Unknown',
      provisioningState: 'Unknown',
      provisioningErrors: [],
      identityType: 'None',
      userAssignedIdentityId: null,
      principalId: null,
    });
    expect(toComputeRecord(compute({ id: undefined }))).toBeUndefined();
  });

  it('flattens provisioning errors to code and message', () => {
    const record = toComputeRecord(
      compute({
        properties: {
          computeType: 'Kubernetes',
          provisioningState: 'Failed',
          provisioningErrors: [
            { error: { code: 'BadRequest', message: 'No extension.', target: 't', details: [] } },
            { error: { message: 'Without a code.' } },
            { notAnError: true },
          ],
        },
      }),
    );
    expect(record?.provisioningErrors).toEqual([
      { code: 'BadRequest', message: 'No extension.' },
      { code: 'Unknown', message: 'Without a code.' },
    ]);
  });

  it('takes the single user-assigned identity and its principal', () => {
    expect(
      toComputeRecord(
        compute({
          identity: {
            type: 'UserAssigned',
            userAssignedIdentities: { [UAI]: { principalId: 'p-uai', clientId: 'c' } },
          },
        }),
      ),
    ).toMatchObject({
      identityType: 'UserAssigned',
      userAssignedIdentityId: UAI,
      principalId: 'p-uai',
    });
  });

  it('prefers the system-assigned principal when a compute has both kinds', () => {
    expect(
      toComputeRecord(
        compute({
          identity: {
            type: 'SystemAssigned,UserAssigned',
            principalId: 'p-system',
            userAssignedIdentities: { [UAI]: { principalId: 'p-uai' } },
          },
        }),
      ),
    ).toMatchObject({
      identityType: 'SystemAssigned,UserAssigned',
      userAssignedIdentityId: UAI,
      principalId: 'p-system',
    });
  });
});
