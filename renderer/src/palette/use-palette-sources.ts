import { useEffect, useMemo } from 'react';
import { AREA_LABELS, AREAS } from '../shell/areas';
import { useAzureStores, useInventory, useSubscriptions } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import { useOpenAttach } from '../attach/use-open-attach';
import { useOpenCompute } from '../compute/use-open-compute';
import { useAzureGate } from '../connectivity/use-azure-gate';
import { inventoryPaletteSources } from './inventory-palette-items';
import { clusterPaletteSource } from './cluster-palette-items';
import { useOpenCluster } from '../cluster/use-open-cluster';
import { operationsPaletteSources } from './operations-palette-items';
import type { PaletteSource } from './palette-items';

const AREA_DETAILS: Record<(typeof AREAS)[number], string> = {
  inventory: 'Workspaces and their computes',
  attach: 'Attach a cluster to a workspace',
  activity: 'Operations and their outcome',
  accounts: 'Accounts, tenants and sign-in',
  settings: 'Appearance, connection, about',
};

/**
 * What the palette searches, built from the current view caches. Each source closes the
 * palette by navigating or acting; a new kind of thing is one more source. Workspaces and
 * computes come from the inventory's local record, read (never refreshed from Azure) when the
 * palette opens before anything else asked for it.
 */
export function usePaletteSources(): PaletteSource[] {
  const navigate = useShell((state) => state.navigate);
  const { accounts, subscriptions, inventory, overlays, compute, cluster } = useAzureStores();
  const snapshot = useSubscriptions((state) => state.snapshot);
  const inventoryView = useInventory((state) => state.view);

  useEffect(() => {
    void inventory.getState().loadIfNeeded();
  }, [inventory]);

  const openAttach = useOpenAttach();
  const openCompute = useOpenCompute();
  const attachBlocked = useAzureGate().reason;
  const operationSources = useMemo(
    () =>
      operationsPaletteSources(inventoryView.status === 'ready' ? inventoryView.value : null, {
        openAttach: (intent) => {
          overlays.getState().closePalette();
          openAttach(intent);
        },
        openCompute: (computeId) => {
          overlays.getState().closePalette();
          openCompute(computeId);
        },
        attachBlocked,
      }),
    [inventoryView, overlays, openAttach, openCompute, attachBlocked],
  );

  const openCluster = useOpenCluster();
  const inventorySources = useMemo(
    () =>
      inventoryView.status === 'ready'
        ? [
            ...inventoryPaletteSources(inventoryView.value, (target) => {
              overlays.getState().closePalette();
              // A jump lands in the Inventory's lists: a page open over them is put away.
              compute.getState().close();
              cluster.getState().close();
              navigate('inventory');
              inventory.getState().jumpTo(target);
            }),
            clusterPaletteSource(inventoryView.value, (clusterId) => {
              overlays.getState().closePalette();
              openCluster(clusterId);
            }),
          ]
        : [],
    [inventoryView, overlays, navigate, inventory, compute, cluster, openCluster],
  );

  return useMemo(() => {
    const close = () => overlays.getState().closePalette();
    const areas: PaletteSource = {
      id: 'areas',
      heading: 'Go to',
      limit: AREAS.length,
      items: AREAS.map((area) => ({
        id: `area:${area}`,
        title: AREA_LABELS[area],
        detail: AREA_DETAILS[area],
        run: () => {
          close();
          navigate(area);
        },
      })),
    };
    const actions: PaletteSource = {
      id: 'actions',
      heading: 'Actions',
      limit: 10,
      items: [
        {
          id: 'action:add-account-browser',
          title: 'Add account',
          detail: 'Sign in with browser',
          keywords: 'sign in login',
          run: () => {
            close();
            navigate('accounts');
            void accounts.getState().startSignIn('browser', { kind: 'account' });
          },
        },
        {
          id: 'action:add-account-device-code',
          title: 'Add account with a device code',
          detail: 'Sign in on another device',
          keywords: 'sign in login device code',
          run: () => {
            close();
            navigate('accounts');
            void accounts.getState().startSignIn('device-code', { kind: 'account' });
          },
        },
        {
          id: 'action:refresh-subscriptions',
          title: 'Refresh subscriptions',
          detail: 'List subscriptions from Azure again',
          keywords: 'reload sync tenants',
          run: () => {
            overlays.getState().openScope();
            void subscriptions.getState().refreshFromAzure();
          },
        },
        {
          id: 'action:choose-scope',
          title: 'Choose tenants and subscriptions',
          detail: 'Select, hide and favourite subscriptions',
          keywords: 'scope filter picker',
          run: () => overlays.getState().openScope(),
        },
      ],
    };
    const subscriptionItems =
      snapshot.status === 'ready'
        ? [...snapshot.value.subscriptions]
            .sort((a, b) => Number(b.favourite) - Number(a.favourite))
            .map((subscription) => ({
              id: `subscription:${subscription.subscriptionId}`,
              title: subscription.displayName,
              detail: `${subscription.tenantName} · ${subscription.subscriptionId}${subscription.hidden ? ' · hidden' : ''}`,
              keywords: `${subscription.tenantId} ${subscription.accountUsername}`,
              run: () => overlays.getState().openScope(subscription.subscriptionId),
            }))
        : [];
    const subscriptionSource: PaletteSource = {
      id: 'subscriptions',
      heading: 'Subscriptions',
      limit: 50,
      items: subscriptionItems,
    };
    const [attachSource, computePages] = operationSources;
    return [
      areas,
      actions,
      ...(attachSource ? [attachSource] : []),
      subscriptionSource,
      ...inventorySources,
      ...(computePages ? [computePages] : []),
    ];
  }, [navigate, accounts, subscriptions, overlays, snapshot, inventorySources, operationSources]);
}
