import { useCallback } from 'react';
import { useAzureStores } from '../state/azure-stores';
import type { AttachIntent } from '../state/attach-store';
import { useShell } from '../state/shell-store-context';

/** Opens the attach wizard with what the user started from (a workspace, a cluster, or nothing). */
export function useOpenAttach(): (intent: AttachIntent) => void {
  const { attach } = useAzureStores();
  const navigate = useShell((state) => state.navigate);
  return useCallback(
    (intent) => {
      attach.getState().begin(intent);
      navigate('attach');
    },
    [attach, navigate],
  );
}
