import {
  Button,
  Persona,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { AccountView } from '../../../shared/domain/accounts';
import { accountLabel } from '../state/accounts-store';
import { SignOutDialog } from './SignOutDialog';
import { TenantList } from './TenantList';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
});

/** One signed-in account: who it is, its tenants, and signing it out. */
export function AccountCard({ account }: { account: AccountView }) {
  const styles = useStyles();
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  // Keeping the account signed in puts focus back on this button.
  const restoreFocusTarget = useRestoreFocusTarget();
  const notReady = account.tenants.filter((tenant) => tenant.status !== 'ready').length;
  const tenantSummary =
    `${account.tenants.length} ${account.tenants.length === 1 ? 'tenant' : 'tenants'}` +
    (notReady > 0 ? ` · ${notReady} need${notReady === 1 ? 's' : ''} attention` : '');

  return (
    <article
      className={styles.card}
      aria-label={account.username}
      data-testid="account-card"
      data-account-id={account.accountId}
    >
      <div className={styles.header}>
        <Persona
          size="large"
          name={accountLabel(account)}
          primaryText={<span data-testid="account-name">{accountLabel(account)}</span>}
          secondaryText={<span data-testid="account-username">{account.username}</span>}
          tertiaryText={tenantSummary}
        />
        <Button
          icon={<SignOut20Regular />}
          {...restoreFocusTarget}
          onClick={() => setConfirmingSignOut(true)}
          // Two accounts give two "Sign out" buttons: the name says whose (WCAG 2.5.3 kept).
          aria-label={`Sign out ${account.username}`}
          data-testid="account-sign-out"
        >
          Sign out
        </Button>
      </div>
      <TenantList account={account} />
      <SignOutDialog
        account={account}
        open={confirmingSignOut}
        onClose={() => setConfirmingSignOut(false)}
      />
    </article>
  );
}
