/**
 * Workspace and compute records as a refresh hands them to the inventory store, for the store's
 * tests: plain defaults, and whatever a test is about given as overrides.
 */
import type { ComputeRecord, WorkspaceRecord } from '../../electron/inventory/inventory-records';

/** The demo's production subscription. */
export const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';

/** A workspace in West Europe with no linked resources. */
export const workspaceRecord = (name: string, resourceGroup = 'rg-ml'): WorkspaceRecord => ({
  id: `/subscriptions/${SUB}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  name,
  friendlyName: null,
  resourceGroup,
  location: 'westeurope',
  storageAccount: null,
  containerRegistry: null,
  keyVault: null,
});

/** A Succeeded Kubernetes compute of the workspace, in `default`, with no identity. */
export const computeRecord = (
  workspace: WorkspaceRecord,
  name: string,
  overrides: Partial<ComputeRecord> = {},
): ComputeRecord => ({
  id: `${workspace.id}/computes/${name}`,
  name,
  computeType: 'Kubernetes',
  provisioningState: 'Succeeded',
  provisioningErrors: [],
  clusterId: null,
  namespace: 'default',
  identityType: 'None',
  userAssignedIdentityId: null,
  principalId: null,
  description: null,
  ...overrides,
});
