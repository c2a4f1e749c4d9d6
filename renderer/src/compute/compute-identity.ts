import type { ComputeDetail, IdentityChoice } from '../../../shared/domain/operations';

/** The compute's identity as a choice of the edit dialog; null for what Mooring cannot set (both kinds). */
export function currentIdentityChoice(
  detail: Pick<ComputeDetail, 'identity'>,
): IdentityChoice | null {
  const type = detail.identity.type.toLowerCase().replace(/[\s_,-]/g, '');
  if (type === '' || type === 'none') return { type: 'None' };
  if (type === 'systemassigned') return { type: 'SystemAssigned' };
  if (type === 'userassigned' && detail.identity.userAssignedIdentityId) {
    return { type: 'UserAssigned', identityId: detail.identity.userAssignedIdentityId };
  }
  return null;
}

export function sameIdentityChoice(a: IdentityChoice | null, b: IdentityChoice | null): boolean {
  if (!a || !b || a.type !== b.type) return false;
  if (a.type === 'UserAssigned' && b.type === 'UserAssigned') {
    return a.identityId.toLowerCase() === b.identityId.toLowerCase();
  }
  return true;
}

/**
 * How Entra ID names a compute's system-assigned identity, `<workspace>/computes/<compute>`:
 * what to search for in the portal. Azure's answer wins when the record has it.
 */
export function systemAssignedDirectoryName(
  detail: Pick<ComputeDetail, 'identity' | 'compute'>,
): string | null {
  if (!detail.identity.type.toLowerCase().includes('systemassigned')) return null;
  return (
    detail.identity.directoryName ??
    `${detail.compute.workspaceName}/computes/${detail.compute.name}`
  );
}

/**
 * What the change does to the compute's current principal, in one sentence for the warning of
 * the edit dialog (shown when the preview says the principal changes).
 */
export function principalChangeText(current: IdentityChoice | null, next: IdentityChoice): string {
  const losing =
    current?.type === 'SystemAssigned'
      ? 'The current system-assigned principal is deleted with its role assignments'
      : 'The compute stops using its current principal, and its role assignments do not follow';
  switch (next.type) {
    case 'None':
      return `${losing}; with no identity the compute has no principal at all.`;
    case 'SystemAssigned':
      return `${losing}; Azure creates a new system-assigned principal with a new id and no roles.`;
    case 'UserAssigned':
      return `${losing}; the compute uses the chosen user-assigned identity with the roles that identity has.`;
  }
}
