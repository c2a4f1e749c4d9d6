import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import type { ReadyTenant } from '../../electron/subscriptions/directory';
import {
  createSubscriptionsStore,
  type SubscriptionsStore,
  type TenantListing,
} from '../../electron/subscriptions/subscriptions-store';

const contoso: ReadyTenant = {
  accountId: 'account-a',
  username: 'a@contoso.com',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  tenantName: 'Contoso Ltd',
};
const fabrikam: ReadyTenant = {
  ...contoso,
  tenantId: '0f3e5a6c-1c1a-5d8e-9a34-7b9b1c2d3e4f',
  tenantName: 'Fabrikam Inc',
};

const listed = (tenant: ReadyTenant): TenantListing => ({
  tenant,
  subscriptions: [
    {
      subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
      displayName: 'Production',
      state: 'Enabled',
      tenantId: tenant.tenantId,
    },
  ],
});
const failed = (tenant: ReadyTenant): TenantListing => ({
  tenant,
  problem: { code: 'ProxyUnreachable', message: 'The proxy could not be reached.' },
});

let dir: string;
let db: Database;
let store: SubscriptionsStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-subscriptions-store-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
  store = createSubscriptionsStore(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the age of the subscription list', () => {
  const order = [contoso.accountId];

  it('stays at the last refresh that listed a tenant when every tenant failed', () => {
    store.recordRefresh([listed(contoso)], order, '2026-11-25T08:00:00.000Z');
    store.recordRefresh([failed(contoso)], order, '2026-11-25T10:00:00.000Z');

    const snapshot = store.snapshot();
    expect(snapshot.refreshedAt).toBe('2026-11-25T08:00:00.000Z');
    expect(snapshot.problems.map((p) => p.problem.code)).toEqual(['ProxyUnreachable']);
    expect(snapshot.subscriptions.map((s) => s.lastSeenAt)).toEqual(['2026-11-25T08:00:00.000Z']);
  });

  it('stays unset while no refresh has listed anything', () => {
    store.recordRefresh([failed(contoso)], order, '2026-11-25T10:00:00.000Z');
    expect(store.snapshot().refreshedAt).toBeNull();
  });

  it('moves when at least one tenant listed, the failures reported beside it', () => {
    store.recordRefresh([listed(contoso)], order, '2026-11-25T08:00:00.000Z');
    store.recordRefresh([listed(contoso), failed(fabrikam)], order, '2026-11-25T10:00:00.000Z');

    const snapshot = store.snapshot();
    expect(snapshot.refreshedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(snapshot.problems.map((p) => p.tenantName)).toEqual(['Fabrikam Inc']);
  });
});
