import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { extensionBadge } from '../inventory/cluster-model';
import type { PaletteSource } from './palette-items';

/**
 * The palette's clusters, from the inventory's local record: each opens the cluster's page.
 * The detail says what an admin looks for first: kind, where it lives, its extension.
 */
export function clusterPaletteSource(
  snapshot: Pick<InventorySnapshot, 'clusters'>,
  open: (clusterId: string) => void,
): PaletteSource {
  return {
    id: 'clusters',
    heading: 'Clusters',
    limit: 50,
    items: snapshot.clusters.map((cluster) => ({
      id: `cluster:${cluster.id}`,
      title: cluster.name,
      detail: [
        cluster.kind === 'aks' ? 'AKS' : 'Arc',
        cluster.subscriptionName,
        cluster.resourceGroup,
        cluster.removedAt ? 'removed outside Mooring' : extensionBadge(cluster).label,
      ].join(' · '),
      keywords: `${cluster.id} ${cluster.location} cluster`,
      run: () => open(cluster.id),
    })),
  };
}
