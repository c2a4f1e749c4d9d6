import { armExtensionId, armIdPath, requireArmId, type ArmId } from '../../shared/azure/arm-id';
import type { ArmReader } from '../preflight/arm-reader';
import type { SeenAssignment } from './access-store';
import { assignmentFromBody } from './access-reader';
import {
  AUTHORIZATION_API_VERSION,
  ROLE_ADMIN_ROLES,
  existingAssignmentGuid,
} from './role-catalog';

export type AttemptOutcome =
  | {
      readonly kind: 'done';
      readonly assignmentId: string;
      /** The assignment as Azure answered it (null for a 409, which names only its id). */
      readonly assignment: SeenAssignment | null;
      readonly alreadyExisted: boolean;
    }
  /** Entra ID does not know the principal yet (replication): try again later. */
  | { readonly kind: 'principal-not-found' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`, built from segments. */
export const assignmentIdAt = (scope: ArmId, name: string): ArmId =>
  armExtensionId(scope, 'Microsoft.Authorization', 'roleAssignments', name);

/** The role definition id ARM expects in the body: the scope's subscription, the role's GUID. */
export const roleDefinitionIdFor = (subscriptionId: string, roleGuid: string): string =>
  armIdPath({
    subscriptionId,
    resourceGroup: null,
    levels: [
      { namespace: 'Microsoft.Authorization', types: ['roleDefinitions'], names: [roleGuid] },
    ],
  });

const whoCan = ROLE_ADMIN_ROLES.join(', ');

export interface PutAssignment {
  readonly scope: ArmId;
  readonly assignmentName: string;
  readonly roleGuid: string;
  readonly principalId: string;
  readonly scopeName: string;
  /** The az command to hand to someone who may assign roles there. */
  readonly command: string;
}

/**
 * One PUT of a role assignment, always with `principalType: ServicePrincipal` (so ARM skips the
 * directory lookup that fails while a new identity replicates), its answer classified.
 */
export async function putAssignment(
  arm: ArmReader,
  request: PutAssignment,
): Promise<AttemptOutcome> {
  const id = assignmentIdAt(request.scope, request.assignmentName);
  const answer = await arm.send({
    method: 'PUT',
    path: armIdPath(id),
    apiVersion: AUTHORIZATION_API_VERSION,
    body: {
      properties: {
        roleDefinitionId: roleDefinitionIdFor(request.scope.subscriptionId, request.roleGuid),
        principalId: request.principalId,
        principalType: 'ServicePrincipal',
      },
    },
  });
  if (answer.status === 200 || answer.status === 201) {
    const assignment = assignmentFromBody(answer.body);
    return {
      kind: 'done',
      assignmentId: assignment?.assignmentId ?? id.id,
      assignment,
      alreadyExisted: false,
    };
  }
  const code = answer.code ?? `HTTP ${answer.status}`;
  if (answer.status === 409 && code === 'RoleAssignmentExists') {
    const existing = existingAssignmentGuid(answer.message);
    return {
      kind: 'done',
      // The same role for the same principal at the same scope: that one is the grant.
      assignmentId: existing ? assignmentIdAt(request.scope, existing).id : id.id,
      assignment: null,
      alreadyExisted: true,
    };
  }
  if (answer.status === 400 && code === 'PrincipalNotFound') return { kind: 'principal-not-found' };
  return { kind: 'failed', code, message: explainRefusal(answer.status, code, request) };
}

function explainRefusal(status: number, code: string, request: PutAssignment): string {
  if (code === 'UnmatchedPrincipalType') {
    return 'Entra ID says this principal is not a service principal, so it is not the compute’s managed identity. Refresh the inventory (the compute’s identity may have changed) and grant again.';
  }
  if (code === 'RoleAssignmentUpdateNotPermitted') {
    return 'Azure already holds an assignment with this id for another principal or role, and it never changes an existing assignment. Nothing was changed: grant again and Mooring uses a new id.';
  }
  if (status === 403) {
    return `Your account may not assign roles at ${request.scopeName}: that takes ${whoCan} on it or above it. Someone who has one can run: ${request.command}`;
  }
  if (status === 401) {
    return 'Azure did not accept the sign-in for this subscription. Sign in again to its tenant, then grant again.';
  }
  if (code === 'RoleDefinitionDoesNotExist') {
    return 'This role is not defined where the scope is (a custom role of another subscription?). Pick a role listed for this scope.';
  }
  return `Azure refused the assignment (${code}). Nothing was granted; try again, or use the command shown.`;
}

export type RemoveAnswer =
  | { readonly kind: 'removed' | 'already-gone' }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** A role assignment id Mooring may DELETE: `{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`. */
export function parseAssignmentId(assignmentId: string): ArmId {
  const id = requireArmId(assignmentId, 'role assignment id');
  const last = id.levels.at(-1);
  const isAssignment =
    last?.namespace.toLowerCase() === 'microsoft.authorization' &&
    last.types.length === 1 &&
    last.types[0]?.toLowerCase() === 'roleassignments';
  if (!isAssignment) throw new Error('This is not a role assignment id.');
  return id;
}

/** DELETE of an assignment: 200 and 204 (and 404) all mean it is gone. */
export async function deleteAssignment(
  arm: ArmReader,
  id: ArmId,
  scopeName: string,
  command: string,
): Promise<RemoveAnswer> {
  const answer = await arm.send({
    method: 'DELETE',
    path: armIdPath(id),
    apiVersion: AUTHORIZATION_API_VERSION,
  });
  if (answer.status === 200) return { kind: 'removed' };
  if (answer.status === 204 || answer.status === 404) return { kind: 'already-gone' };
  const code = answer.code ?? `HTTP ${answer.status}`;
  if (answer.status === 403) {
    return {
      kind: 'failed',
      code,
      message: `Your account may not remove role assignments at ${scopeName}: that takes ${whoCan} on it or above it. Someone who has one can run: ${command}`,
    };
  }
  return {
    kind: 'failed',
    code,
    message: `Azure refused to remove the assignment (${code}). Try again in a moment.`,
  };
}
