import type { Database } from 'better-sqlite3';
import type { ProvisioningError } from './inventory-records';

/** One row of a compute's state history, oldest first. */
export interface ComputeStateChange {
  /** Azure's provisioning state, or `Removed` when a refresh found the compute gone. */
  readonly provisioningState: string;
  readonly provisioningErrors: ProvisioningError[];
  readonly seenAt: string;
  readonly source: 'refresh' | 'operation';
}

/** The history's marker for "a refresh no longer found this compute" (not an Azure state). */
export const REMOVED_STATE = 'Removed';

interface HistoryRow {
  provisioning_state: string;
  provisioning_errors_json: string;
  seen_at: string;
  source: 'refresh' | 'operation';
}

/** The compute state history (drift seen by refreshes), written and read by compute key. */
export interface ComputeHistory {
  /** Records a state a refresh saw; `errors` is the provisioning errors' JSON. */
  addSeen(computeKey: string, state: string, errors: string, at: string): void;
  /** Marks a compute removed outside Mooring, in its row and in its history. */
  markRemoved(computeKey: string, at: string): void;
  /** A compute's history, oldest first (the id compared case-insensitively). */
  read(computeId: string): ComputeStateChange[];
}

export function createComputeHistory(db: Database): ComputeHistory {
  const statements = {
    add: db.prepare<{ key: string; state: string; errors: string; at: string }>(`
      INSERT INTO compute_state_history (compute_key, provisioning_state, provisioning_errors_json, seen_at, source)
      VALUES (@key, @state, @errors, @at, 'refresh')`),
    removeCompute: db.prepare<{ key: string; at: string }>(
      'UPDATE computes SET removed_at = @at WHERE compute_key = @key',
    ),
    read: db.prepare<[string], HistoryRow>(`
      SELECT provisioning_state, provisioning_errors_json, seen_at, source
        FROM compute_state_history WHERE compute_key = lower(?) ORDER BY history_id`),
  };
  const addSeen = (key: string, state: string, errors: string, at: string) => {
    statements.add.run({ key, state, errors, at });
  };
  return {
    addSeen,
    markRemoved(key, at) {
      statements.removeCompute.run({ key, at });
      addSeen(key, REMOVED_STATE, '[]', at);
    },
    read(computeId) {
      return statements.read.all(computeId).map((row) => ({
        provisioningState: row.provisioning_state,
        provisioningErrors: JSON.parse(row.provisioning_errors_json) as ProvisioningError[],
        seenAt: row.seen_at,
        source: row.source,
      }));
    },
  };
}
