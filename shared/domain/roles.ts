import { z } from 'zod';
import { Guid } from './accounts';
import { ArmId, StrictArmId } from './arm-input';

/**
 * The Entra ID principal of a compute's managed identity: the compute's own (system-assigned,
 * named `<workspace>/computes/<compute>` in the directory) or a user-assigned identity resource.
 */
export const RolePrincipal = z.object({
  kind: z.enum(['system-assigned', 'user-assigned']),
  principalId: Guid,
  /** The application (client) id; known for user-assigned identities. */
  clientId: z.string().nullable(),
  tenantId: Guid,
  /** How Entra ID and the portal name it: `<workspace>/computes/<compute>`, or the identity's name. */
  directoryName: z.string(),
  /** User-assigned only: the identity resource, its name and resource group. */
  identityId: ArmId.nullable(),
  identityName: z.string().nullable(),
  resourceGroup: z.string().nullable(),
});
export type RolePrincipal = z.infer<typeof RolePrincipal>;

export const ScopeKind = z.enum([
  'root',
  'management-group',
  'subscription',
  'resource-group',
  'workspace',
  'storage-account',
  'container-registry',
  'key-vault',
  'resource',
]);
export type ScopeKind = z.infer<typeof ScopeKind>;

/** A role-assignment scope as a person reads it: "stmain (storage account)". */
export const ScopeView = z.object({
  id: z.string(),
  name: z.string(),
  kind: ScopeKind,
  /** "storage account", "resource group", or the resource type for other resources. */
  kindLabel: z.string(),
});
export type ScopeView = z.infer<typeof ScopeView>;

/** What to run elsewhere to do the same, and where the portal shows the scope's access. */
export const RoleCommands = z.object({
  /** `az role assignment create|delete …` */
  az: z.string(),
  /** `New-AzRoleAssignment` / `Remove-AzRoleAssignment …` */
  powershell: z.string(),
  /** The scope's Access control (IAM) page in the portal of the account's cloud; null for a custom cloud. */
  portalUrl: z.string().nullable(),
});
export type RoleCommands = z.infer<typeof RoleCommands>;

export const RoleAssignmentView = z.object({
  assignmentId: z.string(),
  roleDefinitionId: z.string(),
  roleName: z.string(),
  scope: ScopeView,
  /** True when the assignment sits above the workspace's resources (resource group, subscription …). */
  inherited: z.boolean(),
  /** When Azure says it was created, if it says. */
  createdOn: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** The commands that remove it; null when Mooring cannot address its scope (a management group). */
  removeCommands: RoleCommands.nullable(),
});
export type RoleAssignmentView = z.infer<typeof RoleAssignmentView>;

export const PresetKey = z.enum([
  'acr-pull',
  'storage-blob-data-reader',
  'storage-blob-data-contributor',
  'key-vault-secrets-user',
]);
export type PresetKey = z.infer<typeof PresetKey>;

export const PresetView = z.object({
  key: PresetKey,
  roleName: z.string(),
  roleDefinitionGuid: Guid,
  /** One line: what the compute can do with it. */
  purpose: z.string(),
  /** Null when the workspace has no such resource (then nothing is offered). */
  scope: ScopeView.nullable(),
  /** `inherited`: a broader assignment of the same role already covers the scope. */
  state: z.enum(['granted', 'inherited', 'not-granted', 'unavailable']),
  /** Why it is unavailable, in plain words. */
  reason: z.string().nullable(),
  grantCommands: RoleCommands.nullable(),
});
export type PresetView = z.infer<typeof PresetView>;

export const GrantStatus = z.enum([
  'pending',
  'running',
  'waiting-for-directory',
  'succeeded',
  'failed',
]);
export type GrantStatus = z.infer<typeof GrantStatus>;

/** One grant or removal, from request to its end; a grant waiting for Entra ID resumes after a restart. */
export const GrantView = z.object({
  grantId: z.string(),
  kind: z.enum(['grant', 'remove']),
  computeId: ArmId,
  principalId: Guid,
  roleDefinitionGuid: Guid.nullable(),
  roleName: z.string(),
  scope: ScopeView,
  status: GrantStatus,
  attempts: z.number().int().nonnegative(),
  /** Progress or outcome in plain words. */
  message: z.string().nullable(),
  /** The assignment created, or the one that already existed. */
  assignmentId: z.string().nullable(),
  /** True when Azure answered that the same assignment already existed. */
  alreadyExisted: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  /** The end of the wait for Entra ID's replication (ten minutes after the first attempt). */
  deadlineAt: z.string().nullable(),
  commands: RoleCommands,
});
export type GrantView = z.infer<typeof GrantView>;

/** A compute's identity and what it can reach, from the local record (with its age) or Azure. */
export const ComputeAccess = z.object({
  computeId: ArmId,
  computeName: z.string(),
  workspaceName: z.string(),
  subscriptionId: Guid,
  principal: RolePrincipal.nullable(),
  /** Why there is no principal (no identity, or its identity resource is not in the record). */
  noPrincipalReason: z.string().nullable(),
  assignments: z.array(RoleAssignmentView),
  presets: z.array(PresetView),
  /** When the assignments were last read from Azure; null when never. */
  readAt: z.string().nullable(),
  /** Why the last read failed (the record is shown as it was). */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Grants and removals running now or ended recently. */
  grants: z.array(GrantView),
});
export type ComputeAccess = z.infer<typeof ComputeAccess>;

export const RoleDefinitionView = z.object({
  roleDefinitionGuid: Guid,
  roleName: z.string(),
  description: z.string(),
  type: z.enum(['BuiltInRole', 'CustomRole']),
});
export type RoleDefinitionView = z.infer<typeof RoleDefinitionView>;

export const ScopeCheck = z.object({
  valid: z.boolean(),
  scope: ScopeView.nullable(),
  /** Why the id cannot be used, in plain words. */
  reason: z.string().nullable(),
});
export type ScopeCheck = z.infer<typeof ScopeCheck>;

/** Whether the signed-in account may write role assignments at a scope. */
export const PermissionCheck = z.object({
  scope: ScopeView,
  /** Null when it could not be read (then the grant may still be tried). */
  mayAssign: z.boolean().nullable(),
  detail: z.string(),
  /** The built-in roles that allow it, named when the account lacks them. */
  rolesThatAllow: z.array(z.string()),
  /** The grant's commands for someone who has one of them (when a role was named). */
  commands: RoleCommands.nullable(),
});
export type PermissionCheck = z.infer<typeof PermissionCheck>;

export const RemoveOutcome = z.object({
  assignmentId: z.string(),
  outcome: z.enum(['removed', 'already-gone']),
  grant: GrantView,
});
export type RemoveOutcome = z.infer<typeof RemoveOutcome>;

/** A pasted scope is validated by the service (so it can say why), within a bound here. */
export const PastedScope = z.string().max(2048);

export const ComputeRef = z.object({ computeId: StrictArmId }).strict();
