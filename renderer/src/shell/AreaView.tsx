import { useEffect } from 'react';
import { AccountsPage } from '../accounts/AccountsPage';
import { ClusterPage } from '../cluster/ClusterPage';
import { ComputePage } from '../compute/ComputePage';
import { ActivityPage } from '../pages/ActivityPage';
import { AttachPage } from '../pages/AttachPage';
import { InventoryPage } from '../inventory/InventoryPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { useAzureStores, useCluster, useCompute } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';

/** The page of the selected area. */
export function AreaView() {
  const area = useShell((state) => state.area);
  // At start-up focus stays where the browser put it; after a navigation the new page's heading
  // takes it, so keyboard and screen-reader users land on what they opened.
  const focusHeading = useShell((state) => state.navigatedByUser);
  // A compute's or a cluster's page is shown over the Inventory area; going to another area puts
  // them away. A compute opened from a cluster's page lies over it, so its Back returns there.
  const computeOpen = useCompute((state) => state.computeId !== null);
  const clusterOpen = useCluster((state) => state.clusterId !== null);
  const { compute, cluster } = useAzureStores();
  useEffect(() => {
    if (area === 'inventory') return;
    compute.getState().close();
    cluster.getState().close();
  }, [area, compute, cluster]);

  switch (area) {
    case 'inventory':
      if (computeOpen) return <ComputePage />;
      if (clusterOpen) return <ClusterPage />;
      return <InventoryPage focusHeading={focusHeading} />;
    case 'attach':
      return <AttachPage focusHeading={focusHeading} />;
    case 'activity':
      return <ActivityPage focusHeading={focusHeading} />;
    case 'accounts':
      return <AccountsPage focusHeading={focusHeading} />;
    case 'settings':
      return <SettingsPage focusHeading={focusHeading} />;
  }
}
