import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';
import { createJournalStore, type NewOperation } from '../../electron/operations/journal-store';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/RG-ML/providers/Microsoft.MachineLearningServices/workspaces/mlw-a`;
const COMPUTE = `${WORKSPACE}/computes/gpu`;

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-7-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

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
  resume: { expectedClusterId: 'x' },
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('migration 7: the operation journal', () => {
  it('is a numbered step after the inventory and creates strict tables', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toContain(7);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const table of ['operations', 'operation_polls', 'compute_identities']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as {
        sql: string;
      };
      expect(sql.sql).toMatch(/STRICT$/);
    }
    const columns = db.prepare('PRAGMA table_info(compute_state_history)').all() as {
      name: string;
    }[];
    expect(columns.map((column) => column.name)).toContain('operation_id');
  });

  it('keeps at most one unfinished operation per compute, whatever the id case', () => {
    const journal = createJournalStore(db);
    journal.insert(operation());
    expect(() =>
      journal.insert(
        operation({
          operationId: 'op-2',
          computeId: COMPUTE.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'),
        }),
      ),
    ).toThrow(/already running an operation on compute gpu/);
    journal.finish('op-1', {
      status: 'succeeded',
      at: 't',
      errors: [],
      message: 'done',
      state: 'Succeeded',
    });
    expect(journal.insert(operation({ operationId: 'op-2' })).status).toBe('pending');
  });

  it('refuses an ended row without an end time, and a body that is not JSON', () => {
    const insert = db.prepare(
      `INSERT INTO operations (operation_id, kind, status, account_id, tenant_id, subscription_id, compute_key,
         compute_id, compute_name, workspace_id, workspace_name, request_method, request_url, request_body,
         commands_json, summary, created_at)
       VALUES (@id, 'attach', @status, 'a', @tenant, @sub, lower(@compute), @compute, 'gpu', @ws, 'mlw-a', 'PUT',
         'u', @body, '{}', 's', 't')`,
    );
    const row = {
      id: 'x',
      status: 'succeeded',
      tenant: TENANT,
      sub: SUB,
      compute: COMPUTE,
      ws: WORKSPACE,
      body: null,
    };
    expect(() => insert.run(row)).toThrow(/CHECK/);
    expect(() => insert.run({ ...row, status: 'pending', body: 'not json' })).toThrow(/CHECK/);
  });

  it('records polls in order and counts them on the row', () => {
    const journal = createJournalStore(db);
    journal.insert(operation());
    journal.recordPoll('op-1', {
      at: 'a',
      httpStatus: 200,
      status: 'InProgress',
      retryAfterSeconds: 5,
      note: null,
    });
    journal.recordPoll('op-1', {
      at: 'b',
      httpStatus: null,
      status: 'NoAnswer',
      retryAfterSeconds: null,
      note: 'ECONNRESET',
    });
    expect(journal.polls('op-1').map((poll) => poll.status)).toEqual(['InProgress', 'NoAnswer']);
    expect(journal.read('op-1')).toMatchObject({ pollCount: 2, lastPolledAt: 'b' });
  });
});
