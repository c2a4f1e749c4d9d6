import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { MooringClient } from '../../../shared/ipc/client';
import type { RefreshProgress, RefreshSchedule } from '../../../shared/ipc/contract-refresh';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

export interface RefreshProgressState {
  /** The last progress the main process pushed (of a refresh asked for here or automatic). */
  readonly progress: RefreshProgress | null;
  /** A cancel was asked for and the refresh has not ended yet. */
  readonly cancelling: boolean;
  /** How often the inventory refreshes by itself (Settings). */
  readonly schedule: { readonly status: 'idle' } | Loadable<RefreshSchedule>;
}

export interface RefreshProgressActions {
  receiveProgress(progress: RefreshProgress): void;
  cancel(): Promise<void>;
  loadSchedule(): Promise<void>;
  /** Stores a new interval; answers false (and keeps the old one shown) when it was refused. */
  chooseInterval(minutes: number): Promise<boolean>;
}

export type RefreshProgressStore = StoreApi<RefreshProgressState & RefreshProgressActions>;

/** Where the running inventory refresh stands, and its Cancel. */
export function createRefreshProgressStore(client: MooringClient): RefreshProgressStore {
  return createStore<RefreshProgressState & RefreshProgressActions>()((set, get) => ({
    progress: null,
    cancelling: false,
    schedule: { status: 'idle' },
    receiveProgress(progress) {
      const shown = get().progress;
      // A late event of an older refresh never replaces the one running now.
      if (shown && shown.refreshId > progress.refreshId) return;
      set({ progress, cancelling: progress.status === 'running' && get().cancelling });
    },
    async cancel() {
      if (get().progress?.status !== 'running') return;
      set({ cancelling: true });
      const result = await settle(() => client.call['inventory.cancelRefresh']({}));
      // Not cancelled (it had just ended, or the call failed): its end still arrives as progress.
      if (!result.ok || !result.value.cancelled) set({ cancelling: false });
    },
    async loadSchedule() {
      set({ schedule: loading });
      set({
        schedule: fromResult(await settle(() => client.call['inventory.getRefreshSchedule']({}))),
      });
    },
    async chooseInterval(minutes) {
      const result = await settle(() =>
        client.call['inventory.setRefreshSchedule']({ intervalMinutes: minutes }),
      );
      if (result.ok) set({ schedule: { status: 'ready', value: result.value } });
      return result.ok;
    },
  }));
}

/** "3 of 6 — Contoso ML Production" (the subscription being listed now, when there is one). */
/**
 * Said after a refresh the user cancelled, until the next one starts: how far it got, and that
 * the subscriptions it did not reach keep their last record (a cancel loses nothing).
 */
export function cancelledRefreshText(progress: RefreshProgress): string | null {
  if (progress.status !== 'cancelled') return null;
  const reached = `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`;
  return `Refresh cancelled after ${reached} subscriptions: the others show their last record.`;
}

export function refreshProgressText(progress: RefreshProgress): string {
  if (progress.total === 0) return 'No subscriptions to list';
  const count = `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`;
  return progress.current ? `${count} — ${progress.current}` : `${count} subscriptions`;
}
