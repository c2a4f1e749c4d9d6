import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_SIGHTINGS_PER_STATEMENT } from '../../electron/inventory/compute-history';
import type { ComputeRecord, WorkspaceRecord } from '../../electron/inventory/inventory-records';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import {
  createInventoryStore,
  type InventoryStore,
} from '../../electron/inventory/inventory-store';
import { NEW_COMPUTES_PER_STATEMENT } from '../../electron/inventory/workspace-writer';
import { SUB, computeRecord, workspaceRecord } from './records-fixture';
import { scratchDatabase, type ScratchDatabase } from '../support/scratch-database';

// New computes are written many to a statement, a subscription's at once: at exactly a chunk,
// one more, and spread over workspaces, every compute and its first history row is written once.

const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: 'bd79c068-555e-57b3-b248-2d47f661607e',
  accountId: 'account',
};
const CHUNK = NEW_COMPUTES_PER_STATEMENT;

let scratch: ScratchDatabase;
let store: InventoryStore;
beforeEach(() => {
  scratch = scratchDatabase('first-write-batch');
  store = createInventoryStore(scratch.db);
});
afterEach(() => scratch.close());

/** `count` computes in `workspace`, every tenth one Failed with an error, listed in reverse. */
const computesOf = (workspace: WorkspaceRecord, count: number): ComputeRecord[] =>
  Array.from({ length: count }, (_, n) =>
    computeRecord(workspace, `k8s-${String(n).padStart(4, '0')}`, {
      provisioningState: n % 10 === 0 ? 'Failed' : 'Succeeded',
      provisioningErrors: n % 10 === 0 ? [{ code: 'BadRequest', message: `compute ${n}` }] : [],
      description: `compute ${n}`,
    }),
  ).reverse();

function refresh(
  at: string,
  listings: { workspace: WorkspaceRecord; computes: ComputeRecord[] }[],
) {
  const id = store.beginRefresh(1, at);
  store.recordSubscription(
    id,
    {
      subscription: scope,
      workspaces: listings.map((listing) => listing.workspace),
      computeListings: listings,
    },
    at,
  );
  store.finishRefresh(id, at);
}

/** Every compute of the record with its first history row, by id. */
const written = () =>
  store.snapshot([scope]).computes.map((compute) => ({
    id: compute.id,
    state: compute.provisioningState,
    description: compute.description,
    history: store
      .history(compute.id)
      .map((row) => `${row.seenAt} ${row.provisioningState} ${row.provisioningErrors.length}`),
  }));

const expectedOf = (computes: ComputeRecord[], at: string) =>
  computes.map((compute) => ({
    id: compute.id,
    state: compute.provisioningState,
    description: compute.description,
    history: [`${at} ${compute.provisioningState} ${compute.provisioningErrors.length}`],
  }));
const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('the first write of many computes', () => {
  it('uses chunks the parameter limit allows, history and computes alike', () => {
    expect(FIRST_SIGHTINGS_PER_STATEMENT).toBe(CHUNK);
    expect(CHUNK).toBeGreaterThan(1);
  });

  it.each([CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 3])(
    'writes each of %i new computes of one workspace once, with its first history row',
    (count) => {
      const workspace = workspaceRecord('mlw-a');
      const computes = computesOf(workspace, count);
      refresh('t1', [{ workspace, computes }]);
      expect(byId(written())).toEqual(byId(expectedOf(computes, 't1')));
    },
  );

  it('writes new computes spread over workspaces, a chunk and one more in all', () => {
    const listings = ['mlw-b', 'mlw-a', 'mlw-c'].map((name, w) => {
      const workspace = workspaceRecord(name, `rg-${w}`);
      return { workspace, computes: computesOf(workspace, w === 1 ? CHUNK - 9 : 5) };
    });
    refresh('t1', listings);
    const all = listings.flatMap((listing) => listing.computes);
    expect(all).toHaveLength(CHUNK + 1);
    expect(byId(written())).toEqual(byId(expectedOf(all, 't1')));
  });

  it('adds new computes to a workspace already listed, beside the ones it kept', () => {
    const workspace = workspaceRecord('mlw-a');
    const kept = computesOf(workspace, 3);
    refresh('t1', [{ workspace, computes: kept }]);
    const grown = computesOf(workspace, CHUNK + 1);
    refresh('t2', [{ workspace, computes: grown }]);
    const rows = byId(written());
    expect(rows).toHaveLength(CHUNK + 1);
    const keptIds = new Set(kept.map((compute) => compute.id));
    expect(rows.filter((row) => keptIds.has(row.id))).toEqual(byId(expectedOf(kept, 't1')));
    const added = grown.filter((compute) => !keptIds.has(compute.id));
    // New in a workspace already listed: each has its first row, and has appeared (drift).
    expect(rows.filter((row) => !keptIds.has(row.id))).toEqual(byId(expectedOf(added, 't2')));
    expect(
      store
        .snapshot([scope])
        .computes.filter((compute) => compute.drift?.changes[0]?.field === 'appeared'),
    ).toHaveLength(added.length);
  });

  it('writes nothing new when the same computes are listed again', () => {
    const workspace = workspaceRecord('mlw-a');
    const computes = computesOf(workspace, CHUNK + 1);
    refresh('t1', [{ workspace, computes }]);
    refresh('t2', [{ workspace, computes }]);
    expect(byId(written())).toEqual(byId(expectedOf(computes, 't1')));
    expect(new Set(store.snapshot([scope]).computes.map((c) => c.lastSyncedAt))).toEqual(
      new Set(['t2']),
    );
  });
});
