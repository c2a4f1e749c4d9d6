import type { Database } from 'better-sqlite3';
import { armIdPath, armResourceName, parseArmId } from '../../shared/azure/arm-id';
import type { GrantView } from '../../shared/domain/roles';
import type { OperationView } from '../../shared/domain/operations';
import type { Logger } from '../logging/logger';
import type { RoleOperationRecorder } from '../roles/operation-recorder';
import { AUTHORIZATION_API_VERSION } from '../roles/role-catalog';
import { createJournalStore, operationView } from './journal-store';

export interface RoleJournalDeps {
  readonly database: Database;
  /** The account and tenant that reach a subscription (as for every journal row). */
  readonly accessFor: (subscriptionId: string) => { accountId: string; tenantId: string } | null;
  readonly changed: (operation: OperationView) => void;
  readonly logger?: Logger;
}

const journalIdOf = (grant: GrantView) => `role-${grant.grantId}`;

const statusOf = (grant: GrantView): 'pending' | 'running' | 'succeeded' | 'failed' => {
  switch (grant.status) {
    case 'pending':
      return 'pending';
    case 'running':
    case 'waiting-for-directory':
      return 'running';
    case 'succeeded':
    case 'failed':
      return grant.status;
  }
};

/**
 * Every grant and removal as a row of the operation journal (kinds grant-role and remove-role),
 * so the compute's operations, the tray and the Activity area show them. The roles service keeps
 * the resumable state (role_grants); these rows only mirror it, and the operations service never
 * follows them.
 */
export function createRoleJournal(deps: RoleJournalDeps): RoleOperationRecorder {
  const journal = createJournalStore(deps.database);
  const exists = deps.database.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM operations WHERE operation_id = ?',
  );
  const update = deps.database.prepare(`
    UPDATE operations
       SET status = @status, message = @message, errors_json = @errors,
           started_at = CASE WHEN @status = 'pending' THEN started_at ELSE coalesce(started_at, @at) END,
           ended_at = CASE WHEN @status IN ('succeeded', 'failed') THEN coalesce(ended_at, @at) END,
           send_count = @attempts
     WHERE operation_id = @operationId`);

  const emit = (operationId: string) => deps.changed(operationView(journal.read(operationId)));

  const record = (grant: GrantView) => {
    const operationId = journalIdOf(grant);
    if (exists.get(operationId)) return true;
    const compute = parseArmId(grant.computeId);
    if (!compute.ok) return false;
    const access = deps.accessFor(compute.value.subscriptionId);
    if (!access) return false;
    const level = compute.value.levels[0];
    if (!level) return false;
    const workspaceName = level.names[0] ?? '';
    const workspace = {
      ...compute.value,
      levels: [
        { namespace: level.namespace, types: level.types.slice(0, 1), names: [workspaceName] },
      ],
    };
    const target =
      grant.kind === 'remove' && grant.assignmentId
        ? grant.assignmentId
        : `${grant.scope.id}/providers/Microsoft.Authorization/roleAssignments`;
    const roleDefinitionId = grant.roleDefinitionGuid
      ? `${armIdPath({ subscriptionId: compute.value.subscriptionId, resourceGroup: null, levels: [] })}/providers/Microsoft.Authorization/roleDefinitions/${grant.roleDefinitionGuid}`
      : null;
    const computeName = armResourceName(compute.value);
    const body =
      grant.kind === 'grant'
        ? JSON.stringify({
            properties: {
              roleDefinitionId,
              principalId: grant.principalId,
              principalType: 'ServicePrincipal',
            },
          })
        : null;
    // The assignment's name is a GUID the roles service picks (new per grant).
    const query = `?api-version=${AUTHORIZATION_API_VERSION}`;
    const azRest =
      grant.kind === 'grant'
        ? `guid=$(uuidgen); az rest --method put --url "${target}/$guid${query}" --body '${body ?? ''}'`
        : `az rest --method delete --url "${target}${query}"`;
    journal.insert({
      operationId,
      kind: grant.kind === 'grant' ? 'grant-role' : 'remove-role',
      accountId: access.accountId,
      tenantId: access.tenantId,
      subscriptionId: compute.value.subscriptionId,
      computeId: grant.computeId,
      computeName,
      workspaceId: armIdPath(workspace),
      workspaceName,
      clusterId: null,
      method: grant.kind === 'grant' ? 'PUT' : 'DELETE',
      url: `${target}${query}`,
      body,
      commands: { az: grant.commands.az, azRest },
      summary: `${grant.kind === 'grant' ? 'Grant' : 'Remove'} ${grant.roleName} on ${grant.scope.name} (${grant.scope.kindLabel}) ${grant.kind === 'grant' ? 'to' : 'from'} ${computeName}`,
      createdAt: grant.createdAt,
      resume: {},
    });
    return true;
  };

  const mirror = (grant: GrantView) => {
    try {
      if (!record(grant)) return;
      update.run({
        operationId: journalIdOf(grant),
        status: statusOf(grant),
        message: grant.error?.message ?? grant.message,
        errors: JSON.stringify(grant.error ? [grant.error] : []),
        at: grant.updatedAt,
        attempts: grant.attempts,
      });
      emit(journalIdOf(grant));
    } catch (error) {
      // The grant goes on whatever happens to its mirror in the journal.
      deps.logger?.warn('A role grant could not be written to the operation journal', {
        grantId: grant.grantId,
        error: String(error),
      });
    }
  };

  return { record: mirror, update: mirror, resumed: mirror };
}
