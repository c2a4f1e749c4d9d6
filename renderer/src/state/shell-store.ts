import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { MooringClient } from '../../../shared/ipc/client';
import type { AppInfo, AppSettings } from '../../../shared/ipc/contract';
import type { ThemeChoice } from '../../../shared/domain/theme';
import type { IpcError } from '../../../shared/ipc/result';
import type { AreaId } from '../shell/areas';
import { fromResult, loading, settle } from './loadable';
import type { Loadable } from './loadable';

/** The last theme change the user asked for and how it went. */
export type ThemeSave =
  | { readonly status: 'idle' }
  | { readonly status: 'saving'; readonly choice: ThemeChoice }
  | { readonly status: 'saved'; readonly choice: ThemeChoice }
  | { readonly status: 'failed'; readonly choice: ThemeChoice; readonly error: IpcError };

export interface ShellState {
  readonly area: AreaId;
  /** True once the user has moved between areas, so a newly shown page may take focus. */
  readonly navigatedByUser: boolean;
  readonly appInfo: Loadable<AppInfo>;
  readonly settings: Loadable<AppSettings>;
  readonly themeSave: ThemeSave;
}

export interface ShellActions {
  navigate(area: AreaId): void;
  loadAppInfo(): Promise<void>;
  loadSettings(): Promise<void>;
  chooseTheme(choice: ThemeChoice): Promise<void>;
  /** Settings pushed by the main process (changed here or in another window). */
  receiveSettings(settings: AppSettings): void;
}

export type ShellStore = StoreApi<ShellState & ShellActions>;

/**
 * The view cache of the app shell. It holds only what the main process answered; every action
 * goes through the contract client and records progress, success or the error it got.
 */
export function createShellStore(client: MooringClient): ShellStore {
  // Only the newest theme request may settle the save status, so a slow earlier answer cannot
  // overwrite what the user picked last.
  let latestThemeRequest = 0;

  return createStore<ShellState & ShellActions>()((set) => ({
    area: 'inventory',
    navigatedByUser: false,
    appInfo: loading,
    settings: loading,
    themeSave: { status: 'idle' },

    navigate: (area) => set({ area, navigatedByUser: true }),

    async loadAppInfo() {
      set({ appInfo: loading });
      const result = await settle(() => client.call['app.getInfo']({}));
      set({ appInfo: fromResult(result) });
    },

    async loadSettings() {
      set({ settings: loading });
      const result = await settle(() => client.call['settings.get']({}));
      set({ settings: fromResult(result) });
    },

    async chooseTheme(choice) {
      const request = ++latestThemeRequest;
      set({ themeSave: { status: 'saving', choice } });
      const result = await settle(() => client.call['settings.setTheme']({ theme: choice }));
      if (request !== latestThemeRequest) return;
      set(
        result.ok
          ? { settings: fromResult(result), themeSave: { status: 'saved', choice } }
          : { themeSave: { status: 'failed', choice, error: result.error } },
      );
    },

    receiveSettings: (settings) => set({ settings: { status: 'ready', value: settings } }),
  }));
}

/**
 * The theme the user chose as far as the view knows: a choice being saved applies at once, a
 * failed one falls back to what is stored, and before settings arrive the OS decides.
 */
export function selectThemeChoice(state: ShellState): ThemeChoice {
  if (state.themeSave.status === 'saving') return state.themeSave.choice;
  return state.settings.status === 'ready' ? state.settings.value.theme : 'system';
}
