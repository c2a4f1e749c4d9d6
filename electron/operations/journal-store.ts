import type { Database } from 'better-sqlite3';
import type {
  EquivalentCommands,
  OperationKind,
  OperationPoll,
  OperationStatus,
  OperationView,
} from '../../shared/domain/operations';
import { AppError } from '../core/errors';

export interface ProvisioningErrorEntry {
  readonly code: string;
  readonly message: string;
}

/** What finishing an operation needs after a restart. */
export interface ResumeState {
  /** The Azure-AsyncOperation URL exactly as Azure gave it. */
  readonly asyncOperationUrl?: string;
  /** The Location URL exactly as Azure gave it. */
  readonly locationUrl?: string;
  /** Identity change: the identity the compute must show once the PUT took effect. */
  readonly expectedIdentity?: {
    readonly type: string;
    readonly userAssignedIdentityId: string | null;
  };
  /** Attach: the cluster the compute must name once the PUT took effect. */
  readonly expectedClusterId?: string;
  /** Detach: the compute was already gone when the DELETE was answered (204). */
  readonly alreadyGone?: boolean;
}

export interface NewOperation {
  readonly operationId: string;
  readonly kind: OperationKind;
  readonly accountId: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly computeId: string;
  readonly computeName: string;
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly clusterId: string | null;
  readonly method: 'PUT' | 'DELETE';
  readonly url: string;
  readonly body: string | null;
  readonly commands: EquivalentCommands;
  readonly summary: string;
  readonly resume: ResumeState;
  readonly createdAt: string;
}

/** One journal row, as the runner reads it. */
export interface OperationRow extends OperationView {
  readonly method: 'PUT' | 'DELETE';
  readonly url: string;
  readonly body: string | null;
  readonly commands: EquivalentCommands;
  readonly resume: ResumeState;
  readonly sendCount: number;
}

export interface JournalRow {
  operation_id: string;
  kind: OperationKind;
  status: OperationStatus;
  account_id: string;
  tenant_id: string;
  subscription_id: string;
  compute_id: string;
  compute_name: string;
  workspace_id: string;
  workspace_name: string;
  cluster_id: string | null;
  request_method: 'PUT' | 'DELETE';
  request_url: string;
  request_body: string | null;
  commands_json: string;
  summary: string;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  last_polled_at: string | null;
  poll_count: number;
  send_count: number;
  provisioning_state: string | null;
  errors_json: string;
  message: string | null;
  resume_json: string;
}

interface PollRow {
  polled_at: string;
  http_status: number | null;
  status: string;
  retry_after_seconds: number | null;
  note: string | null;
}

export const toRow = (row: JournalRow): OperationRow => ({
  operationId: row.operation_id,
  kind: row.kind,
  status: row.status,
  computeId: row.compute_id,
  computeName: row.compute_name,
  workspaceId: row.workspace_id,
  workspaceName: row.workspace_name,
  clusterId: row.cluster_id,
  subscriptionId: row.subscription_id,
  tenantId: row.tenant_id,
  accountId: row.account_id,
  summary: row.summary,
  createdAt: row.created_at,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  lastPolledAt: row.last_polled_at,
  pollCount: row.poll_count,
  provisioningState: row.provisioning_state,
  errors: JSON.parse(row.errors_json) as ProvisioningErrorEntry[],
  message: row.message,
  method: row.request_method,
  url: row.request_url,
  body: row.request_body,
  commands: JSON.parse(row.commands_json) as EquivalentCommands,
  resume: JSON.parse(row.resume_json) as ResumeState,
  sendCount: row.send_count,
});

/** The contract's view of a row (no request internals). */
export function operationView(row: OperationRow): OperationView {
  const { method: _m, url: _u, body: _b, commands: _c, resume: _r, sendCount: _s, ...view } = row;
  return view;
}

/** How many ended operations the tray shows. */
const RECENT_LIMIT = 50;

/**
 * The journal's SQL (migration 7). Every change is one statement or one transaction, so a crash
 * leaves each row as it was before or after a step, never half-way.
 */
