import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { InventorySnapshot } from '../../../shared/domain/inventory';
import type { MooringClient } from '../../../shared/ipc/client';
import type { InventoryTarget } from '../inventory/inventory-layout';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';
import type { RefreshStatus } from './subscriptions-store';

/** Nothing has asked for the inventory yet, or it is loading, there, or failed. */
export type InventoryView = { readonly status: 'idle' } | Loadable<InventorySnapshot>;

/** A workspace or compute the Inventory page should bring into view, numbered per request. */
export interface InventoryJump extends InventoryTarget {
  readonly request: number;
}

export interface InventoryState {
  readonly view: InventoryView;
  readonly refresh: RefreshStatus;
  readonly jump: InventoryJump | null;
}

export interface InventoryActions {
  /** Reads the local record (instant, offline too). */
  load(): Promise<void>;
  /** Reads the local record unless it is already there or on its way. */
  loadIfNeeded(): Promise<void>;
  /** Reconciles the record with Azure; the answer replaces the view. */
  refreshFromAzure(): Promise<void>;
  receiveSnapshot(snapshot: InventorySnapshot): void;
  /**
   * The subscriptions in scope are now those of `selectionKey`: once the record has been asked
   * for, a different selection reads it again, since it holds the selected subscriptions only.
   */
  scopeChanged(selectionKey: string): void;
  jumpTo(target: InventoryTarget): void;
  jumpHandled(): void;
}

export type InventoryStore = StoreApi<InventoryState & InventoryActions>;

/** The workspaces and computes of the selected subscriptions, from the main process's record. */
export function createInventoryStore(client: MooringClient): InventoryStore {
  // Every request and pushed snapshot takes a ticket; an answer older than the snapshot on
  // screen is dropped, so a slow local read cannot undo a refresh that finished before it.
  let ticketsIssued = 0;
  let shownTicket = 0;
  let knownSelection: string | null = null;
  let jumps = 0;

  return createStore<InventoryState & InventoryActions>()((set, get) => {
    const show = (ticket: number, snapshot: InventorySnapshot): boolean => {
      if (ticket < shownTicket) return false;
      shownTicket = ticket;
      set({ view: { status: 'ready', value: snapshot } });
      return true;
    };

    return {
      view: { status: 'idle' },
      refresh: { status: 'idle' },
      jump: null,

      async load() {
        const ticket = ++ticketsIssued;
        if (get().view.status !== 'ready') set({ view: loading });
        const result = await settle(() => client.call['inventory.get']({}));
        if (result.ok) {
          show(ticket, result.value);
          return;
        }
        // A record already on screen stays: it is still the best there is, and the main
        // process pushes inventory.changed when it has a newer one.
        if (ticket >= shownTicket && get().view.status !== 'ready')
          set({ view: fromResult(result) });
      },

      async loadIfNeeded() {
        const status = get().view.status;
        if (status === 'idle' || status === 'failed') await get().load();
      },

      async refreshFromAzure() {
        if (get().refresh.status === 'running') return;
        const ticket = ++ticketsIssued;
        set({ refresh: { status: 'running' } });
        const result = await settle(() => client.call['inventory.refresh']({}));
        if (result.ok) {
          show(ticket, result.value);
          set({ refresh: { status: 'idle' } });
        } else {
          set({ refresh: { status: 'failed', error: result.error } });
        }
      },

      receiveSnapshot(snapshot) {
        show(++ticketsIssued, snapshot);
      },

      scopeChanged(selectionKey) {
        const previous = knownSelection;
        knownSelection = selectionKey;
        if (previous === null || previous === selectionKey) return;
        if (get().view.status !== 'idle') void get().load();
      },

      jumpTo: (target) => set({ jump: { kind: target.kind, id: target.id, request: ++jumps } }),
      jumpHandled: () => set({ jump: null }),
    };
  });
}
