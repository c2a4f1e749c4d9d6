/** ARM resource ids of the resource types the emulator serves (canonical casing as Azure returns them). */

export function subscriptionScope(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export function workspaceId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces/${name}`;
}

export function clusterId(
  kind: 'aks' | 'arc',
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): string {
  const type =
    kind === 'aks'
      ? 'Microsoft.ContainerService/managedClusters'
      : 'Microsoft.Kubernetes/connectedClusters';
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/${type}/${name}`;
}

export function userAssignedIdentityId(
  subscriptionId: string,
  resourceGroup: string,
  name: string,
): string {
  return `${resourceGroupId(subscriptionId, resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
}

export function computeId(workspace: string, name: string): string {
  return `${workspace}/computes/${name}`;
}

/** The subscription GUID an ARM id or scope lives in, if any. */
export function subscriptionOf(id: string): string | undefined {
  return /^\/?subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}

const clusterIdPattern =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/(Microsoft\.ContainerService\/managedClusters|Microsoft\.Kubernetes\/connectedClusters)\/([^/]+)$/i;

/** Recognises an AKS or Arc cluster id (any casing), as a compute's `resourceId` must be. */
export function parseClusterId(
  id: string,
):
  { kind: 'aks' | 'arc'; subscriptionId: string; resourceGroup: string; name: string } | undefined {
  const match = clusterIdPattern.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', type = '', name = ''] = match;
  return {
    kind: type.toLowerCase().startsWith('microsoft.containerservice') ? 'aks' : 'arc',
    subscriptionId,
    resourceGroup,
    name,
  };
}
