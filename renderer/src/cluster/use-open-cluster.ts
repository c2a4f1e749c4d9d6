import { useCallback } from 'react';
import { useAzureStores } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';

/**
 * Opens a cluster's page, shown in the Inventory area until the user goes back. Opened from a
 * compute's page (`fromComputeId`), Back returns to that compute; from anywhere else, to the
 * inventory. A compute page open over it is put away, so the cluster is what the user sees.
 */
export function useOpenCluster(): (clusterId: string, fromComputeId?: string) => void {
  const { cluster, compute } = useAzureStores();
  const navigate = useShell((state) => state.navigate);
  return useCallback(
    (clusterId, fromComputeId) => {
      cluster.getState().open(clusterId, fromComputeId ?? null);
      compute.getState().close();
      navigate('inventory');
    },
    [cluster, compute, navigate],
  );
}
