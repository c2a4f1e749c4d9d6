import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterHistory } from '../../../shared/domain/cluster-history';
import type { MooringClient } from '../../../shared/ipc/client';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export interface ClusterState {
  /** The cluster whose page is open (over the Inventory area), or null. */
  readonly clusterId: string | null;
  /** Its history from the local record; the rest of the page comes from the inventory snapshot. */
  readonly history: Loadable<ClusterHistory> | null;
  /** The compute page the cluster was opened from, which Back returns to; null: the inventory. */
  readonly returnTo: string | null;
}

export interface ClusterActions {
  open(clusterId: string, returnTo?: string | null): void;
  close(): void;
  /** Reads the history again (the record changed); what is shown stays if the read fails. */
  reload(): Promise<void>;
}

export type ClusterStore = StoreApi<ClusterState & ClusterActions>;

/** The cluster page's view cache: which cluster is open and its recorded history. */
export function createClusterStore(client: MooringClient): ClusterStore {
  let ticket = 0;

  return createStore<ClusterState & ClusterActions>()((set, get) => {
    const readHistory = async (clusterId: string, keepShown: boolean) => {
      const mine = ++ticket;
      if (!keepShown) set({ history: loading });
      const result = await settle(() => client.call['clusters.history']({ clusterId }));
      // Only the newest read of the cluster still open may land.
      if (mine !== ticket || get().clusterId !== clusterId) return;
      if (!result.ok && keepShown && get().history?.status === 'ready') return;
      set({ history: fromResult(result) });
    };

    return {
      clusterId: null,
      history: null,
      returnTo: null,

      open(clusterId, returnTo = null) {
        set({ clusterId, returnTo });
        void readHistory(clusterId, false);
      },
      close() {
        ticket += 1;
        set({ clusterId: null, history: null, returnTo: null });
      },
      async reload() {
        const { clusterId } = get();
        if (clusterId) await readHistory(clusterId, true);
      },
    };
  });
}
