import { describe, expect, it } from 'vitest';
import {
  armChildId,
  armExtensionId,
  armIdPath,
  armResourceName,
  armResourceType,
  isArmType,
  parseArmId,
  requireArmId,
} from '../../shared/azure/arm-id';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const COMPUTE = `/subscriptions/${SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ws-one/computes/k8s-a`;
const EXTENSION = `/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks-1/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;

describe('parseArmId accepts the ids Azure uses', () => {
  it('parses a compute id into its segments', () => {
    const result = parseArmId(COMPUTE);
    expect(result).toMatchObject({
      ok: true,
      value: {
        subscriptionId: SUB,
        resourceGroup: 'ml-rg',
        levels: [
          {
            namespace: 'Microsoft.MachineLearningServices',
            types: ['workspaces', 'computes'],
            names: ['ws-one', 'k8s-a'],
          },
        ],
        id: COMPUTE,
      },
    });
  });

  it('parses an extension resource under a cluster as a second provider level', () => {
    const id = requireArmId(EXTENSION);
    expect(armResourceType(id)).toBe('Microsoft.KubernetesConfiguration/extensions');
    expect(armResourceName(id)).toBe('azureml');
    expect(id.levels[0]?.names).toEqual(['aks-1']);
  });

  it('accepts subscription and resource-group scopes and subscription-level resources', () => {
    expect(requireArmId(`/subscriptions/${SUB}`).levels).toEqual([]);
    expect(requireArmId(`/subscriptions/${SUB}/resourceGroups/rg.(x)_1`).resourceGroup).toBe(
      'rg.(x)_1',
    );
    const role = requireArmId(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
    );
    expect(role.resourceGroup).toBeNull();
    expect(isArmType(role, 'microsoft.authorization/ROLEDEFINITIONS')).toBe(true);
  });

  it('canonicalises the fixed segments and the subscription case, keeping names as given', () => {
    const id = requireArmId(
      `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/My-RG/PROVIDERS/Microsoft.Kubernetes/connectedClusters/Arc-1/`,
    );
    expect(id.id).toBe(
      `/subscriptions/${SUB}/resourceGroups/My-RG/providers/Microsoft.Kubernetes/connectedClusters/Arc-1`,
    );
  });
});

describe('parseArmId refuses ids that would send a request somewhere else', () => {
  it.each([
    ['empty', ''],
    ['not a string', 42],
    ['relative', `subscriptions/${SUB}`],
    ['not a subscription', '/tenants/x'],
    ['a subscription that is not a GUID', '/subscriptions/not-a-guid/resourceGroups/rg'],
    ['an empty segment', `/subscriptions/${SUB}//resourceGroups/rg`],
    [
      'a dot segment',
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/.`,
    ],
    [
      'a dot-dot segment',
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/../../x`,
    ],
    ['a query', `${COMPUTE}?api-version=1`],
    ['a fragment', `${COMPUTE}#x`],
    ['an encoded slash', `/subscriptions/${SUB}/resourceGroups/rg%2F..%2Fother`],
    ['a backslash', `/subscriptions/${SUB}/resourceGroups/rg\\x`],
    ['a space', `/subscriptions/${SUB}/resourceGroups/my rg`],
    ['a newline', `/subscriptions/${SUB}/resourceGroups/rg\n`],
    ['a zero-width space', `/subscriptions/${SUB}/resourceGroups/rg\u200b`],
    [
      'a type without a name',
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks`,
    ],
    ['a provider without a namespace', `/subscriptions/${SUB}/resourceGroups/rg/providers`],
    [
      'a namespace without a dot',
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Compute/disks/d`,
    ],
    ['a stray segment', `/subscriptions/${SUB}/resourceGroups/rg/things/x`],
    [
      'a name with a colon',
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/a:b`,
    ],
    ['a resource group ending in a dot', `/subscriptions/${SUB}/resourceGroups/rg.`],
    ['a host', `//evil.example/subscriptions/${SUB}`],
    ['too long', `/subscriptions/${SUB}/resourceGroups/${'r'.repeat(1100)}`],
  ])('refuses %s', (_label, input) => {
    const result = parseArmId(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });
});

describe('ids are built from segments, never from text', () => {
  it('builds a child id and an extension id', () => {
    const workspace = requireArmId(
      `/subscriptions/${SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ws-one`,
    );
    expect(armChildId(workspace, 'computes', 'k8s-a').id).toBe(COMPUTE);
    const cluster = requireArmId(
      `/subscriptions/${SUB}/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks-1`,
    );
    expect(
      armExtensionId(cluster, 'Microsoft.KubernetesConfiguration', 'extensions', 'azureml').id,
    ).toBe(EXTENSION);
  });

  it('refuses a child name that would escape its parent', () => {
    const workspace = requireArmId(
      `/subscriptions/${SUB}/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ws-one`,
    );
    for (const name of ['..', 'a/b', 'a?b', 'a%2Fb', '']) {
      expect(() => armChildId(workspace, 'computes', name)).toThrow(
        /not a valid Azure resource id/,
      );
    }
  });

  it('encodes every segment of the path', () => {
    expect(
      armIdPath({
        subscriptionId: SUB,
        resourceGroup: 'rg(1)',
        levels: [{ namespace: 'Microsoft.X', types: ['things'], names: ['é'] }],
      }),
    ).toBe(`/subscriptions/${SUB}/resourceGroups/rg(1)/providers/Microsoft.X/things/%C3%A9`);
  });
});
