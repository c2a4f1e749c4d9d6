import {
  ARM_TYPES,
  armChildId,
  armIdPath,
  armResourceName,
  isArmType,
  parseArmId,
  type ArmId,
} from '../../shared/azure/arm-id';
import { computeNameProblem, descriptionProblem, namespaceProblem } from '../../shared/azure/names';
import type { AttachRequest, IdentityChoice } from '../../shared/domain/operations';
import { AppError } from '../core/errors';

/** The Azure ML api-version Mooring sends (the Kubernetes compute schema is the same as the SDK's). */
export const COMPUTE_API_VERSION = '2025-09-01';
export const AUTHORIZATION_API_VERSION = '2022-04-01';

/** Parses an id from anywhere (the renderer, the journal, an Azure answer); refuses it in plain words. */
export function strictId(value: unknown, what: string): ArmId {
  const parsed = parseArmId(value);
  if (!parsed.ok) {
    throw new AppError(
      'invalid-input',
      `The ${what} is not a valid Azure resource id. ${parsed.reason}`,
      {
        field: what,
      },
    );
  }
  return parsed.value;
}

const singleLevelOf = (id: ArmId, type: string): boolean =>
  id.resourceGroup !== null && id.levels.length === 1 && isArmType(id, type);

export function workspaceIdOf(value: unknown): ArmId {
  const id = strictId(value, 'workspace id');
  if (!singleLevelOf(id, ARM_TYPES.workspace)) {
    throw new AppError(
      'invalid-input',
      `The workspace id must name an Azure ML workspace (${ARM_TYPES.workspace}).`,
    );
  }
  return id;
}

export function clusterIdOf(value: unknown): ArmId {
  const id = strictId(value, 'cluster id');
  if (!singleLevelOf(id, ARM_TYPES.aksCluster) && !singleLevelOf(id, ARM_TYPES.arcCluster)) {
    throw new AppError(
      'invalid-input',
      `The cluster must be an AKS cluster (${ARM_TYPES.aksCluster}) or an Azure Arc-enabled cluster (${ARM_TYPES.arcCluster}).`,
    );
  }
  return id;
}

export function identityIdOf(value: unknown): ArmId {
  const id = strictId(value, 'user-assigned identity id');
  if (!singleLevelOf(id, ARM_TYPES.userAssignedIdentity)) {
    throw new AppError(
      'invalid-input',
      `The identity must be a user-assigned managed identity (${ARM_TYPES.userAssignedIdentity}).`,
    );
  }
  return id;
}

/** A compute id: exactly workspaces/{ws}/computes/{name}, with a name Azure ML accepts. */
export function computeIdOf(value: unknown): ArmId {
  const id = strictId(value, 'compute id');
  const level = id.levels[0];
  if (
    id.resourceGroup === null ||
    id.levels.length !== 1 ||
    !isArmType(id, ARM_TYPES.compute) ||
    !level
  ) {
    throw new AppError(
      'invalid-input',
      `The compute id must name an Azure ML compute (${ARM_TYPES.compute}).`,
    );
  }
  const problem = computeNameProblem(armResourceName(id));
  if (problem) throw new AppError('invalid-input', problem, { field: 'computeName' });
  return id;
}

/** The workspace a compute belongs to, rebuilt from the compute id's segments. */
export function workspaceOfCompute(compute: ArmId): ArmId {
  const level = compute.levels[0];
  if (!level) throw new AppError('invalid-input', 'The compute id names no workspace.');
  return strictId(
    armIdPath({
      ...compute,
      levels: [
        { namespace: level.namespace, types: ['workspaces'], names: [level.names[0] ?? ''] },
      ],
    }),
    'workspace id',
  );
}

/** Everything an attach names, each id parsed and of the right type. */
export interface AttachTarget {
  readonly workspace: ArmId;
  readonly cluster: ArmId;
  readonly compute: ArmId;
  readonly identity: ArmId | null;
}

