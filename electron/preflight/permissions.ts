import { z } from 'zod';

/**
 * The caller's effective permissions at a scope, as `{scope}/providers/Microsoft.Authorization/
 * permissions` answers them: one entry per role assignment that applies, each with its actions
 * and the notActions that carve out of those same actions.
 */
export const PermissionEntry = z.object({
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
});
export type PermissionEntry = z.infer<typeof PermissionEntry>;

export const PermissionsPage = z.object({
  value: z.array(PermissionEntry),
  nextLink: z.string().nullish(),
});

/**
 * ARM's action wildcards: `*` stands for any run of characters and names compare without regard
 * to case. A whole `/*\/` segment also stands for no segment at all, which is how the documented
 * `Microsoft.ManagedIdentity/userAssignedIdentities/*\/assign/action` of "Managed Identity
 * Operator" grants `Microsoft.ManagedIdentity/userAssignedIdentities/assign/action`.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split(/(\/\*\/|\*)/)
    .map((part) =>
      part === '/*/'
        ? '(?:/.*/|/)'
        : part === '*'
          ? '.*'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** True when some entry grants the action and none of that entry's notActions takes it back. */
export function permits(entries: readonly PermissionEntry[], action: string): boolean {
  return entries.some(
    (entry) =>
      entry.actions.some((pattern) => actionMatches(pattern, action)) &&
      !entry.notActions.some((pattern) => actionMatches(pattern, action)),
  );
}
