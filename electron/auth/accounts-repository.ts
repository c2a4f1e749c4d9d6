import type { Database } from 'better-sqlite3';
import type { TenantProblem, TenantStatus } from '../../shared/domain/accounts';

/** One signed-in account as the local record keeps it (never a token). */
export interface AccountRecord {
  readonly accountId: string;
  /**
   * The cloud the account signed in to (`cloudIdentity`: its Resource Manager host); accounts of
   * another cloud are not listed. Records written before tokens were bound to a cloud hold the
   * sign-in host instead (an `https://` URL): see `adoptIntoCloud`.
   */
  readonly cloud: string;
  readonly username: string;
  readonly name: string | null;
  readonly homeTenantId: string;
}

/** One tenant of an account, with the outcome of the last token request for it. */
export interface AccountTenantRecord {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomain: string | null;
  readonly isHome: boolean;
  readonly status: TenantStatus;
  readonly problem: TenantProblem | null;
}

/** A tenant as ARM lists it. */
export interface TenantFacts {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomain: string | null;
}

export interface AccountsRepository {
  accounts(): AccountRecord[];
  account(accountId: string): AccountRecord | undefined;
  tenantsOf(accountId: string): AccountTenantRecord[];
  /** A tenant's name and domain as last seen, whoever saw it. */
  tenant(tenantId: string): TenantFacts | undefined;
  saveAccount(account: AccountRecord): void;
  /** Replaces the account's tenant list: tenants no longer listed are dropped, statuses kept for the others. */
  replaceTenants(accountId: string, homeTenantId: string, tenants: readonly TenantFacts[]): void;
  setStatus(
    accountId: string,
    tenantId: string,
    status: TenantStatus,
    problem: TenantProblem | null,
  ): void;
  /** Binds a record written by an earlier version (which kept only the sign-in host) to a cloud. */
  adoptIntoCloud(accountId: string, cloud: string): void;
  /** Forgets the account and its tenant statuses; tenant names stay (they hold nothing personal). */
  removeAccount(accountId: string): void;
}

interface AccountRow {
  account_id: string;
  authority_host: string;
  username: string;
  name: string | null;
  home_tenant_id: string;
}

interface AccountTenantRow {
  tenant_id: string;
  display_name: string;
  default_domain: string | null;
  is_home: number;
  status: TenantStatus;
  problem_code: string | null;
  problem_message: string | null;
}

// The column is named for what migration 2 kept there (the sign-in host); it now holds the
// account's cloud identity. Renaming it would take a migration for no change in meaning to SQL.
const toAccount = (row: AccountRow): AccountRecord => ({
  accountId: row.account_id,
  cloud: row.authority_host,
  username: row.username,
  name: row.name,
  homeTenantId: row.home_tenant_id,
});

const toTenant = (row: AccountTenantRow): AccountTenantRecord => ({
  tenantId: row.tenant_id,
  displayName: row.display_name,
  defaultDomain: row.default_domain,
  isHome: row.is_home === 1,
  status: row.status,
  problem:
    row.problem_code !== null && row.problem_message !== null
      ? { code: row.problem_code, message: row.problem_message }
      : null,
});

