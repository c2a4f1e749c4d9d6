import type { Workspace } from '@azure/arm-machinelearning';
import { armResourceName, type ArmId } from '../../shared/azure/arm-id';
import type { AttachRequest, IdentityChoice, RequestPreview } from '../../shared/domain/operations';
import { AppError } from '../core/errors';
import { toWorkspaceRecord } from '../inventory/inventory-mapping';
import type { WorkspaceRecord } from '../inventory/inventory-records';
import { describeArmFailure } from './arm-failure';
import { readWithRetries, type RetryPolicy } from './arm-retry';
import type { ArmAnswer, ArmSession } from './arm-session';
import type { Clock } from './clock';
import {
  armUrl,
  attachBody,
  attachTargetOf,
  computeIdOf,
  computeQuery,
  detachQuery,
  identityChangeBody,
  identityIdOf,
  workspaceOfCompute,
} from './compute-request';
import {
  attachCommands,
  detachCommands,
  requestPreview,
  updateIdentityCommands,
} from './equivalent-commands';
import type { NewOperation } from './journal-store';

/** An operation ready to be journalled and sent: the row's fields and what the user previews. */
export interface OperationPlan {
  readonly operation: Omit<NewOperation, 'operationId' | 'createdAt' | 'accountId' | 'tenantId'>;
  readonly preview: RequestPreview;
  /** The workspace as Azure answered it, when the plan read it. */
  readonly workspace: WorkspaceRecord | null;
}

export interface PlanContext {
  readonly session: ArmSession;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
}

function refuse(answer: ArmAnswer, what: string): never {
  if (answer.status === 404) {
    throw new AppError(
      'not-found',
      `Azure has no ${what}: it may have been removed or renamed. Refresh the inventory, then try again.`,
    );
  }
  const failure = describeArmFailure(answer, `read the ${what}`);
  throw new AppError('unavailable', failure.message, { errors: failure.errors });
}

export async function readWorkspace(
  context: PlanContext,
  workspace: ArmId,
): Promise<WorkspaceRecord> {
  const answer = await readWithRetries(
    context.session,
    armUrl(context.session.armBase, workspace, computeQuery),
    context.clock,
    context.retry,
  );
  if (answer.status !== 200) refuse(answer, `workspace ${armResourceName(workspace)}`);
  // The raw ARM answer keeps storageAccount, containerRegistry, keyVault and friendlyName under
  // `properties` (the SDK's Workspace model has them flattened): without this the record of the
  // workspace would lose its resources, and with them the role presets.
  const body = (answer.body ?? {}) as Record<string, unknown> & { properties?: unknown };
  const properties =
    typeof body.properties === 'object' && body.properties !== null ? body.properties : {};
  const record = toWorkspaceRecord({ ...properties, ...body } as Workspace);
  if (!record || !record.location)
    throw new AppError(
      'unavailable',
      'Azure answered the workspace without its location; try again.',
    );
  return record;
}

/** Attach: the body of AZURE.md with the workspace's location (read from Azure, not assumed). */
export async function planAttach(
  context: PlanContext,
  request: AttachRequest,
): Promise<OperationPlan> {
  const target = attachTargetOf(request);
  const workspace = await readWorkspace(context, target.workspace);
  const url = armUrl(context.session.armBase, target.compute, computeQuery);
  const body = attachBody(request, target, workspace.location);
  const commands = attachCommands({
    compute: target.compute,
    workspace: target.workspace,
    cluster: target.cluster,
    namespace: request.namespace,
    identity: request.identity,
    identityId: target.identity,
    url,
    body,
  });
  const clusterName = armResourceName(target.cluster);
  return {
    workspace,
    preview: requestPreview('PUT', url, body, commands),
    operation: {
      kind: 'attach',
      subscriptionId: target.workspace.subscriptionId,
      computeId: target.compute.id,
      computeName: request.computeName,
      workspaceId: target.workspace.id,
      workspaceName: armResourceName(target.workspace),
      clusterId: target.cluster.id,
      method: 'PUT',
      url: url.toString(),
      body,
      commands,
      summary: `Attach ${clusterName} to ${armResourceName(target.workspace)} as ${request.computeName}`,
      resume: { expectedClusterId: target.cluster.id },
    },
  };
}

/** The compute as Azure answers it now (identity changes start from it: GET, change, full PUT). */
export async function readCompute(context: PlanContext, compute: ArmId): Promise<unknown> {
  const answer = await readWithRetries(
    context.session,
    armUrl(context.session.armBase, compute, computeQuery),
    context.clock,
    context.retry,
  );
  if (answer.status !== 200) refuse(answer, `compute ${armResourceName(compute)}`);
  return answer.body;
}

/** Identity change: the full PUT of the compute as read, with only the identity changed. */
export function planIdentityChange(
  context: PlanContext,
  computeId: string,
  current: unknown,
  identity: IdentityChoice,
): OperationPlan {
  const compute = computeIdOf(computeId);
  const workspace = workspaceOfCompute(compute);
  const identityId = identity.type === 'UserAssigned' ? identityIdOf(identity.identityId) : null;
  const url = armUrl(context.session.armBase, compute, computeQuery);
  const body = identityChangeBody(current, identity);
  const commands = updateIdentityCommands({ compute, workspace, identity, identityId, url, body });
  const clusterId = (JSON.parse(body) as { properties: { resourceId: string } }).properties
    .resourceId;
  const described =
    identity.type === 'UserAssigned'
      ? `user-assigned ${armResourceName(identityId ?? compute)}`
      : identity.type === 'SystemAssigned'
        ? 'system-assigned'
        : 'no identity';
  return {
    workspace: null,
    preview: requestPreview('PUT', url, body, commands),
    operation: {
      kind: 'update-identity',
      subscriptionId: compute.subscriptionId,
      computeId: compute.id,
      computeName: armResourceName(compute),
      workspaceId: workspace.id,
      workspaceName: armResourceName(workspace),
      clusterId,
      method: 'PUT',
      url: url.toString(),
      body,
      commands,
      summary: `Change the identity of ${armResourceName(compute)} in ${armResourceName(workspace)} to ${described}`,
      resume: {
        expectedIdentity: { type: identity.type, userAssignedIdentityId: identityId?.id ?? null },
      },
    },
  };
}

/** Detach: DELETE with underlyingResourceAction=Detach — never Delete, which would delete the cluster's resource. */
export function planDetach(
  armBase: string,
  computeId: string,
  clusterId: string | null,
): OperationPlan {
  const compute = computeIdOf(computeId);
  const workspace = workspaceOfCompute(compute);
  const url = armUrl(armBase, compute, detachQuery);
  const commands = detachCommands({ compute, workspace, url });
  return {
    workspace: null,
    preview: requestPreview('DELETE', url, null, commands),
    operation: {
      kind: 'detach',
      subscriptionId: compute.subscriptionId,
      computeId: compute.id,
      computeName: armResourceName(compute),
      workspaceId: workspace.id,
      workspaceName: armResourceName(workspace),
      clusterId,
      method: 'DELETE',
      url: url.toString(),
      body: null,
      commands,
      summary: `Detach ${armResourceName(compute)} from ${armResourceName(workspace)}`,
      resume: {},
    },
  };
}
