import type { EmulatorContext } from '../core/context';
import { normalizeScope, scopeCovers } from '../core/ids';
import { isRecord, jsonOf, type EmulatorRequest } from '../core/request';
import { subscriptionOf } from '../core/resourceIds';
import { armError, empty, json, type Reply } from '../core/reply';
import type { RoleAssignmentRecord } from '../world/world';
import { requireAction, requireSubscription } from './access';
import type { Caller } from './caller';
import { pagedList } from './paging';
import { roleGuidOf, type RoleDefinition } from './roleDefinitions';
import { route, type ArmRoute } from './route';

const authz = '/providers/Microsoft\\.Authorization';
const assignmentType = 'Microsoft.Authorization/roleAssignments';

/** Role definitions, role assignments and `permissions` at any scope (subscription, resource group, resource). */
export const authorizationRoutes: ArmRoute[] = [
  route(
    'GET',
    `(?<scope>.*)${authz}/roleDefinitions`,
    'roleDefinitions',
    'roleDefinitions',
    (ctx, request, caller, { scope = '' }) => {
      const problem = checkScope(ctx, caller, scope);
      if (problem) return problem;
      const filter = request.url.searchParams.get('$filter') ?? '';
      const byName = /roleName\s+eq\s+'([^']*)'/i.exec(filter)?.[1];
      const byType = /type\s+eq\s+'([^']*)'/i.exec(filter)?.[1]?.toLowerCase();
      const roles = ctx.world.roles
        .visibleAt(scope)
        .filter(
          (r) =>
            (!byName || r.roleName.toLowerCase() === byName.toLowerCase()) &&
            (!byType || roleTypeOf(r).toLowerCase() === byType),
        );
      return pagedList(
        ctx,
        request,
        roles.map((r) => roleDefinitionBody(r, scope)),
      );
    },
  ),
  route(
    'GET',
    `(?<scope>.*)${authz}/roleDefinitions/(?<role>[^/]+)`,
    'roleDefinitions',
    'roleDefinitions',
    (ctx, _request, caller, { scope = '', role = '' }) => {
      const problem = checkScope(ctx, caller, scope);
      if (problem) return problem;
      const definition = ctx.world.roles.find(role);
      if (!definition || definition.guid !== role.toLowerCase())
        return armError(
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${role}' does not exist.`,
        );
      return json(200, roleDefinitionBody(definition, scope));
    },
  ),
  route(
    'GET',
    `(?<scope>.*)${authz}/roleAssignments`,
    'roleAssignments',
    'roleAssignments',
    (ctx, request, caller, { scope = '' }) => listAssignments(ctx, request, caller, scope),
  ),
  route(
    'GET',
    `(?<scope>.*)${authz}/roleAssignments/(?<name>[^/]+)`,
    'roleAssignments',
    'roleAssignments',
    (ctx, _request, caller, { scope = '', name = '' }) => {
      const problem = checkScopeAndAction(
        ctx,
        caller,
        scope,
        'Microsoft.Authorization/roleAssignments/read',
      );
      if (problem) return problem;
      const record = ctx.world.findRoleAssignment(assignmentId(scope, name));
      return record
        ? json(200, assignmentBody(record))
        : armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
    },
  ),
  route(
    'PUT',
    `(?<scope>.*)${authz}/roleAssignments/(?<name>[^/]+)`,
    'roleAssignments',
    'roleAssignments',
    (ctx, request, caller, params) => createAssignment(ctx, request, caller, params),
  ),
  route(
    'DELETE',
    `(?<scope>.*)${authz}/roleAssignments/(?<name>[^/]+)`,
    'roleAssignments',
    'roleAssignments',
    (ctx, _request, caller, { scope = '', name = '' }) => {
      const problem = checkScopeAndAction(
        ctx,
        caller,
        scope,
        'Microsoft.Authorization/roleAssignments/delete',
      );
      if (problem) return problem;
      const record = ctx.world.deleteRoleAssignment(assignmentId(scope, name));
      return record ? json(200, assignmentBody(record)) : empty(204);
    },
  ),
  route(
    'GET',
    `(?<scope>.*)${authz}/permissions`,
    'permissions',
    'permissions',
    (ctx, request, caller, { scope = '' }) => {
      const problem = checkScope(ctx, caller, scope);
      if (problem) return problem;
      const roles = ctx.world.rolesAt([caller.objectId], normalizeScope(scope));
      return pagedList(
        ctx,
        request,
        roles.map((r) => ({
          actions: r.actions,
          notActions: r.notActions,
          dataActions: r.dataActions,
          notDataActions: r.notDataActions,
        })),
      );
    },
  ),
];

