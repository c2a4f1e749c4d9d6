import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-migration-8-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = () => path.join(dir, 'mooring.sqlite3');
const TABLES = [
  'role_access_reads',
  'role_assignments_seen',
  'role_definition_listings',
  'role_definitions',
  'role_grants',
];

describe('migration 8: roles', () => {
  it('upgrades a database of the previous version, adding strict tables only', () => {
    const before = openDatabase({
      path: file(),
      migrations: migrations.filter((m) => m.version < 8),
    });
    const previous = before.pragma('user_version', { simple: true }) as number;
    before.close();
    const db = openDatabase({ path: file(), migrations: migrations.filter((m) => m.version <= 8) });
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(previous).toBeLessThan(8);
    const strict = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE name LIKE 'role_%' ORDER BY name",
      )
      .all();
    expect(strict).toEqual(TABLES.map((name) => ({ name, strict: 1 })));
    db.close();
  });

  it('refuses a grant without its assignment GUID and an unknown status', () => {
    const db = openDatabase({ path: file() });
    const insert = (status: string, assignmentName: string | null) =>
      db
        .prepare(
          `INSERT INTO role_grants (grant_id, kind, compute_id, compute_key, principal_id, scope_id, role_guid,
             role_name, assignment_name, status, created_at, updated_at)
           VALUES (?, 'grant', '/subscriptions/x/c', '/subscriptions/x/c', '77777777-7777-4777-8777-777777777777',
             '/subscriptions/x', '7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull', ?, ?, 't', 't')`,
        )
        .run(`${status}-${String(assignmentName)}`, assignmentName, status);
    expect(() => insert('pending', null)).toThrow(/CHECK/);
    expect(() => insert('paused', '0b8a6d3e-1111-4111-8111-111111111111')).toThrow(/CHECK/);
    expect(() =>
      insert('waiting-for-directory', '0b8a6d3e-1111-4111-8111-111111111111'),
    ).not.toThrow();
    db.close();
    // The file is an ordinary SQLite database afterwards.
    const raw = new BetterSqlite3(file(), { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM role_grants').get()).toEqual({ n: 1 });
    raw.close();
  });
});
