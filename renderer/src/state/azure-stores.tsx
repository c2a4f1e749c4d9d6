import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { MooringClient } from '../../../shared/ipc/client';
import { createAccountsStore } from './accounts-store';
import type { AccountsActions, AccountsState, AccountsStore } from './accounts-store';
import { createConnectionStore } from './connection-store';
import type { ConnectionActions, ConnectionState, ConnectionStore } from './connection-store';
import { createInventoryStore } from './inventory-store';
import type { InventoryActions, InventoryState, InventoryStore } from './inventory-store';
import { createOverlayStore } from './overlay-store';
import { createRefreshProgressStore } from './refresh-progress-store';
import type {
  RefreshProgressActions,
  RefreshProgressState,
  RefreshProgressStore,
} from './refresh-progress-store';
import type { OverlayActions, OverlayState, OverlayStore } from './overlay-store';
import { createSubscriptionsStore } from './subscriptions-store';
import type {
  SubscriptionsActions,
  SubscriptionsState,
  SubscriptionsStore,
} from './subscriptions-store';

/**
 * The view caches of accounts, subscriptions, the inventory and connection settings, and the
 * overlays over them.
 */
export interface AzureStores {
  readonly accounts: AccountsStore;
  readonly subscriptions: SubscriptionsStore;
  readonly inventory: InventoryStore;
  readonly connection: ConnectionStore;
  readonly overlays: OverlayStore;
  readonly refreshProgress: RefreshProgressStore;
}

export function createAzureStores(client: MooringClient): AzureStores {
  return {
    accounts: createAccountsStore(client),
    subscriptions: createSubscriptionsStore(client),
    inventory: createInventoryStore(client),
    connection: createConnectionStore(client),
    overlays: createOverlayStore(),
    refreshProgress: createRefreshProgressStore(client),
  };
}

const AzureStoresContext = createContext<AzureStores | null>(null);

export function AzureStoresProvider({
  stores,
  children,
}: {
  stores: AzureStores;
  children: ReactNode;
}) {
  return <AzureStoresContext.Provider value={stores}>{children}</AzureStoresContext.Provider>;
}

export function useAzureStores(): AzureStores {
  const stores = useContext(AzureStoresContext);
  if (!stores) throw new Error('Azure views must be used inside an AzureStoresProvider.');
  return stores;
}

const useSlice = <S, T>(store: StoreApi<S>, selector: (state: S) => T): T =>
  useStore(store, selector);

/** Reads a slice of one store; components re-render only when their slice changes. */
export const useAccounts = <T,>(selector: (state: AccountsState & AccountsActions) => T): T =>
  useSlice(useAzureStores().accounts, selector);
export const useSubscriptions = <T,>(
  selector: (state: SubscriptionsState & SubscriptionsActions) => T,
): T => useSlice(useAzureStores().subscriptions, selector);
export const useInventory = <T,>(selector: (state: InventoryState & InventoryActions) => T): T =>
  useSlice(useAzureStores().inventory, selector);
export const useConnection = <T,>(selector: (state: ConnectionState & ConnectionActions) => T): T =>
  useSlice(useAzureStores().connection, selector);
export const useOverlays = <T,>(selector: (state: OverlayState & OverlayActions) => T): T =>
  useSlice(useAzureStores().overlays, selector);
export const useRefreshProgress = <T,>(
  selector: (state: RefreshProgressState & RefreshProgressActions) => T,
): T => useSlice(useAzureStores().refreshProgress, selector);
