import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { MooringClient } from '../../../shared/ipc/client';
import type { ConnectivityState } from '../../../shared/ipc/contract-connectivity';
import { settle } from './loadable';

export interface ConnectivityStoreState {
  /** What the main process last said; null until it answered. */
  readonly connectivity: ConnectivityState | null;
  /** The user asked to check again and the answer has not come yet. */
  readonly retrying: boolean;
}

export interface ConnectivityActions {
  load(): Promise<void>;
  receive(state: ConnectivityState): void;
  /** Checks now (the banner's Retry); the automatic checks go on in the main process. */
  retry(): Promise<void>;
}

export type ConnectivityStore = StoreApi<ConnectivityStoreState & ConnectivityActions>;

/** Whether Azure can be reached, as the main process's connectivity monitor found it. */
export function createConnectivityStore(client: MooringClient): ConnectivityStore {
  return createStore<ConnectivityStoreState & ConnectivityActions>()((set) => ({
    connectivity: null,
    retrying: false,
    async load() {
      const result = await settle(() => client.call['connectivity.get']({}));
      if (result.ok) set({ connectivity: result.value });
    },
    receive(state) {
      set({ connectivity: state });
    },
    async retry() {
      set({ retrying: true });
      const result = await settle(() => client.call['connectivity.retry']({}));
      set(result.ok ? { connectivity: result.value, retrying: false } : { retrying: false });
    },
  }));
}
