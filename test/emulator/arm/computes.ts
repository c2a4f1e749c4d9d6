import type { EmulatorContext } from '../core/context';
import { newGuid } from '../core/ids';
import { isRecord, jsonOf, type EmulatorRequest } from '../core/request';
import { computeId, parseClusterId, workspaceId } from '../core/resourceIds';
import { armError, empty, json, type Reply } from '../core/reply';
import {
  computeBody,
  type ComputeIdentity,
  type ComputeRecord,
  type ProvisioningError,
} from '../world/computes';
import type { ClusterRecord, WorkspaceRecord } from '../world/world';
import { notFound, requireAction, requireResourceGroup, requireSubscription } from './access';
import type { Caller } from './caller';
import { retryAfter, startOperation } from './computeOperations';
import { pagedList } from './paging';
import { p, route, type ArmRoute } from './route';

const computeNamePattern = /^[a-zA-Z](?:[a-zA-Z0-9-]{0,14}[a-zA-Z0-9])$/;
const workspaceType = 'Microsoft.MachineLearningServices/workspaces';

/** Compute list, get, attach or update (PUT), detach (DELETE). */
export const computeRoutes: ArmRoute[] = [
  route(
    'GET',
    `${p.sub}${p.rg}${p.ws}/computes`,
    'machineLearning',
    'workspaces/computes',
    (ctx, request, caller, params) => {
      const found = findWorkspace(ctx, caller, params);
      if ('status' in found) return found;
      const denied = requireAction(
        ctx,
        caller,
        found.id,
        'Microsoft.MachineLearningServices/workspaces/computes/read',
      );
      return (
        denied ??
        pagedList(ctx, request, ctx.world.computesOf(found.id, request.receivedAt).map(computeBody))
      );
    },
  ),
  route(
    'GET',
    `${p.sub}${p.rg}${p.ws}/computes/(?<compute>[^/]+)`,
    'machineLearning',
    'workspaces/computes',
    (ctx, request, caller, params) => {
      const found = findWorkspace(ctx, caller, params);
      if ('status' in found) return found;
      const id = computeId(found.id, params['compute'] ?? '');
      const denied = requireAction(
        ctx,
        caller,
        id,
        'Microsoft.MachineLearningServices/workspaces/computes/read',
      );
      if (denied) return denied;
      const compute = ctx.world.findCompute(id, request.receivedAt);
      return compute
        ? json(200, computeBody(compute))
        : notFound(
            `${workspaceType}/computes`,
            `${found.name}/${params['compute'] ?? ''}`,
            found.resourceGroup,
          );
    },
  ),
  route(
    'PUT',
    `${p.sub}${p.rg}${p.ws}/computes/(?<compute>[^/]+)`,
    'machineLearning',
    'workspaces/computes',
    (ctx, request, caller, params) => attachOrUpdate(ctx, request, caller, params),
  ),
  route(
    'DELETE',
    `${p.sub}${p.rg}${p.ws}/computes/(?<compute>[^/]+)`,
    'machineLearning',
    'workspaces/computes',
    (ctx, request, caller, params) => detach(ctx, request, caller, params),
  ),
];

function findWorkspace(
  ctx: EmulatorContext,
  caller: Caller,
  params: Record<string, string>,
): WorkspaceRecord | Reply {
  const { sub = '', rg = '', ws = '' } = params;
  const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
  if (problem) return problem;
  return ctx.world.findWorkspace(workspaceId(sub, rg, ws)) ?? notFound(workspaceType, ws, rg);
}

function badRequest(message: string, target?: string): Reply {
  return armError(400, 'BadRequest', message, target ? { target } : {});
}

type IdentityRequest =
  { type: 'None' } | { type: 'SystemAssigned' } | { type: 'UserAssigned'; identityId: string };

/** Kubernetes computes take None, SystemAssigned, or UserAssigned with exactly one identity; never both kinds. */
function parseIdentity(value: unknown): IdentityRequest | Reply {
  if (value === undefined || value === null) return { type: 'None' };
  if (!isRecord(value) || typeof value['type'] !== 'string')
    return badRequest("The identity must be an object with a 'type'.", 'identity');
  const type = value['type'];
  const assigned = value['userAssignedIdentities'];
  const ids = isRecord(assigned) ? Object.keys(assigned) : [];
  switch (type.toLowerCase()) {
    case 'none':
    case 'systemassigned':
      if (ids.length > 0)
        return badRequest(
          `Identity type '${type}' cannot carry userAssignedIdentities.`,
          'identity.userAssignedIdentities',
        );
      return { type: type.toLowerCase() === 'none' ? 'None' : 'SystemAssigned' };
    case 'userassigned':
      if (ids.length !== 1 || !ids[0])
        return badRequest(
          'A Kubernetes compute takes exactly one user-assigned identity.',
          'identity.userAssignedIdentities',
        );
      return { type: 'UserAssigned', identityId: ids[0] };
    default:
      return badRequest(
        `Identity type '${type}' is not supported for a Kubernetes compute. Use None, SystemAssigned or UserAssigned (with exactly one identity).`,
        'identity.type',
      );
  }
}

