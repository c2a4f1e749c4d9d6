import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

export interface OverlayState {
  readonly paletteOpen: boolean;
  readonly scopeOpen: boolean;
  /** The subscription the scope panel should bring into view and focus (from the palette). */
  readonly scopeFocus: { readonly subscriptionId: string; readonly request: number } | null;
}

export interface OverlayActions {
  openPalette(): void;
  closePalette(): void;
  openScope(focusSubscriptionId?: string): void;
  closeScope(): void;
  /** The scope panel has focused the subscription it was asked to. */
  scopeFocused(): void;
}

export type OverlayStore = StoreApi<OverlayState & OverlayActions>;

/** Which of the app-wide overlays (command palette, scope panel) is open, and what they focus. */
export function createOverlayStore(): OverlayStore {
  let focusRequests = 0;
  return createStore<OverlayState & OverlayActions>()((set) => ({
    paletteOpen: false,
    scopeOpen: false,
    scopeFocus: null,
    openPalette: () => set({ paletteOpen: true }),
    closePalette: () => set({ paletteOpen: false }),
    openScope: (focusSubscriptionId) =>
      set({
        scopeOpen: true,
        paletteOpen: false,
        scopeFocus: focusSubscriptionId
          ? { subscriptionId: focusSubscriptionId, request: ++focusRequests }
          : null,
      }),
    closeScope: () => set({ scopeOpen: false, scopeFocus: null }),
    scopeFocused: () => set({ scopeFocus: null }),
  }));
}
