import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

const SUB = 'ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-3-'));
  db = openDatabase({ path: path.join(dir, 'mooring.sqlite3') });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insertSubscription = (overrides: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO subscriptions (subscription_id, display_name, state, tenant_id, tenant_name,
         account_id, account_username, also_seen_by_json, selected, first_seen_at, last_seen_at)
       VALUES (@subscription_id, 'Prod', 'Enabled', @tenant_id, 'Contoso', 'acc', 'a@contoso.com',
         @also_seen_by_json, @selected, 't', 't')`,
    )
    .run({
      subscription_id: SUB,
      tenant_id: TENANT,
      also_seen_by_json: '[]',
      selected: 1,
      ...overrides,
    });

const isStrict = (table: string) =>
  (
    db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as {
      strict: number;
    }
  ).strict === 1;

describe('migration 3: subscriptions', () => {
  it('follows the migrations before it', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions.indexOf(3)).toBeGreaterThan(0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('creates STRICT tables for subscriptions, sightings, tenant choices, problems and the last refresh', () => {
    for (const table of [
      'subscriptions',
      'subscription_sightings',
      'subscription_tenant_choices',
      'subscription_listing_problems',
      'subscription_refreshes',
    ]) {
      expect(isStrict(table), table).toBe(true);
    }
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('subscriptions')")
      .all()
      .map((c) => (c as { name: string }).name);
    expect(columns).toEqual([
      'subscription_id',
      'display_name',
      'state',
      'tenant_id',
      'tenant_name',
      'account_id',
      'account_username',
      'also_seen_by_json',
      'selected',
      'hidden',
      'favourite',
      'first_seen_at',
      'last_seen_at',
      'gone_at',
    ]);
  });

  it('indexes the listing order, tenants and sightings per (account, tenant)', () => {
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all()
      .map((i) => (i as { name: string }).name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'subscriptions_in_view_order',
        'subscriptions_by_tenant',
        'subscription_sightings_by_account_tenant',
      ]),
    );
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT subscription_id FROM subscriptions WHERE gone_at IS NULL
         ORDER BY favourite DESC, tenant_name COLLATE NOCASE, display_name COLLATE NOCASE, subscription_id`,
      )
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('subscriptions_in_view_order');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('keeps ids lower-case GUIDs, flags 0 or 1 and also-seen-by a JSON array', () => {
    expect(() => insertSubscription({ subscription_id: SUB.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertSubscription({ subscription_id: 'not-a-guid' })).toThrow(/CHECK/);
    expect(() => insertSubscription({ tenant_id: TENANT.toUpperCase() })).toThrow(/CHECK/);
    expect(() => insertSubscription({ selected: 2 })).toThrow(/CHECK/);
    expect(() => insertSubscription({ also_seen_by_json: '{"a":1}' })).toThrow(/CHECK/);
    expect(() => insertSubscription({ selected: 'yes' })).toThrow(/cannot store TEXT/);
    insertSubscription();
    expect(db.prepare('SELECT hidden, favourite, gone_at FROM subscriptions').get()).toEqual({
      hidden: 0,
      favourite: 0,
      gone_at: null,
    });
  });

  it('refuses a sighting of an unknown subscription and drops sightings with their subscription', () => {
    const sight = db.prepare(
      `INSERT INTO subscription_sightings (subscription_id, account_id, account_username, tenant_id, seen_at)
       VALUES (?, 'acc', 'a@contoso.com', ?, 't')`,
    );
    expect(() => sight.run(SUB, TENANT)).toThrow(/FOREIGN KEY/);
    insertSubscription();
    sight.run(SUB, TENANT);
    expect(() => sight.run(SUB, TENANT)).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM subscriptions').run();
    expect(db.prepare('SELECT count(*) AS n FROM subscription_sightings').get()).toEqual({ n: 0 });
  });

  it('keeps a single last-refresh row', () => {
    db.prepare("INSERT INTO subscription_refreshes (id, refreshed_at) VALUES (1, 't')").run();
    expect(() =>
      db.prepare("INSERT INTO subscription_refreshes (id, refreshed_at) VALUES (2, 't')").run(),
    ).toThrow(/CHECK/);
  });
});
