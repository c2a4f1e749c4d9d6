import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/errors';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import type { ReadyTenant } from '../../electron/subscriptions/directory';
import {
  createSubscriptionsStore,
  type SubscriptionsStore,
  type TenantListing,
} from '../../electron/subscriptions/subscriptions-store';

// What the local subscription record keeps between refreshes, sign-outs and filter changes,
// read back through the snapshot the picker shows.

const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const OTHER_TENANT = '0f3e5a6c-1c1a-5d8e-9a34-7b9b1c2d3e4f';
const PROD = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const DEV = '711e748e-5b30-500e-8298-08fb2b032255';
const LAB = '4a6a65ca-1384-5662-9425-06767a84562c';

const tenantOf = (accountId: string, username: string, tenantId = TENANT): ReadyTenant => ({
  accountId,
  username,
  tenantId,
  tenantName: tenantId === TENANT ? 'Contoso Ltd' : 'Fabrikam Inc',
});
// Usernames sort differently from the sign-in order (ann, cat, bob), so an order taken from
// the names alone shows.
const ann = tenantOf('account-ann', 'ann@contoso.com');
const cat = tenantOf('account-cat', 'cat@contoso.com');
const bob = tenantOf('account-bob', 'bob@contoso.com');

const listing = (tenant: ReadyTenant, ...ids: string[]): TenantListing => ({
  tenant,
  subscriptions: ids.map((subscriptionId) => ({
    subscriptionId,
    displayName: subscriptionId === PROD ? 'Production' : subscriptionId === DEV ? 'Dev' : 'Lab',
    state: 'Enabled',
    tenantId: tenant.tenantId,
  })),
});
const failure = (tenant: ReadyTenant): TenantListing => ({
  tenant,
  problem: { code: 'ProxyUnreachable', message: 'The proxy could not be reached.' },
});

let scratch: ScratchDatabase;
let db: Database;
let store: SubscriptionsStore;

beforeEach(() => {
  scratch = scratchDatabase('subscriptions-records');
  db = scratch.db;
  store = createSubscriptionsStore(db);
});
afterEach(() => scratch.close());

const shown = (id: string) => {
  const found = store.snapshot().subscriptions.find((s) => s.subscriptionId === id);
  if (!found) throw new Error(`subscription ${id} is not in the snapshot`);
  return found;
};
const usedBy = (id: string) => {
  const { accountUsername, alsoSeenBy } = shown(id);
  return [accountUsername, ...alsoSeenBy];
};

function failureOf(action: () => void): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the filter change to be refused');
}

describe('the filters shown', () => {
  it('are exactly the ones set: hiding or starring one leaves the others plain', () => {
    store.recordRefresh([listing(ann, PROD, DEV, LAB)], [ann.accountId], '2026-12-01T08:00:00Z');
    store.applyFilters(
      [
        { subscriptionId: DEV, hidden: true },
        { subscriptionId: LAB, favourite: true },
      ],
      '2026-12-01T09:00:00Z',
    );
    expect(
      [PROD, DEV, LAB].map((id) => ({ hidden: shown(id).hidden, favourite: shown(id).favourite })),
    ).toEqual([
      { hidden: false, favourite: false },
      { hidden: true, favourite: false },
      { hidden: false, favourite: true },
    ]);
  });

  it('starring a subscription is no choice of subscriptions: a newcomer in its tenant still joins', () => {
    store.recordRefresh([listing(ann, PROD)], [ann.accountId], '2026-12-01T08:00:00Z');
    store.applyFilters([{ subscriptionId: PROD, favourite: true }], '2026-12-01T09:00:00Z');
    store.recordRefresh([listing(ann, PROD, DEV)], [ann.accountId], '2026-12-01T10:00:00Z');
    expect({ selected: shown(DEV).selected, offered: shown(DEV).offered }).toEqual({
      selected: true,
      offered: false,
    });
  });

  it('picking a subscription is a choice for its tenant: a newcomer there is offered, not selected', () => {
    store.recordRefresh([listing(ann, PROD)], [ann.accountId], '2026-12-01T08:00:00Z');
    store.applyFilters([{ subscriptionId: PROD, selected: true }], '2026-12-01T09:00:00Z');
    store.recordRefresh([listing(ann, PROD, DEV)], [ann.accountId], '2026-12-01T10:00:00Z');
    expect({ selected: shown(DEV).selected, offered: shown(DEV).offered }).toEqual({
      selected: false,
      offered: true,
    });
  });
});

