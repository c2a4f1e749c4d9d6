import type { ProvisioningState } from '../scenario/schema';

export interface ProvisioningError {
  code: string;
  message: string;
  target?: string;
}

export type ComputeIdentity =
  | { type: 'None' }
  | { type: 'SystemAssigned'; principalId: string; tenantId: string }
  | { type: 'UserAssigned'; identityId: string; principalId: string; clientId: string };

/** A Kubernetes compute attached to a workspace (or another compute type listed beside it). */
export interface ComputeRecord {
  id: string;
  name: string;
  workspaceId: string;
  subscriptionId: string;
  location: string;
  computeType: string;
  /** The attached cluster (Kubernetes computes); other compute types have none. */
  resourceId?: string;
  description?: string;
  /** `properties.properties` as the client sent it (namespace, instance types...). */
  kubernetesProperties: Record<string, unknown>;
  identity: ComputeIdentity;
  createdOn: string;
  modifiedOn: string;
  provisioningState: ProvisioningState;
  provisioningErrors: ProvisioningError[];
  /** A pending change of state (attach settling, late failure); applied lazily when the compute is read after `at`. */
  transition?: { at: number; state: 'Succeeded' | 'Failed'; errors: ProvisioningError[] };
  /** Set by a detach: the compute reads as Deleting until `goneAt`, then no longer exists. */
  goneAt?: number;
}

/** `/subscriptions/../workspaces/{ws}/computes/{name}` -> the workspace id (both lowercase). */
export function workspaceKeyOf(computeKey: string): string {
  return computeKey.replace(/\/computes\/[^/]+$/, '');
}

/** Applies a due transition. Returns false when the compute has finished deleting and must be forgotten. */
export function settleCompute(compute: ComputeRecord, now: number): boolean {
  if (compute.goneAt !== undefined) return now < compute.goneAt;
  if (compute.transition && now >= compute.transition.at) {
    compute.provisioningState = compute.transition.state;
    compute.provisioningErrors = compute.transition.errors;
    compute.modifiedOn = new Date(compute.transition.at).toISOString();
    delete compute.transition;
  }
  return true;
}

/**
 * Azure ML creates `defaultinstancetype` on a Kubernetes compute attached without instance types
 * (documented defaults: requests 100m CPU / 2Gi, limits 2 CPU / 2Gi, no GPU).
 */
const defaultInstanceTypes = {
  defaultInstanceType: 'defaultinstancetype',
  instanceTypes: {
    defaultinstancetype: {
      nodeSelector: null,
      resources: {
        requests: { cpu: '100m', memory: '2Gi', 'nvidia.com/gpu': null },
        limits: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': null },
      },
    },
  },
};

/** The compute resource body as Azure ML returns it (secrets null, as the service never returns them). */
export function computeBody(compute: ComputeRecord): Record<string, unknown> {
  const isKubernetes = compute.computeType === 'Kubernetes';
  const properties: Record<string, unknown> = {
    createdOn: compute.createdOn,
    modifiedOn: compute.modifiedOn,
    description: compute.description ?? null,
    ...(compute.resourceId !== undefined ? { resourceId: compute.resourceId } : {}),
    computeType: compute.computeType,
    provisioningState: compute.provisioningState,
    isAttachedCompute: true,
  };
  if (compute.provisioningErrors.length > 0)
    properties['provisioningErrors'] = compute.provisioningErrors.map((error) => ({ error }));
  if (isKubernetes) {
    properties['properties'] = {
      relayConnectionString: null,
      serviceBusConnectionString: null,
      extensionPrincipalId: null,
      extensionInstanceReleaseTrain: 'stable',
      vcName: null,
      namespace: 'default',
      ...defaultInstanceTypes,
      ...compute.kubernetesProperties,
    };
  }
  return {
    id: compute.id,
    type: 'Microsoft.MachineLearningServices/workspaces/computes',
    name: compute.name,
    location: compute.location,
    ...(compute.identity.type === 'None' ? {} : { identity: identityBody(compute.identity) }),
    properties,
  };
}

function identityBody(identity: ComputeIdentity): Record<string, unknown> {
  switch (identity.type) {
    case 'None':
      return { type: 'None' };
    case 'SystemAssigned':
      return {
        type: 'SystemAssigned',
        principalId: identity.principalId,
        tenantId: identity.tenantId,
      };
    case 'UserAssigned':
      return {
        type: 'UserAssigned',
        userAssignedIdentities: {
          [identity.identityId]: { principalId: identity.principalId, clientId: identity.clientId },
        },
      };
  }
}
