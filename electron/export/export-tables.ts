import { ARM_TYPES, isArmType, parseArmId } from '../../shared/azure/arm-id';
import type { InventoryRow } from '../../shared/domain/inventory-rows';
import type { OperationDetail, OperationView } from '../../shared/domain/operations';
import type { CsvValue } from '../../shared/export/csv';
import type { InventoryLine } from '../../shared/inventory/inventory-selection';
import { rowIdentityText } from '../../shared/inventory/row-identity-text';
import { REMOVED_STATE_LABEL } from '../inventory/row-query';

/** One column of an export: its CSV header, its JSON key, and its value for a record. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly key: string;
  readonly value: (record: T) => CsvValue;
}

/** Names the record holds only as ids: tenants and subscriptions as the subscription list knows them. */
export interface ScopeNames {
  tenantName(tenantId: string): string | null;
  subscriptionName(subscriptionId: string): string | null;
}

/** Times stay ISO 8601 in UTC; one the record cannot parse is kept verbatim rather than lost. */
export function isoTime(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** "AKS", "Arc", or null when the compute names no cluster (or one of another type). */
export function clusterKind(clusterId: string | null): 'AKS' | 'Arc' | null {
  if (!clusterId) return null;
  const parsed = parseArmId(clusterId);
  if (!parsed.ok) return null;
  if (isArmType(parsed.value, ARM_TYPES.aksCluster)) return 'AKS';
  if (isArmType(parsed.value, ARM_TYPES.arcCluster)) return 'Arc';
  return null;
}

const errorText = (errors: readonly { code: string; message: string }[]) =>
  errors.map((error) => `${error.code}: ${error.message}`).join('\n');

export function inventoryColumns(names: ScopeNames): ExportColumn<InventoryLine>[] {
  return [
    { header: 'Tenant', key: 'tenantName', value: (l) => names.tenantName(l.workspace.tenantId) },
    { header: 'Tenant ID', key: 'tenantId', value: (l) => l.workspace.tenantId },
    { header: 'Subscription', key: 'subscriptionName', value: (l) => l.workspace.subscriptionName },
    { header: 'Subscription ID', key: 'subscriptionId', value: (l) => l.workspace.subscriptionId },
    {
      header: 'Workspace',
      key: 'workspaceName',
      value: (l) => l.workspace.friendlyName?.trim() || l.workspace.name,
    },
    { header: 'Workspace ID', key: 'workspaceId', value: (l) => l.workspace.id },
    { header: 'Region', key: 'location', value: (l) => l.workspace.location },
    { header: 'Compute', key: 'computeName', value: (l) => l.compute?.name },
    { header: 'Compute ID', key: 'computeId', value: (l) => l.compute?.id },
    { header: 'Compute type', key: 'computeType', value: (l) => l.compute?.computeType },
    { header: 'State', key: 'provisioningState', value: (l) => l.compute?.provisioningState },
    {
      header: 'Errors',
      key: 'provisioningErrors',
      value: (l) => (l.compute ? errorText(l.compute.provisioningErrors) : null),
    },
    {
      header: 'Cluster kind',
      key: 'clusterKind',
      value: (l) => clusterKind(l.compute?.clusterId ?? null),
    },
    { header: 'Cluster ID', key: 'clusterId', value: (l) => l.compute?.clusterId },
    { header: 'Namespace', key: 'namespace', value: (l) => l.compute?.namespace },
    { header: 'Identity type', key: 'identityType', value: (l) => l.compute?.identityType },
    {
      header: 'User-assigned identity ID',
      key: 'userAssignedIdentityId',
      value: (l) => l.compute?.userAssignedIdentityId,
    },
    { header: 'Principal ID', key: 'principalId', value: (l) => l.compute?.principalId },
    { header: 'Description', key: 'description', value: (l) => l.compute?.description },
    {
      header: 'Last synced',
      key: 'lastSyncedAt',
      value: (l) => isoTime(l.compute?.lastSyncedAt ?? l.workspace.lastSyncedAt),
    },
    {
      header: 'Removed outside Mooring at',
      key: 'removedAt',
      value: (l) => isoTime(l.compute ? l.compute.removedAt : l.workspace.removedAt),
    },
  ];
}

export function activityColumns(names: ScopeNames): ExportColumn<OperationDetail>[] {
  const op = (detail: OperationDetail): OperationView => detail.operation;
  return [
    { header: 'Operation ID', key: 'operationId', value: (d) => op(d).operationId },
    { header: 'Kind', key: 'kind', value: (d) => op(d).kind },
    { header: 'Status', key: 'status', value: (d) => op(d).status },
    { header: 'Summary', key: 'summary', value: (d) => op(d).summary },
    { header: 'Tenant', key: 'tenantName', value: (d) => names.tenantName(op(d).tenantId) },
    { header: 'Tenant ID', key: 'tenantId', value: (d) => op(d).tenantId },
    {
      header: 'Subscription',
      key: 'subscriptionName',
      value: (d) => names.subscriptionName(op(d).subscriptionId),
    },
    { header: 'Subscription ID', key: 'subscriptionId', value: (d) => op(d).subscriptionId },
    { header: 'Workspace', key: 'workspaceName', value: (d) => op(d).workspaceName },
    { header: 'Workspace ID', key: 'workspaceId', value: (d) => op(d).workspaceId },
    { header: 'Compute', key: 'computeName', value: (d) => op(d).computeName },
    { header: 'Compute ID', key: 'computeId', value: (d) => op(d).computeId },
    { header: 'Cluster ID', key: 'clusterId', value: (d) => op(d).clusterId },
    { header: 'Created', key: 'createdAt', value: (d) => isoTime(op(d).createdAt) },
    { header: 'Started', key: 'startedAt', value: (d) => isoTime(op(d).startedAt) },
    { header: 'Ended', key: 'endedAt', value: (d) => isoTime(op(d).endedAt) },
    { header: 'Last polled', key: 'lastPolledAt', value: (d) => isoTime(op(d).lastPolledAt) },
    { header: 'Polls', key: 'pollCount', value: (d) => op(d).pollCount },
    { header: 'State', key: 'provisioningState', value: (d) => op(d).provisioningState },
    {
      header: 'Error codes',
      key: 'errorCodes',
      value: (d) =>
        op(d)
          .errors.map((error) => error.code)
          .join(' '),
    },
    { header: 'Errors', key: 'errors', value: (d) => errorText(op(d).errors) },
    { header: 'Message', key: 'message', value: (d) => op(d).message },
    { header: 'Request', key: 'request', value: (d) => `${d.request.method} ${d.request.path}` },
    { header: 'az command', key: 'azCommand', value: (d) => d.request.commands.az },
    { header: 'Account', key: 'accountId', value: (d) => op(d).accountId },
  ];
}

const CLUSTER_KIND_NAMES = { aks: 'AKS', arc: 'Arc', none: null } as const;

/** Whole minutes from an ISO time to the export's time; null when the time is unknown. */
function minutesSince(iso: string | null, at: Date): number | null {
  if (iso === null) return null;
  const since = Date.parse(iso);
  return Number.isNaN(since) ? null : Math.max(0, Math.floor((at.getTime() - since) / 60_000));
}

/**
 * The Computes table's columns under the table's own headers, then what its badges and
 * tooltips show (type, cluster kind, stuck, drift) and the ids a script needs. A removed
 * compute's state is "Removed", as the table shows it; times are ISO 8601 in UTC, and the time in
 * state is in whole minutes at the moment of the export (a file does not tick on).
 */
export function tableColumns(exportedAt: Date): ExportColumn<InventoryRow>[] {
  return [
    { header: 'Name', key: 'name', value: (r) => r.name },
    { header: 'Workspace', key: 'workspaceName', value: (r) => r.workspaceName },
    { header: 'Subscription', key: 'subscriptionName', value: (r) => r.subscriptionName },
    { header: 'Tenant', key: 'tenantName', value: (r) => r.tenantName },
    { header: 'Cluster', key: 'clusterName', value: (r) => r.clusterName },
    { header: 'Namespace', key: 'namespace', value: (r) => r.namespace },
    { header: 'Identity', key: 'identity', value: rowIdentityText },
    {
      header: 'State',
      key: 'state',
      value: (r) => (r.removedAt ? REMOVED_STATE_LABEL : r.provisioningState),
    },
    { header: 'Last state change', key: 'stateSince', value: (r) => isoTime(r.stateSince) },
    {
      header: 'Time in state (minutes)',
      key: 'minutesInState',
      value: (r) => minutesSince(r.stateSince, exportedAt),
    },
    { header: 'Last synced', key: 'lastSyncedAt', value: (r) => isoTime(r.lastSyncedAt) },
    { header: 'Type', key: 'computeType', value: (r) => r.computeType },
    { header: 'Cluster kind', key: 'clusterKind', value: (r) => CLUSTER_KIND_NAMES[r.clusterKind] },
    { header: 'Stuck', key: 'stuck', value: (r) => (r.stuck ? 'yes' : 'no') },
    { header: 'Changed outside Mooring', key: 'drift', value: (r) => r.drift },
    {
      header: 'Last state before removal',
      key: 'lastState',
      value: (r) => (r.removedAt ? r.provisioningState : null),
    },
    { header: 'Removed at', key: 'removedAt', value: (r) => isoTime(r.removedAt) },
    { header: 'Description', key: 'description', value: (r) => r.description },
    { header: 'Region', key: 'region', value: (r) => r.region },
    { header: 'Compute ID', key: 'computeId', value: (r) => r.id },
    { header: 'Workspace ID', key: 'workspaceId', value: (r) => r.workspaceId },
    { header: 'Subscription ID', key: 'subscriptionId', value: (r) => r.subscriptionId },
    { header: 'Tenant ID', key: 'tenantId', value: (r) => r.tenantId },
    { header: 'Cluster ID', key: 'clusterId', value: (r) => r.clusterId },
  ];
}
