import type { TenantProblem } from '../../shared/domain/accounts';
import { requireArmId, type ArmId } from '../../shared/azure/arm-id';
import { mapWithConcurrency } from '../concurrency/map-with-concurrency';
import type { Logger } from '../logging/logger';
import { armCollectionPath, listArmItems, type ArmListClient } from './arm-resource-lists';
import {
  toAksCluster,
  toArcCluster,
  toAzureMlExtension,
  keptRecords,
  toIdentity,
  type Mapped,
} from './discovery-mapping';
import type {
  AzureMlExtensionRecord,
  ClusterRecord,
  DiscoveredCluster,
  IdentityRecord,
} from './inventory-records';

/**
 * The api-versions Mooring asks for: ones every cloud's ARM serves for these types (the
 * `@azure/arm-*` SDKs' own choices) and that carry every field read here.
 */
export const DISCOVERY_API_VERSIONS = {
  managedClusters: '2025-07-01',
  connectedClusters: '2024-01-01',
  extensions: '2023-05-01',
  userAssignedIdentities: '2023-01-31',
} as const;

/** What listing one kind of cluster gave: the clusters with their extensions, or why not. */
export type ClusterKindListing =
  | { readonly kind: ClusterRecord['kind']; readonly clusters: readonly DiscoveredCluster[] }
  | { readonly kind: ClusterRecord['kind']; readonly problem: TenantProblem };

export type IdentityListing =
  { readonly identities: readonly IdentityRecord[] } | { readonly problem: TenantProblem };

/** The clusters and identities of one subscription; each list succeeds or fails on its own. */
export interface DiscoveryListing {
  readonly clusters: readonly ClusterKindListing[];
  readonly identities: IdentityListing;
}

export interface DiscoveryRequest {
  readonly arm: ArmListClient;
  readonly subscriptionId: string;
  /** How many clusters of the subscription have their extensions listed at once. */
  readonly extensionConcurrency: number;
  readonly abortSignal?: AbortSignal;
  /** Turns a failed list into the problem shown beside the subscription (and logs it). */
  readonly report: (error: unknown, listing: 'clusters' | 'identities') => TenantProblem;
  readonly logger?: Logger;
}

const CLUSTER_TYPES = [
  {
    kind: 'aks',
    namespace: 'Microsoft.ContainerService',
    type: 'managedClusters',
    apiVersion: DISCOVERY_API_VERSIONS.managedClusters,
    toRecord: toAksCluster,
  },
  {
    kind: 'arc',
    namespace: 'Microsoft.Kubernetes',
    type: 'connectedClusters',
    apiVersion: DISCOVERY_API_VERSIONS.connectedClusters,
    toRecord: toArcCluster,
  },
] as const;

/** Lists AKS and Arc clusters (with their Azure ML extension) and user-assigned identities. */
export async function listDiscovery(request: DiscoveryRequest): Promise<DiscoveryListing> {
  const subscription = requireArmId(`/subscriptions/${request.subscriptionId}`, 'subscription id');
  const [clusters, identities] = await Promise.all([
    Promise.all(CLUSTER_TYPES.map((type) => listClusters(type, subscription, request))),
    listIdentities(subscription, request),
  ]);
  return { clusters, identities };
}

async function listClusters(
  t: (typeof CLUSTER_TYPES)[number],
  subscription: ArmId,
  request: DiscoveryRequest,
): Promise<ClusterKindListing> {
  try {
    const items = await listArmItems(
      request.arm,
      armCollectionPath(subscription, t.namespace, t.type),
      t.apiVersion,
      request.abortSignal,
    );
    const clusters = kept(items, (item) => t.toRecord(item, request.subscriptionId), request);
    return { kind: t.kind, clusters: await withExtensions(clusters, request) };
  } catch (error) {
    return { kind: t.kind, problem: request.report(error, 'clusters') };
  }
}

async function listIdentities(
  subscription: ArmId,
  request: DiscoveryRequest,
): Promise<IdentityListing> {
  try {
    const items = await listArmItems(
      request.arm,
      armCollectionPath(subscription, 'Microsoft.ManagedIdentity', 'userAssignedIdentities'),
      DISCOVERY_API_VERSIONS.userAssignedIdentities,
      request.abortSignal,
    );
    return { identities: kept(items, (item) => toIdentity(item, request.subscriptionId), request) };
  } catch (error) {
    return { problem: request.report(error, 'identities') };
  }
}

/** The items that pass their schema; each other one is dropped and logged, never the page. */
const kept = <T>(
  items: readonly unknown[],
  toRecord: (item: unknown) => Mapped<T>,
  request: Pick<DiscoveryRequest, 'logger' | 'subscriptionId'>,
): T[] =>
  keptRecords(items, toRecord, (reason, item) =>
    request.logger?.warn(
      `An item Azure listed in subscription ${request.subscriptionId} was dropped: ${reason}`,
      { id: idForLog(item) },
    ),
  );

const idForLog = (item: unknown): unknown =>
  typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;

/** Each cluster's extensions, a few clusters at a time; a cluster whose list fails is marked unreadable. */
async function withExtensions(
  clusters: readonly ClusterRecord[],
  request: DiscoveryRequest,
): Promise<DiscoveredCluster[]> {
  const outcomes = await mapWithConcurrency(
    clusters,
    request.extensionConcurrency,
    async (cluster): Promise<DiscoveredCluster> => {
      try {
        const items = await listArmItems(
          request.arm,
          armCollectionPath(
            requireArmId(cluster.id, 'cluster id'),
            'Microsoft.KubernetesConfiguration',
            'extensions',
          ),
          DISCOVERY_API_VERSIONS.extensions,
          request.abortSignal,
        );
        const found = kept(items, toAzureMlExtension, request);
        const azureMlExtension: AzureMlExtensionRecord | null =
          found.find((extension) => extension !== null) ?? null;
        return { cluster, extensionReadable: true, azureMlExtension };
      } catch (error) {
        request.logger?.warn(
          `Listing the extensions of cluster ${cluster.name} in subscription ${request.subscriptionId} failed`,
          error instanceof Error ? { name: error.name, message: error.message } : error,
        );
        return { cluster, extensionReadable: false, azureMlExtension: null };
      }
    },
  );
  // The work above never rejects; an outcome that did would be a bug worth failing loudly on.
  return outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
}
