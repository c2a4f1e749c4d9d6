import { armIdPath, type ArmId } from '../../shared/azure/arm-id';
import type { RoleCommands, ScopeView } from '../../shared/domain/roles';
import type { ArmReader } from '../preflight/arm-reader';
import { PermissionEntry, permits } from '../preflight/permissions';
import { readAllPages } from './arm-pages';
import { ROLE_ADMIN_ROLES, ROLE_ASSIGNMENT_WRITE } from './role-catalog';

export interface PermissionAnswer {
  readonly mayAssign: boolean | null;
  readonly detail: string;
  readonly rolesThatAllow: string[];
}

const whoCan = `${ROLE_ADMIN_ROLES.slice(0, -1).join(', ')} or ${ROLE_ADMIN_ROLES.at(-1) ?? ''}`;

/**
 * Whether the signed-in account may write role assignments at a scope, from
 * `{scope}/providers/Microsoft.Authorization/permissions` (wildcards and notActions as ARM
 * applies them). If not, it names the roles that would allow it.
 */
export async function checkAssignPermission(
  arm: ArmReader,
  scope: ArmId,
  view: ScopeView,
  commands: RoleCommands | null,
): Promise<PermissionAnswer> {
  const read = await readAllPages(
    arm,
    `${armIdPath(scope)}/providers/Microsoft.Authorization/permissions`,
  );
  if (!read.ok) {
    return {
      mayAssign: null,
      detail: `Your permissions at ${view.name} could not be read (${read.answer?.code ?? read.answer?.status ?? read.reason}); the grant can still be tried.`,
      rolesThatAllow: [...ROLE_ADMIN_ROLES],
    };
  }
  const entries = read.items
    .map((item) => PermissionEntry.safeParse(item))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  if (permits(entries, ROLE_ASSIGNMENT_WRITE)) {
    return {
      mayAssign: true,
      detail: `You may assign roles at ${view.name} (${view.kindLabel}).`,
      rolesThatAllow: [],
    };
  }
  const handOver = commands
    ? ` Someone who holds one of them there can run: ${commands.az}`
    : ' Someone who holds one of them there can grant it for you.';
  return {
    mayAssign: false,
    detail: `Your account may not assign roles at ${view.name} (${view.kindLabel}): that takes ${whoCan} on it or above it.${handOver}`,
    rolesThatAllow: [...ROLE_ADMIN_ROLES],
  };
}
