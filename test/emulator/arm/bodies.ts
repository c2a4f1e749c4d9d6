import { stableGuid } from '../core/ids';
import type { ScenarioSubscription, ScenarioTenant } from '../scenario/schema';
import type { ClusterRecord, IdentityRecord, WorkspaceRecord } from '../world/world';

/** Resource bodies shaped as the official examples (azure-examples/) show them. */

const systemData = {
  createdBy: 'admin@contoso.com',
  createdByType: 'User',
  createdAt: '2025-01-15T09:30:00.0000000Z',
  lastModifiedBy: 'admin@contoso.com',
  lastModifiedByType: 'User',
  lastModifiedAt: '2025-01-15T09:30:00.0000000Z',
};

export function tenantBody(t: ScenarioTenant): Record<string, unknown> {
  return {
    id: `/tenants/${t.id}`,
    tenantId: t.id,
    countryCode: t.countryCode,
    displayName: t.displayName,
    domains: [t.defaultDomain],
    tenantCategory: 'Home',
    defaultDomain: t.defaultDomain,
    tenantType: 'AAD',
  };
}

export function subscriptionBody(s: ScenarioSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.id}`,
    subscriptionId: s.id,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    tags: {},
  };
}

export function workspaceBody(w: WorkspaceRecord): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    type: 'Microsoft.MachineLearningServices/workspaces',
    location: w.location,
    identity: { principalId: w.principalId, tenantId: w.tenantId, type: 'SystemAssigned' },
    properties: {
      containerRegistry: w.containerRegistry,
      keyVault: w.keyVault,
      applicationInsights: w.applicationInsights ?? null,
      storageAccount: w.storageAccount,
      discoveryUrl: `https://${w.location}.api.azureml.ms/discovery`,
      friendlyName: w.friendlyName ?? w.name,
      description: w.description ?? '',
      hbiWorkspace: false,
      serviceProvisionedResourceGroup: `${w.name}_${stableGuid('ws-rg', w.id.toLowerCase()).replace(/-/g, '').slice(0, 16)}`,
      privateLinkCount: 0,
      allowPublicAccessWhenBehindVnet: false,
      publicNetworkAccess: 'Enabled',
      imageBuildCompute: null,
      privateEndpointConnections: [],
      sharedPrivateLinkResources: [],
      workspaceId: stableGuid('workspace-id', w.id.toLowerCase()),
      provisioningState: 'Succeeded',
    },
  };
}

export function aksBody(c: ClusterRecord): Record<string, unknown> {
  const dnsPrefix = `${c.name}-dns`;
  return {
    id: c.id,
    location: c.location,
    name: c.name,
    tags: {},
    type: 'Microsoft.ContainerService/ManagedClusters',
    eTag: stableGuid('etag', c.id).slice(0, 8),
    properties: {
      provisioningState: 'Succeeded',
      kubernetesVersion: c.kubernetesVersion,
      currentKubernetesVersion: c.kubernetesVersion,
      maxAgentPools: 100,
      dnsPrefix,
      fqdn: `${dnsPrefix}-${stableGuid('fqdn', c.id).slice(0, 8)}.hcp.${c.location}.azmk8s.io`,
      agentPoolProfiles: [
        {
          name: 'nodepool1',
          count: c.nodeCount,
          vmSize: 'Standard_D4s_v5',
          maxPods: 110,
          osType: 'Linux',
          provisioningState: 'Succeeded',
          orchestratorVersion: c.kubernetesVersion,
          currentOrchestratorVersion: c.kubernetesVersion,
          eTag: stableGuid('pool-etag', c.id).slice(0, 8),
        },
      ],
      linuxProfile: {
        adminUsername: 'azureuser',
        ssh: { publicKeys: [{ keyData: 'ssh-rsa AAAAB3NzaC1yc2E emulator' }] },
      },
      servicePrincipalProfile: { clientId: 'msi' },
      nodeResourceGroup: `MC_${c.resourceGroup}_${c.name}_${c.location}`,
      enableRBAC: true,
      networkProfile: {
        networkPlugin: 'azure',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
      },
    },
  };
}

export function arcBody(c: ClusterRecord, tenantId: string): Record<string, unknown> {
  return {
    name: c.name,
    type: 'Microsoft.Kubernetes/connectedClusters',
    id: c.id,
    identity: {
      type: 'SystemAssigned',
      principalId: stableGuid('arc-identity', c.id.toLowerCase()),
      tenantId,
    },
    location: c.location,
    properties: {
      agentPublicKeyCertificate: Buffer.from(`emulated agent key for ${c.name}`).toString('base64'),
      agentVersion: '1.21.10',
      connectivityStatus: c.connectivityStatus,
      lastConnectivityTime: systemData.lastModifiedAt,
      azureHybridBenefit: 'NotApplicable',
      distribution: 'k3s',
      distributionVersion: '1.0',
      kubernetesVersion: c.kubernetesVersion,
      miscellaneousProperties: {
        createCorrelationId: stableGuid('arc-correlation', c.id),
        infrastructureVersion: '1.1',
      },
      privateLinkState: 'Disabled',
      provisioningState: 'Succeeded',
      totalNodeCount: c.nodeCount,
    },
    systemData,
    tags: {},
  };
}

const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';

/** The cluster's extensions: the Azure ML one when installed, then the others the scenario names. */
export function extensionBodies(c: ClusterRecord): Record<string, unknown>[] {
  const extensions: Record<string, unknown>[] = [];
  const ext = c.azureMlExtension;
  if (ext) {
    extensions.push(
      extensionBody(
        c,
        ext.name,
        azureMlExtensionType,
        'azureml',
        ext.provisioningState,
        ext.version,
        ext.releaseTrain,
      ),
    );
  }
  for (const type of c.otherExtensions) {
    extensions.push(
      extensionBody(
        c,
        type.split(/[./]/).pop() ?? type,
        type,
        'kube-system',
        'Succeeded',
        '1.0.0',
        'Stable',
      ),
    );
  }
  return extensions;
}

/** One extension of the cluster by name (ARM names are case-insensitive), or undefined. */
export function extensionBodyNamed(
  c: ClusterRecord,
  name: string,
): Record<string, unknown> | undefined {
  return extensionBodies(c).find((e) => String(e['name']).toLowerCase() === name.toLowerCase());
}

function extensionBody(
  c: ClusterRecord,
  name: string,
  extensionType: string,
  namespace: string,
  provisioningState: string,
  version: string,
  releaseTrain: string,
): Record<string, unknown> {
  return {
    id: `${c.id}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`,
    type: 'Microsoft.KubernetesConfiguration/extensions',
    name,
    systemData,
    properties: {
      extensionType,
      autoUpgradeMode: 'none',
      autoUpgradeMinorVersion: true,
      releaseTrain,
      version: null,
      scope: { cluster: { releaseNamespace: namespace } },
      configurationSettings: {},
      provisioningState,
      currentVersion: version,
      statuses: [],
      isSystemExtension: false,
    },
  };
}

export function identityBody(i: IdentityRecord): Record<string, unknown> {
  return {
    id: i.id,
    location: i.location,
    name: i.name,
    properties: {
      clientId: i.clientId,
      principalId: i.principalId,
      tenantId: i.tenantId,
      isolationScope: 'None',
    },
    tags: i.tags,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  };
}
