import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const WORKSPACE = `/subscriptions/${SUB}/resourceGroups/RG-ML/providers/Microsoft.MachineLearningServices/workspaces/mlw-a`;
const COMPUTE = `${WORKSPACE}/computes/gpu`;

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-4-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertWorkspace = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO workspaces (workspace_key, workspace_id, subscription_id, tenant_id, resource_group,
         name, location, first_seen_at, last_synced_at)
       VALUES (@workspace_key, @workspace_id, @subscription_id, @tenant_id, 'RG-ML', 'mlw-a',
         'westeurope', 't', 't')`,
    )
    .run({
      workspace_key: WORKSPACE.toLowerCase(),
      workspace_id: WORKSPACE,
      subscription_id: SUB,
      tenant_id: TENANT,
      ...overrides,
    });

const insertCompute = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO computes (compute_key, compute_id, workspace_key, name, compute_type,
         provisioning_state, provisioning_errors_json, identity_type, first_seen_at, last_synced_at)
       VALUES (@compute_key, @compute_id, @workspace_key, 'gpu', 'Kubernetes', 'Succeeded',
         @errors, 'None', 't', 't')`,
    )
    .run({
      compute_key: COMPUTE.toLowerCase(),
      compute_id: COMPUTE,
      workspace_key: WORKSPACE.toLowerCase(),
      errors: '[]',
      ...overrides,
    });

const insertHistory = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO compute_state_history (compute_key, provisioning_state, provisioning_errors_json, seen_at, source)
       VALUES (@compute_key, 'Succeeded', '[]', 't', @source)`,
    )
    .run({ compute_key: COMPUTE.toLowerCase(), source: 'refresh', ...overrides });

const count = (table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const isStrict = (table: string) =>
  (
    db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as {
      strict: number;
    }
  ).strict === 1;

const planOf = (sql: string, params: Record<string, unknown> = {}) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => (row as { detail: string }).detail)
    .join('\n');

describe('migration 4: workspaces and computes', () => {
  it('follows migration 3', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions.indexOf(4)).toBe(versions.indexOf(3) + 1);
    expect(db.pragma('user_version', { simple: true })).toBe(versions.at(-1));
  });

  it('creates STRICT tables for workspaces, computes, their state history, refreshes and problems', () => {
    for (const table of [
      'workspaces',
      'computes',
      'compute_state_history',
      'inventory_refreshes',
      'inventory_problems',
    ]) {
      expect(isStrict(table), table).toBe(true);
    }
    expect(() =>
      db
        .prepare('INSERT INTO inventory_refreshes (started_at, subscription_count) VALUES (?, ?)')
        .run('t', 'many'),
    ).toThrow(/cannot store TEXT/);
  });

  it('keys workspaces and computes by their lower-cased ARM id and keeps the id as given', () => {
    expect(() => insertWorkspace({ workspace_key: WORKSPACE })).toThrow(/CHECK/);
    expect(() => insertWorkspace({ workspace_id: 'mlw-a', workspace_key: 'mlw-a' })).toThrow(
      /CHECK/,
    );
    insertWorkspace();
    expect(() =>
      insertWorkspace({
        workspace_id: WORKSPACE.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'),
      }),
    ).toThrow(/UNIQUE/);
    expect(() => insertCompute({ compute_key: COMPUTE })).toThrow(/CHECK/);
    insertCompute();
    expect(db.prepare('SELECT compute_id FROM computes').get()).toEqual({ compute_id: COMPUTE });
  });

  it('keeps subscription and tenant ids lower-case GUIDs', () => {
    expect(() => insertWorkspace({ subscription_id: SUB.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertWorkspace({ tenant_id: 'contoso' })).toThrow(/CHECK/);
  });

  it('refuses a compute of an unknown workspace and drops computes and their history with their workspace', () => {
    expect(() => insertCompute()).toThrow(/FOREIGN KEY/);
    insertWorkspace();
    insertCompute();
    insertHistory();
    db.prepare('DELETE FROM workspaces').run();
    expect([count('computes'), count('compute_state_history')]).toEqual([0, 0]);
  });

  it('keeps provisioning errors a JSON array and history sources known', () => {
    insertWorkspace();
    expect(() => insertCompute({ errors: '{"code":"x"}' })).toThrow(/CHECK/);
    expect(() => insertCompute({ errors: 'not json' })).toThrow(/CHECK/);
    insertCompute({ errors: '[{"code":"BadRequest","message":"m"}]' });
    expect(() => insertHistory({ compute_key: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => insertHistory({ source: 'guess' })).toThrow(/CHECK/);
    insertHistory({ source: 'operation' });
    expect(count('compute_state_history')).toBe(1);
  });

  it('drops the problems of a refresh with it', () => {
    const refresh = db
      .prepare("INSERT INTO inventory_refreshes (started_at, subscription_count) VALUES ('t', 1)")
      .run().lastInsertRowid;
    const addProblem = db.prepare(
      `INSERT INTO inventory_problems (refresh_id, subscription_id, subscription_name, code, message)
       VALUES (?, ?, 'Prod', 'AuthorizationFailed', 'm')`,
    );
    expect(() => addProblem.run(999, SUB)).toThrow(/FOREIGN KEY/);
    expect(() => addProblem.run(refresh, SUB.toUpperCase())).toThrow(/CHECK/);
    addProblem.run(refresh, SUB);
    db.prepare('DELETE FROM inventory_refreshes').run();
    expect(count('inventory_problems')).toBe(0);
  });

  it('answers its lookups through indexes', () => {
    expect(
      planOf(
        'SELECT workspace_key FROM workspaces WHERE subscription_id = ? AND removed_at IS NULL'.replace(
          '?',
          "'x'",
        ),
      ),
    ).toContain('workspaces_by_subscription');
    expect(
      planOf("SELECT compute_key FROM computes WHERE workspace_key = 'x' AND removed_at IS NULL"),
    ).toContain('computes_by_workspace');
    expect(
      planOf(
        "SELECT provisioning_state FROM compute_state_history WHERE compute_key = 'x' ORDER BY history_id",
      ),
    ).toContain('compute_state_history_by_compute');
    expect(planOf('SELECT code FROM inventory_problems WHERE refresh_id = 1')).toContain(
      'inventory_problems_by_refresh',
    );
  });
});

describe('migration 5: inventory_listings', () => {
  it('keeps one STRICT row per subscription, lower-case GUID keys only', () => {
    const db = openDatabase({ path: ':memory:' });
    const sql = db
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE name = 'inventory_listings'",
      )
      .get();
    expect(sql?.sql).toMatch(/STRICT/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO inventory_listings VALUES ('ADE2BC8C-C23B-5A54-BF0E-BE3B4B13F9A0', 't')",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});
