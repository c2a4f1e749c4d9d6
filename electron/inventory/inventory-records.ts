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

/** A cluster's Azure ML extension (type `Microsoft.AzureML.Kubernetes`) as its listing reported it. */
export interface AzureMlExtensionRecord {
  readonly id: string;
  readonly name: string;
  readonly provisioningState: string;
  readonly version: string | null;
  readonly releaseTrain: string | null;
}

/** An AKS or Arc-enabled cluster as one listing reported it. */
export interface ClusterRecord {
  readonly id: string;
  readonly kind: 'aks' | 'arc';
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** Arc only (null for AKS). */
  readonly connectivityStatus: string | null;
  /** AKS only (null for Arc). */
  readonly privateCluster: boolean | null;
}

/** A cluster with what listing its extensions gave. */
export interface DiscoveredCluster {
  readonly cluster: ClusterRecord;
  /** False when its extensions could not be listed: then nothing is known about the extension. */
  readonly extensionReadable: boolean;
  readonly azureMlExtension: AzureMlExtensionRecord | null;
}

/** A user-assigned managed identity as one listing reported it. */
export interface IdentityRecord {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly clientId: string;
  readonly principalId: string;
}
