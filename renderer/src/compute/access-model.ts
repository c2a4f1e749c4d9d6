import { parseArmId } from '../../../shared/azure/arm-id';
import type {
  GrantView,
  PresetView,
  RoleAssignmentView,
  RolePrincipal,
  ScopeView,
} from '../../../shared/domain/roles';
import { timeAgo } from '../scope/relative-time';

/** What the Entra ID wait looks like to the user while a grant retries `PrincipalNotFound`. */
export const REPLICATION_MESSAGE =
  'Waiting for Entra ID to replicate the identity — usually under a minute.';

/** "stmain (storage account)". */
export const scopeLabel = (scope: Pick<ScopeView, 'name' | 'kindLabel'>): string =>
  `${scope.name} (${scope.kindLabel})`;

/** The identity as a confirmation names it: its name in Entra ID and its kind. */
export const principalLabel = (principal: RolePrincipal): string =>
  `${principal.directoryName} (${principal.kind === 'system-assigned' ? 'system-assigned' : 'user-assigned'} identity)`;

export interface AssignmentRow {
  readonly key: string;
  readonly role: string;
  readonly scope: string;
  readonly origin: 'Inherited' | 'Direct';
  /** "since 3 days ago" (Azure's creation time, or when Mooring first saw it). */
  readonly since: string;
  readonly removable: boolean;
}

/** One row per assignment: direct ones first, then by role and scope. */
export function assignmentRows(
  assignments: readonly RoleAssignmentView[],
  now: number,
): AssignmentRow[] {
  return [...assignments]
    .sort(
      (a, b) =>
        Number(a.inherited) - Number(b.inherited) ||
        a.roleName.localeCompare(b.roleName) ||
        a.scope.name.localeCompare(b.scope.name),
    )
    .map((assignment) => ({
      key: assignment.assignmentId,
      role: assignment.roleName,
      scope: scopeLabel(assignment.scope),
      origin: assignment.inherited ? 'Inherited' : 'Direct',
      since: `since ${timeAgo(assignment.createdOn ?? assignment.firstSeenAt, now)}`,
      removable: assignment.removeCommands !== null,
    }));
}

export interface PresetState {
  readonly label: string;
  readonly color: 'success' | 'informative' | 'subtle' | 'warning';
  /** The button: null when there is nothing to offer. */
  readonly action: string | null;
}

/** A preset's state and its one-click action, with a grant of it running now taking precedence. */
export function presetState(preset: PresetView, running: GrantView | null): PresetState {
  if (running && !ended(running)) {
    return { label: grantStatusLabel(running), color: 'informative', action: null };
  }
  switch (preset.state) {
    case 'granted':
      return { label: 'Granted', color: 'success', action: null };
    case 'inherited':
      return { label: 'Granted through a broader scope', color: 'success', action: null };
    case 'unavailable':
      return { label: 'Not available', color: 'subtle', action: null };
    case 'not-granted':
      return {
        label: running?.status === 'failed' ? 'Not granted: the last try failed' : 'Not granted',
        color: running?.status === 'failed' ? 'warning' : 'subtle',
        action: `Grant ${preset.roleName}`,
      };
  }
}

const ended = (grant: GrantView) => grant.status === 'succeeded' || grant.status === 'failed';

/** The newest grant of a role at a scope (a preset's running or last grant). */
export function grantFor(
  grants: readonly GrantView[],
  roleDefinitionGuid: string,
  scopeId: string,
): GrantView | null {
  const matching = grants
    .filter(
      (grant) =>
        grant.kind === 'grant' &&
        grant.roleDefinitionGuid?.toLowerCase() === roleDefinitionGuid.toLowerCase() &&
        grant.scope.id.toLowerCase() === scopeId.toLowerCase(),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return matching[0] ?? null;
}

export function grantStatusLabel(grant: GrantView): string {
  const verb = grant.kind === 'grant' ? 'Granting' : 'Removing';
  switch (grant.status) {
    case 'pending':
    case 'running':
      return `${verb}…`;
    case 'waiting-for-directory':
      return 'Waiting for Entra ID';
    case 'succeeded':
      if (grant.kind === 'remove') return 'Removed';
      return grant.alreadyExisted ? 'Already granted' : 'Granted';
    case 'failed':
      return 'Failed';
  }
}

/** One line of progress or outcome for a grant or removal, as the section lists it. */
export function grantLine(grant: GrantView): string {
  const what = `${grant.kind === 'grant' ? 'Grant' : 'Removal'} of ${grant.roleName} on ${scopeLabel(grant.scope)}`;
  if (grant.status === 'waiting-for-directory') {
    return `${what}: ${REPLICATION_MESSAGE} (attempt ${grant.attempts})`;
  }
  if (grant.status === 'failed') {
    return `${what} failed: ${grant.error?.message ?? grant.message ?? 'Azure refused it.'}`;
  }
  const status = grantStatusLabel(grant);
  return `${what}: ${status}${grant.message && grant.status !== 'succeeded' ? ` — ${grant.message}` : ''}`;
}

/** Grants to list under the section: running ones first, then the newest. */
export function visibleGrants(grants: readonly GrantView[], limit = 8): GrantView[] {
  return [...grants]
    .sort((a, b) => Number(ended(a)) - Number(ended(b)) || b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit);
}

/**
 * A pasted scope checked in the window before anything is sent: a well-formed ARM id (the main
 * process then checks that the account sees its subscription). Null when it is well formed.
 */
export function pastedScopeProblem(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return 'Paste the resource id of the scope.';
  const parsed = parseArmId(trimmed);
  return parsed.ok ? null : parsed.reason;
}

/** The removal confirmation's sentence: role, scope and identity, all named. */
export function removalQuestion(
  assignment: Pick<RoleAssignmentView, 'roleName' | 'scope'>,
  principal: RolePrincipal,
): string {
  return `Remove ${assignment.roleName} on ${scopeLabel(assignment.scope)} from ${principalLabel(principal)}?`;
}

/** The role GUID at the end of a role definition id; null when it does not end in one. */
export function roleGuidOf(roleDefinitionId: string): string | null {
  const last = roleDefinitionId.split('/').at(-1) ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(last)
    ? last.toLowerCase()
    : null;
}

/** The old identity's assignments a new identity can be given the same of (role and scope known). */
export function carriedOverGrants(
  assignments: readonly RoleAssignmentView[],
): { roleDefinitionGuid: string; scopeId: string; label: string }[] {
  return assignments.flatMap((assignment) => {
    const roleDefinitionGuid = roleGuidOf(assignment.roleDefinitionId);
    if (!roleDefinitionGuid || assignment.removeCommands === null) return [];
    return [
      {
        roleDefinitionGuid,
        scopeId: assignment.scope.id,
        label: `${assignment.roleName} on ${scopeLabel(assignment.scope)}`,
      },
    ];
  });
}
