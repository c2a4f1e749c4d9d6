import {
  Button,
  Spinner,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { Globe20Regular, Key20Regular, PersonAccountsRegular } from '@fluentui/react-icons';
import { CallError } from '../components/CallError';
import { Page } from '../components/Page';
import { useAccounts } from '../state/azure-stores';
import { AccountCard } from './AccountCard';
import { EmptyState } from '../components/EmptyState';
import { FOCUS_AFTER_REMOVAL } from '../components/focus-after-removal';
import { SignInOutcomeBar } from './SignInOutcomeBar';
import { AddAccountMenu } from './SignInMethodMenu';
import { useAzureGate } from '../connectivity/use-azure-gate';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** No account yet: say what signing in gives, and offer both ways to do it. */
function NoAccounts() {
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  // Cancelling the sign-in dialog puts focus back on the button that started it.
  const restoreFocusTarget = useRestoreFocusTarget();
  // Without a network a sign-in cannot succeed: it waits, with the reason said.
  const gate = useAzureGate('sign-in');
  return (
    <EmptyState
      icon={<PersonAccountsRegular />}
      title="Sign in to see your tenants and subscriptions"
      testId="accounts-empty"
      actions={
        <>
          <Button
            appearance="primary"
            icon={<Globe20Regular />}
            disabledFocusable={busy || gate.blocked}
            title={gate.reason ?? undefined}
            {...restoreFocusTarget}
            {...FOCUS_AFTER_REMOVAL}
            onClick={() => void startSignIn('browser', { kind: 'account' })}
            data-testid="accounts-empty-browser"
          >
            Sign in with browser
          </Button>
          <Button
            icon={<Key20Regular />}
            disabledFocusable={busy || gate.blocked}
            title={gate.reason ?? undefined}
            {...restoreFocusTarget}
            onClick={() => void startSignIn('device-code', { kind: 'account' })}
            data-testid="accounts-empty-device-code"
          >
            Use a device code
          </Button>
        </>
      }
    >
      Mooring signs in with your Microsoft Entra ID account and lists every tenant it belongs to.
      Add as many accounts as you work with; each tenant that asks for multi-factor authentication
      is signed in to separately, without holding up the others.
    </EmptyState>
  );
}

function AccountList() {
  const styles = useStyles();
  const accounts = useAccounts((state) => state.accounts);
  const load = useAccounts((state) => state.load);

  switch (accounts.status) {
    case 'loading':
      return <Spinner size="small" label="Loading accounts…" data-testid="accounts-loading" />;
    case 'failed':
      return (
        <CallError
          title="Your accounts could not be loaded"
          error={accounts.error}
          onRetry={() => void load()}
          testId="accounts-error"
        />
      );
    case 'ready':
      if (accounts.value.length === 0) return <NoAccounts />;
      return (
        <div className={styles.list} data-testid="account-list">
          {accounts.value.map((account) => (
            <AccountCard key={account.accountId} account={account} />
          ))}
        </div>
      );
  }
}

export function AccountsPage({ focusHeading }: { focusHeading: boolean }) {
  const styles = useStyles();
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  // With no account the empty state offers both ways to sign in; otherwise the toolbar does.
  const noAccounts = useAccounts(
    (state) => state.accounts.status === 'ready' && state.accounts.value.length === 0,
  );

  return (
    <Page
      title="Accounts"
      description="The Microsoft Entra ID accounts Mooring signs in with, and the tenants each one reaches."
      focusHeading={focusHeading}
      testId="page-accounts"
    >
      {!noAccounts && (
        <div className={styles.toolbar}>
          <AddAccountMenu
            disabled={busy}
            onChoose={(method) => void startSignIn(method, { kind: 'account' })}
          />
        </div>
      )}
      <SignInOutcomeBar />
      <AccountList />
    </Page>
  );
}
