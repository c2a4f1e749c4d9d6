import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { GrantView, RoleDefinitionView } from '../../shared/domain/roles';
import { AppError } from '../core/errors';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { createAccessStore } from './access-store';
import { grantView, type ViewContext } from './access-views';
import { createArmAccess, type ArmAccessDeps } from './arm-access';
import { createComputeContextReader, type ComputeContext } from './compute-principal';
import { systemClock, type RunnerClock } from './grant-runner';
import { createGrantStore, type GrantRecord } from './grant-store';
import { noRecorder, type RoleOperationRecorder } from './operation-recorder';
import { PRESETS } from './role-catalog';
import { createRoleDefinitionCache } from './role-definitions';
import { checkPastedScope, type ScopeRules } from './scopes';

export interface RolesServiceDeps extends ArmAccessDeps {
  readonly database: Database;
  readonly events: Pick<EventHub, 'emit'>;
  readonly recorder?: RoleOperationRecorder;
  readonly clock?: RunnerClock;
  readonly newGuid?: () => string;
  readonly logger?: Logger;
  /** How long listed role definitions are trusted before they are listed again. */
  readonly roleCacheLifetimeMs?: number;
}

export type RolesParts = ReturnType<typeof createRolesParts>;

/** The stores, readers and view helpers the roles service's flows share. */
export function createRolesParts(deps: RolesServiceDeps) {
  const clock = deps.clock ?? systemClock;
  const newGuid = deps.newGuid ?? randomUUID;
  const recorder = deps.recorder ?? noRecorder;
  const contextOf = createComputeContextReader(deps.database);
  const access = createAccessStore(deps.database);
  const grants = createGrantStore(deps.database);
  const definitions = createRoleDefinitionCache(deps.database, {
    now: () => clock.now(),
    lifetimeMs: deps.roleCacheLifetimeMs ?? 12 * 60 * 60_000,
  });
  const arm = createArmAccess(deps);
  const nowIso = () => clock.now().toISOString();

  const names = (subscriptionId: string) => arm.visible(subscriptionId)?.displayName ?? null;
  const rules: ScopeRules = {
    names,
    visible: (subscriptionId) => arm.visible(subscriptionId) !== null,
    tenantOf: (subscriptionId) => arm.visible(subscriptionId)?.tenantId ?? null,
  };

  const withPrincipal = (computeId: string) => {
    const context = contextOf(computeId);
    if (!context.principal)
      throw new AppError(
        'invalid-input',
        context.noPrincipalReason ?? 'This compute has no identity.',
      );
    return { context, principal: context.principal };
  };

  const viewContextIn = (context: ComputeContext, cloud: ViewContext['cloud']): ViewContext => ({
    principalId: context.principal?.principalId ?? '',
    tenantId: context.principal?.tenantId ?? context.tenantId,
    cloud,
    names,
    roleName: (guid) =>
      definitions.nameOf(context.subscriptionId, guid) ??
      PRESETS.find((p) => p.role.guid === guid)?.role.name ??
      guid,
  });

  const viewContext = async (context: ComputeContext): Promise<ViewContext> =>
    viewContextIn(context, await arm.cloud());

  // Synchronous, with the cloud last seen, so a grant's steps are pushed in the order they happen.
  const emitGrant = (record: GrantRecord, hook: 'record' | 'update' | 'resumed') => {
    let view: GrantView;
    try {
      view = grantView(viewContextIn(contextOf(record.computeId), arm.knownCloud()), record);
    } catch (error) {
      deps.logger?.warn('A grant’s compute left the local record', {
        grantId: record.grantId,
        error: String(error),
      });
      return;
    }
    deps.events.emit('roles.grantChanged', view);
    recorder[hook](view);
  };

  /** The compute's subscription first, then any other where a grant of Mooring's put the principal. */
  const subscriptionsOf = (computeSubscription: string, principalId: string): string[] => [
    computeSubscription,
    ...access.subscriptionsOf(principalId).filter((s) => s !== computeSubscription.toLowerCase()),
  ];
  const storedAssignments = (computeSubscription: string, principalId: string) =>
    subscriptionsOf(computeSubscription, principalId).flatMap((s) =>
      access.assignments(principalId, s),
    );

  const validScope = (computeId: string, scopeId: string) => {
    const { context, principal } = withPrincipal(computeId);
    const checked = checkPastedScope(scopeId, principal.tenantId, rules);
    if (!checked.valid || !checked.parsed || !checked.scope) {
      throw new AppError('invalid-input', checked.reason ?? 'This scope cannot be used.', {
        scopeId,
      });
    }
    return { context, principal, scope: checked.parsed, view: checked.scope };
  };

  const roleOf = async (subscriptionId: string, roleGuid: string): Promise<RoleDefinitionView> => {
    let found = definitions.find(subscriptionId, roleGuid);
    if (!found) {
      await definitions.ensure(subscriptionId, await arm.readerFor(subscriptionId), true);
      found = definitions.find(subscriptionId, roleGuid);
    }
    if (!found) {
      throw new AppError(
        'invalid-input',
        `No role with id ${roleGuid} can be assigned in this subscription: pick one from the list.`,
      );
    }
    return found;
  };

  return {
    deps,
    clock,
    newGuid,
    recorder,
    contextOf,
    access,
    grants,
    definitions,
    arm,
    nowIso,
    names,
    rules,
    withPrincipal,
    viewContext,
    emitGrant,
    subscriptionsOf,
    storedAssignments,
    validScope,
    roleOf,
  };
}
