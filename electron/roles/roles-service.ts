import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { armIdPath, parseArmId } from '../../shared/azure/arm-id';
import type {
  ComputeAccess,
  GrantView,
  PermissionCheck,
  PresetKey,
  RemoveOutcome,
  RoleDefinitionView,
  ScopeCheck,
  ScopeView,
} from '../../shared/domain/roles';
import type { EventHub } from '../ipc/handlers';
import type { Logger } from '../logging/logger';
import { AppError } from '../core/errors';
import { classifyAzureFailure } from '../azure/azure-failure';
import { createAccessStore, type SeenAssignment } from './access-store';
import { listPrincipalAssignments } from './access-reader';
import { assignmentView, commandsForGrant, grantView, type ViewContext } from './access-views';
import { createArmAccess, type ArmAccessDeps } from './arm-access';
import {
  deleteAssignment,
  parseAssignmentId,
  putAssignment,
  roleDefinitionIdFor,
} from './assignment-requests';
import { grantCommands, removeCommands } from './commands';
import { createComputeContextReader, type ComputeContext } from './compute-principal';
import {
  createGrantRunner,
  PRINCIPAL_WAIT_MS,
  systemClock,
  type RunnerClock,
} from './grant-runner';
import { createGrantStore, type GrantRecord } from './grant-store';
import { noRecorder, type RoleOperationRecorder } from './operation-recorder';
import { checkAssignPermission } from './permission-check';
import { computePresets, presetScope } from './presets';
import { PRESETS } from './role-catalog';
import { createRoleDefinitionCache } from './role-definitions';
import { checkPastedScope, describeParsedScope, type ScopeRules } from './scopes';

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

export type RolesService = ReturnType<typeof createRolesService>;

const RECENT_GRANTS = 20;

