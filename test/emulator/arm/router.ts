import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import { subscriptionOf } from '../core/resourceIds';
import { armError, type Reply } from '../core/reply';
import type { RequestClass } from '../faults/faultInjector';
import { checkApiVersion, type VersionedType } from './apiVersions';
import { authorizationRoutes } from './authorization';
import { authenticate, isCaller, type Caller } from './caller';
import { clusterCredentialRoutes } from './clusterCredentials';
import { computeOperationRoutes } from './computeOperations';
import { computeRoutes } from './computes';
import { identityRoutes } from './identities';
import { inventoryRoutes } from './inventory';
import { requestLocation } from './requestLocation';
import { resourceGraphRoutes } from './resourceGraph';
import type { ArmRoute } from './route';

const routes: ArmRoute[] = [
  ...computeRoutes,
  ...computeOperationRoutes,
  ...identityRoutes,
  ...inventoryRoutes,
  ...resourceGraphRoutes,
  ...authorizationRoutes,
  ...clusterCredentialRoutes,
];

function requestClassOf(method: string): RequestClass {
  if (method === 'DELETE') return 'deletes';
  return method === 'GET' || method === 'HEAD' ? 'reads' : 'writes';
}

export interface ArmOutcome {
  reply: Reply;
  caller?: Caller;
}

/** Azure Resource Manager: route, authenticate, check api-version, throttle, then run the operation. */
export async function handleArm(
  ctx: EmulatorContext,
  request: EmulatorRequest,
): Promise<ArmOutcome> {
  const outcome = await route(ctx, request);
  // ARM reports the remaining budget of the request's class on every answer, errors included.
  const header = `x-ms-ratelimit-remaining-subscription-${requestClassOf(request.method)}`;
  if (!outcome.reply.headers?.[header])
    outcome.reply.headers = {
      ...outcome.reply.headers,
      [header]: String(ctx.faults.capacity(requestClassOf(request.method)) - 1),
    };
  return outcome;
}

async function route(ctx: EmulatorContext, request: EmulatorRequest): Promise<ArmOutcome> {
  const candidates = routes.filter((r) => r.pattern.test(request.path));
  const selected = candidates.find((r) => r.method === request.method);
  if (!selected) {
    if (candidates.length > 0)
      return {
        reply: armError(
          405,
          'MethodNotAllowed',
          `The HTTP method '${request.method}' is not supported for this resource.`,
        ),
      };
    return {
      reply: armError(
        404,
        'InvalidResourceType',
        `The resource type could not be found for path '${request.path}' in the emulated providers.`,
      ),
    };
  }
  const params = selected.pattern.exec(request.path)?.groups ?? {};
  const requestClass = requestClassOf(request.method);
  const versioned: VersionedType = {
    family: selected.family,
    resourceType: selected.resourceType,
    location: () => requestLocation(ctx, request.path),
    locations: ctx.world.locations,
  };
  if (selected.anonymous) {
    return {
      reply:
        checkApiVersion(request.url, versioned) ??
        (await selected.handle(ctx, request, anonymousCaller, params)),
    };
  }
  const caller = authenticate(ctx, request);
  if (!isCaller(caller)) return { reply: caller };
  const versionProblem = checkApiVersion(request.url, versioned);
  if (versionProblem) return { reply: versionProblem, caller };
  const scopeKey = subscriptionOf(request.path) ?? `tenant:${caller.tenantId}`;
  const throttled = ctx.faults.throttle(
    scopeKey,
    caller.objectId,
    requestClass,
    request.receivedAt,
  );
  if ('reply' in throttled) return { reply: throttled.reply, caller };
  const reply = await selected.handle(ctx, request, caller, params);
  reply.headers = {
    ...reply.headers,
    [`x-ms-ratelimit-remaining-subscription-${requestClass}`]: String(throttled.remaining),
  };
  return { reply, caller };
}

const anonymousCaller: Caller = { objectId: '', tenantId: '', kind: 'app', label: 'anonymous' };
