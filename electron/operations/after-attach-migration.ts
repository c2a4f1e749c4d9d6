import type { Migration } from '../store/migrations';

/**
 * Migration 9: the presets an attach was asked to grant, kept beside its journal row until the
 * compute has reached Succeeded and each has been handed to the roles service (whose own table
 * then carries the grant through Entra ID's replication and across restarts).
 */
export const afterAttachMigration: Migration = {
  version: 9,
  summary: 'attach and grant: the presets an attach grants once the compute has attached',
  up(db) {
    // No foreign key to operations: journal rows are never deleted, and the journal's table may
    // be rebuilt by a later migration without this one standing in the way.
    db.exec(`
      CREATE TABLE after_attach_grants (
        operation_id TEXT NOT NULL,
        preset       TEXT NOT NULL CHECK (preset IN ('acr-pull', 'storage-blob-data-reader',
                                                     'storage-blob-data-contributor', 'key-vault-secrets-user')),
        status       TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'handed', 'dropped')),
        grant_id     TEXT,
        note         TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (operation_id, preset)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX after_attach_grants_waiting ON after_attach_grants (status, operation_id);
    `);
  },
};
