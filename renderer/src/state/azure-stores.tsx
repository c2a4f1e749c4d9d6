import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { MooringClient } from '../../../shared/ipc/client';
import { createAccessStore } from './access-store';
import type { AccessActions, AccessState, AccessStore } from './access-store';
import { createAccountsStore } from './accounts-store';
import { createActivityStore } from './activity-store';
import type { ActivityActions, ActivityState, ActivityStore } from './activity-store';
import { createExportStore } from './export-store';
import type { ExportActions, ExportState, ExportStore } from './export-store';
import { createAttachStore } from './attach-store';
import type { AttachActions, AttachState, AttachStore } from './attach-store';
import { createClusterStore } from './cluster-store';
import type { ClusterActions, ClusterState, ClusterStore } from './cluster-store';
import { createComputeStore } from './compute-store';
import type { ComputeActions, ComputeState, ComputeStore } from './compute-store';
import type { AccountsActions, AccountsState, AccountsStore } from './accounts-store';
import { createConnectionStore } from './connection-store';
import { createConnectivityStore, type ConnectivityStore } from './connectivity-store';
import type { ConnectionActions, ConnectionState, ConnectionStore } from './connection-store';
import { createInventoryStore } from './inventory-store';
import { createInventoryTableStore } from './inventory-table-store';
import type {
  InventoryTableActions,
  InventoryTableState,
  InventoryTableStore,
} from './inventory-table-store';
import type { InventoryActions, InventoryState, InventoryStore } from './inventory-store';
import { createOperationsStore } from './operations-store';
import type { OperationsActions, OperationsState, OperationsStore } from './operations-store';
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
 * The view caches of accounts, subscriptions, the inventory, connection settings and operations,
 * the attach wizard and the open compute, and the overlays over them.
 */
export interface AzureStores {
  readonly accounts: AccountsStore;
  readonly subscriptions: SubscriptionsStore;
  readonly inventory: InventoryStore;
  readonly inventoryTable: InventoryTableStore;
  readonly connection: ConnectionStore;
  readonly overlays: OverlayStore;
  readonly operations: OperationsStore;
  readonly attach: AttachStore;
  readonly compute: ComputeStore;
  readonly cluster: ClusterStore;
  readonly activity: ActivityStore;
  readonly exports: ExportStore;
  readonly refreshProgress: RefreshProgressStore;
  readonly access: AccessStore;
  readonly connectivity: ConnectivityStore;
}

export function createAzureStores(client: MooringClient): AzureStores {
  return {
    accounts: createAccountsStore(client),
    subscriptions: createSubscriptionsStore(client),
    inventory: createInventoryStore(client),
    inventoryTable: createInventoryTableStore(client),
    connection: createConnectionStore(client),
    overlays: createOverlayStore(),
    operations: createOperationsStore(client),
    attach: createAttachStore(client),
    compute: createComputeStore(client),
    cluster: createClusterStore(client),
    activity: createActivityStore(client),
    exports: createExportStore(client),
    refreshProgress: createRefreshProgressStore(client),
    access: createAccessStore(client),
    connectivity: createConnectivityStore(client),
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
export const useInventoryTable = <T,>(
  selector: (state: InventoryTableState & InventoryTableActions) => T,
): T => useSlice(useAzureStores().inventoryTable, selector);
export const useConnection = <T,>(selector: (state: ConnectionState & ConnectionActions) => T): T =>
  useSlice(useAzureStores().connection, selector);
export const useOverlays = <T,>(selector: (state: OverlayState & OverlayActions) => T): T =>
  useSlice(useAzureStores().overlays, selector);
export const useOperations = <T,>(selector: (state: OperationsState & OperationsActions) => T): T =>
  useSlice(useAzureStores().operations, selector);
export const useAttach = <T,>(selector: (state: AttachState & AttachActions) => T): T =>
  useSlice(useAzureStores().attach, selector);
export const useCompute = <T,>(selector: (state: ComputeState & ComputeActions) => T): T =>
  useSlice(useAzureStores().compute, selector);
export const useCluster = <T,>(selector: (state: ClusterState & ClusterActions) => T): T =>
  useSlice(useAzureStores().cluster, selector);
export const useActivity = <T,>(selector: (state: ActivityState & ActivityActions) => T): T =>
  useSlice(useAzureStores().activity, selector);
export const useExports = <T,>(selector: (state: ExportState & ExportActions) => T): T =>
  useSlice(useAzureStores().exports, selector);
export const useRefreshProgress = <T,>(
  selector: (state: RefreshProgressState & RefreshProgressActions) => T,
): T => useSlice(useAzureStores().refreshProgress, selector);
export const useAccess = <T,>(selector: (state: AccessState & AccessActions) => T): T =>
  useSlice(useAzureStores().access, selector);