describe('a filter change naming unknown subscriptions', () => {
  const unknown = [
    '00000000-0000-4000-8000-000000000001',
    '00000000-0000-4000-8000-000000000002',
    '00000000-0000-4000-8000-000000000003',
    '00000000-0000-4000-8000-000000000004',
    '00000000-0000-4000-8000-000000000005',
  ];

  beforeEach(() => {
    store.recordRefresh([listing(ann, PROD)], [ann.accountId], '2026-12-01T08:00:00Z');
  });

  it('is refused as not found, naming three and counting the rest once each', () => {
    const error = failureOf(() =>
      store.applyFilters(
        [
          { subscriptionId: PROD, hidden: true },
          ...unknown.map((subscriptionId) => ({ subscriptionId, hidden: true })),
          { subscriptionId: unknown[0] ?? '', favourite: true },
        ],
        '2026-12-01T09:00:00Z',
      ),
    );
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(
      `No signed-in account sees subscription ${unknown.slice(0, 3).join(', ')} and 2 more, so no filter was changed; refresh the subscription list and try again.`,
    );
    expect(error.details).toEqual({ unknownSubscriptionIds: unknown });
    expect(shown(PROD).hidden).toBe(false);
  });

  it('names all of them when there are just three', () => {
    const three = unknown.slice(0, 3);
    const error = failureOf(() =>
      store.applyFilters(
        three.map((subscriptionId) => ({ subscriptionId, selected: false })),
        '2026-12-01T09:00:00Z',
      ),
    );
    expect(error.message).toBe(
      `No signed-in account sees subscription ${three.join(', ')}, so no filter was changed; refresh the subscription list and try again.`,
    );
  });
});

describe('the account used for a subscription', () => {
  const order = [ann.accountId, cat.accountId, bob.accountId];

  it('follows the sign-in order when no account could list it this time', () => {
    store.recordRefresh(
      [listing(ann, PROD), listing(cat, PROD)],
      [ann.accountId, cat.accountId],
      '2026-12-01T08:00:00Z',
    );
    expect(usedBy(PROD)).toEqual(['ann@contoso.com', 'cat@contoso.com']);

    store.recordRefresh(
      [failure(ann), failure(cat)],
      [cat.accountId, ann.accountId],
      '2026-12-01T09:00:00Z',
    );
    expect(usedBy(PROD)).toEqual(['cat@contoso.com', 'ann@contoso.com']);
  });

  it('moves to the next account in the last order at sign-out, the signed-out one named last', () => {
    store.recordRefresh(
      [listing(ann, PROD), listing(cat, PROD), listing(bob, PROD)],
      order,
      '2026-12-01T08:00:00Z',
    );
    expect(usedBy(PROD)).toEqual(['ann@contoso.com', 'cat@contoso.com', 'bob@contoso.com']);

    store.demoteAccount(ann.accountId);
    expect(usedBy(PROD)).toEqual(['cat@contoso.com', 'bob@contoso.com', 'ann@contoso.com']);
    expect(shown(PROD).accountId).toBe(cat.accountId);
  });

  it('stays the signed-out account for a subscription only it sees, which is kept', () => {
    store.recordRefresh([listing(ann, PROD), listing(cat, DEV)], order, '2026-12-01T08:00:00Z');
    store.demoteAccount(ann.accountId);
    expect(shown(PROD)).toMatchObject({ accountId: ann.accountId, alsoSeenBy: [] });
    expect(shown(DEV).accountId).toBe(cat.accountId);
  });
});

describe('listing problems', () => {
  it('go when the next refresh lists that tenant', () => {
    const fabrikam = tenantOf(ann.accountId, ann.username, OTHER_TENANT);
    store.recordRefresh(
      [listing(ann, PROD), failure(fabrikam)],
      [ann.accountId],
      '2026-12-01T08:00:00Z',
    );
    expect(store.snapshot().problems.map((p) => p.tenantName)).toEqual(['Fabrikam Inc']);
    store.recordRefresh(
      [listing(ann, PROD), listing(fabrikam)],
      [ann.accountId],
      '2026-12-01T09:00:00Z',
    );
    expect(store.snapshot().problems).toEqual([]);
  });

  it('of a signed-out account go at sign-out, the others stay', () => {
    const catElsewhere = tenantOf(cat.accountId, cat.username, OTHER_TENANT);
    const annElsewhere = tenantOf(ann.accountId, ann.username, OTHER_TENANT);
    store.recordRefresh(
      [listing(ann, PROD), failure(annElsewhere), listing(cat, PROD), failure(catElsewhere)],
      [ann.accountId, cat.accountId],
      '2026-12-01T08:00:00Z',
    );
    store.demoteAccount(ann.accountId);
    expect(store.snapshot().problems.map((p) => p.accountId)).toEqual([cat.accountId]);
  });
});
