import { useCallback } from 'react';
import { useAzureStores } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';

/** Opens a compute's page (shown in the Inventory area until the user goes back). */
export function useOpenCompute(): (computeId: string) => void {
  const { compute } = useAzureStores();
  const navigate = useShell((state) => state.navigate);
  return useCallback(
    (computeId) => {
      compute.getState().open(computeId);
      navigate('inventory');
    },
    [compute, navigate],
  );
}
