export { BUILT_IN_ROLES, PRESETS, type PresetDefinition } from '../../shared/azure/role-presets';

/** The Microsoft.Authorization api-version Mooring speaks (AZURE.md). */
export const AUTHORIZATION_API_VERSION = '2022-04-01';

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/** The built-in roles that carry `roleAssignments/write`: who can grant what the account cannot. */
export const ROLE_ADMIN_ROLES: readonly string[] = [
  'Owner',
  'User Access Administrator',
  'Role Based Access Control Administrator',
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID.test(value);

/** The role GUID at the end of a role definition id, lower-cased; null when it is not one. */
export function roleGuidOf(roleDefinitionId: string): string | null {
  const last = roleDefinitionId.split('/').at(-1) ?? '';
  return isGuid(last) ? last.toLowerCase() : null;
}

/** `409 RoleAssignmentExists` names the existing assignment as 32 hex digits; this is its GUID. */
export function existingAssignmentGuid(message: string | null): string | null {
  const match = /\b([0-9a-f]{32})\b/i.exec(message ?? '');
  const hex = match?.[1]?.toLowerCase();
  if (!hex) return null;
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
