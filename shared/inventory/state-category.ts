/** The groups of provisioning states the inventory's state filter offers. */
export type StateCategory = 'succeeded' | 'failed' | 'in-progress' | 'other';

/**
 * Azure reports provisioning states with varying case; anything it may add later that is not
 * one of these is shown verbatim and counted only under "All".
 */
export function stateCategory(provisioningState: string): StateCategory {
  switch (provisioningState.toLowerCase()) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'creating':
    case 'updating':
    case 'deleting':
    case 'provisioning':
    case 'accepted':
      return 'in-progress';
    default:
      return 'other';
  }
}

/** A compute's group for counts and filters: a removed one is "removed", whatever its last state. */
export type ComputeCategory = StateCategory | 'removed';

export function computeCategory(compute: {
  readonly provisioningState: string;
  readonly removedAt: string | null;
}): ComputeCategory {
  return compute.removedAt !== null ? 'removed' : stateCategory(compute.provisioningState);
}
