import type { ComputeView } from '../../shared/domain/inventory';

/** One entry of a compute's `provisioningErrors`, as the contract shows it. */
export type ProvisioningError = ComputeView['provisioningErrors'][number];

/** A workspace as one listing reported it: only the fields Mooring keeps. */
export interface WorkspaceRecord {
  /** The ARM id as Azure gave it (compared case-insensitively). */
  readonly id: string;
  readonly name: string;
  readonly friendlyName: string | null;
  readonly resourceGroup: string;
  readonly location: string;
  readonly storageAccount: string | null;
  readonly containerRegistry: string | null;
  readonly keyVault: string | null;
}

/** A compute as one listing reported it: named, non-secret fields only. */
export interface ComputeRecord {
  readonly id: string;
  readonly name: string;
  readonly computeType: string;
  readonly provisioningState: string;
  readonly provisioningErrors: readonly ProvisioningError[];
  readonly clusterId: string | null;
  readonly namespace: string | null;
  readonly identityType: string;
  readonly userAssignedIdentityId: string | null;
  readonly principalId: string | null;
  readonly description: string | null;
}
