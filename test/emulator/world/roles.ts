import { normalizeScope, scopeCovers, stableGuid } from '../core/ids';
import { builtInRoles, findRole, type RoleDefinition } from '../arm/roleDefinitions';
import type { ScenarioCustomRole } from '../scenario/schema';

/** The role definitions of the world: Azure's built-in roles and the scenario's custom roles. */
export class RoleCatalog {
  private readonly custom: RoleDefinition[];

  constructor(customRoles: readonly ScenarioCustomRole[]) {
    this.custom = customRoles.map((r) => ({
      guid: (r.guid ?? stableGuid('custom-role', r.subscriptionId, r.roleName)).toLowerCase(),
      roleName: r.roleName,
      description: r.description,
      actions: r.actions,
      notActions: r.notActions,
      dataActions: r.dataActions,
      notDataActions: r.notDataActions,
      assignableScopes: [`/subscriptions/${r.subscriptionId.toLowerCase()}`],
    }));
  }

  /** A role by GUID or name: built-in first, then custom. */
  find(nameOrGuid: string): RoleDefinition | undefined {
    const key = nameOrGuid.toLowerCase();
    return (
      findRole(key) ?? this.custom.find((r) => r.guid === key || r.roleName.toLowerCase() === key)
    );
  }

  /** The roles a list at `scope` shows: every built-in role, and the custom roles assignable there. */
  visibleAt(scope: string): RoleDefinition[] {
    const at = normalizeScope(scope);
    return [
      ...builtInRoles,
      ...this.custom.filter((r) => (r.assignableScopes ?? []).some((s) => scopeCovers(s, at))),
    ];
  }
}
