import { ServerMultipleRegular } from '@fluentui/react-icons';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';

export function InventoryPage({ focusHeading }: { focusHeading: boolean }) {
  return (
    <Page
      title="Inventory"
      description="The Kubernetes computes attached to your Azure Machine Learning workspaces, across tenants and subscriptions."
      focusHeading={focusHeading}
      testId="page-inventory"
    >
      <EmptyState icon={<ServerMultipleRegular />} title="The inventory is not available yet">
        This is where Mooring will list the AKS and Azure Arc-enabled clusters attached to your
        workspaces as computes: their namespace, managed identity, provisioning state and when each
        was last synced, read from the local record first so it also works offline. It needs Azure
        sign-in, which this version of Mooring does not have yet.
      </EmptyState>
    </Page>
  );
}
