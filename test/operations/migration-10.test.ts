import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComputeRecordStore } from '../../electron/operations/compute-record-store';
import { createJournalStore, type NewOperation } from '../../electron/operations/journal-store';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';
import { workspaceRecord } from '../inventory/records-fixture';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-a`;
const COMPUTE = `${WORKSPACE}/computes/gpu`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-10-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
const file = () => path.join(dir, 'mooring.sqlite3');

const operation = (overrides: Partial<NewOperation> = {}): NewOperation => ({
  operationId: 'op-1',
  kind: 'attach',
  accountId: 'account',
  tenantId: TENANT,
  subscriptionId: SUB,
  computeId: COMPUTE,
  computeName: 'gpu',
  workspaceId: WORKSPACE,
  workspaceName: 'mlw-a',
  clusterId: null,
  method: 'PUT',
  url: `https://management.azure.com${COMPUTE}?api-version=2025-09-01`,
  body: '{"location":"westeurope"}',
  commands: { az: 'az ml compute attach', azRest: 'az rest' },
  summary: 'Attach',
  resume: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('migration 10: role grants in the operation journal', () => {
  it('rebuilds the journal keeping every row, its polls and the states it observed', () => {
    const before = openDatabase({
      path: file(),
      migrations: migrations.filter((m) => m.version <= 9),
    });
    const journal = createJournalStore(before);
    const records = createComputeRecordStore(before);
    records.upsertWorkspace(workspaceRecord('mlw-a'), SUB, TENANT, '2026-01-01T00:00:00.000Z');
    journal.insert(operation());
    journal.recordPoll('op-1', {
      at: '2026-01-01T00:00:01.000Z',
      httpStatus: 200,
      status: 'Creating',
      retryAfterSeconds: null,
      note: null,
    });
    records.recordCompute(
      WORKSPACE,
      {
        id: COMPUTE,
        name: 'gpu',
        computeType: 'Kubernetes',
        provisioningState: 'Creating',
        provisioningErrors: [],
        clusterId: null,
        namespace: 'default',
        identityType: 'SystemAssigned',
        userAssignedIdentityId: null,
        principalId: null,
        description: null,
      },
      { principalId: null, clientId: null, tenantId: null },
      '2026-01-01T00:00:01.000Z',
      'op-1',
    );
    expect(() => journal.insert(operation({ operationId: 'x', kind: 'grant-role' }))).toThrow(
      /CHECK/,
    );
    before.close();

    const db = openDatabase({
      path: file(),
      migrations: migrations.filter((m) => m.version <= 10),
    });
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    const after = createJournalStore(db);
    expect(after.read('op-1')).toMatchObject({ kind: 'attach', status: 'pending', pollCount: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM operation_polls').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT operation_id FROM compute_state_history').all()).toEqual([
      { operation_id: 'op-1' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The references resolve to the new table: deleting a row still cascades to its polls.
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'operations'").get() as {
      sql: string;
    };
    expect(sql.sql).toMatch(/CREATE TABLE "?operations"? \(/);
    expect(sql.sql).toMatch(/STRICT$/);

    // Grants run beside the compute's own unfinished operation, two at once, and are not resumed.
    after.insert(operation({ operationId: 'role-a', kind: 'grant-role' }));
    after.insert(operation({ operationId: 'role-b', kind: 'remove-role', method: 'DELETE' }));
    expect(() => after.insert(operation({ operationId: 'op-2', kind: 'detach' }))).toThrow(
      /already running/,
    );
    expect(after.unfinished().map((row) => row.operationId)).toEqual(['op-1']);
    db.prepare("DELETE FROM operations WHERE operation_id = 'op-1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM operation_polls').get()).toEqual({ n: 0 });
    db.close();
  });
});
