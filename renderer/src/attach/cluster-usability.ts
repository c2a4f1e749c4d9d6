import type { ClusterView } from '../../../shared/domain/clusters';
import type { WorkspaceView } from '../../../shared/domain/inventory';

/** Whether a cluster can be attached to the chosen workspace(s), and if not, why in plain words. */
export type ClusterUsability =
  | { readonly usable: true; readonly note: string | null }
  | { readonly usable: false; readonly reason: string };

/** The extension's state as a cluster row shows it: "Azure ML extension 1.1.64 · Succeeded". */
export function extensionStatusText(cluster: ClusterView): string {
  if (!cluster.extensionReadable) return 'Azure ML extension could not be read';
  const extension = cluster.azureMlExtension;
  if (!extension) return 'No Azure ML extension';
  const version = extension.version ? ` ${extension.version}` : '';
  return `Azure ML extension${version} · ${extension.provisioningState}`;
}

export type ExtensionTone = 'success' | 'danger' | 'warning' | 'informative';

export function extensionTone(cluster: ClusterView): ExtensionTone {
  if (!cluster.extensionReadable) return 'warning';
  const state = cluster.azureMlExtension?.provisioningState.toLowerCase();
  if (state === undefined) return 'danger';
  if (state === 'succeeded') return 'success';
  if (state === 'failed') return 'danger';
  return 'warning';
}

const isDisconnected = (cluster: ClusterView): boolean =>
  cluster.kind === 'arc' &&
  cluster.connectivityStatus !== null &&
  cluster.connectivityStatus.toLowerCase() !== 'connected';

/**
 * The reasons a cluster cannot be used, in the order the user would fix them. Attaching anyway
 * would fail, often an hour later and with the reason buried in provisioning errors, so the
 * wizard disables such clusters and says why.
 */
export function clusterUsability(
  cluster: ClusterView,
  workspaces: readonly Pick<WorkspaceView, 'subscriptionId' | 'name'>[],
): ClusterUsability {
  if (cluster.removedAt !== null) {
    return { usable: false, reason: 'Removed outside Mooring: it no longer exists in Azure.' };
  }
  const elsewhere = workspaces.filter(
    (workspace) => workspace.subscriptionId.toLowerCase() !== cluster.subscriptionId.toLowerCase(),
  );
  if (elsewhere.length > 0) {
    const names = elsewhere.map((workspace) => workspace.name).join(', ');
    return {
      usable: false,
      reason: `In another subscription (${cluster.subscriptionName}) than ${names}: Azure ML attaches only clusters of the workspace's own subscription.`,
    };
  }
  if (cluster.extensionReadable) {
    const extension = cluster.azureMlExtension;
    if (!extension) {
      return {
        usable: false,
        reason:
          'It has no Azure Machine Learning extension: install it first (the preflight gives the az k8s-extension create command).',
      };
    }
    if (extension.provisioningState.toLowerCase() !== 'succeeded') {
      return {
        usable: false,
        reason: `The Azure Machine Learning extension is ${extension.provisioningState}, not Succeeded: wait for it or reinstall it.`,
      };
    }
  }
  if (isDisconnected(cluster)) {
    return {
      usable: false,
      reason: `The Arc agent is ${cluster.connectivityStatus}: Azure cannot reach the cluster until it is Connected again.`,
    };
  }
  if (!cluster.extensionReadable) {
    return {
      usable: true,
      note: 'Mooring could not read its extensions; the preflight checks again before you attach.',
    };
  }
  return { usable: true, note: null };
}

export const clusterKindLabel = (cluster: Pick<ClusterView, 'kind'>): string =>
  cluster.kind === 'aks' ? 'AKS' : 'Azure Arc';
