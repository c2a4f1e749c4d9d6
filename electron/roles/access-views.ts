import type {
  GrantView,
  RoleAssignmentView,
  RoleCommands,
  ScopeView,
} from '../../shared/domain/roles';
import type { CloudEndpoints } from '../azure/clouds';
import type { StoredAssignment } from './access-store';
import { grantCommands, removeCommands } from './commands';
import type { GrantRecord } from './grant-store';
import { describeScope, isInheritedKind, type SubscriptionNames } from './scopes';
import { parseArmId } from '../../shared/azure/arm-id';

/** What turns stored rows into the views the window shows. */
export interface ViewContext {
  readonly principalId: string;
  readonly tenantId: string;
  readonly cloud: Pick<CloudEndpoints, 'id' | 'portal'>;
  readonly names: SubscriptionNames;
  readonly roleName: (roleGuid: string) => string;
}

const commandInput = (view: ViewContext, roleName: string, scope: string) => ({
  principalId: view.principalId,
  roleName,
  scope,
  tenantId: view.tenantId,
  cloud: view.cloud,
});

export function commandsForGrant(
  view: ViewContext,
  roleName: string,
  scope: ScopeView,
): RoleCommands {
  return grantCommands(commandInput(view, roleName, scope.id));
}

export function assignmentView(view: ViewContext, stored: StoredAssignment): RoleAssignmentView {
  const scope = describeScope(stored.scope, view.names);
  const roleName = view.roleName(stored.roleGuid);
  const parsed = parseArmId(stored.scope);
  return {
    assignmentId: stored.assignmentId,
    roleDefinitionId: stored.roleDefinitionId,
    roleName,
    scope,
    inherited: isInheritedKind(scope.kind),
    createdOn: stored.createdOn,
    firstSeenAt: stored.firstSeenAt,
    lastSeenAt: stored.lastSeenAt,
    // Only scopes of a subscription can be addressed (and so removed) from here.
    removeCommands: parsed.ok
      ? removeCommands(commandInput(view, roleName, parsed.value.id))
      : null,
  };
}

export function grantView(view: ViewContext, record: GrantRecord): GrantView {
  const scope = describeScope(record.scopeId, view.names);
  const input = commandInput(view, record.roleName, scope.id);
  return {
    grantId: record.grantId,
    kind: record.kind,
    computeId: record.computeId,
    principalId: record.principalId,
    roleDefinitionGuid: record.roleGuid,
    roleName: record.roleName,
    scope,
    status: record.status,
    attempts: record.attempts,
    message: record.message,
    assignmentId: record.assignmentId,
    alreadyExisted: record.alreadyExisted,
    error: record.error,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    nextAttemptAt: record.nextAttemptAt,
    deadlineAt: record.deadlineAt,
    commands: record.kind === 'grant' ? grantCommands(input) : removeCommands(input),
  };
}
