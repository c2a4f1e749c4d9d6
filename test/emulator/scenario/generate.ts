import { stableGuid } from '../core/ids';
import { clusterId, userAssignedIdentityId, workspaceId } from '../core/resourceIds';
import { faultsSchema, settingsSchema, type Scenario } from './schema';

export interface ScenarioSize {
  tenants: number;
  subscriptionsPerTenant: number;
  workspacesPerSubscription: number;
  computesPerWorkspace: number;
  clustersPerSubscription: number;
  identitiesPerSubscription: number;
}

/** The scale the app must handle: 100 tenants × 50 subscriptions × 20 workspaces × 20 computes. */
export const largeScenarioSize: ScenarioSize = {
  tenants: 100,
  subscriptionsPerTenant: 50,
  workspacesPerSubscription: 20,
  computesPerWorkspace: 20,
  clustersPerSubscription: 5,
  identitiesPerSubscription: 2,
};

const locations = [
  'westeurope',
  'northeurope',
  'eastus',
  'eastus2',
  'westus3',
  'uksouth',
  'swedencentral',
  'japaneast',
];
const states = [
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'Succeeded',
  'Failed',
  'Creating',
  'Updating',
] as const;

/**
 * A scenario of any size, built in memory (never committed) and valid by construction, so it is returned already
 * parsed. One account, `admin@tenant0.example`, is Owner of every subscription and a guest in every tenant.
 */
export function generateScenario(size: ScenarioSize = largeScenarioSize): Scenario {
  const s: Scenario = {
    name: `generated-${size.tenants}x${size.subscriptionsPerTenant}x${size.workspacesPerSubscription}x${size.computesPerWorkspace}`,
    tenants: [],
    accounts: [],
    servicePrincipals: [],
    subscriptions: [],
    resourceGroups: [],
    workspaces: [],
    clusters: [],
    identities: [],
    computes: [],
    customRoles: [],
    roleAssignments: [],
    settings: settingsSchema.parse({}),
    faults: faultsSchema.parse({}),
  };
  for (let t = 0; t < size.tenants; t++) {
    const tenantId = stableGuid('gen-tenant', String(t));
    s.tenants.push({
      id: tenantId,
      displayName: `Tenant ${t}`,
      defaultDomain: `tenant${t}.example`,
      countryCode: 'US',
      requiresInteractiveSignIn: false,
    });
    for (let u = 0; u < size.subscriptionsPerTenant; u++) {
      const sub = stableGuid('gen-sub', `${t}/${u}`);
      const location = locations[(t + u) % locations.length] ?? 'westeurope';
      s.subscriptions.push({
        id: sub,
        tenantId,
        displayName: `Tenant ${t} subscription ${u}`,
        state: 'Enabled',
      });
      s.resourceGroups.push({ subscriptionId: sub, name: 'rg-ml', location });
      s.roleAssignments.push({
        scope: `/subscriptions/${sub}`,
        principal: 'admin@tenant0.example',
        role: 'Owner',
      });
      const clusters: string[] = [];
      for (let c = 0; c < size.clustersPerSubscription; c++) {
        const kind = c % 3 === 2 ? 'arc' : 'aks';
        const name = `${kind}-${c}`;
        s.clusters.push({
          kind,
          subscriptionId: sub,
          resourceGroup: 'rg-ml',
          name,
          location,
          kubernetesVersion: '1.31.2',
          nodeCount: 3,
          namespaces: ['default', 'kube-system', 'azureml'],
          apiServer: { reachable: true, rbacAllowsNamespaceRead: true, localAccounts: false },
          azureMlExtension:
            c === 0
              ? null
              : {
                  name: 'azureml',
                  provisioningState: 'Succeeded',
                  version: '1.1.74',
                  releaseTrain: 'stable',
                },
          otherExtensions: [],
          connectivityStatus: 'Connected',
        });
        clusters.push(clusterId(kind, sub, 'rg-ml', name));
      }
      for (let i = 0; i < size.identitiesPerSubscription; i++)
        s.identities.push({
          subscriptionId: sub,
          resourceGroup: 'rg-ml',
          name: `id-${i}`,
          location,
        });
      for (let w = 0; w < size.workspacesPerSubscription; w++) {
        const name = `mlw-${w}`;
        const base = `/subscriptions/${sub}/resourceGroups/rg-ml/providers`;
        s.workspaces.push({
          subscriptionId: sub,
          resourceGroup: 'rg-ml',
          name,
          location,
          storageAccount: `${base}/Microsoft.Storage/storageAccounts/st${t}x${u}x${w}`,
          containerRegistry: `${base}/Microsoft.ContainerRegistry/registries/cr${t}x${u}x${w}`,
          keyVault: `${base}/Microsoft.KeyVault/vaults/kv-${t}-${u}-${w}`,
        });
        const ws = workspaceId(sub, 'rg-ml', name);
        for (let k = 0; k < size.computesPerWorkspace; k++) {
          const state = states[k % states.length] ?? 'Succeeded';
          const identity =
            k % 3 === 0
              ? { type: 'SystemAssigned' as const }
              : k % 3 === 1 && size.identitiesPerSubscription > 0
                ? {
                    type: 'UserAssigned' as const,
                    userAssignedIdentityId: userAssignedIdentityId(sub, 'rg-ml', 'id-0'),
                  }
                : { type: 'None' as const };
          s.computes.push({
            workspaceId: ws,
            name: `k8s-${k}`,
            clusterId: clusters[k % Math.max(1, clusters.length)] ?? '',
            namespace: 'default',
            provisioningState: state,
            provisioningErrors:
              state === 'Failed'
                ? [
                    {
                      code: 'BadRequest',
                      message:
                        'The Azure Machine Learning extension is not installed on the cluster.',
                    },
                  ]
                : [],
            identity,
            computeType: 'Kubernetes',
          });
        }
      }
    }
  }
  s.accounts.push({
    username: 'admin@tenant0.example',
    name: 'Scale Admin',
    homeTenantId: s.tenants[0]?.id ?? '',
    guestTenantIds: s.tenants.slice(1).map((t) => t.id),
  });
  return s;
}
