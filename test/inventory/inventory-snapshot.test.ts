import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import {
  createInventoryStore,
  type InventoryStore,
} from '../../electron/inventory/inventory-store';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

// What the inventory snapshot says about the scope as a whole: which subscriptions were listed
// when, which never were, and one problem per cause when clusters cannot be listed.

const PROD: ScopedSubscription = {
  subscriptionId: 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
  subscriptionName: 'Production',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  accountId: 'account',
};
const LAB: ScopedSubscription = {
  ...PROD,
  subscriptionId: '4a6a65ca-1384-5662-9425-06767a84562c',
  subscriptionName: 'Lab',
};

const forbidden = { code: 'AuthorizationFailed', message: 'No rights to list clusters.' };
const throttled = { code: 'TooManyRequests', message: 'Azure asked Mooring to slow down.' };

let scratch: ScratchDatabase;
let db: Database;
let store: InventoryStore;

beforeEach(() => {
  scratch = scratchDatabase('inventory-snapshot');
  db = scratch.db;
  store = createInventoryStore(db);
});
afterEach(() => scratch.close());

function listEmpty(
  subscription: ScopedSubscription,
  at: string,
  clusterProblems = [forbidden, forbidden],
) {
  const id = store.beginRefresh(1, at);
  store.recordSubscription(
    id,
    {
      subscription,
      workspaces: [],
      computeListings: [],
      discovery: {
        clusters: [
          { kind: 'aks', problem: clusterProblems[0] ?? forbidden },
          { kind: 'arc', problem: clusterProblems[1] ?? forbidden },
        ],
        identities: { identities: [] },
      },
    },
    at,
  );
  store.finishRefresh(id, at);
}

describe('the inventory snapshot', () => {
  it('gives each listed subscription its own age and names the one never listed', () => {
    listEmpty(PROD, '2026-12-03T08:00:00.000Z');
    const snapshot = store.snapshot([PROD, LAB]);
    expect(snapshot.listed).toEqual([
      { subscriptionId: PROD.subscriptionId, listedAt: '2026-12-03T08:00:00.000Z' },
    ]);
    expect(snapshot.unlisted).toEqual([
      { subscriptionId: LAB.subscriptionId, subscriptionName: 'Lab' },
    ]);
    expect(snapshot.refreshedAt).toBe('2026-12-03T08:00:00.000Z');
  });

  it('shows a subscription selected twice once, under the name it was first given', () => {
    const snapshot = store.snapshot([
      LAB,
      { ...LAB, subscriptionId: LAB.subscriptionId.toUpperCase(), subscriptionName: 'Lab (again)' },
    ]);
    expect(snapshot.unlisted).toEqual([
      { subscriptionId: LAB.subscriptionId, subscriptionName: 'Lab' },
    ]);
  });

  it('reports AKS and Arc clusters failing for one cause as one problem', () => {
    listEmpty(PROD, '2026-12-03T08:00:00.000Z');
    expect(store.snapshot([PROD]).problems).toEqual([
      {
        subscriptionId: PROD.subscriptionId,
        subscriptionName: 'Production',
        workspaceId: null,
        listing: 'clusters',
        problem: forbidden,
      },
    ]);
  });

  it('reports AKS and Arc clusters failing for two causes as two problems', () => {
    listEmpty(PROD, '2026-12-03T08:00:00.000Z', [forbidden, throttled]);
    expect(
      store
        .snapshot([PROD])
        .problems.map((p) => p.problem.code)
        .sort(),
    ).toEqual(['AuthorizationFailed', 'TooManyRequests']);
  });
});
