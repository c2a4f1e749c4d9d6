import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { makeFilesPrivate } from '../security/private-files';
import { DatabaseTooNewError, NotADatabaseError } from './errors';
import { migrations as defaultMigrations } from './migrations';
import type { Migration } from './migrations';

export const DATABASE_FILE_NAME = 'mooring.sqlite3';

/** The database file and the two SQLite keeps beside it in WAL mode. */
export const databaseFiles = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`];

export interface OpenDatabaseOptions {
  /** Full path of the database file, or ':memory:' in tests. */
  readonly path: string;
  readonly migrations?: readonly Migration[];
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Reads the file's header before SQLite opens it: opening a foreign file read-write could let
 * SQLite create a journal or WAL beside it, and we promise to leave such files untouched.
 */
function assertLooksLikeSqlite(file: string): void {
  let header: Buffer;
  try {
    const handle = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(16);
      const read = fs.readSync(handle, header, 0, 16, 0);
      if (read === 0) return; // an empty file is a new database
      if (read < 16) throw new Error('file shorter than a SQLite header');
    } finally {
      fs.closeSync(handle);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new NotADatabaseError(file, error);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new NotADatabaseError(file, new Error('missing SQLite header'));
  }
}

function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in one transaction; a failure leaves the file as it was. */
export function migrate(db: Database, file: string, list: readonly Migration[]): void {
  const latest = list.at(-1)?.version ?? 0;
  const current = readUserVersion(db);
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // A migration that rebuilds a table (create new, copy, drop, rename) must not let the drop
  // cascade into the tables that reference it: foreign keys are off while migrations run (the
  // pragma has no effect inside a transaction) and checked whole before the transaction commits.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        migration.up(db);
        db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(`A migration left ${broken.length} rows whose references are broken.`);
      }
    }).immediate();
  } finally {
    if (enforced) db.pragma('foreign_keys = ON');
  }
}

/**
 * Opens (creating if needed) the local record: WAL for crash safety and concurrent reads,
 * foreign keys enforced, schema brought up to date.
 */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const list = options.migrations ?? defaultMigrations;
  const inMemory = options.path === ':memory:';
  if (!inMemory) {
    assertLooksLikeSqlite(options.path);
    fs.mkdirSync(path.dirname(options.path), { recursive: true });
  }
  let db: Database;
  try {
    db = new BetterSqlite3(options.path);
    // Reading the version and the schema first proves the file is a readable database before
    // anything (such as switching to WAL) writes to it.
    const current = readUserVersion(db);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const latest = list.at(-1)?.version ?? 0;
    if (current > latest) {
      db.close();
      throw new DatabaseTooNewError(options.path, current, latest);
    }
  } catch (error) {
    if (error instanceof DatabaseTooNewError) throw error;
    throw new NotADatabaseError(options.path, error);
  }
  try {
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.path, list);
    // The record holds tenant and subscription names and the operation journal: the user's
    // alone. SQLite gives the -wal and -shm files the database's mode; earlier versions may have
    // left any of the three readable by others.
    if (!inMemory) makeFilesPrivate(databaseFiles(options.path));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
