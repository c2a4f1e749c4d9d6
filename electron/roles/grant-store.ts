import type { Database } from 'better-sqlite3';
import type { GrantStatus } from '../../shared/domain/roles';

/** A grant or removal as kept in `role_grants`: enough to carry it on after a restart. */
export interface GrantRecord {
  readonly grantId: string;
  readonly kind: 'grant' | 'remove';
  readonly computeId: string;
  readonly principalId: string;
  /** The canonical scope id (parsed by shared/azure/arm-id.ts before it was stored). */
  readonly scopeId: string;
  readonly roleGuid: string | null;
  readonly roleName: string;
  /** The GUID of the assignment: one per grant, the same for each of its retries. */
  readonly assignmentName: string | null;
  readonly status: GrantStatus;
  readonly attempts: number;
  readonly message: string | null;
  readonly assignmentId: string | null;
  readonly alreadyExisted: boolean;
  readonly error: { code: string; message: string } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextAttemptAt: string | null;
  readonly deadlineAt: string | null;
}

interface GrantRow {
  grant_id: string;
  kind: 'grant' | 'remove';
  compute_id: string;
  principal_id: string;
  scope_id: string;
  role_guid: string | null;
  role_name: string;
  assignment_name: string | null;
  status: GrantStatus;
  attempts: number;
  message: string | null;
  assignment_id: string | null;
  already_existed: number;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  next_attempt_at: string | null;
  deadline_at: string | null;
}

const fromRow = (row: GrantRow): GrantRecord => ({
  grantId: row.grant_id,
  kind: row.kind,
  computeId: row.compute_id,
  principalId: row.principal_id,
  scopeId: row.scope_id,
  roleGuid: row.role_guid,
  roleName: row.role_name,
  assignmentName: row.assignment_name,
  status: row.status,
  attempts: row.attempts,
  message: row.message,
  assignmentId: row.assignment_id,
  alreadyExisted: row.already_existed === 1,
  error:
    row.error_code !== null && row.error_message !== null
      ? { code: row.error_code, message: row.error_message }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  nextAttemptAt: row.next_attempt_at,
  deadlineAt: row.deadline_at,
});

const toParams = (record: GrantRecord) => ({
  grantId: record.grantId,
  kind: record.kind,
  computeId: record.computeId,
  computeKey: record.computeId.toLowerCase(),
  principalId: record.principalId.toLowerCase(),
  scopeId: record.scopeId,
  roleGuid: record.roleGuid,
  roleName: record.roleName,
  assignmentName: record.assignmentName,
  status: record.status,
  attempts: record.attempts,
  message: record.message,
  assignmentId: record.assignmentId,
  alreadyExisted: record.alreadyExisted ? 1 : 0,
  errorCode: record.error?.code ?? null,
  errorMessage: record.error?.message ?? null,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  nextAttemptAt: record.nextAttemptAt,
  deadlineAt: record.deadlineAt,
});

export interface GrantStore {
  save(record: GrantRecord): void;
  get(grantId: string): GrantRecord | null;
  /** Grants still pending, running or waiting for Entra ID: what a restart carries on. */
  unfinished(): GrantRecord[];
  /** The compute's latest grants and removals, newest first. */
  forCompute(computeId: string, limit: number): GrantRecord[];
}

export function createGrantStore(db: Database): GrantStore {
  const upsert = db.prepare<ReturnType<typeof toParams>>(`
    INSERT INTO role_grants
      (grant_id, kind, compute_id, compute_key, principal_id, scope_id, role_guid, role_name,
       assignment_name, status, attempts, message, assignment_id, already_existed, error_code,
       error_message, created_at, updated_at, next_attempt_at, deadline_at)
    VALUES (@grantId, @kind, @computeId, @computeKey, @principalId, @scopeId, @roleGuid, @roleName,
            @assignmentName, @status, @attempts, @message, @assignmentId, @alreadyExisted, @errorCode,
            @errorMessage, @createdAt, @updatedAt, @nextAttemptAt, @deadlineAt)
    ON CONFLICT (grant_id) DO UPDATE SET
      status = excluded.status, attempts = excluded.attempts, message = excluded.message,
      assignment_id = excluded.assignment_id, already_existed = excluded.already_existed,
      error_code = excluded.error_code, error_message = excluded.error_message,
      updated_at = excluded.updated_at, next_attempt_at = excluded.next_attempt_at,
      deadline_at = excluded.deadline_at
  `);
  const byId = db.prepare<[string], GrantRow>('SELECT * FROM role_grants WHERE grant_id = ?');
  const unfinished = db.prepare<[], GrantRow>(`
    SELECT * FROM role_grants WHERE status IN ('pending', 'running', 'waiting-for-directory')
     ORDER BY created_at, grant_id
  `);
  const forCompute = db.prepare<[string, number], GrantRow>(`
    SELECT * FROM role_grants WHERE compute_key = lower(?) ORDER BY created_at DESC, rowid DESC LIMIT ?
  `);
  return {
    save: (record) => void upsert.run(toParams(record)),
    get: (grantId) => {
      const row = byId.get(grantId);
      return row ? fromRow(row) : null;
    },
    unfinished: () => unfinished.all().map(fromRow),
    forCompute: (computeId, limit) => forCompute.all(computeId, limit).map(fromRow),
  };
}
