import { Button } from '@fluentui/react-components';
import {
  BuildingMultipleRegular,
  PersonAccountsRegular,
  ServerMultipleRegular,
} from '@fluentui/react-icons';
import type { ReactElement, ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';
import { RefreshFromAzureButton } from '../components/RefreshFromAzureButton';
import { useInventory, useOverlays } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import type { InventoryEmptyReason } from './inventory-empty';

interface PanelProps {
  readonly reason: InventoryEmptyReason;
  readonly icon: ReactElement;
  readonly title: string;
  readonly body: string;
  readonly actions: ReactNode;
}

function Panel({ reason, icon, title, body, actions }: PanelProps) {
  return (
    <EmptyState icon={icon} title={title} actions={actions} testId={`inventory-empty-${reason}`}>
      {body}
    </EmptyState>
  );
}

function RefreshAction() {
  const running = useInventory((state) => state.refresh.status === 'running');
  const refreshFromAzure = useInventory((state) => state.refreshFromAzure);
  return (
    <RefreshFromAzureButton
      primary
      running={running}
      onRefresh={() => void refreshFromAzure()}
      runningLabel="Refreshing from Azure…"
      testId="inventory-empty-refresh"
    />
  );
}

function ScopeAction({ primary }: { primary: boolean }) {
  const openScope = useOverlays((state) => state.openScope);
  return (
    <Button
      appearance={primary ? 'primary' : 'secondary'}
      onClick={() => openScope()}
      data-testid="inventory-open-scope"
    >
      Choose subscriptions
    </Button>
  );
}

/** Nothing to list, and why: each reason with the one step that gets workspaces here. */
export function InventoryEmpty({ reason }: { reason: InventoryEmptyReason }) {
  const navigate = useShell((state) => state.navigate);
  switch (reason) {
    case 'no-accounts':
      return (
        <Panel
          reason={reason}
          icon={<PersonAccountsRegular />}
          title="Sign in to see your workspaces and computes"
          body="Your inventory is not available yet: Mooring lists the Azure Machine Learning workspaces and computes of the subscriptions your accounts reach. Sign in to an account to begin."
          actions={
            <Button
              appearance="primary"
              onClick={() => navigate('accounts')}
              data-testid="inventory-go-to-accounts"
            >
              Go to Accounts
            </Button>
          }
        />
      );
    case 'no-selection':
      return (
        <Panel
          reason={reason}
          icon={<BuildingMultipleRegular />}
          title="No subscription selected"
          body="The inventory lists the workspaces of the subscriptions you select. Choose one or more subscriptions to see their workspaces and computes."
          actions={<ScopeAction primary />}
        />
      );
    case 'never-fetched':
      return (
        <Panel
          reason={reason}
          icon={<ServerMultipleRegular />}
          title="Not listed from Azure yet"
          body="Mooring has no record of the workspaces in the selected subscriptions yet. Refresh from Azure to list them and their computes; after that they show here at once, offline too."
          actions={<RefreshAction />}
        />
      );
    case 'no-workspaces':
      return (
        <Panel
          reason={reason}
          icon={<ServerMultipleRegular />}
          title="No workspace in the selected subscriptions"
          body="Azure listed no Azure Machine Learning workspace in the subscriptions you selected. Choose other subscriptions, or refresh once a workspace has been created."
          actions={<ScopeAction primary />}
        />
      );
  }
}
