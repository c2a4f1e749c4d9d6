import { z } from 'zod';
import { Guid } from '../domain/accounts';
import { StrictArmId } from '../domain/arm-input';
import {
  ComputeAccess,
  ComputeRef,
  GrantView,
  PastedScope,
  PermissionCheck,
  PresetKey,
  RemoveOutcome,
  RoleDefinitionView,
  ScopeCheck,
  ScopeView,
} from '../domain/roles';
import { event, operation } from './contract-kit';

/** Roles for compute identities: what a compute's identity can reach, and granting it more. */
export const rolesOperations = {
  'roles.get': operation({
    summary: "A compute's identity, its role assignments and presets, from the local record.",
    input: ComputeRef,
    output: ComputeAccess,
  }),
  'roles.refresh': operation({
    summary:
      "Read the identity's role assignments from Azure (inherited ones too) and record them.",
    input: ComputeRef,
    output: ComputeAccess,
  }),
  'roles.searchDefinitions': operation({
    summary:
      'Role definitions (built-in and custom) of the compute subscription, by name or description.',
    input: z.object({ computeId: StrictArmId, query: z.string().max(200) }).strict(),
    output: z.array(RoleDefinitionView),
  }),
  'roles.scopes': operation({
    summary:
      "The scopes to pick from: the workspace's resources, its resource group and subscription.",
    input: ComputeRef,
    output: z.array(ScopeView),
  }),
  'roles.checkScope': operation({
    summary:
      'Check a pasted resource id before anything is sent: well formed, in a subscription you see.',
    input: z.object({ computeId: StrictArmId, scopeId: PastedScope }).strict(),
    output: ScopeCheck,
  }),
  'roles.checkPermission': operation({
    summary: 'Whether you may write role assignments at a scope, and who could.',
    input: z
      .object({ computeId: StrictArmId, scopeId: PastedScope, roleDefinitionGuid: Guid.optional() })
      .strict(),
    output: PermissionCheck,
  }),
  'roles.grant': operation({
    summary:
      "Assign a role to the compute's identity at a scope; progress arrives as roles.grantChanged.",
    input: z
      .object({ computeId: StrictArmId, roleDefinitionGuid: Guid, scopeId: PastedScope })
      .strict(),
    output: GrantView,
  }),
  'roles.grantPreset': operation({
    summary:
      "Grant one of the workspace's presets (AcrPull, Storage Blob Data …, Key Vault Secrets User).",
    input: z.object({ computeId: StrictArmId, preset: PresetKey }).strict(),
    output: GrantView,
  }),
  'roles.remove': operation({
    summary: 'Remove a role assignment (the window has confirmed it); gone already counts as done.',
    input: z.object({ computeId: StrictArmId, assignmentId: PastedScope }).strict(),
    output: RemoveOutcome,
  }),
} as const;

export const rolesEvents = {
  'roles.grantChanged': event({
    summary: 'A grant or removal was recorded, retried, or ended.',
    payload: GrantView,
  }),
} as const;