function attachOrUpdate(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  params: Record<string, string>,
): Reply {
  const now = request.receivedAt;
  const workspace = findWorkspace(ctx, caller, params);
  if ('status' in workspace) return workspace;
  const name = params['compute'] ?? '';
  const id = computeId(workspace.id, name);
  const denied = requireAction(
    ctx,
    caller,
    id,
    'Microsoft.MachineLearningServices/workspaces/computes/write',
  );
  if (denied) return denied;
  if (!computeNamePattern.test(name)) {
    return badRequest(
      `Compute name is invalid. It can include letters, digits and dashes. It must start with a letter, end with a letter or digit, and be between 2 and 16 characters in length. Name: '${name}'.`,
      'computeName',
    );
  }
  const body = jsonOf(request);
  if (!isRecord(body) || !isRecord(body['properties']))
    return armError(
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized: a JSON object with properties is required.',
    );
  const properties = body['properties'];
  if (properties['computeType'] !== 'Kubernetes') {
    return badRequest(
      `Compute type '${String(properties['computeType'])}' cannot be attached here; the emulator attaches computeType 'Kubernetes'.`,
      'properties.computeType',
    );
  }
  const resourceId = typeof properties['resourceId'] === 'string' ? properties['resourceId'] : '';
  const clusterRef = parseClusterId(resourceId);
  const cluster = clusterRef ? ctx.world.findCluster(resourceId) : undefined;
  if (!cluster) {
    return badRequest(
      `The resourceId '${resourceId}' must be the id of an existing AKS (Microsoft.ContainerService/managedClusters) or Azure Arc (Microsoft.Kubernetes/connectedClusters) cluster.`,
      'properties.resourceId',
    );
  }
  const identityRequest = parseIdentity(body['identity']);
  if ('status' in identityRequest) return identityRequest;
  let identity: ComputeIdentity = { type: 'None' };
  const existing = ctx.world.findCompute(id, now);
  if (identityRequest.type === 'UserAssigned') {
    const uai = ctx.world.findIdentity(identityRequest.identityId);
    if (!uai)
      return badRequest(
        `The user-assigned identity '${identityRequest.identityId}' was not found.`,
        'identity.userAssignedIdentities',
      );
    if (
      !ctx.world.isAllowed(
        [caller.objectId],
        uai.id,
        'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      )
    ) {
      return armError(
        403,
        'LinkedAuthorizationFailed',
        `The client '${caller.label}' with object id '${caller.objectId}' has permission to perform action 'Microsoft.MachineLearningServices/workspaces/computes/write' on scope '${id}'; however, it does not have permission to perform action(s) 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${uai.id}' (respectively) or the linked scope(s) are invalid.`,
      );
    }
    identity = {
      type: 'UserAssigned',
      identityId: uai.id,
      principalId: uai.principalId,
      clientId: uai.clientId,
    };
  } else if (identityRequest.type === 'SystemAssigned') {
    const kept = existing?.identity.type === 'SystemAssigned' ? existing.identity : undefined;
    const principalId = kept?.principalId ?? newGuid();
    identity = { type: 'SystemAssigned', principalId, tenantId: workspace.tenantId };
    if (!kept) {
      // A new system-assigned identity reaches the directory only after replication (PrincipalNotFound until then).
      ctx.world.directory.addPrincipal({
        objectId: principalId,
        tenantId: workspace.tenantId,
        type: 'ServicePrincipal',
        displayName: `${workspace.name}/computes/${name}`,
        createdAt: now,
      });
    }
  }
  if (existing) {
    if (['Creating', 'Updating', 'Deleting'].includes(existing.provisioningState)) {
      return armError(
        409,
        'Conflict',
        `The compute '${name}' is in state ${existing.provisioningState}; wait for the running operation to finish and try again.`,
      );
    }
    if (existing.computeType !== 'Kubernetes') {
      return badRequest(
        `A compute named '${name}' of type ${existing.computeType} already exists in the workspace; compute names are unique per workspace.`,
        'computeName',
      );
    }
    if (existing.resourceId?.toLowerCase() !== cluster.id.toLowerCase()) {
      return badRequest(
        `The resourceId of the attached compute '${name}' cannot be changed. Detach it and attach the other cluster.`,
        'properties.resourceId',
      );
    }
    if (existing.identity.type === 'SystemAssigned' && identity.type !== 'SystemAssigned')
      ctx.world.directory.removePrincipal(existing.identity.principalId);
  }
  const settlesAt = now + ctx.world.settings.attachDelayMs;
  const errors = attachFailures(ctx, workspace, cluster, name);
  const kubernetesProperties = isRecord(properties['properties'])
    ? { ...properties['properties'] }
    : {};
  const nowIso = new Date(now).toISOString();
  const compute: ComputeRecord = {
    id,
    name,
    workspaceId: workspace.id,
    subscriptionId: workspace.subscriptionId,
    location: workspace.location,
    computeType: 'Kubernetes',
    resourceId,
    ...(typeof properties['description'] === 'string'
      ? { description: properties['description'] }
      : {}),
    kubernetesProperties,
    identity,
    createdOn: existing?.createdOn ?? nowIso,
    modifiedOn: nowIso,
    provisioningState: existing ? 'Updating' : 'Creating',
    provisioningErrors: [],
    transition: { at: settlesAt, state: errors.length > 0 ? 'Failed' : 'Succeeded', errors },
  };
  ctx.world.saveCompute(compute);
  const operation = startOperation(ctx, request, 'attach', compute);
  return json(201, computeBody(compute), { 'azure-asyncoperation': operation.asyncOperation });
}

/** Why an attach fails late, as Azure ML reports it in provisioningErrors minutes later. */
function attachFailures(
  ctx: EmulatorContext,
  workspace: WorkspaceRecord,
  cluster: ClusterRecord,
  computeName: string,
): ProvisioningError[] {
  const injected = ctx.faults.takeLateAttachFailure(computeName);
  if (injected)
    return injected.errors && injected.errors.length > 0
      ? injected.errors.map((e) => ({
          code: e.code,
          message: e.message,
          ...(e.target !== undefined ? { target: e.target } : {}),
        }))
      : [{ code: injected.code, message: injected.message }];
  if (cluster.subscriptionId.toLowerCase() !== workspace.subscriptionId.toLowerCase()) {
    return [
      {
        code: 'BadRequest',
        message: `The cluster '${cluster.id}' is in subscription '${cluster.subscriptionId}' but the workspace is in subscription '${workspace.subscriptionId}'. The cluster and the workspace must be in the same subscription.`,
      },
    ];
  }
  const extension = cluster.azureMlExtension;
  if (!extension) {
    return [
      {
        code: 'BadRequest',
        message: `The Azure Machine Learning extension (Microsoft.AzureML.Kubernetes) is not installed on cluster '${cluster.id}'. Install the extension, then attach the cluster again.`,
      },
    ];
  }
  if (extension.provisioningState !== 'Succeeded') {
    return [
      {
        code: 'BadRequest',
        message: `The Azure Machine Learning extension on cluster '${cluster.id}' is in provisioning state '${extension.provisioningState}', not Succeeded. Repair the extension, then attach the cluster again.`,
      },
    ];
  }
  return [];
}

function detach(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  params: Record<string, string>,
): Reply {
  const workspace = findWorkspace(ctx, caller, params);
  if ('status' in workspace) return workspace;
  const id = computeId(workspace.id, params['compute'] ?? '');
  const denied = requireAction(
    ctx,
    caller,
    id,
    'Microsoft.MachineLearningServices/workspaces/computes/delete',
  );
  if (denied) return denied;
  const action = request.url.searchParams.get('underlyingResourceAction');
  if (!action)
    return armError(
      400,
      'BadRequest',
      "The query parameter 'underlyingResourceAction' is required: 'Detach' keeps the underlying resource, 'Delete' deletes it.",
      { target: 'underlyingResourceAction' },
    );
  if (!['detach', 'delete'].includes(action.toLowerCase()))
    return badRequest(
      `underlyingResourceAction '${action}' is invalid; use 'Detach' or 'Delete'.`,
      'underlyingResourceAction',
    );
  const compute = ctx.world.findCompute(id, request.receivedAt);
  if (!compute) return empty(204);
  if (compute.goneAt === undefined) {
    // An attached cluster is never deleted by Azure ML: both actions remove only the compute.
    compute.goneAt = request.receivedAt + ctx.world.settings.deleteDelayMs;
    compute.provisioningState = 'Deleting';
    delete compute.transition;
  }
  const operation = startOperation(ctx, request, 'delete', compute);
  // As the Compute_Delete example: 202 with both Azure-AsyncOperation and Location (and ARM's Retry-After).
  return empty(202, {
    'azure-asyncoperation': operation.asyncOperation,
    location: operation.location,
    ...retryAfter(ctx),
  });
}
