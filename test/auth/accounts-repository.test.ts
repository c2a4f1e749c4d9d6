import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccountsRepository,
  type AccountsRepository,
} from '../../electron/auth/accounts-repository';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

const CONTOSO = 'bd79c068-555e-57b3-b248-2d47f661607e';
const FABRIKAM = '9c5a4304-2bef-52f6-b840-53cdc67f42de';
const NORTHWIND = '6b4a7449-492c-501f-8df8-29fe7db32aaf';
const ADMIN = `0b1c.${CONTOSO}`;

let db: Database;
let repository: AccountsRepository;

beforeEach(() => {
  db = openDatabase({ path: ':memory:', migrations: migrations.filter((m) => m.version <= 2) });
  repository = createAccountsRepository(db, () => new Date('2026-01-01T00:00:00Z'));
  repository.saveAccount({
    accountId: ADMIN,
    cloud: 'management.azure.com',
    username: 'admin@contoso.com',
    name: 'Megan Bowen',
    homeTenantId: CONTOSO,
  });
  repository.replaceTenants(ADMIN, CONTOSO, [
    { tenantId: CONTOSO, displayName: 'Contoso Ltd', defaultDomain: 'contoso.onmicrosoft.com' },
    { tenantId: FABRIKAM, displayName: 'Fabrikam Inc', defaultDomain: null },
  ]);
});
afterEach(() => db.close());

describe('migration 2: accounts and tenants', () => {
  it('creates strict tables that refuse an unknown tenant status', () => {
    expect(() =>
      db.prepare("UPDATE account_tenants SET status = 'fine' WHERE tenant_id = ?").run(CONTOSO),
    ).toThrow(/CHECK constraint/);
    const strict = db
      .prepare<[], { name: string }>(
        "SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main'",
      )
      .all()
      .map((t) => t.name);
    expect(strict).toEqual(expect.arrayContaining(['accounts', 'tenants', 'account_tenants']));
  });

  it('refuses a tenant status for an account it does not know (foreign key)', () => {
    expect(() =>
      db
        .prepare(
          "INSERT INTO account_tenants (account_id, tenant_id, is_home, status, checked_at) VALUES ('nobody', ?, 0, 'ready', 'x')",
        )
        .run(CONTOSO),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('the accounts repository', () => {
  it('lists an account with its home tenant first, new tenants needing sign-in until asked', () => {
    expect(repository.accounts()).toEqual([
      expect.objectContaining({
        accountId: ADMIN,
        username: 'admin@contoso.com',
        homeTenantId: CONTOSO,
      }),
    ]);
    expect(repository.tenantsOf(ADMIN)).toEqual([
      {
        tenantId: CONTOSO,
        displayName: 'Contoso Ltd',
        defaultDomain: 'contoso.onmicrosoft.com',
        isHome: true,
        status: 'needs-sign-in',
        problem: null,
      },
      {
        tenantId: FABRIKAM,
        displayName: 'Fabrikam Inc',
        defaultDomain: null,
        isHome: false,
        status: 'needs-sign-in',
        problem: null,
      },
    ]);
  });

  it('keeps the statuses of tenants still listed and drops tenants no longer listed', () => {
    repository.setStatus(ADMIN, CONTOSO, 'ready', null);
    repository.setStatus(ADMIN, FABRIKAM, 'error', {
      code: 'AADSTS50020',
      message: 'Not a member.',
    });

    repository.replaceTenants(ADMIN, CONTOSO, [
      { tenantId: CONTOSO, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' },
      { tenantId: NORTHWIND, displayName: 'Northwind Traders', defaultDomain: null },
    ]);

    expect(repository.tenantsOf(ADMIN).map((t) => [t.displayName, t.status])).toEqual([
      ['Contoso', 'ready'],
      ['Northwind Traders', 'needs-sign-in'],
    ]);
  });

  it('forgets an account and its tenant statuses but keeps tenant names for other features', () => {
    repository.removeAccount(ADMIN);

    expect(repository.accounts()).toEqual([]);
    expect(repository.tenantsOf(ADMIN)).toEqual([]);
    expect(repository.tenant(FABRIKAM)).toEqual({
      tenantId: FABRIKAM,
      displayName: 'Fabrikam Inc',
      defaultDomain: null,
    });
  });
});
