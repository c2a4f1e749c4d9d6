import { Tab, TabList } from '@fluentui/react-components';

/**
 * The inventory's views: every compute as a table, workspaces with their computes, and the
 * clusters behind them.
 */
export type InventoryView = 'computes' | 'workspaces' | 'clusters';

const isInventoryView = (value: unknown): value is InventoryView =>
  value === 'computes' || value === 'workspaces' || value === 'clusters';

export function InventoryViewTabs({
  view,
  onView,
  clusterCount,
}: {
  view: InventoryView;
  onView: (view: InventoryView) => void;
  /** Clusters recorded and not removed, shown on the tab. */
  clusterCount: number;
}) {
  return (
    <TabList
      selectedValue={view}
      onTabSelect={(_event, data) => {
        if (isInventoryView(data.value)) onView(data.value);
      }}
      aria-label="Inventory view"
      data-testid="inventory-view"
    >
      <Tab value="computes" data-testid="inventory-view-computes">
        Computes
      </Tab>
      <Tab value="workspaces" data-testid="inventory-view-workspaces">
        Workspaces
      </Tab>
      <Tab value="clusters" data-testid="inventory-view-clusters">
        Clusters ({clusterCount.toLocaleString()})
      </Tab>
    </TabList>
  );
}
