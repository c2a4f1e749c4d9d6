import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComputeRecord } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import {
  createInventoryStore,
  type InventoryStore,
} from '../../electron/inventory/inventory-store';
import { SUB, computeRecord, workspaceRecord } from './records-fixture';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

// A compute's state history as refreshes record it, one behaviour per test: a new state, new
// errors alone, nothing new, a compute gone from a workspace still listed, and its return.

const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  accountId: 'account',
};
const ws = workspaceRecord('mlw-a');
const compute = (
  name: string,
  provisioningState = 'Succeeded',
  errors: ComputeRecord['provisioningErrors'] = [],
): ComputeRecord => computeRecord(ws, name, { provisioningState, provisioningErrors: errors });
const quota = [{ code: 'QuotaExceeded', message: 'No quota left.' }];
const throttled = [{ code: 'TooManyRequests', message: 'Slow down.' }];

let scratch: ScratchDatabase;
let db: Database;
let store: InventoryStore;

beforeEach(() => {
  scratch = scratchDatabase('compute-drift');
  db = scratch.db;
  store = createInventoryStore(db);
});
afterEach(() => scratch.close());

function refresh(at: string, computes: ComputeRecord[]): void {
  const id = store.beginRefresh(1, at);
  store.recordSubscription(
    id,
    { subscription: scope, workspaces: [ws], computeListings: [{ workspace: ws, computes }] },
    at,
  );
  store.finishRefresh(id, at);
}
const historyOf = (name: string) =>
  store
    .history(compute(name).id)
    .map((h) =>
      `${h.seenAt} ${h.provisioningState} ${h.provisioningErrors.map((e) => e.code).join(',')}`.trim(),
    );

describe('a compute’s state history', () => {
  it('grows when the state changes', () => {
    refresh('t1', [compute('gpu', 'Creating')]);
    refresh('t2', [compute('gpu', 'Succeeded')]);
    expect(historyOf('gpu')).toEqual(['t1 Creating', 't2 Succeeded']);
  });

  it('grows when only the errors change', () => {
    refresh('t1', [compute('gpu', 'Failed', quota)]);
    refresh('t2', [compute('gpu', 'Failed', throttled)]);
    expect(historyOf('gpu')).toEqual(['t1 Failed QuotaExceeded', 't2 Failed TooManyRequests']);
  });

  it('stays as it was when nothing changed', () => {
    refresh('t1', [compute('gpu', 'Failed', quota)]);
    refresh('t2', [compute('gpu', 'Failed', quota)]);
    expect(historyOf('gpu')).toEqual(['t1 Failed QuotaExceeded']);
  });

  it('says Removed when a compute is gone from a workspace that is still listed', () => {
    refresh('t1', [compute('gpu'), compute('cpu')]);
    refresh('t2', [compute('cpu')]);
    expect(historyOf('gpu')).toEqual(['t1 Succeeded', 't2 Removed']);
    expect(historyOf('cpu')).toEqual(['t1 Succeeded']);
    expect(store.snapshot([scope]).computes.map((c) => [c.name, c.removedAt])).toEqual([
      ['cpu', null],
      ['gpu', 't2'],
    ]);
  });

  it('shows the return of a removed compute in the same state', () => {
    refresh('t1', [compute('gpu')]);
    refresh('t2', []);
    refresh('t3', [compute('gpu')]);
    expect(historyOf('gpu')).toEqual(['t1 Succeeded', 't2 Removed', 't3 Succeeded']);
  });
});
