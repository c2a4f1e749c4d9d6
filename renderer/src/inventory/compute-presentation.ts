import type { ComputeView } from '../../../shared/domain/inventory';

// The state groups live in shared/ so an export filters exactly as this page does.
import { stateCategory } from '../../../shared/inventory/state-category';
export { stateCategory };
export type { StateCategory } from '../../../shared/inventory/state-category';

export type BadgeColor = 'success' | 'danger' | 'brand' | 'warning' | 'informative';

/** The colour of a provisioning state's badge: green done, red failed, blue under way, grey unknown. */
export function stateColor(provisioningState: string): BadgeColor {
  const category = stateCategory(provisioningState);
  if (category === 'succeeded') return 'success';
  if (category === 'failed') return 'danger';
  if (category === 'in-progress') return 'brand';
  return provisioningState.toLowerCase() === 'canceled' ? 'warning' : 'informative';
}

/** Attached AKS and Arc clusters are what Mooring is for; other compute types are listed plainly. */
export const isKubernetes = (compute: Pick<ComputeView, 'computeType'>): boolean =>
  compute.computeType.toLowerCase() === 'kubernetes';

/** The last segment of an ARM id: the cluster's or identity's own name. */
export function resourceName(armId: string): string {
  const segments = armId.split('/').filter(Boolean);
  return segments[segments.length - 1] ?? armId;
}

/** "User-assigned: id-fraud-prod", "System-assigned", "No identity", or what Azure answered. */
export function identityLabel(
  compute: Pick<ComputeView, 'identityType' | 'userAssignedIdentityId'>,
): string {
  const type = compute.identityType.toLowerCase().replace(/[\s_-]/g, '');
  const userAssigned = compute.userAssignedIdentityId
    ? resourceName(compute.userAssignedIdentityId)
    : null;
  const hasUser = type.includes('userassigned');
  const hasSystem = type.includes('systemassigned');
  if (hasUser && hasSystem) {
    return userAssigned
      ? `System- and user-assigned: ${userAssigned}`
      : 'System- and user-assigned';
  }
  if (hasUser) return userAssigned ? `User-assigned: ${userAssigned}` : 'User-assigned';
  if (hasSystem) return 'System-assigned';
  if (type === '' || type === 'none') return 'No identity';
  return compute.identityType;
}
