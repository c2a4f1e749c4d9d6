import { z } from 'zod';
import { armIdPath } from '../../shared/azure/arm-id';
import { AppError } from '../core/errors';
import type { ArmReader } from '../preflight/arm-reader';
import type { SeenAssignment } from './access-store';
import { readAllPages } from './arm-pages';
import { refusal } from './arm-refusal';
import { isGuid, roleGuidOf } from './role-catalog';

const AssignmentItem = z.object({
  id: z.string().max(2048),
  properties: z.object({
    roleDefinitionId: z.string().max(2048),
    principalId: z.string(),
    principalType: z.string().nullish(),
    scope: z.string().max(2048),
    createdOn: z.string().nullish(),
  }),
});

/** One assignment body as ARM answers it (lists, PUT), or null when it cannot be read. */
export function assignmentFromBody(body: unknown): SeenAssignment | null {
  const parsed = AssignmentItem.safeParse(body);
  if (!parsed.success) return null;
  const { roleDefinitionId, principalType, scope, createdOn } = parsed.data.properties;
  const roleGuid = roleGuidOf(roleDefinitionId);
  if (!roleGuid) return null;
  return {
    assignmentId: parsed.data.id,
    scope,
    roleDefinitionId,
    roleGuid,
    principalType: principalType ?? null,
    createdOn: createdOn ?? null,
  };
}

/**
 * Every role assignment of a principal that applies in a subscription: at the subscription, its
 * resource groups and resources, and above it (management groups, root) — what ARM's
 * `$filter=principalId eq '…'` at the subscription answers.
 */
export async function listPrincipalAssignments(
  arm: ArmReader,
  subscriptionId: string,
  principalId: string,
): Promise<SeenAssignment[]> {
  // The principal id goes into a filter expression: a GUID and nothing else.
  if (!isGuid(principalId)) {
    throw new AppError('invalid-input', 'The identity’s principal id is not a GUID.', {
      principalId,
    });
  }
  const path = `${armIdPath({ subscriptionId, resourceGroup: null, levels: [] })}/providers/Microsoft.Authorization/roleAssignments`;
  const read = await readAllPages(arm, path, { $filter: `principalId eq '${principalId}'` });
  if (!read.ok) throw refusal(read.answer, 'read the identity’s role assignments', read.reason);
  return read.items
    .filter((item) => {
      const principal = (item as { properties?: { principalId?: unknown } }).properties
        ?.principalId;
      return typeof principal === 'string' && principal.toLowerCase() === principalId.toLowerCase();
    })
    .map(assignmentFromBody)
    .filter((item): item is SeenAssignment => item !== null);
}
