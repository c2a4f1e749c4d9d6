import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ActivityHistory } from '../../../shared/domain/activity';
import type { OperationView } from '../../../shared/domain/operations';
import type { MooringClient } from '../../../shared/ipc/client';
import { ANY_ACTIVITY, receiveIntoHistory, toActivityFilter } from '../activity/activity-model';
import type { ActivityViewFilter } from '../activity/activity-model';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export interface ActivityState {
  readonly filter: ActivityViewFilter;
  /** The journal entries the filter lets through (the newest, bounded), kept current by events. */
  readonly history: Loadable<ActivityHistory> | { readonly status: 'idle' };
}

export interface ActivityActions {
  load(): Promise<void>;
  setFilter(filter: ActivityViewFilter): Promise<void>;
  /** An operations.changed event. */
  receive(operation: OperationView): void;
}

export type ActivityStore = StoreApi<ActivityState & ActivityActions>;

/** The Activity page's log: the whole journal through the filter, asked of the main process. */
export function createActivityStore(client: MooringClient): ActivityStore {
  // Only the answer to the newest question may settle: typing dates quickly fires several.
  let tickets = 0;
  return createStore<ActivityState & ActivityActions>()((set, get) => ({
    filter: ANY_ACTIVITY,
    history: { status: 'idle' },

    async load() {
      const ticket = ++tickets;
      const shown = get().history;
      if (shown.status !== 'ready') set({ history: loading });
      const result = await settle(() =>
        client.call['operations.history']({ filter: toActivityFilter(get().filter) }),
      );
      if (ticket !== tickets) return;
      set({ history: fromResult(result) });
    },

    async setFilter(filter) {
      set({ filter, history: loading });
      await get().load();
    },

    receive(operation) {
      const shown = get().history;
      if (shown.status !== 'ready') return;
      set({
        history: {
          status: 'ready',
          value: receiveIntoHistory(shown.value, operation, toActivityFilter(get().filter)),
        },
      });
    },
  }));
}
