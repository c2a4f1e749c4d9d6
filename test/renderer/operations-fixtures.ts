import type { ClusterView, UserAssignedIdentityView } from '../../shared/domain/clusters';
import type { WorkspaceView } from '../../shared/domain/inventory';
import type { OperationView, PreflightReport } from '../../shared/domain/operations';
import { PRODUCTION } from './inventory-fixtures';

const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';

/** An AKS cluster of the production subscription with a healthy Azure ML extension; only what a test names differs. */
export function cluster(name: string, overrides: Partial<ClusterView> = {}): ClusterView {
  const subscriptionId = overrides.subscriptionId ?? PRODUCTION;
  const kind = overrides.kind ?? 'aks';
  const provider =
    kind === 'aks'
      ? 'Microsoft.ContainerService/managedClusters'
      : 'Microsoft.Kubernetes/connectedClusters';
  const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-aks/providers/${provider}/${name}`;
  return {
    id,
    kind,
    name,
    resourceGroup: 'rg-aks',
    subscriptionId,
    subscriptionName: 'Contoso ML Production',
    tenantId: TENANT,
    location: 'westeurope',
    connectivityStatus: kind === 'arc' ? 'Connected' : null,
    privateCluster: kind === 'aks' ? false : null,
    azureMlExtension: {
      id: `${id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
      name: 'azureml',
      provisioningState: 'Succeeded',
      version: '1.1.64',
      releaseTrain: 'stable',
    },
    extensionReadable: true,
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    drift: null,
    ...overrides,
  };
}

export function identity(
  name: string,
  overrides: Partial<UserAssignedIdentityView> = {},
): UserAssignedIdentityView {
  const subscriptionId = overrides.subscriptionId ?? PRODUCTION;
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
    name,
    resourceGroup: 'rg-identities',
    subscriptionId,
    tenantId: TENANT,
    location: 'westeurope',
    clientId: '11111111-2222-4333-8444-555555555555',
    principalId: '66666666-7777-4888-9999-000000000000',
    lastSyncedAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    ...overrides,
  };
}

let operations = 0;
/** A running attach of `computeName` to `parent`; only what a test names differs. */
export function operation(
  parent: WorkspaceView,
  computeName: string,
  overrides: Partial<OperationView> = {},
): OperationView {
  operations += 1;
  return {
    operationId: `op-${operations}`,
    kind: 'attach',
    status: 'running',
    computeId: `${parent.id}/computes/${computeName}`,
    computeName,
    workspaceId: parent.id,
    workspaceName: parent.name,
    clusterId: null,
    subscriptionId: parent.subscriptionId,
    tenantId: TENANT,
    accountId: `oid.${TENANT}`,
    summary: `Attach aks-prod to ${parent.name} as ${computeName}`,
    createdAt: '2026-11-25T10:00:00.000Z',
    startedAt: '2026-11-25T10:00:01.000Z',
    endedAt: null,
    lastPolledAt: null,
    pollCount: 0,
    provisioningState: 'Creating',
    errors: [],
    message: null,
    ...overrides,
  };
}

export const report = (
  outcomes: PreflightReport['findings'][number]['outcome'][],
): PreflightReport => ({
  findings: outcomes.map((outcome, index) => ({
    check: index % 2 === 0 ? 'namespace' : 'extension',
    outcome,
    title: `Check ${index} ${outcome}`,
    detail: 'What it means.',
    command: outcome === 'failed' ? 'kubectl create namespace team-a' : null,
  })),
  blocking: outcomes.includes('failed'),
  checkedAt: '2026-11-25T10:00:00.000Z',
});