export function createJournalStore(db: Database) {
  const statements = {
    insert: db.prepare(`
      INSERT INTO operations (operation_id, kind, status, account_id, tenant_id, subscription_id,
                              compute_key, compute_id, compute_name, workspace_id, workspace_name,
                              cluster_id, request_method, request_url, request_body, commands_json,
                              summary, created_at, resume_json)
      VALUES (@operationId, @kind, 'pending', @accountId, lower(@tenantId), lower(@subscriptionId),
              lower(@computeId), @computeId, @computeName, @workspaceId, @workspaceName, @clusterId,
              @method, @url, @body, @commands, @summary, @createdAt, @resume)`),
    get: db.prepare<[string], JournalRow>('SELECT * FROM operations WHERE operation_id = ?'),
    unfinished: db.prepare<[], JournalRow>(
      // Role grants and removals are carried on by the roles service, not followed here.
      `SELECT * FROM operations WHERE status IN ('pending', 'running')
          AND kind IN ('attach', 'update-identity', 'detach') ORDER BY created_at, operation_id`,
    ),
    recent: db.prepare<[number], JournalRow>(`
      SELECT * FROM operations
       ORDER BY status IN ('pending', 'running') DESC, coalesce(ended_at, created_at) DESC, operation_id
       LIMIT ?`),
    ofCompute: db.prepare<[string], JournalRow>(
      'SELECT * FROM operations WHERE compute_key = lower(?) ORDER BY created_at DESC, operation_id',
    ),
    sent: db.prepare(`
      UPDATE operations SET send_count = send_count + 1 WHERE operation_id = @operationId`),
    running: db.prepare(`
      UPDATE operations
         SET status = 'running', started_at = coalesce(started_at, @at), resume_json = @resume,
             provisioning_state = coalesce(@state, provisioning_state), message = @message
       WHERE operation_id = @operationId AND status IN ('pending', 'running')`),
    note: db.prepare(`
      UPDATE operations SET message = @message, provisioning_state = coalesce(@state, provisioning_state)
       WHERE operation_id = @operationId AND status IN ('pending', 'running')`),
    pollNumber: db.prepare<[string], { n: number }>(
      'SELECT coalesce(max(poll_number), 0) + 1 AS n FROM operation_polls WHERE operation_id = ?',
    ),
    addPoll: db.prepare(`
      INSERT INTO operation_polls (operation_id, poll_number, polled_at, http_status, status,
                                   retry_after_seconds, note)
      VALUES (@operationId, @number, @at, @httpStatus, @status, @retryAfterSeconds, @note)`),
    polled: db.prepare(`
      UPDATE operations SET poll_count = poll_count + 1, last_polled_at = @at
       WHERE operation_id = @operationId`),
    finish: db.prepare(`
      UPDATE operations
         SET status = @status, ended_at = @at, errors_json = @errors, message = @message,
             provisioning_state = coalesce(@state, provisioning_state)
       WHERE operation_id = @operationId AND status IN ('pending', 'running')`),
    polls: db.prepare<[string], PollRow>(
      'SELECT * FROM operation_polls WHERE operation_id = ? ORDER BY poll_number',
    ),
  };

  const read = (operationId: string): OperationRow => {
    const row = statements.get.get(operationId);
    if (!row) throw new AppError('not-found', 'Mooring has no record of that operation.');
    return toRow(row);
  };

  return {
    /** Records a new operation, pending; refuses a second unfinished one on the same compute. */
    insert(operation: NewOperation): OperationRow {
      try {
        statements.insert.run({
          ...operation,
          commands: JSON.stringify(operation.commands),
          resume: JSON.stringify(operation.resume),
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError(
            'conflict',
            `Mooring is already running an operation on compute ${operation.computeName}. Wait for it to end (see Operations), then try again.`,
            { computeId: operation.computeId },
          );
        }
        throw error;
      }
      return read(operation.operationId);
    },
    read,
    unfinished: (): OperationRow[] => statements.unfinished.all().map(toRow),
    recent: (): OperationRow[] => statements.recent.all(RECENT_LIMIT).map(toRow),
    ofCompute: (computeId: string): OperationRow[] =>
      statements.ofCompute.all(computeId).map(toRow),
    /** Counted before the request leaves, so the journal knows it may have reached Azure. */
    markSent(operationId: string): void {
      statements.sent.run({ operationId });
    },
    markRunning(
      operationId: string,
      at: string,
      resume: ResumeState,
      state: string | null,
      message: string | null,
    ): void {
      statements.running.run({ operationId, at, resume: JSON.stringify(resume), state, message });
    },
    note(operationId: string, message: string | null, state: string | null = null): void {
      statements.note.run({ operationId, message, state });
    },
    recordPoll(operationId: string, poll: OperationPoll): void {
      db.transaction(() => {
        const number = statements.pollNumber.get(operationId)?.n ?? 1;
        statements.addPoll.run({ operationId, number, ...poll });
        statements.polled.run({ operationId, at: poll.at });
      }).immediate();
    },
    finish(
      operationId: string,
      outcome: {
        status: 'succeeded' | 'failed';
        at: string;
        errors: readonly ProvisioningErrorEntry[];
        message: string;
        state: string | null;
      },
    ): void {
      statements.finish.run({
        operationId,
        status: outcome.status,
        at: outcome.at,
        errors: JSON.stringify(outcome.errors),
        message: outcome.message,
        state: outcome.state,
      });
    },
    polls(operationId: string): OperationPoll[] {
      return statements.polls.all(operationId).map((row) => ({
        at: row.polled_at,
        httpStatus: row.http_status,
        status: row.status,
        retryAfterSeconds: row.retry_after_seconds,
        note: row.note,
      }));
    },
  };
}

export type JournalStore = ReturnType<typeof createJournalStore>;
