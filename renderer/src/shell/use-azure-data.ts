import { useEffect } from 'react';
import type { MooringClient } from '../../../shared/ipc/client';
import { selectionKey } from '../scope/scope-model';
import type { AzureStores } from '../state/azure-stores';

/**
 * Loads accounts, subscriptions, connection settings and operations at start-up and keeps them in step with
 * what the main process pushes. After a sign-in the new account's subscriptions are listed from
 * Azure (and the inventory, once it has been read); after a sign-out the local record is read
 * again. The inventory is read when first
 * needed (its page or the palette) and again whenever the stored selection of subscriptions
 * changes.
 */
export function useAzureData(client: MooringClient, stores: AzureStores) {
  useEffect(() => {
    void stores.accounts.getState().load();
    void stores.subscriptions.getState().load();
    void stores.connection.getState().load();
    void stores.operations.getState().load();
    void stores.connectivity.getState().load();
  }, [stores]);

  useEffect(() => {
    const { accounts, subscriptions, inventory, connection, operations, compute, access } = stores;
    let tableSelection: string | null = null;
    const unsubscribers = [
      client.on('accounts.changed', (payload) => accounts.getState().receiveAccounts(payload)),
      client.on('signIn.deviceCode', (payload) => accounts.getState().receiveDeviceCode(payload)),
      client.on('signIn.browserPage', (payload) => accounts.getState().receiveBrowserPage(payload)),
      client.on('signIn.finished', (payload) => accounts.getState().receiveSignInFinished(payload)),
      client.on('subscriptions.changed', (payload) =>
        subscriptions.getState().receiveSnapshot(payload),
      ),
      client.on('inventory.changed', (payload) => {
        inventory.getState().receiveSnapshot(payload);
        void stores.inventoryTable.getState().recordChanged();
      }),
      client.on('inventory.refreshProgress', (p) =>
        stores.refreshProgress.getState().receiveProgress(p),
      ),
      subscriptions.subscribe((state) => {
        // Only a selection the main process has stored decides what inventory.get answers.
        if (state.snapshot.status !== 'ready' || state.savingFilters) return;
        const key = selectionKey(state.snapshot.value.subscriptions);
        inventory.getState().scopeChanged(key);
        // The table's rows are those of the selected subscriptions: a new selection reads them.
        if (tableSelection !== null && tableSelection !== key) {
          void stores.inventoryTable.getState().recordChanged();
        }
        tableSelection = key;
      }),
      client.on('roles.grantChanged', (payload) => access.getState().receiveGrant(payload)),
      client.on('connection.changed', (payload) => connection.getState().receiveView(payload)),
      client.on('connectivity.changed', (payload) =>
        stores.connectivity.getState().receive(payload),
      ),
      client.on('operations.changed', (payload) => {
        const before = operations
          .getState()
          .operations.find((known) => known.operationId === payload.operationId);
        operations.getState().receive(payload);
        stores.activity.getState().receive(payload);
        void access.getState().operationChanged(payload);
        // An operation that ended changed the record: the inventory reads it again.
        const ended = payload.status === 'succeeded' || payload.status === 'failed';
        if (
          ended &&
          before?.status !== payload.status &&
          inventory.getState().view.status !== 'idle'
        ) {
          void inventory.getState().load();
          void stores.inventoryTable.getState().recordChanged();
        }
        // The open compute page shows the operation's progress and the states it records.
        if (compute.getState().computeId?.toLowerCase() === payload.computeId.toLowerCase()) {
          void compute.getState().reload();
        }
      }),
      accounts.subscribe((state, previous) => {
        if (state.outcomeSequence !== previous.outcomeSequence) {
          if (state.outcome?.kind === 'signed-in') {
            // What waited for this sign-in is listed now, so the messages about it go away.
            void subscriptions
              .getState()
              .refreshFromAzure()
              .then(() => {
                if (inventory.getState().view.status === 'ready') {
                  void inventory.getState().refreshFromAzure();
                }
              });
          }
        }
        const signOutEnded =
          previous.signOutStatus.status === 'running' && state.signOutStatus.status === 'idle';
        if (signOutEnded) void subscriptions.getState().load();
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, [client, stores]);
}
