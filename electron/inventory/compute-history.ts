import type { Database } from 'better-sqlite3';
import type { ComputeDriftChange } from '../../shared/domain/inventory';
import type { ProvisioningError } from './inventory-records';

/** One row of a compute's state history, oldest first. */
export interface ComputeStateChange {
  /** Azure's provisioning state, or `Removed` when a refresh found the compute gone. */
  readonly provisioningState: string;
  readonly provisioningErrors: ProvisioningError[];
  readonly seenAt: string;
  readonly source: 'refresh' | 'operation';
  /** The changes made outside Mooring this row records; null when none (first sighting, operation). */
  readonly changes: ComputeDriftChange[] | null;
}

/** The history's marker for "a refresh no longer found this compute" (not an Azure state). */
export const REMOVED_STATE = 'Removed';

/**
 * The pruning rule: a compute keeps its first row (when it was first seen) and its newest
 * `HISTORY_KEPT` rows; older ones are dropped when a refresh adds a row. Rows are only ever
 * written for a change, so repeated identical observations never add one.
 */
export const HISTORY_KEPT = 100;

interface HistoryRow {
  provisioning_state: string;
  provisioning_errors_json: string;
  seen_at: string;
  source: 'refresh' | 'operation';
  changes_json: string | null;
}

/** The compute state history (drift seen by refreshes), written and read by compute key. */
export interface ComputeHistory {
  /**
   * Records what a refresh saw: a state, its errors' JSON, and the changes made outside Mooring
   * (empty when none); the caller writes the compute's own row (and its `drift_json`).
   * `firstSighting`: the compute has no history yet, so there is nothing to prune.
   */
  addSeen(
    computeKey: string,
    state: string,
    errors: string,
    changes: readonly ComputeDriftChange[],
    at: string,
    firstSighting?: boolean,
  ): void;
  /** Marks a compute removed outside Mooring (last seen in `lastState`): row, drift and history. */
  markRemoved(computeKey: string, lastState: string, at: string): void;
  /** A compute's history, oldest first (the id compared case-insensitively). */
  read(computeId: string): ComputeStateChange[];
}

export function createComputeHistory(db: Database): ComputeHistory {
  const statements = {
    add: db.prepare<[string, string, string, string, string | null]>(`
      INSERT INTO compute_state_history (compute_key, provisioning_state, provisioning_errors_json,
                                         seen_at, changes_json, source)
      VALUES (?, ?, ?, ?, ?, 'refresh')`),
    removeCompute: db.prepare<[string, string, string]>(
      'UPDATE computes SET removed_at = ?, drift_json = ? WHERE compute_key = ?',
    ),
    // The id of the newest row past the kept ones: when there is one, the compute is over its cap.
    overCap: db.prepare<[string, number], { history_id: number }>(`
      SELECT history_id FROM compute_state_history WHERE compute_key = ?
       ORDER BY history_id DESC LIMIT 1 OFFSET ?`),
    prune: db.prepare<{ key: string; upTo: number }>(`
      DELETE FROM compute_state_history
       WHERE compute_key = @key AND history_id <= @upTo
         AND history_id > (SELECT min(history_id) FROM compute_state_history WHERE compute_key = @key)`),
    read: db.prepare<[string], HistoryRow>(`
      SELECT provisioning_state, provisioning_errors_json, seen_at, source, changes_json
        FROM compute_state_history WHERE compute_key = lower(?) ORDER BY history_id`),
  };
  const add = (
    key: string,
    state: string,
    errors: string,
    changes: readonly ComputeDriftChange[],
    at: string,
    firstSighting = false,
  ) => {
    statements.add.run(key, state, errors, at, changes.length > 0 ? JSON.stringify(changes) : null);
    if (firstSighting) return;
    const over = statements.overCap.get(key, HISTORY_KEPT);
    if (over) statements.prune.run({ key, upTo: over.history_id });
  };
  return {
    addSeen: add,
    markRemoved(key, lastState, at) {
      const changes: ComputeDriftChange[] = [{ field: 'removed', from: lastState, to: null }];
      statements.removeCompute.run(at, JSON.stringify({ at, changes }), key);
      add(key, REMOVED_STATE, '[]', changes, at);
    },
    read(computeId) {
      return statements.read.all(computeId).map((row) => ({
        provisioningState: row.provisioning_state,
        provisioningErrors: JSON.parse(row.provisioning_errors_json) as ProvisioningError[],
        seenAt: row.seen_at,
        source: row.source,
        changes:
          row.changes_json === null ? null : (JSON.parse(row.changes_json) as ComputeDriftChange[]),
      }));
    },
  };
}
