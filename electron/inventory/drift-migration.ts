import type { Migration } from '../store/migrations';

/**
 * Migration 11: drift and time in state.
 *
 * - `computes.state_since`: when the current provisioning state was first observed. Kept by a
 *   trigger, so every writer (refreshes and operations alike) keeps it without knowing of it: a
 *   new state, a removal or a return sets it to the time of that write (`removed_at` for a
 *   removal, `last_synced_at` otherwise). NULL on a row inserted since means "since first seen".
 *   Seeded on upgrade from the history: the first row of the current run of the current state.
 * - `computes.drift_json` / `clusters.drift_json`: the last change a refresh found that no
 *   operation of Mooring explains (`{at, changes: [{field, from, to}]}`), shown until a later
 *   one replaces it.
 * - `compute_state_history.changes_json`: on a refresh's row, the changes made outside Mooring
 *   it recorded (NULL on a first sighting, on operation rows and on rows from before).
 * - `cluster_history`: a cluster's extension state and version, removals and returns, one row
 *   per change, as `compute_state_history` is for computes.
 */
export const driftMigration: Migration = {
  version: 11,
  summary: 'drift: time in state, the last change made outside Mooring, cluster history',
  up(db) {
    db.exec(`
      ALTER TABLE computes ADD COLUMN state_since TEXT;
      ALTER TABLE computes ADD COLUMN drift_json TEXT
        CHECK (drift_json IS NULL OR (json_valid(drift_json) AND json_type(drift_json) = 'object'));
      ALTER TABLE clusters ADD COLUMN drift_json TEXT
        CHECK (drift_json IS NULL OR (json_valid(drift_json) AND json_type(drift_json) = 'object'));
      ALTER TABLE compute_state_history ADD COLUMN changes_json TEXT
        CHECK (changes_json IS NULL OR (json_valid(changes_json) AND json_type(changes_json) = 'array'));

      CREATE TABLE cluster_history (
        history_id        INTEGER PRIMARY KEY NOT NULL,
        cluster_key       TEXT NOT NULL REFERENCES clusters (cluster_key) ON DELETE CASCADE,
        removed           INTEGER NOT NULL CHECK (removed IN (0, 1)),
        extension_state   TEXT,
        extension_version TEXT,
        changes_json      TEXT
                          CHECK (changes_json IS NULL OR (json_valid(changes_json) AND json_type(changes_json) = 'array')),
        seen_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cluster_history_by_cluster ON cluster_history (cluster_key, history_id);

      UPDATE computes SET state_since = (
        SELECT min(h.seen_at) FROM compute_state_history h
         WHERE h.compute_key = computes.compute_key
           AND h.history_id > coalesce((
                 SELECT max(o.history_id) FROM compute_state_history o
                  WHERE o.compute_key = computes.compute_key
                    AND o.provisioning_state <> computes.provisioning_state), 0));
      UPDATE computes SET state_since = removed_at WHERE removed_at IS NOT NULL;

      CREATE TRIGGER computes_state_since AFTER UPDATE OF provisioning_state, removed_at ON computes
        WHEN old.provisioning_state IS NOT new.provisioning_state
          OR (old.removed_at IS NULL) <> (new.removed_at IS NULL)
      BEGIN
        UPDATE computes SET state_since = coalesce(new.removed_at, new.last_synced_at)
         WHERE compute_key = new.compute_key;
      END;
    `);
  },
};