/** The accounts and tenants tables of migration 2. */
export function createAccountsRepository(
  db: Database,
  now: () => Date = () => new Date(),
): AccountsRepository {
  const selectAccounts = db.prepare<[], AccountRow>(
    `SELECT account_id, authority_host, username, name, home_tenant_id
       FROM accounts ORDER BY added_at, username`,
  );
  const selectAccount = db.prepare<[string], AccountRow>(
    `SELECT account_id, authority_host, username, name, home_tenant_id
       FROM accounts WHERE account_id = ?`,
  );
  const selectTenantsOf = db.prepare<[string], AccountTenantRow>(
    `SELECT t.tenant_id, t.display_name, t.default_domain, a.is_home, a.status,
            a.problem_code, a.problem_message
       FROM account_tenants a JOIN tenants t ON t.tenant_id = a.tenant_id
      WHERE a.account_id = ?
      ORDER BY a.is_home DESC, t.display_name COLLATE NOCASE, t.tenant_id`,
  );
  const selectTenant = db.prepare<
    [string],
    { tenant_id: string; display_name: string; default_domain: string | null }
  >('SELECT tenant_id, display_name, default_domain FROM tenants WHERE tenant_id = ?');
  const upsertAccount = db.prepare<[string, string, string, string | null, string, string, string]>(
    `INSERT INTO accounts (account_id, authority_host, username, name, home_tenant_id, added_at, last_signed_in_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET
       authority_host = excluded.authority_host, username = excluded.username, name = excluded.name,
       home_tenant_id = excluded.home_tenant_id, last_signed_in_at = excluded.last_signed_in_at`,
  );
  const upsertTenant = db.prepare<[string, string, string | null, string]>(
    `INSERT INTO tenants (tenant_id, display_name, default_domain, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET display_name = excluded.display_name,
       default_domain = excluded.default_domain, seen_at = excluded.seen_at`,
  );
  // A tenant seen for the first time has not been asked for a token yet: it starts as needing sign-in.
  const insertAccountTenant = db.prepare<[string, string, number, string]>(
    `INSERT INTO account_tenants (account_id, tenant_id, is_home, status, problem_code, problem_message, checked_at)
     VALUES (?, ?, ?, 'needs-sign-in', NULL, NULL, ?)
     ON CONFLICT (account_id, tenant_id) DO UPDATE SET is_home = excluded.is_home`,
  );
  const deleteAccountTenant = db.prepare<[string, string]>(
    'DELETE FROM account_tenants WHERE account_id = ? AND tenant_id = ?',
  );
  const updateStatus = db.prepare<[string, string | null, string | null, string, string, string]>(
    `UPDATE account_tenants SET status = ?, problem_code = ?, problem_message = ?, checked_at = ?
      WHERE account_id = ? AND tenant_id = ?`,
  );
  const deleteAccount = db.prepare<[string]>('DELETE FROM accounts WHERE account_id = ?');
  const updateCloud = db.prepare<[string, string]>(
    'UPDATE accounts SET authority_host = ? WHERE account_id = ?',
  );

  const replaceTenants = db.transaction(
    (accountId: string, homeTenantId: string, tenants: readonly TenantFacts[]) => {
      const at = now().toISOString();
      const listed = new Set(tenants.map((t) => t.tenantId));
      for (const tenant of tenants)
        upsertTenant.run(tenant.tenantId, tenant.displayName, tenant.defaultDomain, at);
      for (const existing of selectTenantsOf.all(accountId))
        if (!listed.has(existing.tenant_id)) deleteAccountTenant.run(accountId, existing.tenant_id);
      for (const tenant of tenants)
        insertAccountTenant.run(
          accountId,
          tenant.tenantId,
          tenant.tenantId === homeTenantId ? 1 : 0,
          at,
        );
    },
  );

  return {
    accounts: () => selectAccounts.all().map(toAccount),
    account(accountId) {
      const row = selectAccount.get(accountId);
      return row ? toAccount(row) : undefined;
    },
    tenantsOf: (accountId) => selectTenantsOf.all(accountId).map(toTenant),
    tenant(tenantId) {
      const row = selectTenant.get(tenantId);
      return row
        ? {
            tenantId: row.tenant_id,
            displayName: row.display_name,
            defaultDomain: row.default_domain,
          }
        : undefined;
    },
    saveAccount(account) {
      const at = now().toISOString();
      upsertAccount.run(
        account.accountId,
        account.cloud,
        account.username,
        account.name,
        account.homeTenantId,
        at,
        at,
      );
    },
    replaceTenants: (accountId, homeTenantId, tenants) =>
      replaceTenants(accountId, homeTenantId, tenants),
    setStatus(accountId, tenantId, status, problem) {
      updateStatus.run(
        status,
        problem?.code ?? null,
        problem?.message ?? null,
        now().toISOString(),
        accountId,
        tenantId,
      );
    },
    adoptIntoCloud: (accountId, cloud) => void updateCloud.run(cloud, accountId),
    // account_tenants rows go with it (ON DELETE CASCADE).
    removeAccount: (accountId) => void deleteAccount.run(accountId),
  };
}
