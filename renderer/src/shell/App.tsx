import { useEffect } from 'react';
import type { MooringClient } from '../../../shared/ipc/client';
import { selectThemeChoice } from '../state/shell-store';
import type { ShellStore } from '../state/shell-store';
import { AzureStoresProvider } from '../state/azure-stores';
import type { AzureStores } from '../state/azure-stores';
import { ShellStoreProvider, useShell } from '../state/shell-store-context';
import { AppearanceRoot } from '../theme/AppearanceRoot';
import { resolveAppearance } from '../theme/appearance';
import { useSystemAppearance } from '../theme/use-system-appearance';
import { ShellLayout } from './ShellLayout';
import { useAzureData } from './use-azure-data';

/** Loads what the shell shows and keeps the view cache in step with pushed events. */
function useShellData(client: MooringClient, store: ShellStore) {
  useEffect(() => {
    const { loadAppInfo, loadSettings } = store.getState();
    void loadAppInfo();
    void loadSettings();
  }, [store]);

  useEffect(
    () => client.on('settings.changed', (settings) => store.getState().receiveSettings(settings)),
    [client, store],
  );
}

/** The theme the user chose, resolved against the OS preference when they chose `system`. */
function ThemedShell() {
  const choice = useShell(selectThemeChoice);
  const appearance = resolveAppearance(choice, useSystemAppearance());
  return (
    <AppearanceRoot appearance={appearance} choice={choice}>
      <ShellLayout />
    </AppearanceRoot>
  );
}

interface AppProps {
  readonly client: MooringClient;
  readonly store: ShellStore;
  readonly azure: AzureStores;
}

export function App({ client, store, azure }: AppProps) {
  useShellData(client, store);
  useAzureData(client, azure);
  return (
    <ShellStoreProvider store={store}>
      <AzureStoresProvider stores={azure}>
        <ThemedShell />
      </AzureStoresProvider>
    </ShellStoreProvider>
  );
}
