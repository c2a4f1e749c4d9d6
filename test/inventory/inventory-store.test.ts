import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComputeRecord, WorkspaceRecord } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import {
  createInventoryStore,
  type InventoryStore,
} from '../../electron/inventory/inventory-store';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';
import { SUB, computeRecord, workspaceRecord } from './records-fixture';

const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: 'BD79C068-555E-57B3-B248-2D47F661607E',
  accountId: 'account',
};

const workspace = workspaceRecord;
const compute = (ws: WorkspaceRecord, name: string, provisioningState = 'Succeeded') =>
  computeRecord(ws, name, { provisioningState });

let dir: string;
let db: Database;
let store: InventoryStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-inventory-store-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
  store = createInventoryStore(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Records one finished refresh listing `workspaces` with their computes at time `at`. */
function refresh(at: string, listed: Array<[WorkspaceRecord, ComputeRecord[]]>): void {
  const id = store.beginRefresh(1, at);
  store.recordSubscription(
    id,
    {
      subscription: scope,
      workspaces: listed.map(([ws]) => ws),
      computeListings: listed.map(([ws, computes]) => ({ workspace: ws, computes })),
    },
    at,
  );
  store.finishRefresh(id, at);
}

describe('the inventory store', () => {
  it('marks a workspace no longer listed, and its computes, removed outside Mooring', () => {
    const a = workspace('mlw-a');
    const b = workspace('mlw-b');
    refresh('t1', [
      [a, [compute(a, 'gpu')]],
      [b, [compute(b, 'cpu')]],
    ]);
    refresh('t2', [[b, [compute(b, 'cpu')]]]);

    const snapshot = store.snapshot([scope]);
    expect(snapshot.workspaces.map((w) => [w.name, w.removedAt])).toEqual([
      ['mlw-a', 't2'],
      ['mlw-b', null],
    ]);
    expect(snapshot.computes.map((c) => [c.name, c.removedAt])).toEqual([
      ['gpu', 't2'],
      ['cpu', null],
    ]);
    expect(store.history(compute(a, 'gpu').id).map((h) => [h.provisioningState, h.seenAt])).toEqual(
      [
        ['Succeeded', 't1'],
        ['Removed', 't2'],
      ],
    );
  });

  it('takes a removed workspace back cleanly when it is listed again', () => {
    const a = workspace('mlw-a');
    refresh('t1', [[a, [compute(a, 'gpu')]]]);
    refresh('t2', []);
    refresh('t3', [[a, [compute(a, 'gpu')]]]);

    const snapshot = store.snapshot([scope]);
    expect(snapshot.workspaces.map((w) => [w.removedAt, w.lastSyncedAt])).toEqual([[null, 't3']]);
    expect(snapshot.computes.map((c) => [c.removedAt, c.lastSyncedAt])).toEqual([[null, 't3']]);
  });

  it('compares ARM ids case-insensitively and shows the id as Azure last spelled it', () => {
    const lower = workspace('mlw-a', 'rg-ml');
    const upper = { ...workspace('mlw-a', 'RG-ML'), id: lower.id.replace('rg-ml', 'RG-ML') };
    refresh('t1', [[lower, [compute(lower, 'gpu')]]]);
    refresh('t2', [[upper, [compute(upper, 'GPU')]]]);

    const snapshot = store.snapshot([scope]);
    expect(snapshot.workspaces.map((w) => [w.id, w.removedAt])).toEqual([[upper.id, null]]);
    expect(snapshot.computes.map((c) => [c.name, c.removedAt])).toEqual([['GPU', null]]);
    expect(store.history(compute(lower, 'gpu').id)).toHaveLength(1);
  });

  it('stores ids with non-ASCII resource group names', () => {
    const ws = workspace('mlw-ü', 'Équipe-ML');
    refresh('t1', [[ws, [compute(ws, 'gpu')]]]);
    refresh('t2', [[ws, [compute(ws, 'gpu')]]]);
    expect(store.snapshot([scope]).computes.map((c) => c.removedAt)).toEqual([null]);
  });

  it('keeps the last record of a subscription whose listing failed', () => {
    const a = workspace('mlw-a');
    refresh('t1', [[a, [compute(a, 'gpu')]]]);
    const id = store.beginRefresh(1, 't2');
    store.recordSubscription(
      id,
      { subscription: scope, problem: { code: 'AuthorizationFailed', message: 'm' } },
      't2',
    );
    store.finishRefresh(id, 't2');

    const snapshot = store.snapshot([scope]);
    expect(snapshot.workspaces.map((w) => [w.removedAt, w.lastSyncedAt])).toEqual([[null, 't1']]);
    expect(snapshot.problems).toEqual([
      {
        subscriptionId: SUB,
        subscriptionName: 'Production',
        workspaceId: null,
        problem: { code: 'AuthorizationFailed', message: 'm' },
      },
    ]);
    // The age is that of the data: the failed refresh at t2 listed nothing.
    expect(snapshot.refreshedAt).toBe('t1');
    expect(snapshot.unlisted).toEqual([]);
  });

  it('shows the problems of the last finished refresh while another is running', () => {
    const first = store.beginRefresh(1, 't1');
    store.recordSubscription(
      first,
      { subscription: scope, problem: { code: 'A', message: 'm' } },
      't1',
    );
    store.finishRefresh(first, 't1');
    const running = store.beginRefresh(1, 't2');
    store.recordSubscription(
      running,
      { subscription: scope, problem: { code: 'B', message: 'm' } },
      't2',
    );

    expect(store.snapshot([scope]).problems.map((p) => p.problem.code)).toEqual(['A']);
    // Nothing was ever listed: the record has no age, and the subscription is unlisted.
    expect(store.snapshot([scope]).refreshedAt).toBeNull();
    expect(store.snapshot([scope]).unlisted).toEqual([
      { subscriptionId: SUB, subscriptionName: 'Production' },
    ]);
  });

  it('reports the subscriptions no listing has recorded, not as empty ones', () => {
    refresh('t1', []);
    const other: ScopedSubscription = {
      ...scope,
      subscriptionId: '1B64C9CC-DA2F-576E-9210-F5FD7D05790E',
      subscriptionName: 'Joined later',
    };

    const snapshot = store.snapshot([scope, other]);

    expect(snapshot.workspaces).toEqual([]);
    expect(snapshot.unlisted).toEqual([
      { subscriptionId: '1b64c9cc-da2f-576e-9210-f5fd7d05790e', subscriptionName: 'Joined later' },
    ]);
    expect(snapshot.refreshedAt).toBe('t1');
    expect(store.snapshot([scope]).unlisted).toEqual([]);
  });

  it('gives as its age the oldest last successful listing in scope, whatever came after', () => {
    const other: ScopedSubscription = {
      ...scope,
      subscriptionId: '1b64c9cc-da2f-576e-9210-f5fd7d05790e',
      subscriptionName: 'Research',
    };
    const listed = (subscription: ScopedSubscription) => ({
      subscription,
      workspaces: [],
      computeListings: [],
    });
    const failed = (subscription: ScopedSubscription) => ({
      subscription,
      problem: { code: 'ProxyUnreachable', message: 'm' },
    });
    const run = (
      at: string,
      ...listings: Parameters<InventoryStore['recordSubscription']>[1][]
    ) => {
      const id = store.beginRefresh(listings.length, at);
      for (const listing of listings) store.recordSubscription(id, listing, at);
      store.finishRefresh(id, at);
    };

    run('2026-11-25T08:00:00.000Z', listed(scope), listed(other));
    run('2026-11-25T09:00:00.000Z', listed(scope), failed(other));
    expect(store.snapshot([scope, other]).refreshedAt).toBe('2026-11-25T08:00:00.000Z');
    expect(store.snapshot([scope]).refreshedAt).toBe('2026-11-25T09:00:00.000Z');

    // Everything failing (an unreachable proxy) leaves the age where it was.
    run('2026-11-25T10:00:00.000Z', failed(scope), failed(other));
    const snapshot = store.snapshot([scope, other]);
    expect(snapshot.refreshedAt).toBe('2026-11-25T08:00:00.000Z');
    expect(snapshot.problems).toHaveLength(2);
    expect(snapshot.unlisted).toEqual([]);
  });

  it('migration 5 seeds listing times from an existing record, so an upgrade keeps its age', () => {
    const a = workspace('mlw-a');
    refresh('t1', [[a, []]]);
    refresh('t2', []); // a removed at t2: the last listing was at t2
    // As a database of schema 4 would be: no listing times recorded yet.
    db.exec('DROP TABLE inventory_listings');
    const migration5 = migrations.find((migration) => migration.version === 5);
    migration5?.up(db);

    expect(createInventoryStore(db).snapshot([scope])).toMatchObject({
      refreshedAt: 't2',
      unlisted: [],
    });
  });

  it('keeps the tenant as a lower-case GUID', () => {
    refresh('t1', [[workspace('mlw-a'), []]]);
    expect(store.snapshot([scope]).workspaces[0]?.tenantId).toBe(scope.tenantId.toLowerCase());
  });
});
