import type { ClusterView } from '../../../shared/domain/clusters';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import type { BadgeColor } from './compute-presentation';

/** The state of a cluster's Azure ML extension, as the badge beside it says it. */
export type ExtensionState = 'ready' | 'in-progress' | 'failed' | 'missing' | 'unreadable';

export interface ExtensionBadge {
  readonly state: ExtensionState;
  readonly label: string;
  readonly color: BadgeColor;
  /** One sentence for the tooltip: what the state means for attaching. */
  readonly explanation: string;
}

/**
 * Which badge a cluster's Azure ML extension gets. Only a Succeeded extension lets Azure ML use
 * the cluster; anything else is said plainly, and "not readable" never passes for "missing".
 */
export function extensionBadge(
  cluster: Pick<ClusterView, 'azureMlExtension' | 'extensionReadable'>,
): ExtensionBadge {
  if (!cluster.extensionReadable) {
    return {
      state: 'unreadable',
      label: 'Extension not readable',
      color: 'warning',
      explanation:
        'Mooring could not list the extensions of this cluster at the last refresh; refresh again, or ask for the Reader role on the cluster.',
    };
  }
  const extension = cluster.azureMlExtension;
  if (!extension) {
    return {
      state: 'missing',
      label: 'Azure ML extension missing',
      color: 'informative',
      explanation:
        'The Azure ML extension (Microsoft.AzureML.Kubernetes) is not installed: install it before attaching this cluster.',
    };
  }
  const state = extension.provisioningState.toLowerCase();
  if (state === 'succeeded') {
    return {
      state: 'ready',
      label: 'Azure ML extension Succeeded',
      color: 'success',
      explanation: 'The Azure ML extension is installed: this cluster can be attached.',
    };
  }
  if (state === 'failed' || state === 'canceled') {
    return {
      state: 'failed',
      label: `Azure ML extension ${extension.provisioningState}`,
      color: 'danger',
      explanation:
        'Installing the Azure ML extension did not succeed: repair or reinstall it before attaching this cluster.',
    };
  }
  return {
    state: 'in-progress',
    label: `Azure ML extension ${extension.provisioningState}`,
    color: 'brand',
    explanation: 'The Azure ML extension is being changed: wait until it has Succeeded.',
  };
}

/** Where a cluster is attached: one entry per workspace, with the computes there. */
export interface ClusterAttachment {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly computeNames: readonly string[];
}

export interface ClusterEntry {
  readonly cluster: ClusterView;
  readonly kindLabel: 'AKS' | 'Arc';
  readonly extension: ExtensionBadge;
  /** Arc's connectivity, or for AKS whether its API server is private; null when nothing to say. */
  readonly connectivity: string | null;
  /** True for an Arc cluster that is not Connected: Azure ML cannot reach it now. */
  readonly connectivityWarning: boolean;
  /** Sorted by workspace name; empty when the cluster is attached nowhere. */
  readonly attachments: readonly ClusterAttachment[];
}

export interface ClusterGroup {
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly clusters: readonly ClusterEntry[];
}

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

function connectivityOf(cluster: ClusterView): string | null {
  if (cluster.kind === 'arc') {
    return cluster.connectivityStatus ? cluster.connectivityStatus : null;
  }
  return cluster.privateCluster ? 'Private API server' : null;
}

/** What a cluster's row and its page say of it, apart from where it is attached. */
export function describeCluster(cluster: ClusterView): Omit<ClusterEntry, 'attachments'> {
  return {
    cluster,
    kindLabel: cluster.kind === 'aks' ? 'AKS' : 'Arc',
    extension: extensionBadge(cluster),
    connectivity: connectivityOf(cluster),
    connectivityWarning:
      cluster.kind === 'arc' &&
      cluster.connectivityStatus !== null &&
      cluster.connectivityStatus.toLowerCase() !== 'connected',
  };
}

/**
 * The clusters by subscription, each with where it is attached: the workspaces whose computes
 * (not removed) name it as their cluster, matched case-insensitively as ARM ids compare.
 * Removed clusters come last in their subscription.
 */
export function groupClusters(
  snapshot: Pick<InventorySnapshot, 'clusters' | 'computes' | 'workspaces'>,
): ClusterGroup[] {
  const liveWorkspaces = new Map(
    snapshot.workspaces
      .filter((workspace) => workspace.removedAt === null)
      .map((workspace) => [workspace.id.toLowerCase(), workspace]),
  );
  const byCluster = new Map<string, Map<string, { name: string; computes: string[] }>>();
  for (const compute of snapshot.computes) {
    if (!compute.clusterId || compute.removedAt !== null) continue;
    const workspace = liveWorkspaces.get(compute.workspaceId.toLowerCase());
    if (!workspace) continue;
    const key = compute.clusterId.toLowerCase();
    const workspaces =
      byCluster.get(key) ?? new Map<string, { name: string; computes: string[] }>();
    byCluster.set(key, workspaces);
    const entry = workspaces.get(workspace.id) ?? { name: workspace.name, computes: [] };
    workspaces.set(workspace.id, entry);
    entry.computes.push(compute.name);
  }

  const groups = new Map<string, { name: string; clusters: ClusterEntry[] }>();
  for (const cluster of snapshot.clusters) {
    const attached = byCluster.get(cluster.id.toLowerCase());
    const attachments = [...(attached?.entries() ?? [])]
      .map(([workspaceId, entry]) => ({
        workspaceId,
        workspaceName: entry.name,
        computeNames: [...entry.computes].sort(byName),
      }))
      .sort((a, b) => byName(a.workspaceName, b.workspaceName));
    const group = groups.get(cluster.subscriptionId) ?? {
      name: cluster.subscriptionName,
      clusters: [],
    };
    groups.set(cluster.subscriptionId, group);
    group.clusters.push({ ...describeCluster(cluster), attachments });
  }
  return [...groups.entries()]
    .map(([subscriptionId, group]) => ({
      subscriptionId,
      subscriptionName: group.name,
      clusters: group.clusters.sort(
        (a, b) =>
          Number(a.cluster.removedAt !== null) - Number(b.cluster.removedAt !== null) ||
          byName(a.cluster.name, b.cluster.name) ||
          a.cluster.id.localeCompare(b.cluster.id),
      ),
    }))
    .sort(
      (a, b) =>
        byName(a.subscriptionName, b.subscriptionName) ||
        a.subscriptionId.localeCompare(b.subscriptionId),
    );
}

/** "Attached to mlw-a (gpu, cpu), mlw-b (train)" or "Not attached to any workspace". */
export function attachmentText(attachments: readonly ClusterAttachment[]): string {
  if (attachments.length === 0) return 'Not attached to any workspace';
  return `Attached to ${attachments
    .map((a) => `${a.workspaceName} (${a.computeNames.join(', ')})`)
    .join(', ')}`;
}

/** "7 clusters, 3 ready for Azure ML". */
export function clusterCountText(groups: readonly ClusterGroup[]): string {
  const all = groups.flatMap((group) => group.clusters).filter((e) => e.cluster.removedAt === null);
  const ready = all.filter((entry) => entry.extension.state === 'ready').length;
  return `${all.length} ${all.length === 1 ? 'cluster' : 'clusters'}, ${ready} ready for Azure ML`;
}
