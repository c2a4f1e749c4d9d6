import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AccountView, TenantView } from '../../../shared/domain/accounts';
import { useAccounts } from '../state/azure-stores';
import { problemText } from './problem-text';
import { TenantSignInButton } from './SignInMethodMenu';
import { TenantStatusBadge } from './TenantStatusBadge';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  identity: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  nameLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  secondary: { color: tokens.colorNeutralForeground3 },
  tenantId: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  problem: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground2 },
  problemError: { color: tokens.colorPaletteRedForeground1 },
});

/** What the user should do about a tenant that is not ready, when the main process said nothing. */
const FALLBACK_ADVICE: Record<Exclude<TenantView['status'], 'ready'>, string> = {
  'needs-sign-in':
    'This tenant asks for multi-factor authentication, Conditional Access or consent: sign in to it to use its subscriptions. Your other tenants keep working.',
  error: 'Mooring could not get a token for this tenant. Sign out and add the account again.',
};

function TenantRow({ account, tenant }: { account: AccountView; tenant: TenantView }) {
  const styles = useStyles();
  const busy = useAccounts((state) => state.session !== null);
  const startSignIn = useAccounts((state) => state.startSignIn);
  const signIn = (method: 'browser' | 'device-code') =>
    void startSignIn(method, {
      kind: 'tenant',
      accountId: account.accountId,
      username: account.username,
      tenantId: tenant.tenantId,
      tenantName: tenant.displayName,
    });

  return (
    <li
      className={styles.row}
      data-testid="tenant-row"
      data-tenant-id={tenant.tenantId}
      data-status={tenant.status}
    >
      <div className={styles.identity}>
        <span className={styles.nameLine}>
          <Text weight="semibold" data-testid="tenant-name">
            {tenant.displayName}
          </Text>
          {tenant.isHomeTenant && <Caption1 className={styles.secondary}>Home tenant</Caption1>}
        </span>
        <Caption1 className={styles.secondary}>
          <span data-testid="tenant-domain">{tenant.defaultDomain ?? 'No default domain'}</span>
          {' · '}
          <span className={styles.tenantId} title="Tenant id">
            {tenant.tenantId}
          </span>
        </Caption1>
      </div>
      <div className={styles.actions}>
        {tenant.status !== 'ready' && (
          <TenantSignInButton tenantName={tenant.displayName} onChoose={signIn} disabled={busy} />
        )}
        <TenantStatusBadge status={tenant.status} />
      </div>
      {tenant.status !== 'ready' && (
        <Caption1
          className={tenant.status === 'error' ? styles.problemError : styles.problem}
          data-testid="tenant-problem"
        >
          {tenant.problem ? problemText(tenant.problem) : FALLBACK_ADVICE[tenant.status]}
        </Caption1>
      )}
    </li>
  );
}

/** An account's tenants: name, default domain, status, and a sign-in for any that asks for one. */
export function TenantList({ account }: { account: AccountView }) {
  const styles = useStyles();
  if (account.tenants.length === 0) {
    return (
      <Caption1 className={styles.secondary} data-testid="tenants-none">
        Azure lists no tenant for this account. Ask an administrator to add it to a tenant, then
        sign out and in again.
      </Caption1>
    );
  }
  // Tenants that need the user come first: they are what this page is visited for.
  const ordered = [...account.tenants].sort(
    (a, b) =>
      Number(a.status === 'ready') - Number(b.status === 'ready') ||
      Number(b.isHomeTenant) - Number(a.isHomeTenant) ||
      a.displayName.localeCompare(b.displayName),
  );
  return (
    <ul className={styles.list} aria-label={`Tenants of ${account.username}`}>
      {ordered.map((tenant) => (
        <TenantRow key={tenant.tenantId} account={account} tenant={tenant} />
      ))}
    </ul>
  );
}
