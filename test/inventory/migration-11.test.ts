import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScopedSubscription } from '../../electron/inventory/inventory-scope';
import { createInventoryStore } from '../../electron/inventory/inventory-store';
import { createComputeRecordStore } from '../../electron/operations/compute-record-store';
import { openDatabase } from '../../electron/store/database';
import { latestSchemaVersion, migrations } from '../../electron/store/migrations';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-a`;
const scope: ScopedSubscription = {
  subscriptionId: SUB,
  subscriptionName: 'Production',
  tenantId: TENANT,
  accountId: 'account',
};
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 8, minute)).toISOString();

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-11-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
const file = () => path.join(dir, 'mooring.sqlite3');

/** A version-10 database with three computes and the history an earlier version wrote. */
function seedVersion10(): void {
  const db = openDatabase({ path: file(), migrations: migrations.filter((m) => m.version <= 10) });
  db.prepare(
    `INSERT INTO workspaces (workspace_key, workspace_id, subscription_id, tenant_id, resource_group,
       name, location, first_seen_at, last_synced_at)
     VALUES (lower(?), ?, ?, ?, 'rg-ml', 'mlw-a', 'westeurope', ?, ?)`,
  ).run(WORKSPACE, WORKSPACE, SUB, TENANT, t(0), t(30));
  const addCompute = db.prepare<[string, string, string, string, string | null]>(
    `INSERT INTO computes (compute_key, compute_id, workspace_key, name, compute_type,
       provisioning_state, identity_type, first_seen_at, last_synced_at, removed_at)
     VALUES (lower(?), ?, lower('${WORKSPACE}'), ?, 'Kubernetes', ?, 'None', '${t(0)}',
             '${t(30)}', ?)`,
  );
  const addHistory = db.prepare<[string, string, string]>(
    `INSERT INTO compute_state_history (compute_key, provisioning_state, seen_at, source)
     VALUES (lower(?), ?, ?, 'refresh')`,
  );
  // Creating, then Succeeded at minute 10 and seen Succeeded again by an operation at 20.
  addCompute.run(`${WORKSPACE}/computes/a`, `${WORKSPACE}/computes/a`, 'a', 'Succeeded', null);
  addHistory.run(`${WORKSPACE}/computes/a`, 'Creating', t(0));
  addHistory.run(`${WORKSPACE}/computes/a`, 'Succeeded', t(10));
  addHistory.run(`${WORKSPACE}/computes/a`, 'Succeeded', t(20));
  // Succeeded, then found removed at minute 25.
  addCompute.run(`${WORKSPACE}/computes/b`, `${WORKSPACE}/computes/b`, 'b', 'Succeeded', t(25));
  addHistory.run(`${WORKSPACE}/computes/b`, 'Succeeded', t(0));
  addHistory.run(`${WORKSPACE}/computes/b`, 'Removed', t(25));
  // No history at all (written before there was one).
  addCompute.run(`${WORKSPACE}/computes/c`, `${WORKSPACE}/computes/c`, 'c', 'Failed', null);
  db.close();
}

describe('migration 11: drift and time in state', () => {
  it('upgrades a database with data: time in state from its history, no drift yet', () => {
    seedVersion10();
    const db = openDatabase({ path: file() });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    const computes = createInventoryStore(db).snapshot([scope]).computes;
    expect(computes.map((c) => [c.name, c.stateSince, c.drift])).toEqual([
      ['a', t(10), null],
      ['b', t(25), null],
      ['c', t(0), null],
    ]);
    expect(createInventoryStore(db).history(`${WORKSPACE}/computes/a`)[0]?.changes).toBeNull();
    db.close();
  });

  it('keeps the time in state for every writer, operations included', () => {
    seedVersion10();
    const db = openDatabase({ path: file() });
    const records = createComputeRecordStore(db);
    db.prepare(
      `INSERT INTO operations (operation_id, kind, status, account_id, tenant_id, subscription_id,
         compute_key, compute_id, compute_name, workspace_id, workspace_name, request_method,
         request_url, commands_json, summary, created_at)
       VALUES ('op-1', 'detach', 'running', 'account', ?, ?, lower(?), ?, 'a', ?, 'mlw-a',
         'DELETE', 'https://management.azure.com/x', '[]', 'Detach', ?)`,
    ).run(TENANT, SUB, `${WORKSPACE}/computes/a`, `${WORKSPACE}/computes/a`, WORKSPACE, t(40));
    records.markState(`${WORKSPACE}/computes/a`, 'Deleting', t(41), 'op-1');
    const stateSince = () =>
      createInventoryStore(db)
        .snapshot([scope])
        .computes.find((c) => c.name === 'a')?.stateSince;
    expect(stateSince()).toBe(t(41));
    records.markState(`${WORKSPACE}/computes/a`, 'Deleting', t(42), 'op-1');
    expect(stateSince()).toBe(t(41)); // the same state again: time in state goes on
    records.markDetached(`${WORKSPACE}/computes/a`, t(43), 'op-1');
    expect(stateSince()).toBe(t(43));
    db.close();
  });

  it('refuses drift that is not an object, and changes that are not a list', () => {
    seedVersion10();
    const db = openDatabase({ path: file() });
    expect(() =>
      db.prepare("UPDATE computes SET drift_json = '[1]' WHERE name = 'a'").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE compute_state_history SET changes_json = '{}'").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