/** The main process checks again what the form checked: the same shared rules, the same parser. */
export function attachTargetOf(request: AttachRequest): AttachTarget {
  for (const problem of [
    computeNameProblem(request.computeName),
    namespaceProblem(request.namespace),
    descriptionProblem(request.description),
  ]) {
    if (problem) throw new AppError('invalid-input', problem);
  }
  const workspace = workspaceIdOf(request.workspaceId);
  const cluster = clusterIdOf(request.clusterId);
  const identity =
    request.identity.type === 'UserAssigned' ? identityIdOf(request.identity.identityId) : null;
  let compute: ArmId;
  try {
    compute = armChildId(workspace, 'computes', request.computeName);
  } catch (error) {
    throw new AppError(
      'invalid-input',
      error instanceof Error ? error.message : 'The compute id is not valid.',
    );
  }
  return { workspace, cluster, compute, identity };
}

/** A Resource Manager URL from a parsed id's segments and named query parameters. */
export function armUrl(
  armBase: string,
  id: ArmId,
  query: Record<string, string>,
  suffix = '',
): URL {
  const url = new URL(armBase);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${armIdPath(id)}${suffix}`;
  url.search = '';
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

export const computeQuery = { 'api-version': COMPUTE_API_VERSION };
export const detachQuery = {
  'api-version': COMPUTE_API_VERSION,
  underlyingResourceAction: 'Detach',
};

/** The `identity` object of a Kubernetes compute. */
export function identityBody(choice: IdentityChoice): Record<string, unknown> {
  switch (choice.type) {
    case 'None':
      return { type: 'None' };
    case 'SystemAssigned':
      return { type: 'SystemAssigned' };
    case 'UserAssigned':
      return {
        type: 'UserAssigned',
        userAssignedIdentities: { [identityIdOf(choice.identityId).id]: {} },
      };
  }
}

/** The attach body of AZURE.md: the workspace's location, the identity, Kubernetes properties. */
export function attachBody(request: AttachRequest, target: AttachTarget, location: string): string {
  const body = {
    location,
    identity: identityBody(request.identity),
    properties: {
      computeType: 'Kubernetes',
      resourceId: target.cluster.id,
      ...(request.description ? { description: request.description } : {}),
      properties: { namespace: request.namespace },
    },
  };
  return JSON.stringify(body);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The writable Kubernetes properties a full PUT carries again (never the connection-string secrets). */
const KUBERNETES_PROPERTIES_KEPT = [
  'namespace',
  'defaultInstanceType',
  'instanceTypes',
  'extensionInstanceReleaseTrain',
  'vcName',
] as const;

/**
 * The full PUT of an identity change: the compute as Azure answered it, with the new identity and
 * only its writable fields (read-only state and secrets are left out). The cluster id from Azure is
 * parsed like any other id.
 */
export function identityChangeBody(current: unknown, choice: IdentityChoice): string {
  if (!isRecord(current) || !isRecord(current['properties'])) {
    throw new AppError(
      'unavailable',
      'Azure answered the compute without its properties; try again.',
    );
  }
  const properties = current['properties'];
  if (String(properties['computeType']).toLowerCase() !== 'kubernetes') {
    throw new AppError('invalid-input', 'Only Kubernetes computes are managed by Mooring.');
  }
  const cluster = clusterIdOf(properties['resourceId']);
  const kubernetes = isRecord(properties['properties']) ? properties['properties'] : {};
  const kept: Record<string, unknown> = {};
  for (const key of KUBERNETES_PROPERTIES_KEPT) {
    if (kubernetes[key] !== undefined && kubernetes[key] !== null) kept[key] = kubernetes[key];
  }
  const location = typeof current['location'] === 'string' ? current['location'] : '';
  const description =
    typeof properties['description'] === 'string' ? properties['description'] : '';
  const body = {
    location,
    ...(isRecord(current['tags']) ? { tags: current['tags'] } : {}),
    identity: identityBody(choice),
    properties: {
      computeType: 'Kubernetes',
      resourceId: cluster.id,
      ...(description ? { description } : {}),
      properties: kept,
    },
  };
  return JSON.stringify(body);
}