export function createRolesService(deps: RolesServiceDeps) {
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

  const viewContext = async (context: ComputeContext): Promise<ViewContext> => ({
    principalId: context.principal?.principalId ?? '',
    tenantId: context.principal?.tenantId ?? context.tenantId,
    cloud: await arm.cloud(),
    names,
    roleName: (guid) =>
      definitions.nameOf(context.subscriptionId, guid) ??
      PRESETS.find((p) => p.role.guid === guid)?.role.name ??
      guid,
  });

  const emitGrant = async (record: GrantRecord, hook: 'record' | 'update' | 'resumed') => {
    let view: GrantView;
    try {
      view = grantView(await viewContext(contextOf(record.computeId)), record);
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

  const describeFailure = (error: unknown) => {
    const failure = classifyAzureFailure(error);
    if (failure.kind === 'app') return { code: failure.code, message: failure.message };
    if (failure.kind === 'sign-in-again') {
      return {
        code: failure.code,
        message: 'This tenant needs you to sign in again; then grant again.',
      };
    }
    if (failure.kind === 'unreachable') {
      return {
        code: failure.code,
        message:
          'Azure could not be reached (network, proxy or TLS). Nothing was granted; try again when online.',
      };
    }
    return {
      code: failure.code,
      message: `The grant could not be sent (${failure.code}). Try again.`,
    };
  };

  const runner = createGrantRunner({
    store: grants,
    clock,
    describeFailure,
    changed: (record) => void emitGrant(record, 'update'),
    async attempt(record) {
      const scope = parseArmId(record.scopeId);
      if (!scope.ok || !record.roleGuid || !record.assignmentName) {
        return {
          kind: 'failed',
          code: 'InvalidGrant',
          message: 'This grant’s saved scope could not be read; grant again.',
        };
      }
      const reader = await arm.readerFor(scope.value.subscriptionId);
      const view = describeParsedScope(scope.value, names);
      const cloud = await arm.cloud();
      return putAssignment(reader, {
        scope: scope.value,
        assignmentName: record.assignmentName,
        roleGuid: record.roleGuid,
        principalId: record.principalId,
        scopeName: `${view.name} (${view.kindLabel})`,
        command: grantCommands({
          principalId: record.principalId,
          roleName: record.roleName,
          scope: scope.value.id,
          tenantId: rules.tenantOf(scope.value.subscriptionId) ?? '',
          cloud,
        }).az,
      });
    },
    succeeded(record, outcome) {
      const context = contextOf(record.computeId);
      const scope = parseArmId(record.scopeId);
      if (!scope.ok || !record.roleGuid) return;
      const seen: SeenAssignment = outcome.assignment ?? {
        assignmentId: outcome.assignmentId,
        scope: scope.value.id,
        roleDefinitionId: roleDefinitionIdFor(scope.value.subscriptionId, record.roleGuid),
        roleGuid: record.roleGuid,
        principalType: 'ServicePrincipal',
        createdOn: null,
      };
      // Keyed on the assignment id: an existing assignment is the same row, never a second one.
      access.recordOne(record.principalId, context.subscriptionId, seen, nowIso());
    },
  });

  const computeAccess = async (computeId: string): Promise<ComputeAccess> => {
    const context = contextOf(computeId);
    const view = await viewContext(context);
    const principal = context.principal;
    const stored = principal
      ? access.assignments(principal.principalId, context.subscriptionId)
      : [];
    const read = principal
      ? access.lastRead(principal.principalId, context.subscriptionId)
      : { readAt: null, problem: null };
    return {
      computeId: context.computeId,
      computeName: context.computeName,
      workspaceName: context.workspace.name,
      subscriptionId: context.subscriptionId,
      principal,
      noPrincipalReason: context.noPrincipalReason,
      assignments: stored.map((s) => assignmentView(view, s)),
      presets: computePresets({
        context,
        assignments: stored,
        names,
        commandsFor: (roleName, scope) =>
          principal ? commandsForGrant(view, roleName, scope) : null,
      }),
      readAt: read.readAt,
      problem: read.problem,
      grants: grants.forCompute(context.computeId, RECENT_GRANTS).map((g) => grantView(view, g)),
    };
  };

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

  const startGrant = async (
    computeId: string,
    roleGuid: string,
    scopeId: string,
  ): Promise<GrantView> => {
    // Everything is checked before anything is sent.
    const { context, principal, scope } = validScope(computeId, scopeId);
    const role = await roleOf(scope.subscriptionId, roleGuid.toLowerCase());
    const at = nowIso();
    const record: GrantRecord = {
      grantId: newGuid(),
      kind: 'grant',
      computeId: context.computeId,
      principalId: principal.principalId,
      scopeId: scope.id,
      roleGuid: role.roleDefinitionGuid.toLowerCase(),
      roleName: role.roleName,
      // A new GUID per assignment; its retries reuse it, so a lost answer never makes two.
      assignmentName: newGuid(),
      status: 'pending',
      attempts: 0,
      message: 'Waiting to be sent.',
      assignmentId: null,
      alreadyExisted: false,
      error: null,
      createdAt: at,
      updatedAt: at,
      nextAttemptAt: null,
      deadlineAt: new Date(clock.now().getTime() + PRINCIPAL_WAIT_MS).toISOString(),
    };
    grants.save(record);
    const view = grantView(await viewContext(context), record);
    deps.events.emit('roles.grantChanged', view);
    recorder.record(view);
    runner.run(record);
    return view;
  };

  return {
    get: (computeId: string) => computeAccess(computeId),

    async refresh(computeId: string): Promise<ComputeAccess> {
      const context = contextOf(computeId);
      const principal = context.principal;
      if (!principal) return computeAccess(computeId);
      try {
        const reader = await arm.readerFor(context.subscriptionId);
        await definitions
          .ensure(context.subscriptionId, reader)
          .catch((error: unknown) =>
            deps.logger?.warn('Role names could not be listed', { error: String(error) }),
          );
        const items = await listPrincipalAssignments(
          reader,
          context.subscriptionId,
          principal.principalId,
        );
        access.recordListing(principal.principalId, context.subscriptionId, items, nowIso());
      } catch (error) {
        const failure = describeFailure(error);
        access.recordProblem(principal.principalId, context.subscriptionId, failure);
      }
      return computeAccess(computeId);
    },

    async searchDefinitions(computeId: string, query: string): Promise<RoleDefinitionView[]> {
      const context = contextOf(computeId);
      await definitions.ensure(context.subscriptionId, await arm.readerFor(context.subscriptionId));
      return definitions.search(context.subscriptionId, query);
    },

    scopes(computeId: string): ScopeView[] {
      const context = contextOf(computeId);
      const workspace = parseArmId(context.workspace.id);
      const around = workspace.ok
        ? [
            armIdPath({ ...workspace.value, levels: [] }),
            armIdPath({ ...workspace.value, resourceGroup: null, levels: [] }),
          ]
        : [];
      const ids = [
        context.workspace.id,
        context.workspace.storageAccount,
        context.workspace.containerRegistry,
        context.workspace.keyVault,
        ...around,
      ];
      return ids
        .map((id) => parseArmId(id))
        .flatMap((parsed) => (parsed.ok ? [describeParsedScope(parsed.value, names)] : []));
    },

    checkScope(computeId: string, scopeId: string): ScopeCheck {
      const { principal } = withPrincipal(computeId);
      const { valid, scope, reason } = checkPastedScope(scopeId, principal.tenantId, rules);
      return { valid, scope, reason };
    },

    async checkPermission(
      computeId: string,
      scopeId: string,
      roleGuid?: string,
    ): Promise<PermissionCheck> {
      const { principal, scope, view } = validScope(computeId, scopeId);
      const role = roleGuid ? await roleOf(scope.subscriptionId, roleGuid.toLowerCase()) : null;
      const commands = role
        ? grantCommands({
            principalId: principal.principalId,
            roleName: role.roleName,
            scope: scope.id,
            tenantId: principal.tenantId,
            cloud: await arm.cloud(),
          })
        : null;
      const answer = await checkAssignPermission(
        await arm.readerFor(scope.subscriptionId),
        scope,
        view,
        commands,
      );
      return { scope: view, ...answer, commands };
    },

    grant: (computeId: string, roleGuid: string, scopeId: string) =>
      startGrant(computeId, roleGuid, scopeId),

    async grantPreset(computeId: string, key: PresetKey): Promise<GrantView> {
      const context = contextOf(computeId);
      const definition = PRESETS.find((p) => p.key === key);
      const scope = definition ? presetScope(definition, context, names) : null;
      if (!definition || !scope) {
        throw new AppError('invalid-input', definition?.missing ?? 'There is no such preset.', {
          preset: key,
        });
      }
      return startGrant(computeId, definition.role.guid, scope.id);
    },

    async remove(computeId: string, assignmentId: string): Promise<RemoveOutcome> {
      const { context, principal } = withPrincipal(computeId);
      let id;
      try {
        id = parseAssignmentId(assignmentId);
      } catch (error) {
        throw new AppError(
          'invalid-input',
          `This is not a role assignment Mooring can remove. ${error instanceof Error ? error.message : ''}`.trim(),
        );
      }
      // Only an assignment of this compute's identity, as the access list showed it.
      const known = access
        .assignments(principal.principalId, context.subscriptionId)
        .find((a) => a.assignmentId.toLowerCase() === assignmentId.toLowerCase());
      if (!known) {
        throw new AppError(
          'not-found',
          'This assignment is not in the compute’s access list: refresh it and try again.',
          { assignmentId },
        );
      }
      const scope = parseArmId(known.scope);
      if (!scope.ok)
        throw new AppError(
          'invalid-input',
          'This assignment sits above the subscription: remove it in the portal.',
        );
      const view = await viewContext(context);
      const roleName = view.roleName(known.roleGuid);
      const scopeView = describeParsedScope(scope.value, names);
      const at = nowIso();
      let record: GrantRecord = {
        grantId: newGuid(),
        kind: 'remove',
        computeId: context.computeId,
        principalId: principal.principalId,
        scopeId: scope.value.id,
        roleGuid: known.roleGuid,
        roleName,
        assignmentName: null,
        status: 'running',
        attempts: 0,
        message: 'Removing the assignment…',
        assignmentId: known.assignmentId,
        alreadyExisted: false,
        error: null,
        createdAt: at,
        updatedAt: at,
        nextAttemptAt: null,
        deadlineAt: null,
      };
      grants.save(record);
      await emitGrant(record, 'record');
      const command = removeCommands({
        principalId: principal.principalId,
        roleName,
        scope: scope.value.id,
        tenantId: principal.tenantId,
        cloud: view.cloud,
      }).az;
      let answer;
      try {
        answer = await deleteAssignment(
          await arm.readerFor(id.subscriptionId),
          id,
          `${scopeView.name} (${scopeView.kindLabel})`,
          command,
        );
      } catch (error) {
        answer = { kind: 'failed' as const, ...describeFailure(error) };
      }
      const end = nowIso();
      if (answer.kind === 'failed') {
        record = {
          ...record,
          status: 'failed',
          attempts: 1,
          error: { code: answer.code, message: answer.message },
          message: answer.message,
          updatedAt: end,
        };
        grants.save(record);
        await emitGrant(record, 'update');
        throw new AppError('unavailable', answer.message, { code: answer.code });
      }
      access.markRemoved(known.assignmentId, end);
      record = {
        ...record,
        status: 'succeeded',
        attempts: 1,
        updatedAt: end,
        message: answer.kind === 'removed' ? 'Removed.' : 'It was already gone.',
      };
      grants.save(record);
      await emitGrant(record, 'update');
      return {
        assignmentId: known.assignmentId,
        outcome: answer.kind,
        grant: grantView(view, record),
      };
    },

    /** Carries on every grant a previous run left unfinished (waiting for Entra ID, or cut off). */
    resume(): number {
      const unfinished = grants.unfinished();
      for (const record of unfinished) {
        if (record.kind === 'remove') {
          // A removal is one request: cut off, it is simply ended; the next refresh shows the truth.
          grants.save({
            ...record,
            status: 'failed',
            error: {
              code: 'Interrupted',
              message: 'Mooring stopped before Azure answered; refresh the access list.',
            },
            message: 'Mooring stopped before Azure answered; refresh the access list.',
            updatedAt: nowIso(),
          });
          continue;
        }
        void emitGrant(record, 'resumed');
        runner.run(record);
      }
      return unfinished.length;
    },

    settled: (grantId: string) => runner.settled(grantId),
    grantRecord: (grantId: string) => grants.get(grantId),
    close: () => runner.close(),
  };
}
