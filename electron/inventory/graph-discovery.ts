import type { Workspace } from '@azure/arm-machinelearning';
import { parseArmId } from '../../shared/azure/arm-id';
import type { Logger } from '../logging/logger';
import type { ArmListClient } from './arm-resource-lists';
import {
  toAksCluster,
  toArcCluster,
  toAzureMlExtension,
  keptRecords,
  toIdentity,
  type Mapped,
} from './discovery-mapping';
import { toWorkspaceRecord } from './inventory-mapping';
import type {
  AzureMlExtensionRecord,
  ClusterRecord,
  IdentityRecord,
  WorkspaceRecord,
} from './inventory-records';
import { queryResourceGraph, type GraphQuota } from './resource-graph';
import type { FoundByGraph } from './subscription-listing';

/**
 * The KQL Mooring sends: one table and one type each, nothing a user typed. Extensions live in
 * their own table; computes are not indexed and are listed per workspace through ARM.
 */
export const GRAPH_QUERIES = {
  workspaces: "resources | where type =~ 'microsoft.machinelearningservices/workspaces'",
  aks: "resources | where type =~ 'microsoft.containerservice/managedclusters'",
  arc: "resources | where type =~ 'microsoft.kubernetes/connectedclusters'",
  identities: "resources | where type =~ 'microsoft.managedidentity/userassignedidentities'",
  extensions:
    "kubernetesconfigurationresources | where type =~ 'microsoft.kubernetesconfiguration/extensions'",
} as const;

export interface GraphDiscoveryRequest {
  readonly arm: ArmListClient;
  /** Up to 1,000 subscriptions of one (account, tenant): a token sees its own tenant only. */
  readonly subscriptionIds: readonly string[];
  readonly quota: GraphQuota;
  readonly abortSignal?: AbortSignal;
  readonly logger?: Logger;
}

/**
 * The workspaces, clusters (with their Azure ML extension) and user-assigned identities of a
 * batch of subscriptions from five Resource Graph queries, by subscription id (lower case). Any
 * query failing fails the batch: the caller lists those subscriptions through ARM instead.
 */
export async function discoverWithGraph(
  request: GraphDiscoveryRequest,
): Promise<Map<string, FoundByGraph>> {
  const query = (text: string) =>
    queryResourceGraph(request.arm, {
      subscriptions: request.subscriptionIds,
      query: text,
      quota: request.quota,
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    });
  // One after another: five queries per batch stay well inside the per-user quota.
  const workspaceRows = await query(GRAPH_QUERIES.workspaces);
  const aksRows = await query(GRAPH_QUERIES.aks);
  const arcRows = await query(GRAPH_QUERIES.arc);
  const identityRows = await query(GRAPH_QUERIES.identities);
  const extensionRows = await query(GRAPH_QUERIES.extensions);

  const extensions = azureMlExtensionsByCluster(extensionRows, request.logger);
  // Each answer split by subscription once: a batch is up to 1,000 subscriptions.
  const workspacesBy = bySubscription(workspaceRows);
  const aksBy = bySubscription(aksRows);
  const arcBy = bySubscription(arcRows);
  const identitiesBy = bySubscription(identityRows);
  const found = new Map<string, FoundByGraph>();
  for (const id of request.subscriptionIds) {
    const subscriptionId = id.toLowerCase();
    const ofThis = (rows: ReadonlyMap<string, readonly unknown[]>) =>
      rows.get(subscriptionId) ?? [];
    const clustersOf = (
      rows: ReadonlyMap<string, readonly unknown[]>,
      kind: ClusterRecord['kind'],
    ) =>
      kept(
        ofThis(rows),
        (row) => (kind === 'aks' ? toAksCluster : toArcCluster)(row, subscriptionId),
        request.logger,
      ).map((cluster) => ({
        cluster,
        extensionReadable: true,
        azureMlExtension: extensions.get(cluster.id.toLowerCase()) ?? null,
      }));
    const workspaces: WorkspaceRecord[] = ofThis(workspacesBy).flatMap((row) => {
      const record = toWorkspaceRecord(asWorkspace(row));
      return record ? [record] : [];
    });
    const identities: IdentityRecord[] = kept(
      ofThis(identitiesBy),
      (row) => toIdentity(row, subscriptionId),
      request.logger,
    );
    found.set(subscriptionId, {
      workspaces,
      discovery: {
        clusters: [
          { kind: 'aks', clusters: clustersOf(aksBy, 'aks') },
          { kind: 'arc', clusters: clustersOf(arcBy, 'arc') },
        ],
        identities: { identities },
      },
    });
  }
  return found;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function subscriptionOf(row: unknown): string | undefined {
  if (!isRecord(row)) return undefined;
  const parsed = parseArmId(row['id']);
  return parsed.ok ? parsed.value.subscriptionId : undefined;
}

/** The rows by the subscription of their id (lower case); a row without a readable id is left out. */
function bySubscription(rows: readonly unknown[]): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  for (const row of rows) {
    const subscriptionId = subscriptionOf(row);
    if (subscriptionId === undefined) continue;
    const group = groups.get(subscriptionId);
    if (group) group.push(row);
    else groups.set(subscriptionId, [row]);
  }
  return groups;
}

/** A Resource Graph row has ARM's JSON shape; the SDK's model flattens `properties`. */
function asWorkspace(row: unknown): Workspace {
  if (!isRecord(row)) return {};
  const properties = isRecord(row['properties']) ? row['properties'] : {};
  return {
    ...properties,
    id: row['id'],
    name: row['name'],
    location: row['location'],
  } as Workspace;
}

const EXTENSION_SEGMENT = /\/providers\/microsoft\.kubernetesconfiguration\/extensions\/[^/]+$/i;

/** The Azure ML extension of each cluster, by the cluster's id (lower case). */
function azureMlExtensionsByCluster(
  rows: readonly unknown[],
  logger?: Logger,
): Map<string, AzureMlExtensionRecord> {
  const byCluster = new Map<string, AzureMlExtensionRecord>();
  for (const row of rows) {
    const id = isRecord(row) && typeof row['id'] === 'string' ? row['id'] : '';
    const clusterId = EXTENSION_SEGMENT.test(id) ? id.replace(EXTENSION_SEGMENT, '') : '';
    const [extension] = kept([row], toAzureMlExtension, logger);
    if (clusterId && extension) byCluster.set(clusterId.toLowerCase(), extension);
  }
  return byCluster;
}

/** The rows that pass their schema; each other one is dropped and logged. */
const kept = <T>(
  rows: readonly unknown[],
  toRecord: (row: unknown) => Mapped<T>,
  logger?: Logger,
): T[] =>
  keptRecords(rows, toRecord, (reason) =>
    logger?.warn(`A row Resource Graph answered was dropped: ${reason}`),
  );
