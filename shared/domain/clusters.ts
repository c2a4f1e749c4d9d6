import { z } from 'zod';
import { Guid } from './accounts';
import { ArmId } from './arm-input';

/** AKS (`Microsoft.ContainerService/managedClusters`) or Arc-enabled (`Microsoft.Kubernetes/connectedClusters`). */
export const ClusterKind = z.enum(['aks', 'arc']);
export type ClusterKind = z.infer<typeof ClusterKind>;

/** The cluster's Azure ML extension (`Microsoft.KubernetesConfiguration/extensions`, type `Microsoft.AzureML.Kubernetes`). */
export const AzureMlExtensionView = z.object({
  id: ArmId,
  name: z.string(),
  /** Succeeded, Creating, Updating, Failed, Deleting … as Azure reports it. */
  provisioningState: z.string(),
  version: z.string().nullable(),
  releaseTrain: z.string().nullable(),
});
export type AzureMlExtensionView = z.infer<typeof AzureMlExtensionView>;

/**
 * What a refresh found changed on a cluster outside Mooring. `extension`: the Azure ML extension
 * was installed or uninstalled (from/to its name, null where there is none); `extensionState`
 * and `extensionVersion` compare the extension's provisioning state and version; `appeared`,
 * `removed` and `returned` as for computes (appeared: new in a subscription already listed).
 */
export const ClusterDriftField = z.enum([
  'appeared',
  'returned',
  'removed',
  'extension',
  'extensionState',
  'extensionVersion',
]);
export type ClusterDriftField = z.infer<typeof ClusterDriftField>;

export const ClusterDriftChange = z.object({
  field: ClusterDriftField,
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ClusterDriftChange = z.infer<typeof ClusterDriftChange>;

/** The last refresh that found a cluster changed outside Mooring: when, and every change it saw. */
export const ClusterDrift = z.object({
  at: z.string(),
  changes: z.array(ClusterDriftChange).min(1),
});
export type ClusterDrift = z.infer<typeof ClusterDrift>;

export const ClusterView = z.object({
  id: ArmId,
  kind: ClusterKind,
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: Guid,
  subscriptionName: z.string(),
  tenantId: Guid,
  location: z.string(),
  /** Arc only: Connected, Connecting, Offline, Expired, Disconnected; null for AKS. */
  connectivityStatus: z.string().nullable(),
  /** AKS only: the API server has no public endpoint (the namespace check may not reach it). */
  privateCluster: z.boolean().nullable(),
  /** Null when the cluster has no Azure ML extension (or it could not be read: see extensionReadable). */
  azureMlExtension: AzureMlExtensionView.nullable(),
  /** False when the extensions of this cluster could not be listed (no rights, error). */
  extensionReadable: z.boolean(),
  lastSyncedAt: z.string(),
  removedAt: z.string().nullable(),
  /** The last change made outside Mooring, kept until a later one replaces it; null if none seen. */
  drift: ClusterDrift.nullable(),
});
export type ClusterView = z.infer<typeof ClusterView>;

/** A user-assigned managed identity (`Microsoft.ManagedIdentity/userAssignedIdentities`). */
export const UserAssignedIdentityView = z.object({
  id: ArmId,
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: Guid,
  tenantId: Guid,
  location: z.string(),
  clientId: z.string(),
  principalId: z.string(),
  lastSyncedAt: z.string(),
  removedAt: z.string().nullable(),
});
export type UserAssignedIdentityView = z.infer<typeof UserAssignedIdentityView>;
