import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ComputeDetail,
  IdentityChangePreview,
  IdentityChoice,
  OperationView,
  RequestPreview,
} from '../../../shared/domain/operations';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

/** A change the user asked for on the open compute: being sent, sent, or refused with why. */
export type ChangeStatus =
  | { readonly status: 'idle' | 'sending' }
  | { readonly status: 'sent'; readonly operation: OperationView }
  | { readonly status: 'failed'; readonly error: IpcError };

export interface ComputeState {
  /** The compute whose page is open (over the Inventory area), or null. */
  readonly computeId: string | null;
  readonly detail: Loadable<ComputeDetail> | null;
  readonly identityPreview: Loadable<IdentityChangePreview> | null;
  readonly identityChange: ChangeStatus;
  readonly detachPreview: Loadable<RequestPreview> | null;
  readonly detach: ChangeStatus;
}

export interface ComputeActions {
  open(computeId: string): void;
  close(): void;
  /** Reads the compute again from the local record (after an operation on it moved). */
  reload(): Promise<void>;
  previewIdentity(identity: IdentityChoice): Promise<void>;
  updateIdentity(identity: IdentityChoice): Promise<OperationView | null>;
  previewDetach(): Promise<void>;
  detachCompute(): Promise<OperationView | null>;
  /** The dialogs closed: their previews and outcomes are put away. */
  resetChanges(): void;
}

export type ComputeStore = StoreApi<ComputeState & ComputeActions>;

const NO_CHANGES = {
  identityPreview: null,
  identityChange: { status: 'idle' },
  detachPreview: null,
  detach: { status: 'idle' },
} as const;

/** The compute page's view cache: one compute's detail and the changes made from its page. */
export function createComputeStore(client: MooringClient): ComputeStore {
  let detailTicket = 0;
  let previewTicket = 0;

  return createStore<ComputeState & ComputeActions>()((set, get) => {
    const readDetail = async (computeId: string, keepShown: boolean) => {
      const ticket = ++detailTicket;
      if (!keepShown) set({ detail: loading });
      const result = await settle(() => client.call['computes.get']({ computeId }));
      if (ticket !== detailTicket || get().computeId !== computeId) return;
      if (!result.ok && keepShown && get().detail?.status === 'ready') return;
      set({ detail: fromResult(result) });
    };

    const send = async (
      key: 'identityChange' | 'detach',
      call: () => ReturnType<MooringClient['call']['computes.detach']>,
    ): Promise<OperationView | null> => {
      if (get()[key].status === 'sending') return null;
      set({ [key]: { status: 'sending' } } as Pick<ComputeState, typeof key>);
      const result = await settle(call);
      set({
        [key]: result.ok
          ? { status: 'sent', operation: result.value }
          : { status: 'failed', error: result.error },
      } as Pick<ComputeState, typeof key>);
      return result.ok ? result.value : null;
    };

    return {
      computeId: null,
      detail: null,
      ...NO_CHANGES,

      open(computeId) {
        set({ computeId, ...NO_CHANGES });
        void readDetail(computeId, false);
      },
      close() {
        detailTicket += 1;
        set({ computeId: null, detail: null, ...NO_CHANGES });
      },
      async reload() {
        const { computeId } = get();
        if (computeId) await readDetail(computeId, true);
      },

      async previewIdentity(identity) {
        const { computeId } = get();
        if (!computeId) return;
        const ticket = ++previewTicket;
        set({ identityPreview: loading });
        const result = await settle(() =>
          client.call['computes.previewIdentityChange']({ computeId, identity }),
        );
        if (ticket === previewTicket) set({ identityPreview: fromResult(result) });
      },
      async updateIdentity(identity) {
        const { computeId } = get();
        if (!computeId) return null;
        return send('identityChange', () =>
          client.call['computes.updateIdentity']({ computeId, identity }),
        );
      },
      async previewDetach() {
        const { computeId } = get();
        if (!computeId) return;
        set({ detachPreview: loading });
        const result = await settle(() => client.call['computes.previewDetach']({ computeId }));
        if (get().computeId === computeId) set({ detachPreview: fromResult(result) });
      },
      async detachCompute() {
        const { computeId } = get();
        if (!computeId) return null;
        return send('detach', () => client.call['computes.detach']({ computeId }));
      },
      resetChanges: () => {
        previewTicket += 1;
        set({ ...NO_CHANGES });
      },
    };
  });
}
