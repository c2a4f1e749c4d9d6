import type { EmulatorContext } from '../core/context';
import { armError, type Reply } from '../core/reply';
import type { Caller } from './caller';

/** ARM's 403 when the caller holds no role allowing `action` at a scope covering `scope`. */
export function requireAction(
  ctx: EmulatorContext,
  caller: Caller,
  scope: string,
  action: string,
): Reply | undefined {
  if (ctx.world.isAllowed([caller.objectId], scope, action)) return undefined;
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${caller.label}' with object id '${caller.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

/**
 * The subscription must exist and belong to the token's tenant (ARM answers 401 InvalidAuthenticationTokenTenant
 * to a token from another tenant: the client must get a token for the subscription's tenant).
 */
export function requireSubscription(
  ctx: EmulatorContext,
  caller: Caller,
  subscriptionId: string,
): Reply | undefined {
  const tenantId = ctx.world.tenantOfSubscription(subscriptionId);
  if (!tenantId)
    return armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${subscriptionId}' could not be found.`,
    );
  if (tenantId !== caller.tenantId) {
    return {
      status: 401,
      headers: {
        'www-authenticate': `Bearer authorization_uri="${ctx.baseUrl}/${tenantId}", error="invalid_token", error_description="The access token is from the wrong issuer."`,
      },
      body: {
        error: {
          code: 'InvalidAuthenticationTokenTenant',
          message: `The access token is from the wrong issuer '${ctx.baseUrl}/${caller.tenantId}/'. It must match the tenant '${ctx.baseUrl}/${tenantId}/' associated with this subscription. Please use the authority (URL) '${ctx.baseUrl}/${tenantId}' to get the token.`,
        },
      },
    };
  }
  return undefined;
}

export function requireResourceGroup(
  ctx: EmulatorContext,
  subscriptionId: string,
  resourceGroup: string,
): Reply | undefined {
  if (ctx.world.resourceGroupExists(subscriptionId, resourceGroup)) return undefined;
  return armError(
    404,
    'ResourceGroupNotFound',
    `Resource group '${resourceGroup}' could not be found.`,
  );
}

/**
 * A subscription-wide list: everything when the caller may read at the subscription, otherwise only the
 * items it may read (access granted on a resource group or resource); 403 when it has no access at all.
 */
export function readableItems<T extends { id: string }>(
  ctx: EmulatorContext,
  caller: Caller,
  scope: string,
  action: string,
  items: T[],
): T[] | Reply {
  if (ctx.world.isAllowed([caller.objectId], scope, action)) return items;
  if (!ctx.world.hasAnyAssignmentWithin([caller.objectId], scope))
    return requireAction(ctx, caller, scope, action) ?? items;
  return items.filter((item) => ctx.world.isAllowed([caller.objectId], item.id, action));
}

export function notFound(type: string, name: string, resourceGroup: string): Reply {
  return armError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}
