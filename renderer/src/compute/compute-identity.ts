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
