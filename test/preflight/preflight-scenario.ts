import { parseScenario } from '../emulator/scenario/load';
import type { Scenario, ScenarioInput } from '../emulator/scenario/schema';

/**
 * One workspace and one cluster per preflight finding, in two subscriptions of one tenant.
 * Accounts: admin (Owner of both), ops (Contributor on rg-ml, Reader on the locked identity's
 * group), reader (Reader of the subscription), operator (Reader of rg-ml, Managed Identity
 * Operator on the locked identity).
 */
export const T = '11111111-1111-4111-8111-111111111111';
export const SUB = '22222222-2222-4222-8222-222222222222';
export const OTHER_SUB = '33333333-3333-4333-8333-333333333333';
export const RG = 'rg-ml';
export const LOCKED_RG = 'rg-locked';

const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const workspaceId = `${rgId(SUB, RG)}/providers/Microsoft.MachineLearningServices/workspaces/ws-main`;
export const aksId = (name: string, sub = SUB) =>
  `${rgId(sub, RG)}/providers/Microsoft.ContainerService/managedClusters/${name}`;
export const arcId = (name: string) =>
  `${rgId(SUB, RG)}/providers/Microsoft.Kubernetes/connectedClusters/${name}`;
export const identityId = (rg: string, name: string) =>
  `${rgId(SUB, rg)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

const extension = { provisioningState: 'Succeeded' as const };
const aks = (name: string, extra: Record<string, unknown> = {}, sub = SUB) => ({
  kind: 'aks' as const,
  subscriptionId: sub,
  resourceGroup: RG,
  name,
  location: 'westeurope',
  azureMlExtension: extension,
  ...extra,
});

/** Whether this emulator reports Arc connectivity (a scenario field of its own). */
export function arcConnectivitySupported(): boolean {
  const probe = { ...aks('probe'), kind: 'arc', connectivityStatus: 'Offline' };
  try {
    // A field this version of the scenario schema may not know yet.
    parseScenario({ ...baseScenario(), clusters: [probe] });
    return true;
  } catch {
    return false;
  }
}

function baseScenario(): ScenarioInput {
  return {
    name: 'preflight',
    tenants: [{ id: T, displayName: 'Contoso', defaultDomain: 'contoso.com' }],
    accounts: ['admin', 'ops', 'reader', 'operator'].map((who) => ({
      username: `${who}@contoso.com`,
      name: who,
      homeTenantId: T,
    })),
    subscriptions: [
      { id: SUB, tenantId: T, displayName: 'ML' },
      { id: OTHER_SUB, tenantId: T, displayName: 'Platform' },
    ],
    resourceGroups: [
      { subscriptionId: SUB, name: RG, location: 'westeurope' },
      { subscriptionId: SUB, name: LOCKED_RG, location: 'westeurope' },
      { subscriptionId: OTHER_SUB, name: RG, location: 'westeurope' },
    ],
    workspaces: [
      {
        subscriptionId: SUB,
        resourceGroup: RG,
        name: 'ws-main',
        location: 'westeurope',
        storageAccount: `${rgId(SUB, RG)}/providers/Microsoft.Storage/storageAccounts/stmain`,
        keyVault: `${rgId(SUB, RG)}/providers/Microsoft.KeyVault/vaults/kv-main`,
      },
    ],
    clusters: [],
    identities: [
      { subscriptionId: SUB, resourceGroup: RG, name: 'id-open', location: 'westeurope' },
      { subscriptionId: SUB, resourceGroup: LOCKED_RG, name: 'id-locked', location: 'westeurope' },
    ],
    roleAssignments: [
      { scope: `/subscriptions/${SUB}`, principal: 'admin@contoso.com', role: 'Owner' },
      { scope: `/subscriptions/${OTHER_SUB}`, principal: 'admin@contoso.com', role: 'Owner' },
      { scope: rgId(SUB, RG), principal: 'ops@contoso.com', role: 'Contributor' },
      { scope: rgId(SUB, LOCKED_RG), principal: 'ops@contoso.com', role: 'Reader' },
      { scope: `/subscriptions/${SUB}`, principal: 'reader@contoso.com', role: 'Reader' },
      { scope: rgId(SUB, RG), principal: 'operator@contoso.com', role: 'Reader' },
      {
        scope: identityId(LOCKED_RG, 'id-locked'),
        principal: 'operator@contoso.com',
        role: 'Managed Identity Operator',
      },
    ],
  };
}

/** Parsed (defaults applied); Arc clusters carry their connectivity where the schema has it. */
export function preflightScenario(): Scenario {
  const arcWith = (name: string, status?: string) => ({
    ...aks(name),
    kind: 'arc' as const,
    ...(status && arcConnectivitySupported() ? { connectivityStatus: status } : {}),
  });
  return parseScenario({
    ...baseScenario(),
    clusters: [
      aks('aks-ready', { namespaces: ['default', 'kube-system', 'azureml', 'team-a'] }),
      aks('aks-bare', { azureMlExtension: null }),
      aks('aks-broken', { azureMlExtension: { provisioningState: 'Failed' } }),
      aks('aks-east', { location: 'eastus' }),
      aks('aks-rbac', { apiServer: { rbacAllowsNamespaceRead: false } }),
      aks('aks-private', { apiServer: { reachable: false } }),
      aks('aks-local', { apiServer: { localAccounts: true }, namespaces: ['default', 'team-a'] }),
      aks('aks-platform', {}, OTHER_SUB),
      arcWith('arc-ready'),
      arcWith('arc-offline', 'Offline'),
      arcWith('arc-connecting', 'Connecting'),
    ],
    computes: [
      { workspaceId, name: 'taken-aml', computeType: 'AmlCompute' },
      { workspaceId, name: 'taken-k8s', clusterId: aksId('aks-ready') },
    ],
  });
}
