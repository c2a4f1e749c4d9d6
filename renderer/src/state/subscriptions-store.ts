import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type {
  SubscriptionFilterChange,
  SubscriptionsSnapshot,
  SubscriptionView,
} from '../../../shared/domain/subscriptions';
import type { MooringClient } from '../../../shared/ipc/client';
import type { IpcError } from '../../../shared/ipc/result';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export type RefreshStatus =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'failed'; readonly error: IpcError };

export interface SubscriptionsState {
  readonly snapshot: Loadable<SubscriptionsSnapshot>;
  readonly refresh: RefreshStatus;
  /** The last filter change that the main process refused, until the next one succeeds. */
  readonly filterError: IpcError | null;
  readonly savingFilters: boolean;
}

export interface SubscriptionsActions {
  load(): Promise<void>;
  refreshFromAzure(): Promise<void>;
  /** Applies at once in the view, then stores; a refusal puts the last stored filters back. */
  setFilters(changes: SubscriptionFilterChange[]): Promise<void>;
  dismissFilterError(): void;
  receiveSnapshot(snapshot: SubscriptionsSnapshot): void;
}

export type SubscriptionsStore = StoreApi<SubscriptionsState & SubscriptionsActions>;

// The contract accepts at most this many changes per call.
const MAX_CHANGES_PER_CALL = 10_000;

function applyChanges(
  subscriptions: readonly SubscriptionView[],
  changes: readonly SubscriptionFilterChange[],
): SubscriptionView[] {
  const byId = new Map(changes.map((change) => [change.subscriptionId, change]));
  return subscriptions.map((subscription) => {
    const change = byId.get(subscription.subscriptionId);
    if (!change) return subscription;
    return {
      ...subscription,
      selected: change.selected ?? subscription.selected,
      hidden: change.hidden ?? subscription.hidden,
      favourite: change.favourite ?? subscription.favourite,
    };
  });
}

/** The subscriptions every signed-in account sees, with the user's selection, hidden and favourites. */
export function createSubscriptionsStore(client: MooringClient): SubscriptionsStore {
  // The snapshot the main process last confirmed, to fall back to when a change is refused.
  let confirmed: SubscriptionsSnapshot | null = null;
  // Only the newest filter request may replace the view with its answer, so a slow earlier answer
  // cannot undo a later click.
  let latestFilterRequest = 0;

  return createStore<SubscriptionsState & SubscriptionsActions>()((set, get) => ({
    snapshot: loading,
    refresh: { status: 'idle' },
    filterError: null,
    savingFilters: false,

    async load() {
      if (get().snapshot.status !== 'ready') set({ snapshot: loading });
      const result = await settle(() => client.call['subscriptions.get']({}));
      if (result.ok) confirmed = result.value;
      // When re-reading fails, the snapshot already on screen is still the best there is, and
      // the main process pushes subscriptions.changed once it has a newer one.
      if (result.ok || get().snapshot.status !== 'ready') set({ snapshot: fromResult(result) });
    },

    async refreshFromAzure() {
      if (get().refresh.status === 'running') return;
      set({ refresh: { status: 'running' } });
      const result = await settle(() => client.call['subscriptions.refresh']({}));
      if (result.ok) {
        confirmed = result.value;
        set({ refresh: { status: 'idle' }, snapshot: { status: 'ready', value: result.value } });
      } else {
        set({ refresh: { status: 'failed', error: result.error } });
      }
    },

    async setFilters(changes) {
      const current = get().snapshot;
      if (current.status !== 'ready' || changes.length === 0) return;
      const request = ++latestFilterRequest;
      set({
        snapshot: {
          status: 'ready',
          value: {
            ...current.value,
            subscriptions: applyChanges(current.value.subscriptions, changes),
          },
        },
        savingFilters: true,
      });
      let answer: SubscriptionsSnapshot | null = null;
      for (let start = 0; start < changes.length; start += MAX_CHANGES_PER_CALL) {
        const batch = changes.slice(start, start + MAX_CHANGES_PER_CALL);
        const result = await settle(() =>
          client.call['subscriptions.setFilters']({ changes: batch }),
        );
        if (!result.ok) {
          if (request !== latestFilterRequest) return;
          set({
            savingFilters: false,
            filterError: result.error,
            ...(confirmed ? { snapshot: { status: 'ready', value: confirmed } } : {}),
          });
          return;
        }
        answer = result.value;
        confirmed = answer;
      }
      if (request !== latestFilterRequest || !answer) return;
      set({
        savingFilters: false,
        filterError: null,
        snapshot: { status: 'ready', value: answer },
      });
    },

    dismissFilterError: () => set({ filterError: null }),

    receiveSnapshot(snapshot) {
      confirmed = snapshot;
      // While a change is being stored, the view already shows it; its answer follows.
      if (get().savingFilters) return;
      set({ snapshot: { status: 'ready', value: snapshot } });
    },
  }));
}
