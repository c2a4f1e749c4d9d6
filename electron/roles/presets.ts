import { parseArmId } from '../../shared/azure/arm-id';
import type { PresetView, RoleCommands, ScopeView } from '../../shared/domain/roles';
import type { StoredAssignment } from './access-store';
import type { ComputeContext } from './compute-principal';
import { PRESETS, type PresetDefinition } from './role-catalog';
import { describeParsedScope, scopeCovers, type SubscriptionNames } from './scopes';

export interface PresetInputs {
  readonly context: ComputeContext;
  readonly assignments: readonly StoredAssignment[];
  readonly names: SubscriptionNames;
  readonly commandsFor: (roleName: string, scope: ScopeView) => RoleCommands | null;
}

/** The workspace resource a preset is granted on, parsed; null when the workspace has none. */
export function presetScope(
  definition: PresetDefinition,
  context: ComputeContext,
  names: SubscriptionNames,
): ScopeView | null {
  const parsed = parseArmId(context.workspace[definition.resource]);
  return parsed.ok ? describeParsedScope(parsed.value, names) : null;
}

/** Each preset of the workspace, with whether the identity already holds it there (or above). */
export function computePresets(inputs: PresetInputs): PresetView[] {
  return PRESETS.map((definition) => {
    const scope = presetScope(definition, inputs.context, inputs.names);
    const base = {
      key: definition.key,
      roleName: definition.role.name,
      roleDefinitionGuid: definition.role.guid,
      purpose: definition.purpose,
    };
    if (!scope) {
      return {
        ...base,
        scope: null,
        state: 'unavailable' as const,
        reason: definition.missing,
        grantCommands: null,
      };
    }
    const holding = inputs.assignments.filter(
      (a) => a.roleGuid === definition.role.guid && scopeCovers(a.scope, scope.id),
    );
    const state = holding.some((a) => a.scope.toLowerCase() === scope.id.toLowerCase())
      ? ('granted' as const)
      : holding.length > 0
        ? ('inherited' as const)
        : ('not-granted' as const);
    return {
      ...base,
      scope,
      state,
      reason: null,
      grantCommands: inputs.commandsFor(definition.role.name, scope),
    };
  });
}
