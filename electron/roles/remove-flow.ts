import { parseArmId } from '../../shared/azure/arm-id';
import type { RemoveOutcome } from '../../shared/domain/roles';
import { AppError } from '../core/errors';
import { grantView } from './access-views';
import { deleteAssignment, parseAssignmentId } from './assignment-requests';
import { removeCommands } from './commands';
import { describeFailure } from './grant-failures';
import type { GrantRecord } from './grant-store';
import type { RolesParts } from './roles-parts';
import { describeParsedScope } from './scopes';

/**
 * Removes one role assignment of the compute's identity (the window has confirmed it): only one
 * the access list showed, by its parsed id; 204 or 404 mean it is already gone.
 */
export async function removeAssignment(
  parts: RolesParts,
  computeId: string,
  assignmentId: string,
): Promise<RemoveOutcome> {
  const { access, arm, grants, names, newGuid, nowIso } = parts;
  const { emitGrant, storedAssignments, viewContext, withPrincipal } = parts;
  const { context, principal } = withPrincipal(computeId);
  let id;
  try {
    id = parseAssignmentId(assignmentId);
  } catch (error) {
    throw new AppError(
      'invalid-input',
      `This is not a role assignment Mooring can remove. ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
  // Only an assignment of this compute's identity, as the access list showed it.
  const known = storedAssignments(context.subscriptionId, principal.principalId).find(
    (a) => a.assignmentId.toLowerCase() === assignmentId.toLowerCase(),
  );
  if (!known) {
    throw new AppError(
      'not-found',
      'This assignment is not in the compute’s access list: refresh it and try again.',
      { assignmentId },
    );
  }
  const scope = parseArmId(known.scope);
  if (!scope.ok)
    throw new AppError(
      'invalid-input',
      'This assignment sits above the subscription: remove it in the portal.',
    );
  const view = await viewContext(context);
  const roleName = view.roleName(known.roleGuid);
  const scopeView = describeParsedScope(scope.value, names);
  const at = nowIso();
  let record: GrantRecord = {
    grantId: newGuid(),
    kind: 'remove',
    computeId: context.computeId,
    principalId: principal.principalId,
    scopeId: scope.value.id,
    roleGuid: known.roleGuid,
    roleName,
    assignmentName: null,
    status: 'running',
    attempts: 0,
    message: 'Removing the assignment…',
    assignmentId: known.assignmentId,
    alreadyExisted: false,
    error: null,
    createdAt: at,
    updatedAt: at,
    nextAttemptAt: null,
    deadlineAt: null,
  };
  grants.save(record);
  emitGrant(record, 'record');
  const command = removeCommands({
    principalId: principal.principalId,
    roleName,
    scope: scope.value.id,
    tenantId: principal.tenantId,
    cloud: view.cloud,
  }).az;
  let answer;
  try {
    answer = await deleteAssignment(
      await arm.readerFor(id.subscriptionId),
      id,
      `${scopeView.name} (${scopeView.kindLabel})`,
      command,
    );
  } catch (error) {
    answer = { kind: 'failed' as const, ...describeFailure(error) };
  }
  const end = nowIso();
  if (answer.kind === 'failed') {
    record = {
      ...record,
      status: 'failed',
      attempts: 1,
      error: { code: answer.code, message: answer.message },
      message: answer.message,
      updatedAt: end,
    };
    grants.save(record);
    emitGrant(record, 'update');
    throw new AppError('unavailable', answer.message, { code: answer.code });
  }
  access.markRemoved(known.assignmentId, end);
  record = {
    ...record,
    status: 'succeeded',
    attempts: 1,
    updatedAt: end,
    message: answer.kind === 'removed' ? 'Removed.' : 'It was already gone.',
  };
  grants.save(record);
  emitGrant(record, 'update');
  return {
    assignmentId: known.assignmentId,
    outcome: answer.kind,
    grant: grantView(view, record),
  };
}
