import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { resourceName } from '../inventory/compute-presentation';
import type { InventoryTarget } from '../inventory/inventory-layout';
import { workspaceTitle } from '../inventory/inventory-model';
import type { PaletteSource } from './palette-items';

const REMOVED = ' · removed outside Mooring';

/**
 * The palette's workspaces and computes, from the inventory's local record. Choosing one calls
 * `jump` with it, which opens Inventory on it.
 */
export function inventoryPaletteSources(
  snapshot: Pick<InventorySnapshot, 'workspaces' | 'computes'>,
  jump: (target: InventoryTarget) => void,
): PaletteSource[] {
  const workspaces: PaletteSource = {
    id: 'workspaces',
    heading: 'Workspaces',
    limit: 50,
    items: snapshot.workspaces.map((workspace) => ({
      id: `workspace:${workspace.id}`,
      title: workspaceTitle(workspace),
      detail: `${workspace.subscriptionName} · ${workspace.resourceGroup} · ${workspace.location}${workspace.removedAt ? REMOVED : ''}`,
      keywords: `${workspace.id} ${workspace.name}`,
      run: () => jump({ kind: 'workspace', id: workspace.id }),
    })),
  };
  const computes: PaletteSource = {
    id: 'computes',
    heading: 'Computes',
    limit: 50,
    items: snapshot.computes.map((compute) => {
      // A removed compute is not in its last state: REMOVED below says what it is.
      const where = compute.removedAt
        ? [compute.workspaceName]
        : [compute.workspaceName, compute.provisioningState];
      if (compute.clusterId) where.push(resourceName(compute.clusterId));
      return {
        id: `compute:${compute.id}`,
        title: compute.name,
        detail: `${where.join(' · ')}${compute.removedAt ? REMOVED : ''}`,
        keywords: [compute.id, compute.clusterId ?? '', compute.namespace ?? ''].join(' '),
        run: () => jump({ kind: 'compute', id: compute.id }),
      };
    }),
  };
  return [workspaces, computes];
}
