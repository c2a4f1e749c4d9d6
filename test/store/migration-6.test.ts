import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'bd79c068-555e-57b3-b248-2d47f661607e';
const AKS = `/subscriptions/${SUB}/resourceGroups/RG-K8S/providers/Microsoft.ContainerService/managedClusters/aks-a`;
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a`;

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-6-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertCluster = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO clusters (cluster_key, cluster_id, kind, subscription_id, tenant_id, resource_group,
         name, location, connectivity_status, private_cluster, extension_readable, extension_id,
         extension_name, extension_provisioning_state, extension_version, extension_release_train,
         first_seen_at, last_synced_at)
       VALUES (@cluster_key, @cluster_id, @kind, @subscription_id, @tenant_id, 'RG-K8S', 'aks-a',
         'westeurope', @connectivity_status, @private_cluster, @extension_readable, @extension_id,
         @extension_name, @extension_state, @extension_version, NULL, 't', 't')`,
    )
    .run({
      cluster_key: AKS.toLowerCase(),
      cluster_id: AKS,
      kind: 'aks',
      subscription_id: SUB,
      tenant_id: TENANT,
      connectivity_status: null,
      private_cluster: 0,
      extension_readable: 1,
      extension_id: `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
      extension_name: 'azureml',
      extension_state: 'Succeeded',
      extension_version: '1.1.74',
      ...overrides,
    });

const insertIdentity = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO user_assigned_identities (identity_key, identity_id, subscription_id, tenant_id,
         resource_group, name, location, client_id, principal_id, first_seen_at, last_synced_at)
       VALUES (@identity_key, @identity_id, @subscription_id, @tenant_id, 'rg-id', 'id-a',
         'westeurope', @client_id, @principal_id, 't', 't')`,
    )
    .run({
      identity_key: IDENTITY.toLowerCase(),
      identity_id: IDENTITY,
      subscription_id: SUB,
      tenant_id: TENANT,
      client_id: 'c',
      principal_id: 'p',
      ...overrides,
    });

const isStrict = (table: string) =>
  (
    db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as {
      strict: number;
    }
  ).strict === 1;

const planOf = (sql: string) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join('\n');

describe('migration 6: clusters and user-assigned identities', () => {
  it('follows migration 5', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions.indexOf(6)).toBe(versions.indexOf(5) + 1);
  });

  it('creates STRICT tables keyed by the lower-cased ARM id, keeping the id as given', () => {
    expect([isStrict('clusters'), isStrict('user_assigned_identities')]).toEqual([true, true]);
    expect(() => insertCluster({ cluster_key: AKS })).toThrow(/CHECK/);
    expect(() => insertCluster({ cluster_id: 'aks-a', cluster_key: 'aks-a' })).toThrow(/CHECK/);
    insertCluster();
    expect(() =>
      insertCluster({
        cluster_id: AKS.replace('RG-K8S', 'rg-k8s'),
        cluster_key: AKS.toLowerCase(),
      }),
    ).toThrow(/UNIQUE/);
    expect(() => insertIdentity({ identity_key: IDENTITY.toUpperCase() })).toThrow(/CHECK/);
    insertIdentity();
    expect(db.prepare('SELECT cluster_id FROM clusters').get()).toEqual({ cluster_id: AKS });
  });

  it('keeps kinds known, subscription and tenant ids lower-case GUIDs, and identity ids present', () => {
    expect(() => insertCluster({ kind: 'gke' })).toThrow(/CHECK/);
    expect(() => insertCluster({ subscription_id: SUB.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertCluster({ tenant_id: 'contoso' })).toThrow(/CHECK/);
    expect(() => insertIdentity({ client_id: '' })).toThrow(/CHECK/);
    expect(() => insertIdentity({ principal_id: null })).toThrow(/NOT NULL/);
  });

  it('keeps connectivity to Arc clusters and the private API server to AKS clusters', () => {
    expect(() => insertCluster({ connectivity_status: 'Connected' })).toThrow(/CHECK/);
    expect(() => insertCluster({ kind: 'arc', private_cluster: 1 })).toThrow(/CHECK/);
    expect(() => insertCluster({ private_cluster: 2 })).toThrow(/CHECK/);
    insertCluster({ kind: 'arc', private_cluster: null, connectivity_status: 'Connected' });
  });

  it('records an extension whole or not at all, and none for a cluster whose extensions could not be read', () => {
    expect(() => insertCluster({ extension_name: null })).toThrow(/CHECK/);
    expect(() => insertCluster({ extension_state: null })).toThrow(/CHECK/);
    expect(() =>
      insertCluster({ extension_id: null, extension_name: null, extension_state: null }),
    ).toThrow(/CHECK/); // a version without an extension
    expect(() => insertCluster({ extension_readable: 0 })).toThrow(/CHECK/);
    expect(() => insertCluster({ extension_readable: 2 })).toThrow(/CHECK/);
    insertCluster({
      extension_readable: 0,
      extension_id: null,
      extension_name: null,
      extension_state: null,
      extension_version: null,
    });
  });

  it('lets a problem name the clusters or identities listing it came from, and nothing else', () => {
    const refresh = db
      .prepare("INSERT INTO inventory_refreshes (started_at, subscription_count) VALUES ('t', 1)")
      .run().lastInsertRowid;
    const addProblem = db.prepare(
      `INSERT INTO inventory_problems (refresh_id, subscription_id, subscription_name, listing, code, message)
       VALUES (?, ?, 'Prod', ?, 'AuthorizationFailed', 'm')`,
    );
    addProblem.run(refresh, SUB, 'clusters');
    addProblem.run(refresh, SUB, 'identities');
    addProblem.run(refresh, SUB, null);
    expect(() => addProblem.run(refresh, SUB, 'workspaces')).toThrow(/CHECK/);
  });

  it('answers a subscription lookup through its indexes', () => {
    expect(
      planOf(
        `SELECT cluster_key FROM clusters WHERE subscription_id = 'x' AND kind = 'aks' AND removed_at IS NULL`,
      ),
    ).toContain('clusters_by_subscription');
    expect(
      planOf(
        "SELECT identity_key FROM user_assigned_identities WHERE subscription_id = 'x' AND removed_at IS NULL",
      ),
    ).toContain('user_assigned_identities_by_subscription');
  });

  it('upgrades a version-5 database, keeping its problems', () => {
    db.close();
    const file = path.join(dir, 'v5.sqlite3');
    const old = new BetterSqlite3(file);
    old.transaction(() => {
      for (const migration of migrations.filter((m) => m.version <= 5)) migration.up(old);
      old.pragma('user_version = 5');
    })();
    old
      .prepare("INSERT INTO inventory_refreshes (started_at, subscription_count) VALUES ('t', 1)")
      .run();
    old
      .prepare(
        `INSERT INTO inventory_problems (refresh_id, subscription_id, subscription_name, code, message)
         VALUES (1, ?, 'Prod', 'AuthorizationFailed', 'm')`,
      )
      .run(SUB);
    old.close();

    db = openDatabase({ path: file });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    expect(db.prepare('SELECT code, listing FROM inventory_problems').all()).toEqual([
      { code: 'AuthorizationFailed', listing: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM clusters').get()).toEqual({ n: 0 });
  });
});
