import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionSettings, ConnectionView } from '../../../shared/domain/connection';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export type ConnectionSave =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved' }
  | { readonly status: 'failed'; readonly error: IpcError };

export interface ConnectionState {
  readonly view: Loadable<ConnectionView>;
  readonly save: ConnectionSave;
}

export interface ConnectionActions {
  load(): Promise<void>;
  /** Sends only the given fields; answers whether the main process accepted them. */
  update(changes: Partial<ConnectionSettings>): Promise<boolean>;
  receiveView(view: ConnectionView): void;
}

export type ConnectionStore = StoreApi<ConnectionState & ConnectionActions>;

/** How Mooring reaches Azure (cloud, client id, proxy, extra CAs, token storage). */
export function createConnectionStore(client: MooringClient): ConnectionStore {
  return createStore<ConnectionState & ConnectionActions>()((set, get) => ({
    view: loading,
    save: { status: 'idle' },

    async load() {
      if (get().view.status !== 'ready') set({ view: loading });
      const result = await settle(() => client.call['connection.get']({}));
      set({ view: fromResult(result) });
    },

    async update(changes) {
      set({ save: { status: 'saving' } });
      const result = await settle(() => client.call['connection.update'](changes));
      if (result.ok) {
        set({ view: { status: 'ready', value: result.value }, save: { status: 'saved' } });
        return true;
      }
      set({ save: { status: 'failed', error: result.error } });
      return false;
    },

    receiveView: (view) => set({ view: { status: 'ready', value: view } }),
  }));
}
