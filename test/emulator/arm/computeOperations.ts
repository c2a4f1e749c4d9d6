import { createHmac } from 'node:crypto';
import type { EmulatorContext } from '../core/context';
import { newGuid } from '../core/ids';
import type { EmulatorRequest } from '../core/request';
import { armError, json, type Reply } from '../core/reply';
import type { ComputeRecord } from '../world/computes';
import { requireSubscription } from './access';
import type { Caller } from './caller';
import { p, route, type ArmRoute } from './route';

/** The Azure-AsyncOperation status URLs of compute attach and detach. */
export const computeOperationRoutes: ArmRoute[] = [
  route(
    'GET',
    `${p.sub}/providers/Microsoft\\.MachineLearningServices/locations/(?<location>[^/]+)/computeOperationsStatus/(?<operation>[^/]+)`,
    'machineLearning',
    'locations/computeOperationsStatus',
    (ctx, request, caller, params) => operationStatus(ctx, request, caller, params),
  ),
];

function signature(ctx: EmulatorContext, operationId: string, expiry: string): string {
  return createHmac('sha256', ctx.urlSigningKey)
    .update(`${operationId}|${expiry}`)
    .digest('base64url');
}

/** Records an operation and returns its status URL, shaped like Azure ML's (signed, extra query parameters). */
export function startOperation(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  kind: 'attach' | 'delete',
  compute: ComputeRecord,
): string {
  const id = newGuid();
  ctx.world.operations.set(id, {
    id,
    kind,
    computeId: compute.id,
    subscriptionId: compute.subscriptionId,
    location: compute.location,
  });
  const expiry = new Date(request.receivedAt + 24 * 3600_000).toISOString();
  const url = new URL(
    `/subscriptions/${compute.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${compute.location}/computeOperationsStatus/${id}`,
    ctx.baseUrl,
  );
  url.searchParams.set('api-version', request.url.searchParams.get('api-version') ?? '2022-10-01');
  url.searchParams.set('service', 'new');
  url.searchParams.set('se', expiry);
  url.searchParams.set('sig', signature(ctx, id, expiry));
  return url.toString();
}

function operationStatus(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  params: Record<string, string>,
): Reply {
  const { sub = '', operation: operationId = '' } = params;
  const problem = requireSubscription(ctx, caller, sub);
  if (problem) return problem;
  const operation = ctx.world.operations.get(operationId);
  const expiry = request.url.searchParams.get('se') ?? '';
  if (!operation || request.url.searchParams.get('sig') !== signature(ctx, operationId, expiry)) {
    return armError(
      404,
      'OperationNotFound',
      `The operation '${operationId}' was not found or its status URL was altered. Use the Azure-AsyncOperation URL exactly as returned.`,
    );
  }
  const compute = ctx.world.findCompute(operation.computeId, request.receivedAt);
  if (operation.kind === 'delete') {
    return json(
      200,
      compute ? { status: 'InProgress' } : { status: 'Succeeded', percentComplete: 100.0 },
    );
  }
  if (!compute)
    return json(200, {
      status: 'Canceled',
      error: {
        code: 'Canceled',
        message: 'The compute was detached before the operation completed.',
      },
    });
  switch (compute.provisioningState) {
    case 'Succeeded':
      return json(200, { status: 'Succeeded', percentComplete: 100.0 });
    case 'Failed': {
      const first = compute.provisioningErrors[0] ?? {
        code: 'InternalServerError',
        message: 'The attach failed.',
      };
      return json(200, { status: 'Failed', error: { code: first.code, message: first.message } });
    }
    default:
      return json(200, { status: 'InProgress' });
  }
}
