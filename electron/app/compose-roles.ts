import type { TokenCredential } from '@azure/core-auth';
import type { Database } from 'better-sqlite3';
import type { SubscriptionView } from '../../shared/domain/subscriptions';
import type { ConnectionRuntime } from '../connection/runtime';
import type { EventHub, HandlerMap } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import type { RoleOperationRecorder } from '../roles/operation-recorder';
import { createRolesService, type RolesService } from '../roles/roles-service';

export interface RolesCompositionParts {
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  readonly credentialFor: (accountId: string, tenantId: string) => TokenCredential;
  readonly runtime: () => Promise<ConnectionRuntime>;
  /** The subscriptions the accounts see (the picker's snapshot). */
  readonly subscriptions: () => ReadonlyArray<
    Pick<SubscriptionView, 'subscriptionId' | 'displayName' | 'accountId' | 'tenantId'>
  >;
  /** The operation journal's hooks, once it exists; none by default. */
  readonly recorder?: RoleOperationRecorder;
  readonly logger: Logger;
}

type RolesHandlers = Pick<HandlerMap, Extract<keyof HandlerMap, `roles.${string}`>>;

/**
 * The roles service and its handlers. Grants a previous run left waiting for Entra ID are
 * carried on at once. In composition.ts:
 * `const roles = composeRoles({ database, events, credentialFor: …, runtime: …, subscriptions: () => subscriptions.snapshot().subscriptions, logger })`,
 * then `...roles.handlers` in the handler map and `await roles.service.close()` in close().
 */
export function composeRoles(parts: RolesCompositionParts): {
  service: RolesService;
  handlers: RolesHandlers;
} {
  const service = createRolesService({
    database: parts.database,
    events: parts.events,
    credentialFor: parts.credentialFor,
    runtime: parts.runtime,
    subscriptions: parts.subscriptions,
    logger: parts.logger,
    ...(parts.recorder ? { recorder: parts.recorder } : {}),
  });
  const resumed = service.resume();
  if (resumed > 0) parts.logger.info('Carrying on role grants from the last run', { resumed });
  return {
    service,
    handlers: {
      'roles.get': ({ computeId }) => service.get(computeId),
      'roles.refresh': ({ computeId }) => service.refresh(computeId),
      'roles.searchDefinitions': ({ computeId, query }) =>
        service.searchDefinitions(computeId, query),
      'roles.scopes': ({ computeId }) => service.scopes(computeId),
      'roles.checkScope': ({ computeId, scopeId }) => service.checkScope(computeId, scopeId),
      'roles.checkPermission': ({ computeId, scopeId, roleDefinitionGuid }) =>
        service.checkPermission(computeId, scopeId, roleDefinitionGuid),
      'roles.grant': ({ computeId, roleDefinitionGuid, scopeId }) =>
        service.grant(computeId, roleDefinitionGuid, scopeId),
      'roles.grantPreset': ({ computeId, preset }) => service.grantPreset(computeId, preset),
      'roles.remove': ({ computeId, assignmentId }) => service.remove(computeId, assignmentId),
    },
  };
}
