import { Tab, TabList } from '@fluentui/react-components';

/** The inventory's two views: workspaces with their computes, and the clusters behind them. */
export type InventoryView = 'workspaces' | 'clusters';

const isInventoryView = (value: unknown): value is InventoryView =>
  value === 'workspaces' || value === 'clusters';

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
      <Tab value="workspaces" data-testid="inventory-view-workspaces">
        Workspaces
      </Tab>
      <Tab value="clusters" data-testid="inventory-view-clusters">
        Clusters ({clusterCount.toLocaleString()})
      </Tab>
    </TabList>
  );
}
