import type { ClusterHistoryEntry } from '../../../shared/domain/cluster-history';
import type { ComputeView, InventorySnapshot } from '../../../shared/domain/inventory';
import { changesText } from '../inventory/drift-text';
import { describeCluster } from '../inventory/cluster-model';
import type { ClusterEntry } from '../inventory/cluster-model';
import { resourceName } from '../inventory/compute-presentation';

/** A compute of the cluster on its page: enough to show its state and open its own page. */
export interface AttachedCompute {
  readonly id: string;
  readonly name: string;
  readonly provisioningState: string;
  readonly namespace: string | null;
}

/** One workspace the cluster is attached to, with its computes there, sorted by name. */
export interface AttachedWorkspace {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly computes: readonly AttachedCompute[];
}

export type ClusterPageModel =
  | {
      /** The id is not among the clusters the record holds for the selected subscriptions. */
      readonly found: false;
      readonly clusterId: string;
      /** The last segment of the id, so the page can still say which cluster it means. */
      readonly name: string;
    }
  | {
      readonly found: true;
      readonly entry: Omit<ClusterEntry, 'attachments'>;
      /** The tenant's name as the subscription list knows it, or its id when it does not. */
      readonly tenantName: string;
      readonly removed: boolean;
      readonly attachments: readonly AttachedWorkspace[];
    };

const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/**
 * What the cluster's page shows, from the inventory snapshot: the cluster (ids compared
 * case-insensitively, as ARM compares them) and the computes that name it, grouped by workspace.
 * Removed computes and computes of removed workspaces are not attached any more; they are left
 * out, as on the cluster's row in the Clusters tab.
 */
export function clusterPage(
  snapshot: Pick<InventorySnapshot, 'clusters' | 'computes' | 'workspaces'>,
  clusterId: string,
  tenantName: (tenantId: string) => string | null,
): ClusterPageModel {
  const key = clusterId.toLowerCase();
  const cluster = snapshot.clusters.find((candidate) => candidate.id.toLowerCase() === key);
  if (!cluster) return { found: false, clusterId, name: resourceName(clusterId) };

  const liveWorkspaces = new Map(
    snapshot.workspaces
      .filter((workspace) => workspace.removedAt === null)
      .map((workspace) => [workspace.id.toLowerCase(), workspace]),
  );
  const byWorkspace = new Map<string, { name: string; computes: ComputeView[] }>();
  for (const compute of snapshot.computes) {
    if (compute.clusterId?.toLowerCase() !== key || compute.removedAt !== null) continue;
    const workspace = liveWorkspaces.get(compute.workspaceId.toLowerCase());
    if (!workspace) continue;
    const entry = byWorkspace.get(workspace.id) ?? { name: workspace.name, computes: [] };
    byWorkspace.set(workspace.id, entry);
    entry.computes.push(compute);
  }
  const attachments = [...byWorkspace.entries()]
    .map(([workspaceId, entry]) => ({
      workspaceId,
      workspaceName: entry.name,
      computes: entry.computes
        .map((compute) => ({
          id: compute.id,
          name: compute.name,
          provisioningState: compute.provisioningState,
          namespace: compute.namespace,
        }))
        .sort((a, b) => byName(a.name, b.name)),
    }))
    .sort((a, b) => byName(a.workspaceName, b.workspaceName));

  return {
    found: true,
    entry: describeCluster(cluster),
    tenantName: tenantName(cluster.tenantId) ?? cluster.tenantId,
    removed: cluster.removedAt !== null,
    attachments,
  };
}

/** What one history row says, and whether it was a change made outside Mooring. */
export interface HistoryLine {
  readonly at: string;
  readonly kind: 'first-seen' | 'changed' | 'removed';
  readonly text: string;
  /** The drift fields of the row, for tests and the marker beside it. */
  readonly fields: readonly string[];
}

function extensionWords(entry: ClusterHistoryEntry): string {
  if (entry.extensionState === null) return 'no Azure ML extension';
  const version = entry.extensionVersion ? ` ${entry.extensionVersion}` : '';
  return `Azure ML extension ${entry.extensionState}${version}`;
}

/**
 * The cluster's history, newest first: when Mooring first recorded it (and its extension then),
 * each change a refresh found made outside Mooring, and its removal.
 */
export function historyLines(entries: readonly ClusterHistoryEntry[]): HistoryLine[] {
  return entries
    .map((entry): HistoryLine => {
      const fields = entry.changes?.map((change) => change.field) ?? [];
      if (entry.removed) {
        return { at: entry.seenAt, kind: 'removed', text: 'Removed outside Mooring', fields };
      }
      if (!entry.changes || entry.changes.length === 0) {
        return {
          at: entry.seenAt,
          kind: 'first-seen',
          text: `First recorded, with ${extensionWords(entry)}`,
          fields,
        };
      }
      return {
        at: entry.seenAt,
        kind: 'changed',
        text: `Changed outside Mooring: ${changesText(entry.changes)}`,
        fields,
      };
    })
    .reverse();
}
