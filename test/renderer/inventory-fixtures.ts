import type { ClusterView } from '../../shared/domain/clusters';
import type { ComputeView, InventorySnapshot, WorkspaceView } from '../../shared/domain/inventory';

export const PRODUCTION = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
export const RESEARCH = '4a6a65ca-1384-5662-9425-06767a84562c';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';

const SUBSCRIPTION_NAMES: Record<string, string> = {
  [PRODUCTION]: 'Contoso ML Production',
  [RESEARCH]: 'Fabrikam Research',
};

/** A workspace as the main process would report it; only what a test names differs. */
export function workspace(name: string, overrides: Partial<WorkspaceView> = {}): WorkspaceView {
  const subscriptionId = overrides.subscriptionId ?? PRODUCTION;
  const resourceGroup = overrides.resourceGroup ?? 'rg-ml';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
    name,
    friendlyName: null,
    resourceGroup,
    subscriptionId,
    subscriptionName: SUBSCRIPTION_NAMES[subscriptionId] ?? 'Some subscription',
    tenantId: TENANT,
    location: 'westeurope',
    storageAccount: null,
    containerRegistry: null,
    keyVault: null,
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    ...overrides,
  };
}

/** A Kubernetes compute of `parent`, succeeded, on an AKS cluster; only what a test names differs. */
export function compute(
  parent: WorkspaceView,
  name: string,
  overrides: Partial<ComputeView> = {},
): ComputeView {
  return {
    id: `${parent.id}/computes/${name}`,
    name,
    workspaceId: parent.id,
    workspaceName: parent.name,
    subscriptionId: parent.subscriptionId,
    computeType: 'Kubernetes',
    provisioningState: 'Succeeded',
    provisioningErrors: [],
    clusterId: `/subscriptions/${parent.subscriptionId}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-${name}`,
    namespace: 'azureml',
    identityType: 'SystemAssigned',
    userAssignedIdentityId: null,
    principalId: null,
    description: null,
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    stateSince: '2026-11-25T10:00:00.000Z',
    drift: null,
    ...overrides,
  };
}

export function snapshotOf(
  workspaces: WorkspaceView[],
  computes: ComputeView[],
  overrides: Partial<InventorySnapshot> = {},
): InventorySnapshot {
  return {
    workspaces,
    computes,
    clusters: [],
    identities: [],
    problems: [],
    refreshedAt: '2026-11-25T10:00:00.000Z',
    unlisted: [],
    ...overrides,
  };
}

/** An AKS cluster (or Arc with `kind: 'arc'`) with a Succeeded Azure ML extension. */
export function cluster(name: string, overrides: Partial<ClusterView> = {}): ClusterView {
  const subscriptionId = overrides.subscriptionId ?? PRODUCTION;
  const kind = overrides.kind ?? 'aks';
  const type =
    kind === 'aks'
      ? 'Microsoft.ContainerService/managedClusters'
      : 'Microsoft.Kubernetes/connectedClusters';
  const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-aks/providers/${type}/${name}`;
  return {
    id,
    kind,
    name,
    resourceGroup: 'rg-aks',
    subscriptionId,
    subscriptionName: SUBSCRIPTION_NAMES[subscriptionId] ?? 'Some subscription',
    tenantId: TENANT,
    location: 'westeurope',
    connectivityStatus: kind === 'arc' ? 'Connected' : null,
    privateCluster: kind === 'aks' ? false : null,
    azureMlExtension: {
      id: `${id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
      name: 'azureml',
      provisioningState: 'Succeeded',
      version: '1.1.74',
      releaseTrain: 'stable',
    },
    extensionReadable: true,
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    drift: null,
    ...overrides,
  };
}
