import { useEffect } from 'react';
import { AccountsPage } from '../accounts/AccountsPage';
import { ComputePage } from '../compute/ComputePage';
import { ActivityPage } from '../pages/ActivityPage';
import { AttachPage } from '../pages/AttachPage';
import { InventoryPage } from '../inventory/InventoryPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { useAzureStores, useCompute } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';

/** The page of the selected area. */
export function AreaView() {
  const area = useShell((state) => state.area);
  // At start-up focus stays where the browser put it; after a navigation the new page's heading
  // takes it, so keyboard and screen-reader users land on what they opened.
  const focusHeading = useShell((state) => state.navigatedByUser);
  // A compute's page is shown over the Inventory area; going to another area puts it away.
  const computeOpen = useCompute((state) => state.computeId !== null);
  const { compute } = useAzureStores();
  useEffect(() => {
    if (area !== 'inventory') compute.getState().close();
  }, [area, compute]);

  switch (area) {
    case 'inventory':
      return computeOpen ? <ComputePage /> : <InventoryPage focusHeading={focusHeading} />;
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
