import {
  Body1,
  Button,
  Spinner,
  Subtitle1,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { Globe20Regular, Key20Regular, PersonAccountsRegular } from '@fluentui/react-icons';
import { CallError } from '../components/CallError';
import { Page } from '../components/Page';
import { useAccounts } from '../state/azure-stores';
import { AccountCard } from './AccountCard';
import { SignInOutcomeBar } from './SignInOutcomeBar';
import { AddAccountMenu } from './SignInMethodMenu';

const useStyles = makeStyles({
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    maxWidth: '560px',
    margin: `${tokens.spacingVerticalXXL} auto 0`,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    borderRadius: tokens.borderRadiusXLarge,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  emptyIcon: { display: 'flex', fontSize: '48px', color: tokens.colorBrandForeground1 },
  emptyTitle: { margin: 0 },
  emptyBody: { color: tokens.colorNeutralForeground2 },
  emptyActions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

/** No account yet: say what signing in gives, and offer both ways to do it. */
function NoAccounts() {
  const styles = useStyles();
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  // Cancelling the sign-in dialog puts focus back on the button that started it.
  const restoreFocusTarget = useRestoreFocusTarget();
  return (
    <div className={styles.empty} data-testid="accounts-empty">
      <span className={styles.emptyIcon} aria-hidden="true">
        <PersonAccountsRegular />
      </span>
      <Subtitle1 as="h2" className={styles.emptyTitle}>
        Sign in to see your tenants and subscriptions
      </Subtitle1>
      <Body1 className={styles.emptyBody}>
        Mooring signs in with your Microsoft Entra ID account and lists every tenant it belongs to.
        Add as many accounts as you work with; each tenant that asks for multi-factor authentication
        is signed in to separately, without holding up the others.
      </Body1>
      <div className={styles.emptyActions}>
        <Button
          appearance="primary"
          icon={<Globe20Regular />}
          disabledFocusable={busy}
          {...restoreFocusTarget}
          onClick={() => void startSignIn('browser', { kind: 'account' })}
          data-testid="accounts-empty-browser"
        >
          Sign in with browser
        </Button>
        <Button
          icon={<Key20Regular />}
          disabledFocusable={busy}
          {...restoreFocusTarget}
          onClick={() => void startSignIn('device-code', { kind: 'account' })}
          data-testid="accounts-empty-device-code"
        >
          Use a device code
        </Button>
      </div>
    </div>
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
