import type { Migration } from '../store/migrations';

const OLD_KIND_CHECK = "CHECK (kind IN ('attach', 'update-identity', 'detach'))";
const NEW_KIND_CHECK =
  "CHECK (kind IN ('attach', 'update-identity', 'detach', 'grant-role', 'remove-role'))";

/**
 * Migration 10: grants and removals of roles become journal rows beside attaches. SQLite cannot
 * widen a CHECK in place, so the operations table is rebuilt: created anew from its own schema
 * with the wider kind check, rows copied, the old one dropped (foreign keys are off while
 * migrations run, so operation_polls and compute_state_history keep their rows and their
 * references resolve to the new table), renamed, indexes recreated. The one-unfinished-operation
 * rule stays for compute operations only: a grant waiting for Entra ID must not block a detach,
 * and two presets are granted at once.
 */
export const roleKindsMigration: Migration = {
  version: 10,
  summary: 'operation journal: role grants and removals are operations of their own',
  up(db) {
    const table = db
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'operations'",
      )
      .get();
    if (!table || !table.sql.includes(OLD_KIND_CHECK)) {
      throw new Error(
        'The operations table is not the one migration 7 created; refusing to rebuild it.',
      );
    }
    const created = table.sql
      .replace(/^CREATE TABLE operations\b/, 'CREATE TABLE operations_next')
      .replace(OLD_KIND_CHECK, NEW_KIND_CHECK);
    db.exec(created);
    db.exec(`
      INSERT INTO operations_next SELECT * FROM operations;
      DROP TABLE operations;
      ALTER TABLE operations_next RENAME TO operations;
      CREATE UNIQUE INDEX operations_one_active_per_compute
        ON operations (compute_key)
        WHERE status IN ('pending', 'running') AND kind IN ('attach', 'update-identity', 'detach');
      CREATE INDEX operations_by_status ON operations (status, created_at);
      CREATE INDEX operations_by_compute ON operations (compute_key, created_at);
    `);
  },
};
