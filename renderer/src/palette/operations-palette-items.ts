import type { InventorySnapshot } from '../../../shared/domain/inventory';
import { clusterKindLabel, extensionStatusText } from '../attach/cluster-usability';
import { isKubernetes } from '../inventory/compute-presentation';
import { workspaceTitle } from '../inventory/inventory-model';
import type { AttachIntent } from '../state/attach-store';
import type { PaletteItem, PaletteSource } from './palette-items';

export interface OperationsPaletteHandlers {
  readonly openAttach: (intent: AttachIntent) => void;
  readonly openCompute: (computeId: string) => void;
  /** Why attach cannot start now (Azure cannot be reached), or null. */
  readonly attachBlocked?: string | null;
}

/**
 * The palette's way into the job itself: attach (from nothing, a workspace or a cluster) and
 * each Kubernetes compute's page, from the inventory's local record.
 */
export function operationsPaletteSources(
  snapshot: Pick<InventorySnapshot, 'workspaces' | 'computes' | 'clusters'> | null,
  handlers: OperationsPaletteHandlers,
): PaletteSource[] {
  // Attach needs Azure (its preflight and its request): offline, each item says why it waits.
  const blocked = handlers.attachBlocked ? { blocked: handlers.attachBlocked } : {};
  const attachItems: PaletteItem[] = [
    {
      id: 'attach:new',
      title: 'Attach a cluster',
      detail: 'Attach an AKS or Arc-enabled cluster to a workspace as a Kubernetes compute',
      keywords: 'attach compute kubernetes aks arc new',
      run: () => handlers.openAttach({}),
    },
    {
      id: 'attach:bulk',
      title: 'Attach one cluster to several workspaces',
      detail: 'Bulk attach: one compute per workspace',
      keywords: 'attach bulk many multiple workspaces',
      run: () => handlers.openAttach({ bulk: true }),
    },
    ...(snapshot?.clusters ?? [])
      .filter((cluster) => cluster.removedAt === null)
      .map((cluster) => ({
        id: `attach:cluster:${cluster.id}`,
        title: `Attach ${cluster.name}`,
        detail: `${clusterKindLabel(cluster)} · ${extensionStatusText(cluster)} · ${cluster.subscriptionName}`,
        keywords: `attach cluster ${cluster.id}`,
        run: () => handlers.openAttach({ clusterId: cluster.id }),
      })),
    ...(snapshot?.workspaces ?? [])
      .filter((workspace) => workspace.removedAt === null)
      .map((workspace) => ({
        id: `attach:workspace:${workspace.id}`,
        title: `Attach a cluster to ${workspaceTitle(workspace)}`,
        detail: `${workspace.subscriptionName} · ${workspace.resourceGroup}`,
        keywords: `attach workspace ${workspace.id}`,
        run: () => handlers.openAttach({ workspaceId: workspace.id }),
      })),
  ];
  const attach: PaletteSource = {
    id: 'attach',
    heading: 'Attach',
    limit: 8,
    items: attachItems.map((item) => ({ ...item, ...blocked })),
  };
  const pages: PaletteSource = {
    id: 'compute-pages',
    heading: 'Compute pages',
    limit: 20,
    items: (snapshot?.computes ?? []).filter(isKubernetes).map((compute) => ({
      id: `compute-page:${compute.id}`,
      title: `Open ${compute.name}`,
      detail: `${compute.workspaceName} · ${compute.provisioningState} · identity, states, operations, detach`,
      keywords: `compute page identity detach ${compute.id}`,
      run: () => handlers.openCompute(compute.id),
    })),
  };
  return [attach, pages];
}
