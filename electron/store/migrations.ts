import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 … in order; the database's `user_version` is the last one applied. */
  readonly version: number;
  readonly summary: string;
  up(db: Database): void;
}

/**
 * The schema's history. Append only: a migration that has shipped is never edited, because
 * users' databases have already run it.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    summary: 'settings: typed key/value pairs for user preferences',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key        TEXT PRIMARY KEY NOT NULL,
          value_json TEXT NOT NULL CHECK (json_valid(value_json)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const latestSchemaVersion = (list: readonly Migration[] = migrations): number =>
  list.at(-1)?.version ?? 0;
