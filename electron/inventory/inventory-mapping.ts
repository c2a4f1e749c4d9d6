import type { ComputeResource, Workspace } from '@azure/arm-machinelearning';
import type { ComputeRecord, ProvisioningError, WorkspaceRecord } from './inventory-records';

/**
 * From the SDK's models to the records Mooring keeps. Every field is picked by name: whatever
 * else Azure sends — `relayConnectionString`, `serviceBusConnectionString`, admin keys of other
 * compute types, instance types — is dropped here and can never reach the database.
 */

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/subscriptions/{s}/resourceGroups/{rg}/...` → `{rg}`; ARM spells the segment in any case. */
export function resourceGroupOf(armId: string): string | null {
  const match = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(armId);
  return match?.[1] ?? null;
}

/** The record of one listed workspace, or undefined for an entry without a usable ARM id. */
export function toWorkspaceRecord(workspace: Workspace): WorkspaceRecord | undefined {
  const id = text(workspace.id);
  const resourceGroup = id ? resourceGroupOf(id) : null;
  if (!id || !resourceGroup || !id.toLowerCase().startsWith('/subscriptions/')) return undefined;
  return {
    id,
    name: text(workspace.name) ?? id.split('/').at(-1) ?? id,
    friendlyName: text(workspace.friendlyName),
    resourceGroup,
    location: text(workspace.location) ?? '',
    storageAccount: text(workspace.storageAccount),
    containerRegistry: text(workspace.containerRegistry),
    keyVault: text(workspace.keyVault),
  };
}

/** `[{error: {code, message, target?, details?}}]` → `[{code, message}]`. */
export function toProvisioningErrors(value: unknown): ProvisioningError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    const error = isRecord(entry) && isRecord(entry['error']) ? entry['error'] : undefined;
    if (!error) return [];
    return [{ code: text(error['code']) ?? 'Unknown', message: text(error['message']) ?? '' }];
  });
}

/** Compute types whose `resourceId` names an AKS or Arc cluster. */
const CLUSTER_COMPUTE_TYPES = new Set(['kubernetes', 'aks']);

interface IdentityFields {
  readonly identityType: string;
  readonly userAssignedIdentityId: string | null;
  readonly principalId: string | null;
}

function identityOf(identity: unknown): IdentityFields {
  if (!isRecord(identity)) {
    return { identityType: 'None', userAssignedIdentityId: null, principalId: null };
  }
  const userAssigned = isRecord(identity['userAssignedIdentities'])
    ? Object.entries(identity['userAssignedIdentities'])
    : [];
  // A Kubernetes compute has at most one user-assigned identity; another compute type with
  // several shows the first, which is what the list can say in one line.
  const [firstUserAssigned] = userAssigned;
  const userAssignedPrincipal =
    firstUserAssigned && isRecord(firstUserAssigned[1])
      ? text(firstUserAssigned[1]['principalId'])
      : null;
  return {
    identityType: text(identity['type']) ?? 'None',
    userAssignedIdentityId: firstUserAssigned ? firstUserAssigned[0] : null,
    // With both kinds, the system-assigned principal is the compute's own.
    principalId: text(identity['principalId']) ?? userAssignedPrincipal,
  };
}

/** The record of one listed compute, or undefined for an entry without a usable ARM id. */
export function toComputeRecord(compute: ComputeResource): ComputeRecord | undefined {
  const id = text(compute.id);
  if (!id || !id.toLowerCase().startsWith('/subscriptions/')) return undefined;
  // Read as plain data: the SDK types `computeType` as a closed union, but Azure adds types the
  // SDK does not know, and those must still be listed.
  const properties: Record<string, unknown> = isRecord(compute.properties)
    ? { ...compute.properties }
    : {};
  const computeType = text(properties['computeType']) ?? 'Unknown';
  const holdsCluster = CLUSTER_COMPUTE_TYPES.has(computeType.toLowerCase());
  const kubernetes = isRecord(properties['properties']) ? properties['properties'] : {};
  return {
    id,
    name: text(compute.name) ?? id.split('/').at(-1) ?? id,
    computeType,
    provisioningState: text(properties['provisioningState']) ?? 'Unknown',
    provisioningErrors: toProvisioningErrors(properties['provisioningErrors']),
    clusterId: holdsCluster ? text(properties['resourceId']) : null,
    namespace: computeType.toLowerCase() === 'kubernetes' ? text(kubernetes['namespace']) : null,
    ...identityOf(compute.identity),
    description: text(properties['description']),
  };
}
