import type { Database } from 'better-sqlite3';
import type { OperationView } from '../../shared/domain/operations';
import type { GrantView, PresetKey } from '../../shared/domain/roles';
import type { Logger } from '../logging/logger';

/**
 * Attach and grant in one go: the presets an attach asked for are kept beside its journal row
 * (after_attach_grants, migration 9) and handed to the roles service once the compute has
 * reached Succeeded and its principal is in the local record. The roles service then makes each
 * its own grant (waiting for Entra ID, resumable); here only the hand-over is remembered, so a
 * restart hands over what was not yet handed. Handing one twice (a crash between the two steps)
 * is harmless: the second grant meets RoleAssignmentExists, which counts as success.
 */
export interface AfterAttachDeps {
  readonly database: Database;
  /** The roles service's preset grant; throws when the compute has no principal yet. */
  readonly grantPreset: (computeId: string, preset: PresetKey) => Promise<GrantView>;
  readonly now?: () => Date;
  /** How long to wait before looking again for a principal the record does not hold yet. */
  readonly principalRetryMs?: number;
  /** How many times to look again before giving the presets up (each says why). */
  readonly principalRetries?: number;
  readonly logger?: Logger;
}

interface WaitingRow {
  operation_id: string;
  preset: PresetKey;
}

interface JournalRow {
  status: string;
  kind: string;
  compute_id: string;
}

export interface AfterAttach {
  /** The presets an attach asked for, remembered once its journal row exists. */
  remember(operationId: string, presets: readonly PresetKey[]): void;
  /** An operations.changed event: a Succeeded attach hands its presets over. */
  operationChanged(operation: Pick<OperationView, 'operationId' | 'status'>): void;
  /** Hands over what a previous run left waiting (its attach may have ended meanwhile). */
  resume(): number;
  /** Resolves once every hand-over under way has ended (tests, close). */
  idle(): Promise<void>;
  close(): void;
}

const DEFAULT_PRINCIPAL_RETRY_MS = 5_000;
const DEFAULT_PRINCIPAL_RETRIES = 12;

export function createAfterAttach(deps: AfterAttachDeps): AfterAttach {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const retryMs = deps.principalRetryMs ?? DEFAULT_PRINCIPAL_RETRY_MS;
  const retries = deps.principalRetries ?? DEFAULT_PRINCIPAL_RETRIES;
  const insert = deps.database.prepare<[string, string, string, string]>(`
    INSERT OR IGNORE INTO after_attach_grants (operation_id, preset, created_at, updated_at)
    VALUES (?, ?, ?, ?)
  `);
  const waiting = deps.database.prepare<[string], WaitingRow>(
    "SELECT operation_id, preset FROM after_attach_grants WHERE operation_id = ? AND status = 'waiting' ORDER BY created_at, preset",
  );
  const waitingOperations = deps.database.prepare<[], { operation_id: string }>(
    "SELECT DISTINCT operation_id FROM after_attach_grants WHERE status = 'waiting'",
  );
  const journal = deps.database.prepare<[string], JournalRow>(
    'SELECT status, kind, compute_id FROM operations WHERE operation_id = ?',
  );
  const mark = deps.database.prepare<
    [string, string | null, string | null, string, string, string]
  >(`
    UPDATE after_attach_grants SET status = ?, grant_id = ?, note = ?, updated_at = ?
     WHERE operation_id = ? AND preset = ?
  `);

  const busy = new Map<string, Promise<void>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let closed = false;

  const handOver = async (operationId: string, attempt: number): Promise<void> => {
    const row = journal.get(operationId);
    if (!row) return;
    if (row.status === 'failed') {
      for (const { preset } of waiting.all(operationId)) {
        mark.run(
          'dropped',
          null,
          'The attach failed, so nothing was granted.',
          now(),
          operationId,
          preset,
        );
      }
      return;
    }
    if (row.status !== 'succeeded') return;
    let missingPrincipal = false;
    for (const { preset } of waiting.all(operationId)) {
      if (closed) return;
      try {
        const grant = await deps.grantPreset(row.compute_id, preset);
        mark.run('handed', grant.grantId, null, now(), operationId, preset);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const code = (error as { code?: unknown }).code;
        // The final GET may not have shown the new principal yet: look again a little later.
        if (code === 'not-found' || /principal|identity/i.test(reason)) missingPrincipal = true;
        if (attempt >= retries || !missingPrincipal) {
          mark.run('dropped', null, reason, now(), operationId, preset);
          deps.logger?.warn('A preset chosen at attach could not be granted', {
            operationId,
            preset,
            reason,
          });
        }
      }
    }
    if (missingPrincipal && attempt < retries && !closed) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        start(operationId, attempt + 1);
      }, retryMs);
      timers.add(timer);
    }
  };

  const start = (operationId: string, attempt = 0) => {
    if (closed || busy.has(operationId)) return;
    const run = handOver(operationId, attempt)
      .catch((error: unknown) =>
        deps.logger?.error('Handing attach presets over failed', {
          operationId,
          error: String(error),
        }),
      )
      .finally(() => busy.delete(operationId));
    busy.set(operationId, run);
  };

  return {
    remember(operationId, presets) {
      if (presets.length === 0) return;
      const at = now();
      deps.database.transaction(() => {
        for (const preset of presets) insert.run(operationId, preset, at, at);
      })();
      // The attach may already have ended before its presets were remembered.
      start(operationId);
    },
    operationChanged(operation) {
      if (operation.status === 'succeeded' || operation.status === 'failed') {
        if (waiting.all(operation.operationId).length > 0) start(operation.operationId);
      }
    },
    resume() {
      const rows = waitingOperations.all();
      for (const { operation_id } of rows) start(operation_id);
      return rows.length;
    },
    async idle() {
      while (busy.size > 0) await Promise.all([...busy.values()]);
    },
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
