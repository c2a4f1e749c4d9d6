import { armIdPath, parseArmId } from '../../shared/azure/arm-id';
import type {
  ComputeAccess,
  GrantView,
  PermissionCheck,
  PresetKey,
  RoleDefinitionView,
  ScopeCheck,
  ScopeView,
} from '../../shared/domain/roles';
import { AppError } from '../core/errors';
import { listPrincipalAssignments } from './access-reader';
import { assignmentView, commandsForGrant, grantView } from './access-views';
import { grantCommands } from './commands';
import { describeFailure } from './grant-failures';
import { createGrantFlow } from './grant-flow';
import { checkAssignPermission } from './permission-check';
import { computePresets, presetScope } from './presets';
import { removeAssignment } from './remove-flow';
import { PRESETS } from './role-catalog';
import { createRolesParts, type RolesServiceDeps } from './roles-parts';
import { checkPastedScope, describeParsedScope } from './scopes';

export type { RolesServiceDeps } from './roles-parts';
export type RolesService = ReturnType<typeof createRolesService>;

const RECENT_GRANTS = 20;

/**
 * A compute identity's access and the grants and removals that change it: the `roles.*`
 * operations. Reads answer from the local record first; grants run in the background and push
 * `roles.grantChanged` at each step.
 */
export function createRolesService(deps: RolesServiceDeps) {
  const parts = createRolesParts(deps);
  const { access, arm, contextOf, definitions, grants, names, nowIso, rules } = parts;
  const { roleOf, storedAssignments, subscriptionsOf, validScope, viewContext, withPrincipal } =
    parts;
  const flow = createGrantFlow(parts);

  const computeAccess = async (computeId: string): Promise<ComputeAccess> => {
    const context = contextOf(computeId);
    const view = await viewContext(context);
    const principal = context.principal;
    const stored = principal
      ? storedAssignments(context.subscriptionId, principal.principalId)
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

  return {
    get: (computeId: string) => computeAccess(computeId),

    async refresh(computeId: string): Promise<ComputeAccess> {
      const context = contextOf(computeId);
      const principal = context.principal;
      if (!principal) return computeAccess(computeId);
      for (const subscriptionId of subscriptionsOf(context.subscriptionId, principal.principalId)) {
        try {
          const reader = await arm.readerFor(subscriptionId);
          if (subscriptionId === context.subscriptionId) {
            await definitions
              .ensure(subscriptionId, reader)
              .catch((error: unknown) =>
                deps.logger?.warn('Role names could not be listed', { error: String(error) }),
              );
          }
          const items = await listPrincipalAssignments(
            reader,
            subscriptionId,
            principal.principalId,
          );
          access.recordListing(principal.principalId, subscriptionId, items, nowIso());
        } catch (error) {
          // That subscription keeps its last record; the compute's own problem is shown on the page.
          access.recordProblem(principal.principalId, subscriptionId, describeFailure(error));
        }
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
      flow.start(computeId, roleGuid, scopeId),

    async grantPreset(computeId: string, key: PresetKey): Promise<GrantView> {
      const context = contextOf(computeId);
      const definition = PRESETS.find((p) => p.key === key);
      const scope = definition ? presetScope(definition, context, names) : null;
      if (!definition || !scope) {
        throw new AppError('invalid-input', definition?.missing ?? 'There is no such preset.', {
          preset: key,
        });
      }
      return flow.start(computeId, definition.role.guid, scope.id);
    },

    remove: (computeId: string, assignmentId: string) =>
      removeAssignment(parts, computeId, assignmentId),

    /** Carries on every grant a previous run left unfinished (waiting for Entra ID, or cut off). */
    resume: () => flow.resume(),

    settled: (grantId: string) => flow.settled(grantId),
    grantRecord: (grantId: string) => grants.get(grantId),
    close: () => flow.close(),
  };
}
