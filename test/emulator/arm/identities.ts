import type { EmulatorContext } from '../core/context';
import { newGuid } from '../core/ids';
import { isRecord, jsonOf, type EmulatorRequest } from '../core/request';
import { userAssignedIdentityId } from '../core/resourceIds';
import { armError, json, type Reply } from '../core/reply';
import type { IdentityRecord } from '../world/world';
import { notFound, requireAction, requireResourceGroup, requireSubscription } from './access';
import { identityBody } from './bodies';
import type { Caller } from './caller';
import { p, route, type ArmRoute } from './route';

const identityPath = `${p.sub}${p.rg}/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/(?<name>[^/]+)`;
const identityType = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const identityNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/;

/** Get and create (PUT) of one user-assigned identity; the lists are in inventory. */
export const identityRoutes: ArmRoute[] = [
  route(
    'GET',
    identityPath,
    'managedIdentity',
    'userAssignedIdentities',
    (ctx, _request, caller, params) => {
      const { sub = '', rg = '', name = '' } = params;
      const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
      if (problem) return problem;
      const id = userAssignedIdentityId(sub, rg, name);
      const denied = requireAction(ctx, caller, id, `${identityType}/read`);
      if (denied) return denied;
      const identity = ctx.world.findIdentity(id);
      return identity ? json(200, identityBody(identity)) : notFound(identityType, name, rg);
    },
  ),
  route(
    'PUT',
    identityPath,
    'managedIdentity',
    'userAssignedIdentities',
    (ctx, request, caller, params) => createOrUpdate(ctx, request, caller, params),
  ),
];

function tagsOf(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** 201 with a new principal (unknown to role assignments until replicated), or 200 updating tags of an existing one. */
function createOrUpdate(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  params: Record<string, string>,
): Reply {
  const { sub = '', rg = '', name = '' } = params;
  const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
  if (problem) return problem;
  const id = userAssignedIdentityId(sub, rg, name);
  const denied = requireAction(ctx, caller, id, `${identityType}/write`);
  if (denied) return denied;
  if (!identityNamePattern.test(name)) {
    return armError(
      400,
      'InvalidResourceName',
      `The resource name '${name}' is invalid. It must be 3 to 128 characters: letters, digits, hyphens and underscores, starting with a letter or digit.`,
    );
  }
  const body = jsonOf(request);
  if (!isRecord(body) || typeof body['location'] !== 'string' || body['location'] === '') {
    return armError(
      400,
      'LocationRequired',
      'The location property is required for this definition.',
    );
  }
  const existing = ctx.world.findIdentity(id);
  if (existing) {
    existing.tags = tagsOf(body['tags']);
    return json(200, identityBody(existing));
  }
  const record: IdentityRecord = {
    id,
    name,
    subscriptionId: sub,
    resourceGroup: rg,
    location: body['location'],
    principalId: newGuid(),
    clientId: newGuid(),
    tenantId: ctx.world.tenantOfSubscription(sub) ?? '',
    tags: tagsOf(body['tags']),
  };
  ctx.world.addIdentity(
    record,
    request.receivedAt + ctx.world.settings.principalReplicationDelayMs,
  );
  return json(201, identityBody(record));
}
