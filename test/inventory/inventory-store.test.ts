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

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: 'BD79C068-555E-57B3-B248-2D47F661607E',
  accountId: 'account',
};

const workspace = (name: string, resourceGroup = 'rg-ml'): WorkspaceRecord => ({
  id: `/subscriptions/${SUB}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
  name,
  friendlyName: null,
  resourceGroup,
  location: 'westeurope',
  storageAccount: null,
  containerRegistry: null,
  keyVault: null,
});

const compute = (
  ws: WorkspaceRecord,
  name: string,
  provisioningState = 'Succeeded',
): ComputeRecord => ({
  id: `${ws.id}/computes/${name}`,
  name,
  computeType: 'Kubernetes',
  provisioningState,
  provisioningErrors: [],
  clusterId: null,
  namespace: 'default',
  identityType: 'None',
  userAssignedIdentityId: null,
  principalId: null,
  description: null,
});

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
    expect(snapshot.refreshedAt).toBe('t2');
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
    expect(store.snapshot([scope]).refreshedAt).toBe('t1');
  });

  it('keeps the tenant as a lower-case GUID', () => {
    refresh('t1', [[workspace('mlw-a'), []]]);
    expect(store.snapshot([scope]).workspaces[0]?.tenantId).toBe(scope.tenantId.toLowerCase());
  });
});
