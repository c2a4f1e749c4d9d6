import { createHmac } from 'node:crypto';
import type { EmulatorContext } from '../core/context';
import { newGuid } from '../core/ids';
import type { EmulatorRequest } from '../core/request';
import { armError, empty, json, type Reply } from '../core/reply';
import { computeBody, type ComputeRecord } from '../world/computes';
import type { OperationRecord } from '../world/world';
import { requireSubscription } from './access';
import type { Caller } from './caller';
import { p, route, type ArmRoute } from './route';

/** The Azure-AsyncOperation (and Location) status URLs of compute attach and detach. */
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

/** The status URLs of a started operation: Azure-AsyncOperation, and the ARM Location form of the same operation. */
export interface OperationUrls {
  asyncOperation: string;
  location: string;
}

/** Records an operation and returns its status URLs, shaped like Azure ML's (signed, extra query parameters). */
export function startOperation(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  kind: 'attach' | 'delete',
  compute: ComputeRecord,
): OperationUrls {
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
  const asyncOperation = url.toString();
  // Azure ML's Location is the same operation with `type=location`: ARM's Location protocol (202 until done).
  url.searchParams.set('type', 'location');
  return { asyncOperation, location: url.toString() };
}

/** The Retry-After header ARM sends while an operation runs (seconds, from the settings). */
export function retryAfter(ctx: EmulatorContext): Record<string, string> {
  return { 'retry-after': String(ctx.world.settings.operationRetryAfterSeconds) };
}

type OperationOutcome =
  | { state: 'running' }
  | { state: 'succeeded'; compute?: ComputeRecord }
  | { state: 'failed'; code: string; message: string };

function outcomeOf(
  ctx: EmulatorContext,
  operation: OperationRecord,
  now: number,
): OperationOutcome {
  const compute = ctx.world.findCompute(operation.computeId, now);
  if (operation.kind === 'delete') return compute ? { state: 'running' } : { state: 'succeeded' };
  if (!compute)
    return {
      state: 'failed',
      code: 'Canceled',
      message: 'The compute was detached before the operation completed.',
    };
  switch (compute.provisioningState) {
    case 'Succeeded':
      return { state: 'succeeded', compute };
    case 'Failed': {
      const first = compute.provisioningErrors[0] ?? {
        code: 'InternalServerError',
        message: 'The attach failed.',
      };
      return { state: 'failed', code: first.code, message: first.message };
    }
    default:
      return { state: 'running' };
  }
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
  const outcome = outcomeOf(ctx, operation, request.receivedAt);
  return request.url.searchParams.get('type')?.toLowerCase() === 'location'
    ? locationReply(ctx, request, operation, outcome)
    : asyncOperationReply(ctx, outcome, operation);
}

/** Azure-AsyncOperation protocol: always 200, the state in `status`. */
function asyncOperationReply(
  ctx: EmulatorContext,
  outcome: OperationOutcome,
  operation: OperationRecord,
): Reply {
  switch (outcome.state) {
    case 'running':
      return json(200, { status: 'InProgress' }, retryAfter(ctx));
    case 'succeeded':
      return json(200, { status: 'Succeeded', percentComplete: 100.0 });
    case 'failed':
      return json(200, {
        status: outcome.code === 'Canceled' && operation.kind === 'attach' ? 'Canceled' : 'Failed',
        error: { code: outcome.code, message: outcome.message },
      });
  }
}

/**
 * ARM's Location protocol: 202 (with Location and Retry-After) while running; when done 204 for a detach, 200
 * with the compute for an attach; a failure answers its error with a 4xx status.
 */
function locationReply(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  operation: OperationRecord,
  outcome: OperationOutcome,
): Reply {
  switch (outcome.state) {
    case 'running':
      return empty(202, { location: request.url.toString(), ...retryAfter(ctx) });
    case 'succeeded':
      return operation.kind === 'delete' || !outcome.compute
        ? empty(204)
        : json(200, computeBody(outcome.compute));
    case 'failed':
      return armError(outcome.code === 'Canceled' ? 409 : 400, outcome.code, outcome.message);
  }
}
