import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { OperationDetail, OperationView } from '../../../shared/domain/operations';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { mergeList, mergeOperation } from '../operations/operations-model';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export type OperationsListStatus =
  | { readonly status: 'idle' | 'loading' | 'ready' }
  | { readonly status: 'failed'; readonly error: IpcError };

/** The operation whose details dialog is open, with its request, polls and commands. */
export interface OpenOperation {
  readonly operationId: string;
  readonly detail: Loadable<OperationDetail>;
}

export interface OperationsState {
  /** Running and recently ended operations across tenants, newest first. */
  readonly operations: readonly OperationView[];
  readonly listStatus: OperationsListStatus;
  readonly open: OpenOperation | null;
}

export interface OperationsActions {
  load(): Promise<void>;
  /** An operations.changed event, or an operation a start call answered. */
  receive(operation: OperationView): void;
  openDetails(operationId: string): Promise<void>;
  closeDetails(): void;
}

export type OperationsStore = StoreApi<OperationsState & OperationsActions>;

/** The journal's operations as the tray and the pages see them, kept current by pushed events. */
export function createOperationsStore(client: MooringClient): OperationsStore {
  // Each details request takes a ticket; only the newest may settle, so a slow answer for an
  // operation the user has moved on from cannot replace the one on screen.
  let detailTickets = 0;

  return createStore<OperationsState & OperationsActions>()((set, get) => {
    const loadDetails = async (operationId: string, keepShown: boolean) => {
      const ticket = ++detailTickets;
      if (!keepShown) set({ open: { operationId, detail: loading } });
      const result = await settle(() => client.call['operations.get']({ operationId }));
      if (ticket !== detailTickets || get().open?.operationId !== operationId) return;
      const shown = get().open?.detail;
      // A failed refresh of details already on screen keeps them: they are still true to the last poll.
      if (!result.ok && keepShown && shown?.status === 'ready') return;
      set({ open: { operationId, detail: fromResult(result) } });
    };

    return {
      operations: [],
      listStatus: { status: 'idle' },
      open: null,

      async load() {
        if (get().listStatus.status !== 'ready') set({ listStatus: { status: 'loading' } });
        const result = await settle(() => client.call['operations.list']({}));
        if (result.ok) {
          set({
            operations: mergeList(get().operations, result.value),
            listStatus: { status: 'ready' },
          });
        } else if (get().listStatus.status !== 'ready') {
          set({ listStatus: { status: 'failed', error: result.error } });
        }
      },

      receive(operation) {
        set({ operations: mergeOperation(get().operations, operation) });
        if (get().open?.operationId === operation.operationId) {
          void loadDetails(operation.operationId, true);
        }
      },

      openDetails: (operationId) => loadDetails(operationId, false),
      closeDetails: () => {
        detailTickets += 1;
        set({ open: null });
      },
    };
  });
}
