import type { ComputeDriftChange } from '../../shared/domain/inventory';
import type { ClusterDriftChange } from '../../shared/domain/clusters';
import type { ComputeRecord, DiscoveredCluster } from './inventory-records';

/** What the record held for a compute before a listing: the fields a listing can change. */
export interface StoredCompute {
  readonly compute_key: string;
  readonly compute_id: string;
  readonly name: string;
  readonly compute_type: string;
  readonly provisioning_state: string;
  readonly provisioning_errors_json: string;
  readonly cluster_id: string | null;
  readonly namespace: string | null;
  readonly identity_type: string;
  readonly user_assigned_identity_id: string | null;
  readonly principal_id: string | null;
  readonly description: string | null;
  readonly removed_at: string | null;
}

/** The last segment of an ARM id (a user-assigned identity's own name). */
const lastSegment = (armId: string): string => armId.split('/').filter(Boolean).at(-1) ?? armId;

/** "UserAssigned (id-ml-training)", "SystemAssigned", "None": the identity as a drift shows it. */
export const identityText = (type: string, userAssignedId: string | null): string =>
  userAssignedId ? `${type} (${lastSegment(userAssignedId)})` : type;

/** The errors' codes, comma separated; null when there are none. */
export function errorsText(errorsJson: string): string | null {
  const errors = JSON.parse(errorsJson) as { code: string }[];
  return errors.length === 0 ? null : errors.map((error) => error.code).join(', ');
}

/** True when the listing says exactly what the record holds: nothing to write but the sync time. */
export function sameCompute(stored: StoredCompute, listed: ComputeRecord, errors: string): boolean {
  return (
    stored.removed_at === null &&
    stored.compute_id === listed.id &&
    stored.name === listed.name &&
    stored.compute_type === listed.computeType &&
    stored.provisioning_state === listed.provisioningState &&
    stored.provisioning_errors_json === errors &&
    stored.cluster_id === listed.clusterId &&
    stored.namespace === listed.namespace &&
    stored.identity_type === listed.identityType &&
    stored.user_assigned_identity_id === listed.userAssignedIdentityId &&
    stored.principal_id === listed.principalId &&
    stored.description === listed.description
  );
}

/**
 * The changes a listing shows against the record, as drift: a compute new to a workspace already
 * listed (`appeared`, only when `workspaceKnown`), one listed again after it was found removed
 * (`returned`, with what differs from before its removal, its state aside), and changes of state,
 * errors, identity, namespace and description. Other differences (the id's casing, the
 * principal Azure rotates with a system-assigned identity) are written but are not drift.
 */
export function computeDrift(
  stored: StoredCompute | undefined,
  listed: ComputeRecord,
  errors: string,
  workspaceKnown: boolean,
): ComputeDriftChange[] {
  if (!stored) {
    return workspaceKnown ? [{ field: 'appeared', from: null, to: listed.provisioningState }] : [];
  }
  const changes: ComputeDriftChange[] = [];
  const returned = stored.removed_at !== null;
  if (returned) changes.push({ field: 'returned', from: null, to: listed.provisioningState });
  if (!returned && stored.provisioning_state !== listed.provisioningState) {
    changes.push({ field: 'state', from: stored.provisioning_state, to: listed.provisioningState });
  }
  if (stored.provisioning_errors_json !== errors) {
    const from = errorsText(stored.provisioning_errors_json);
    const to = errorsText(errors);
    if (from !== to) changes.push({ field: 'errors', from, to });
  }
  const identityFrom = identityText(stored.identity_type, stored.user_assigned_identity_id);
  const identityTo = identityText(listed.identityType, listed.userAssignedIdentityId);
  if (identityFrom !== identityTo) {
    changes.push({ field: 'identity', from: identityFrom, to: identityTo });
  }
  if (stored.namespace !== listed.namespace) {
    changes.push({ field: 'namespace', from: stored.namespace, to: listed.namespace });
  }
  if (stored.description !== listed.description) {
    changes.push({ field: 'description', from: stored.description, to: listed.description });
  }
  return changes;
}

/** What the record held for a cluster before a listing. */
export interface StoredCluster {
  readonly cluster_key: string;
  readonly extension_readable: number;
  readonly extension_name: string | null;
  readonly extension_provisioning_state: string | null;
  readonly extension_version: string | null;
  readonly removed_at: string | null;
}

/**
 * A cluster's drift: `appeared` (only when `subscriptionKnown`), `returned`, and, when its
 * extensions were readable both before and now, the Azure ML extension installed or uninstalled
 * (`extension`) or its state or version changed. An unreadable listing proves nothing changed.
 */
export function clusterDrift(
  stored: StoredCluster | undefined,
  listed: DiscoveredCluster,
  subscriptionKnown: boolean,
): ClusterDriftChange[] {
  const extension = listed.azureMlExtension;
  if (!stored) {
    return subscriptionKnown
      ? [{ field: 'appeared', from: null, to: extension?.provisioningState ?? null }]
      : [];
  }
  const changes: ClusterDriftChange[] = [];
  if (stored.removed_at !== null) {
    changes.push({ field: 'returned', from: null, to: extension?.provisioningState ?? null });
  }
  if (stored.extension_readable !== 1 || !listed.extensionReadable) return changes;
  if ((stored.extension_name === null) !== (extension === null)) {
    changes.push({ field: 'extension', from: stored.extension_name, to: extension?.name ?? null });
    return changes;
  }
  if (!extension) return changes;
  if (stored.extension_provisioning_state !== extension.provisioningState) {
    changes.push({
      field: 'extensionState',
      from: stored.extension_provisioning_state,
      to: extension.provisioningState,
    });
  }
  if (stored.extension_version !== extension.version) {
    changes.push({
      field: 'extensionVersion',
      from: stored.extension_version,
      to: extension.version,
    });
  }
  return changes;
}
