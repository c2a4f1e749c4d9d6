import { Body1, Button, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowSync20Regular,
  BuildingMultipleRegular,
  PersonAccountsRegular,
  ServerMultipleRegular,
} from '@fluentui/react-icons';
import type { ReactElement, ReactNode } from 'react';
import { useInventory, useOverlays } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import type { InventoryEmptyReason } from './inventory-empty';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    maxWidth: '560px',
    margin: `${tokens.spacingVerticalXL} auto 0`,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    borderRadius: tokens.borderRadiusXLarge,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  icon: { display: 'flex', fontSize: '48px', color: tokens.colorBrandForeground1 },
  title: { margin: 0 },
  body: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

interface PanelProps {
  readonly reason: InventoryEmptyReason;
  readonly icon: ReactElement;
  readonly title: string;
  readonly body: string;
  readonly actions: ReactNode;
}

function Panel({ reason, icon, title, body, actions }: PanelProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid={`inventory-empty-${reason}`}>
      <span className={styles.icon} aria-hidden="true">
        {icon}
      </span>
      <Subtitle1 as="h2" className={styles.title}>
        {title}
      </Subtitle1>
      <Body1 className={styles.body}>{body}</Body1>
      <div className={styles.actions}>{actions}</div>
    </div>
  );
}

function RefreshAction() {
  const running = useInventory((state) => state.refresh.status === 'running');
  const refreshFromAzure = useInventory((state) => state.refreshFromAzure);
  return (
    <Button
      appearance="primary"
      icon={<ArrowSync20Regular />}
      disabled={running}
      onClick={() => void refreshFromAzure()}
      data-testid="inventory-empty-refresh"
    >
      {running ? 'Refreshing from Azure…' : 'Refresh from Azure'}
    </Button>
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
