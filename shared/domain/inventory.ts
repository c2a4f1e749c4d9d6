import { z } from 'zod';
import { Guid, TenantProblem } from './accounts';
import { ArmId } from './arm-input';
import { ClusterView, UserAssignedIdentityView } from './clusters';

// Defined beside the strict parser's schema (clusters.ts needs it too, and imports no cycle).
export { ArmId };

export const WorkspaceView = z.object({
  id: ArmId,
  name: z.string(),
  /** The workspace's display name in Azure ML studio, when it has one. */
  friendlyName: z.string().nullable(),
  resourceGroup: z.string(),
  subscriptionId: Guid,
  subscriptionName: z.string(),
  tenantId: Guid,
  location: z.string(),
  /** The usual role-assignment scopes for a compute's identity. */
  storageAccount: z.string().nullable(),
  containerRegistry: z.string().nullable(),
  keyVault: z.string().nullable(),
  /** ISO time the workspace was last seen in Azure. */
  lastSyncedAt: z.string(),
  /** ISO time a refresh found it gone (changed outside Mooring); null while it exists. */
  removedAt: z.string().nullable(),
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

export const ProvisioningError = z.object({ code: z.string(), message: z.string() });

/**
 * What a refresh found changed on a compute that no operation of Mooring explains. `appeared`:
 * new in a workspace already listed; `returned`: listed again after a refresh found it gone;
 * `removed`: no longer listed; the others compare the named field (`identity` is the identity
 * type, with the user-assigned identity's name in brackets; `errors` the error codes, comma
 * separated). `from`/`to` are null where there is no value (appeared, removed, no errors).
 */
export const ComputeDriftField = z.enum([
  'appeared',
  'returned',
  'removed',
  'state',
  'errors',
  'identity',
  'namespace',
  'description',
]);
export type ComputeDriftField = z.infer<typeof ComputeDriftField>;

export const ComputeDriftChange = z.object({
  field: ComputeDriftField,
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ComputeDriftChange = z.infer<typeof ComputeDriftChange>;

/** The last refresh that found a compute changed outside Mooring: when, and every change it saw. */
export const ComputeDrift = z.object({
  /** ISO time of the refresh that saw the change. */
  at: z.string(),
  changes: z.array(ComputeDriftChange).min(1),
});
export type ComputeDrift = z.infer<typeof ComputeDrift>;

export const ComputeView = z.object({
  id: ArmId,
  name: z.string(),
  workspaceId: ArmId,
  workspaceName: z.string(),
  subscriptionId: Guid,
  /** Kubernetes for attached clusters; other compute types share the list and are shown as such. */
  computeType: z.string(),
  /** Succeeded, Creating, Updating, Deleting, Failed, Canceled, Unknown — as Azure reports it. */
  provisioningState: z.string(),
  provisioningErrors: z.array(ProvisioningError),
  /** The AKS or Arc cluster behind a Kubernetes compute. */
  clusterId: z.string().nullable(),
  namespace: z.string().nullable(),
  /** None, SystemAssigned, UserAssigned (or what Azure answers). */
  identityType: z.string(),
  userAssignedIdentityId: z.string().nullable(),
  principalId: z.string().nullable(),
  description: z.string().nullable(),
  lastSyncedAt: z.string(),
  removedAt: z.string().nullable(),
  /**
   * ISO time the current provisioning state was first observed (by a refresh or an operation):
   * the time in state. For a removed compute, when it was found removed.
   */
  stateSince: z.string(),
  /** The last change made outside Mooring, kept until a later one replaces it; null if none seen. */
  drift: ComputeDrift.nullable(),
});
export type ComputeView = z.infer<typeof ComputeView>;

export const InventoryProblem = z.object({
  subscriptionId: Guid,
  subscriptionName: z.string(),
  /** The workspace whose computes could not be listed, when the problem is that narrow. */
  workspaceId: z.string().nullable(),
  /** Set when the clusters or the user-assigned identities of the subscription could not be listed. */
  listing: z.enum(['clusters', 'identities']).optional(),
  problem: TenantProblem,
});
export type InventoryProblem = z.infer<typeof InventoryProblem>;

/** Workspaces, computes, clusters and identities of the selected subscriptions, from the local record. */
export const InventorySnapshot = z.object({
  workspaces: z.array(WorkspaceView),
  computes: z.array(ComputeView),
  /** AKS and Arc-enabled clusters with their Azure ML extension. */
  clusters: z.array(ClusterView),
  identities: z.array(UserAssignedIdentityView),
  problems: z.array(InventoryProblem),
  /**
   * The age of the data: the oldest last successful listing among the selected subscriptions
   * that have one (null when none has). A failed refresh does not move it.
   */
  refreshedAt: z.string().nullable(),
  /** Selected subscriptions no successful listing has recorded yet: their workspaces are unknown. */
  unlisted: z.array(z.object({ subscriptionId: Guid, subscriptionName: z.string() })),
  /** When each selected subscription was last listed successfully: the age of its own data. */
  listed: z.array(z.object({ subscriptionId: Guid, listedAt: z.string() })).optional(),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshot>;
