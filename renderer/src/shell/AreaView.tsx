import { AccountsPage } from '../accounts/AccountsPage';
import { ActivityPage } from '../pages/ActivityPage';
import { AttachPage } from '../pages/AttachPage';
import { InventoryPage } from '../inventory/InventoryPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { useShell } from '../state/shell-store-context';

/** The page of the selected area. */
export function AreaView() {
  const area = useShell((state) => state.area);
  // At start-up focus stays where the browser put it; after a navigation the new page's heading
  // takes it, so keyboard and screen-reader users land on what they opened.
  const focusHeading = useShell((state) => state.navigatedByUser);

  switch (area) {
    case 'inventory':
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
