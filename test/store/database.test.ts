import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/store/database';
import { DatabaseTooNewError, NotADatabaseError } from '../../electron/store/errors';
import { latestSchemaVersion } from '../../electron/store/migrations';
import type { Migration } from '../../electron/store/migrations';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-db-'));
  file = path.join(dir, DATABASE_FILE_NAME);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (p: string) => fs.readFileSync(p).toString('base64');

describe('opening the local database', () => {
  it('creates the file with WAL, foreign keys on and the latest schema version', () => {
    const db = openDatabase({ path: file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('creates the user-data folder when it does not exist yet', () => {
    const nested = path.join(dir, 'a', 'b', DATABASE_FILE_NAME);
    openDatabase({ path: nested }).close();
    expect(fs.existsSync(nested)).toBe(true);
  });

  it('opens an existing database again without re-running migrations', () => {
    openDatabase({ path: file }).close();
    const db = openDatabase({ path: file });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a database written by a newer Mooring and leaves the file untouched', () => {
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x INTEGER) STRICT');
    raw.pragma(`user_version = ${latestSchemaVersion() + 5}`);
    raw.close();
    const before = sha(file);
    const attempt = () => openDatabase({ path: file });
    expect(attempt).toThrow(DatabaseTooNewError);
    expect(attempt).toThrow(/newer version of Mooring/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    fs.writeFileSync(file, 'this is a note, not a database\n'.repeat(20));
    const before = sha(file);
    expect(() => openDatabase({ path: file })).toThrow(NotADatabaseError);
    expect(() => openDatabase({ path: file })).toThrow(/not a Mooring database/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DATABASE_FILE_NAME]);
  });

  it('refuses a damaged database whose header survived', () => {
    const db = openDatabase({ path: file });
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 100); // keep the 100-byte header, wreck every page after it
    fs.writeFileSync(file, bytes);
    const before = sha(file);
    expect(() => openDatabase({ path: file })).toThrow(NotADatabaseError);
    expect(sha(file)).toBe(before);
  });
});

describe('migrations', () => {
  const step = (version: number, sql: string): Migration => ({
    version,
    summary: `step ${version}`,
    up: (db) => db.exec(sql),
  });

  it('runs all pending migrations in order and records the last version', () => {
    const list = [
      step(1, 'CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT'),
      step(2, 'CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id)) STRICT'),
    ];
    const db = openDatabase({ path: file, migrations: list });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
      .all();
    expect(tables).toEqual([{ name: 'a' }, { name: 'b' }]);
    db.close();
  });

  it('rolls back every pending migration when one fails, leaving the old version', () => {
    openDatabase({
      path: file,
      migrations: [step(1, 'CREATE TABLE a (id INTEGER) STRICT')],
    }).close();
    const list = [
      step(1, 'CREATE TABLE a (id INTEGER) STRICT'),
      step(2, 'CREATE TABLE b (id INTEGER) STRICT'),
      step(3, 'THIS IS NOT SQL'),
    ];
    expect(() => openDatabase({ path: file, migrations: list })).toThrow();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name='b'").get()).toBeUndefined();
    raw.close();
  });
});

describe('migration 1: settings', () => {
  it('creates a STRICT settings table that only accepts JSON values', () => {
    const db = openDatabase({ path: ':memory:' });
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'settings'").get() as {
      sql: string;
    };
    expect(sql.sql).toMatch(/STRICT/);
    expect(() =>
      db.prepare("INSERT INTO settings VALUES ('theme', 'not json', '2026-01-01')").run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db.prepare("INSERT INTO settings VALUES ('theme', X'00', '2026-01-01')").run(),
    ).toThrow(/cannot store BLOB value in TEXT column/);
    db.close();
  });
});