const principalTypes = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'] as const;

function isPrincipalType(value: unknown): value is RoleAssignmentRecord['principalType'] {
  return typeof value === 'string' && (principalTypes as readonly string[]).includes(value);
}

function assignmentId(scope: string, name: string): string {
  return `${normalizeScope(scope)}/providers/Microsoft.Authorization/roleAssignments/${name}`;
}

/** Scopes inside a subscription need the right tenant's token; the root scope ('') is open for role definitions. */
function checkScope(ctx: EmulatorContext, caller: Caller, scope: string): Reply | undefined {
  const sub = subscriptionOf(normalizeScope(scope));
  return sub ? requireSubscription(ctx, caller, sub) : undefined;
}

/** The scope's subscription exists and is the caller's, and the caller may do `action` there. */
function checkScopeAndAction(
  ctx: EmulatorContext,
  caller: Caller,
  scope: string,
  action: string,
): Reply | undefined {
  return (
    checkScope(ctx, caller, scope) ?? requireAction(ctx, caller, normalizeScope(scope), action)
  );
}

function roleTypeOf(role: RoleDefinition): 'BuiltInRole' | 'CustomRole' {
  return role.assignableScopes ? 'CustomRole' : 'BuiltInRole';
}

export function roleDefinitionBody(role: RoleDefinition, scope: string): Record<string, unknown> {
  const sub = subscriptionOf(normalizeScope(scope));
  return {
    properties: {
      roleName: role.roleName,
      type: roleTypeOf(role),
      description: role.description,
      assignableScopes: role.assignableScopes ?? ['/'],
      permissions: [
        {
          actions: role.actions,
          notActions: role.notActions,
          dataActions: role.dataActions,
          notDataActions: role.notDataActions,
        },
      ],
    },
    id: `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.guid,
  };
}

function assignmentBody(a: RoleAssignmentRecord): Record<string, unknown> {
  const sub = subscriptionOf(a.scope);
  return {
    properties: {
      roleDefinitionId: `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${a.roleGuid}`,
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
    },
    id: a.id,
    type: assignmentType,
    name: a.name,
  };
}

/**
 * `$filter=atScope()`: assignments at the scope and above it; `principalId eq '{id}'` / `assignedTo('{id}')`:
 * that principal's assignments at, above and below the scope; no filter: all at, above and below.
 */
function listAssignments(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  rawScope: string,
): Reply {
  const scope = normalizeScope(rawScope);
  const problem =
    checkScope(ctx, caller, rawScope) ??
    requireAction(ctx, caller, scope, 'Microsoft.Authorization/roleAssignments/read');
  if (problem) return problem;
  const filter = request.url.searchParams.get('$filter') ?? '';
  const principal = /(?:principalId\s+eq\s+|assignedTo\()'([^']+)'/i
    .exec(filter)?.[1]
    ?.toLowerCase();
  const atScope = /atScope\(\)/i.test(filter);
  const items = ctx.world.allRoleAssignments().filter((a) => {
    if (principal && a.principalId !== principal) return false;
    if (atScope) return scopeCovers(a.scope, scope);
    return scopeCovers(a.scope, scope) || scopeCovers(scope, a.scope);
  });
  return pagedList(ctx, request, items.map(assignmentBody));
}

function createAssignment(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  caller: Caller,
  params: Record<string, string>,
): Reply {
  const scope = normalizeScope(params['scope'] ?? '');
  const name = (params['name'] ?? '').toLowerCase();
  const problem =
    checkScope(ctx, caller, scope) ??
    requireAction(ctx, caller, scope, 'Microsoft.Authorization/roleAssignments/write');
  if (problem) return problem;
  const tenantId = ctx.world.tenantOfScope(scope);
  if (!tenantId)
    return armError(
      400,
      'InvalidScope',
      `The scope '${scope}' is not valid for a role assignment.`,
    );
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(name)) {
    return armError(
      400,
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    );
  }
  const body = jsonOf(request);
  const properties =
    isRecord(body) && isRecord(body['properties']) ? body['properties'] : undefined;
  const roleDefinitionId =
    typeof properties?.['roleDefinitionId'] === 'string' ? properties['roleDefinitionId'] : '';
  const principalId =
    typeof properties?.['principalId'] === 'string' ? properties['principalId'].toLowerCase() : '';
  if (!properties || !roleDefinitionId || !principalId) {
    return armError(
      400,
      'InvalidRequestContent',
      'The request content was invalid: properties.roleDefinitionId and properties.principalId are required.',
    );
  }
  const roleGuid = roleGuidOf(roleDefinitionId);
  const role = roleGuid ? ctx.world.roles.find(roleGuid) : undefined;
  if (!role)
    return armError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${roleGuid ?? roleDefinitionId}' does not exist.`,
    );
  const id = assignmentId(scope, name);
  const existing = ctx.world.findRoleAssignment(id);
  if (existing) {
    if (existing.principalId !== principalId || existing.roleGuid !== role.guid) {
      return armError(
        400,
        'RoleAssignmentUpdateNotPermitted',
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      );
    }
    return json(201, assignmentBody(existing));
  }
  const requestedType = properties['principalType'];
  if (requestedType !== undefined && !isPrincipalType(requestedType)) {
    return armError(
      400,
      'InvalidRequestContent',
      `The request content was invalid: principalType '${String(requestedType)}' is not one of ${principalTypes.join(', ')}.`,
    );
  }
  const found = ctx.world.directory.findPrincipal(
    principalId,
    request.receivedAt,
    ctx.world.settings.principalReplicationDelayMs,
  );
  const principal = found?.tenantId === tenantId ? found : undefined;
  // With principalType, ARM skips the directory lookup that fails while a new principal replicates; an injected
  // fault keeps the lookup failing even then (the rare case clients must still retry).
  const lookupFails =
    ctx.faults.principalNotFound(principalId, request.receivedAt) ||
    (!principal && requestedType === undefined);
  if (lookupFails) {
    return armError(
      400,
      'PrincipalNotFound',
      `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
    );
  }
  if (principal && requestedType !== undefined && principal.type !== requestedType) {
    return armError(
      400,
      'UnmatchedPrincipalType',
      `The PrincipalId '${principalId.replace(/-/g, '')}' has type '${principal.type}' , which is different from specified PrincipalType '${requestedType}'.`,
    );
  }
  const duplicate = ctx.world
    .allRoleAssignments()
    .find(
      (a) =>
        a.principalId === principalId &&
        a.roleGuid === role.guid &&
        a.scope.toLowerCase() === scope.toLowerCase(),
    );
  if (duplicate) {
    return armError(
      409,
      'RoleAssignmentExists',
      `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name.replace(/-/g, '')}.`,
    );
  }
  const record: RoleAssignmentRecord = {
    id,
    name,
    scope,
    roleGuid: role.guid,
    principalId,
    // An unresolved principal accepted on its principalType keeps that type, as ARM stores it.
    principalType: requestedType ?? principal?.type ?? 'ServicePrincipal',
    createdOn: new Date(request.receivedAt).toISOString(),
    createdBy: caller.objectId,
    description: typeof properties['description'] === 'string' ? properties['description'] : null,
  };
  ctx.world.putRoleAssignment(record);
  return json(201, assignmentBody(record));
}
