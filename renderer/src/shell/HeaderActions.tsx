import {
  Avatar,
  Button,
  PresenceBadge,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import {
  BuildingMultiple20Regular,
  PersonCircle20Regular,
  Search20Regular,
} from '@fluentui/react-icons';
import { useMemo } from 'react';
import { scopeLabel, summariseScope } from '../scope/scope-model';
import { accountLabel } from '../state/accounts-store';
import { useAccounts, useOverlays, useSubscriptions } from '../state/azure-stores';
import { useShell } from '../state/shell-store-context';
import { isMac } from '../accounts/copy-text';
import { OperationsTray } from '../operations/OperationsTray';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginLeft: 'auto',
    minWidth: 0,
  },
  onBrand: {
    color: tokens.colorNeutralForegroundOnBrand,
    minWidth: 0,
    ':hover': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundHover,
    },
    ':hover:active': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackgroundPressed,
    },
  },
  search: {
    justifyContent: 'flex-start',
    minWidth: '220px',
    flexShrink: 0,
    whiteSpace: 'nowrap',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeOnBrand2}`,
  },
  shortcut: { marginLeft: 'auto', paddingLeft: tokens.spacingHorizontalL },
  label: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '260px',
  },
  avatar: { position: 'relative', display: 'inline-flex' },
  attention: { position: 'absolute', right: '-2px', bottom: '-2px' },
});

function PaletteButton() {
  const styles = useStyles();
  const openPalette = useOverlays((state) => state.openPalette);
  // Closing the palette puts focus back here.
  const restoreFocusTarget = useRestoreFocusTarget();
  const shortcut = isMac() ? '⌘K' : 'Ctrl+K';
  return (
    <Button
      appearance="subtle"
      className={mergeClasses(styles.onBrand, styles.search)}
      icon={<Search20Regular />}
      {...restoreFocusTarget}
      onClick={openPalette}
      aria-keyshortcuts={isMac() ? 'Meta+K' : 'Control+K'}
      data-testid="header-palette-button"
    >
      Search or jump to…
      <span className={styles.shortcut} aria-hidden="true">
        {shortcut}
      </span>
    </Button>
  );
}

function ScopeButton() {
  const styles = useStyles();
  const snapshot = useSubscriptions((state) => state.snapshot);
  const openScope = useOverlays((state) => state.openScope);
  // Closing the drawer puts focus back here.
  const restoreFocusTarget = useRestoreFocusTarget();
  const label = useMemo(() => {
    if (snapshot.status === 'loading') return 'Loading subscriptions…';
    if (snapshot.status === 'failed') return 'Subscriptions unavailable';
    return scopeLabel(summariseScope(snapshot.value.subscriptions));
  }, [snapshot]);
  return (
    <Tooltip content="Choose tenants and subscriptions" relationship="description">
      <Button
        appearance="subtle"
        className={styles.onBrand}
        icon={<BuildingMultiple20Regular />}
        {...restoreFocusTarget}
        onClick={() => openScope()}
        data-testid="header-scope-button"
      >
        <span className={styles.label} data-testid="header-scope">
          {label}
        </span>
      </Button>
    </Tooltip>
  );
}

function AccountButton() {
  const styles = useStyles();
  const accounts = useAccounts((state) => state.accounts);
  const navigate = useShell((state) => state.navigate);
  const list = accounts.status === 'ready' ? accounts.value : [];
  const [first] = list;
  const needsAttention = list.some((account) =>
    account.tenants.some((tenant) => tenant.status !== 'ready'),
  );
  const label =
    accounts.status !== 'ready'
      ? 'Accounts'
      : list.length === 0
        ? 'Sign in'
        : list.length === 1 && first
          ? accountLabel(first)
          : `${list.length} accounts`;
  const description = needsAttention
    ? 'Accounts: a tenant needs you to sign in'
    : 'Accounts and tenants';

  return (
    <Tooltip content={description} relationship="description">
      <Button
        appearance="subtle"
        className={styles.onBrand}
        icon={
          first ? (
            <span className={styles.avatar}>
              <Avatar size={24} name={accountLabel(first)} color="colorful" />
              {needsAttention && (
                <PresenceBadge
                  status="away"
                  size="extra-small"
                  className={styles.attention}
                  aria-hidden="true"
                />
              )}
            </span>
          ) : (
            <PersonCircle20Regular />
          )
        }
        onClick={() => navigate('accounts')}
        data-testid="header-account-button"
        data-attention={needsAttention}
      >
        <span className={styles.label}>{label}</span>
      </Button>
    </Tooltip>
  );
}

/** The header's right side: the command palette, operations, the current scope and the accounts. */
export function HeaderActions() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <PaletteButton />
      <OperationsTray />
      <ScopeButton />
      <AccountButton />
    </div>
  );
}
