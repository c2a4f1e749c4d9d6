import type { Database } from 'better-sqlite3';

/** One role assignment of a principal as Azure listed it (or as a grant created it). */
export interface SeenAssignment {
  readonly assignmentId: string;
  readonly scope: string;
  readonly roleDefinitionId: string;
  readonly roleGuid: string;
  readonly principalType: string | null;
  readonly createdOn: string | null;
}

export interface StoredAssignment extends SeenAssignment {
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
}

export interface AccessRead {
  readonly readAt: string | null;
  readonly problem: { code: string; message: string } | null;
}

interface AssignmentRow {
  assignment_id: string;
  scope: string;
  role_definition_id: string;
  role_guid: string;
  principal_type: string | null;
  created_on: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

/** What Mooring has seen of a principal's role assignments, kept so the compute page works offline. */
export interface AccessStore {
  /** A full listing: rows it no longer holds get `removed_at` (removed outside Mooring). */
  recordListing(
    principalId: string,
    subscriptionId: string,
    items: readonly SeenAssignment[],
    at: string,
  ): void;
  recordProblem(
    principalId: string,
    subscriptionId: string,
    problem: { code: string; message: string },
  ): void;
  /** One assignment known to exist now (a grant's answer, or the existing one a 409 named). */
  recordOne(principalId: string, subscriptionId: string, item: SeenAssignment, at: string): void;
  markRemoved(assignmentId: string, at: string): void;
  assignments(principalId: string, subscriptionId: string): StoredAssignment[];
  /** Every subscription where the principal has an assignment Mooring knows of. */
  subscriptionsOf(principalId: string): string[];
  lastRead(principalId: string, subscriptionId: string): AccessRead;
}

export function createAccessStore(db: Database): AccessStore {
  const upsert = db.prepare<{
    key: string;
    id: string;
    principal: string;
    sub: string;
    scope: string;
    roleDefinitionId: string;
    roleGuid: string;
    principalType: string | null;
    createdOn: string | null;
    at: string;
  }>(`
    INSERT INTO role_assignments_seen
      (assignment_key, assignment_id, principal_id, subscription_id, scope, role_definition_id,
       role_guid, principal_type, created_on, first_seen_at, last_seen_at, removed_at)
    VALUES (@key, @id, @principal, @sub, @scope, @roleDefinitionId, @roleGuid, @principalType,
            @createdOn, @at, @at, NULL)
    ON CONFLICT (assignment_key) DO UPDATE SET
      assignment_id = excluded.assignment_id, scope = excluded.scope,
      role_definition_id = excluded.role_definition_id, role_guid = excluded.role_guid,
      principal_type = coalesce(excluded.principal_type, principal_type),
      created_on = coalesce(excluded.created_on, created_on),
      last_seen_at = excluded.last_seen_at,
      first_seen_at = CASE WHEN removed_at IS NULL THEN first_seen_at ELSE excluded.first_seen_at END,
      removed_at = NULL
  `);
  const current = db.prepare<[string, string], { assignment_key: string }>(
    'SELECT assignment_key FROM role_assignments_seen WHERE principal_id = ? AND subscription_id = ? AND removed_at IS NULL',
  );
  const remove = db.prepare<[string, string]>(
    'UPDATE role_assignments_seen SET removed_at = ? WHERE assignment_key = ? AND removed_at IS NULL',
  );
  const readOk = db.prepare<[string, string, string]>(`
    INSERT INTO role_access_reads (principal_id, subscription_id, read_at) VALUES (?, ?, ?)
    ON CONFLICT (principal_id, subscription_id) DO UPDATE SET
      read_at = excluded.read_at, problem_code = NULL, problem_message = NULL
  `);
  const readFailed = db.prepare<[string, string, string, string]>(`
    INSERT INTO role_access_reads (principal_id, subscription_id, problem_code, problem_message)
    VALUES (?, ?, ?, ?)
    ON CONFLICT (principal_id, subscription_id) DO UPDATE SET
      problem_code = excluded.problem_code, problem_message = excluded.problem_message
  `);
  const lastRead = db.prepare<
    [string, string],
    { read_at: string | null; problem_code: string | null; problem_message: string | null }
  >(
    'SELECT read_at, problem_code, problem_message FROM role_access_reads WHERE principal_id = ? AND subscription_id = ?',
  );
  const list = db.prepare<[string, string], AssignmentRow>(`
    SELECT assignment_id, scope, role_definition_id, role_guid, principal_type, created_on,
           first_seen_at, last_seen_at
      FROM role_assignments_seen
     WHERE principal_id = ? AND subscription_id = ? AND removed_at IS NULL
     ORDER BY length(scope), scope COLLATE NOCASE, role_guid
  `);

  const subscriptions = db.prepare<[string], { subscription_id: string }>(`
    SELECT DISTINCT subscription_id FROM role_assignments_seen
     WHERE principal_id = ? AND removed_at IS NULL ORDER BY subscription_id
  `);

  const keyed = (principalId: string, subscriptionId: string) => ({
    principal: principalId.toLowerCase(),
    sub: subscriptionId.toLowerCase(),
  });
  const write = (principal: string, sub: string, item: SeenAssignment, at: string) =>
    upsert.run({
      key: item.assignmentId.toLowerCase(),
      id: item.assignmentId,
      principal,
      sub,
      scope: item.scope,
      roleDefinitionId: item.roleDefinitionId,
      roleGuid: item.roleGuid,
      principalType: item.principalType,
      createdOn: item.createdOn,
      at,
    });

  const recordListing = db.transaction(
    (principalId: string, subscriptionId: string, items: readonly SeenAssignment[], at: string) => {
      const { principal, sub } = keyed(principalId, subscriptionId);
      const listed = new Set(items.map((item) => item.assignmentId.toLowerCase()));
      for (const row of current.all(principal, sub)) {
        if (!listed.has(row.assignment_key)) remove.run(at, row.assignment_key);
      }
      for (const item of items) write(principal, sub, item, at);
      readOk.run(principal, sub, at);
    },
  );

  return {
    recordListing: (principalId, subscriptionId, items, at) =>
      recordListing(principalId, subscriptionId, items, at),
    recordProblem(principalId, subscriptionId, problem) {
      const { principal, sub } = keyed(principalId, subscriptionId);
      readFailed.run(principal, sub, problem.code, problem.message);
    },
    recordOne(principalId, subscriptionId, item, at) {
      const { principal, sub } = keyed(principalId, subscriptionId);
      write(principal, sub, item, at);
    },
    markRemoved(assignmentId, at) {
      remove.run(at, assignmentId.toLowerCase());
    },
    assignments(principalId, subscriptionId) {
      const { principal, sub } = keyed(principalId, subscriptionId);
      return list.all(principal, sub).map((row) => ({
        assignmentId: row.assignment_id,
        scope: row.scope,
        roleDefinitionId: row.role_definition_id,
        roleGuid: row.role_guid,
        principalType: row.principal_type,
        createdOn: row.created_on,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
      }));
    },
    subscriptionsOf(principalId) {
      return subscriptions.all(principalId.toLowerCase()).map((row) => row.subscription_id);
    },
    lastRead(principalId, subscriptionId) {
      const { principal, sub } = keyed(principalId, subscriptionId);
      const row = lastRead.get(principal, sub);
      return {
        readAt: row?.read_at ?? null,
        problem:
          row?.problem_code && row.problem_message
            ? { code: row.problem_code, message: row.problem_message }
            : null,
      };
    },
  };
}
