import { z } from 'zod';
import {
  DEFAULT_NAMESPACE,
  MAX_DESCRIPTION_LENGTH,
  computeNameProblem,
  descriptionProblem,
  namespaceProblem,
} from '../azure/names';
import { Guid } from './accounts';
import { StrictArmId } from './arm-input';
import { ArmId, ComputeDriftChange, ComputeView, ProvisioningError } from './inventory';
import { PresetKey } from './roles';

/** Plain-words messages from the shared naming rules (the form shows the same sentences). */
const ruled = (rule: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = rule(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** The identity a Kubernetes compute gets: none, its own system-assigned one, or exactly one user-assigned one. */
export const IdentityChoice = z.discriminatedUnion('type', [
  z.object({ type: z.literal('None') }).strict(),
  z.object({ type: z.literal('SystemAssigned') }).strict(),
  z.object({ type: z.literal('UserAssigned'), identityId: StrictArmId }).strict(),
]);
export type IdentityChoice = z.infer<typeof IdentityChoice>;

export const ComputeName = z.string().max(16).superRefine(ruled(computeNameProblem));
export const KubernetesNamespace = z.string().max(63).superRefine(ruled(namespaceProblem));
export const ComputeDescription = z
  .string()
  .max(MAX_DESCRIPTION_LENGTH)
  .superRefine(ruled(descriptionProblem));

/** What the attach form sends: everything Azure ML needs to attach one cluster to one workspace. */
export const AttachRequest = z
  .object({
    workspaceId: StrictArmId,
    clusterId: StrictArmId,
    computeName: ComputeName,
    namespace: KubernetesNamespace.default(DEFAULT_NAMESPACE),
    description: ComputeDescription.default(''),
    identity: IdentityChoice,
    /**
     * Presets granted to the compute's identity once it reaches Succeeded and its principal is
     * known, each as its own grant (none for identity None).
     */
    grants: z.array(PresetKey).max(PresetKey.options.length).optional(),
  })
  .strict();
export type AttachRequest = z.infer<typeof AttachRequest>;
export type AttachRequestInput = z.input<typeof AttachRequest>;

/** One check of the preflight. `not-checked` says the check could not be made — never that it passed. */
export const PreflightOutcome = z.enum(['passed', 'failed', 'warning', 'not-checked']);
export type PreflightOutcome = z.infer<typeof PreflightOutcome>;

export const PreflightCheck = z.enum([
  'workspace',
  'cluster',
  'extension',
  'connectivity',
  'subscription',
  'region',
  'name',
  'compute-write',
  'identity-assign',
  'namespace',
]);
export type PreflightCheck = z.infer<typeof PreflightCheck>;

export const PreflightFinding = z.object({
  check: PreflightCheck,
  outcome: PreflightOutcome,
  /** One line: what was found. */
  title: z.string(),
  /** What it means and what to do about it. */
  detail: z.string(),
  /** The command that fixes it, ready to copy (az k8s-extension create, kubectl create namespace …). */
  command: z.string().nullable(),
});
export type PreflightFinding = z.infer<typeof PreflightFinding>;

export const PreflightReport = z.object({
  findings: z.array(PreflightFinding),
  /** True when a finding failed: attaching now would fail (at once or late). */
  blocking: z.boolean(),
  checkedAt: z.string(),
});
export type PreflightReport = z.infer<typeof PreflightReport>;

/** The commands that do exactly what Mooring sends, ready to copy. */
export const EquivalentCommands = z.object({
  /** `az ml compute attach|update|detach …` */
  az: z.string(),
  /** `az rest --method … --url … --body …`: the same request, byte for byte in its body. */
  azRest: z.string(),
});
export type EquivalentCommands = z.infer<typeof EquivalentCommands>;

export const RequestPreview = z.object({
  method: z.enum(['PUT', 'DELETE']),
  /** The URL path and query Mooring will send (host excluded). */
  path: z.string(),
  /** The JSON body, pretty-printed; null for a DELETE. */
  body: z.string().nullable(),
  commands: EquivalentCommands,
});
export type RequestPreview = z.infer<typeof RequestPreview>;

export const OperationKind = z.enum([
  'attach',
  'update-identity',
  'detach',
  'grant-role',
  'remove-role',
]);
/** The kinds the operations service follows on a compute; role grants are the roles service's. */
export const COMPUTE_OPERATION_KINDS = ['attach', 'update-identity', 'detach'] as const;
export type OperationKind = z.infer<typeof OperationKind>;

/**
 * `pending`: recorded, not yet sent. `running`: sent, being followed to its end (across restarts).
 * `succeeded` / `failed`: the terminal state Azure reported.
 */
export const OperationStatus = z.enum(['pending', 'running', 'succeeded', 'failed']);
export type OperationStatus = z.infer<typeof OperationStatus>;

export const OperationView = z.object({
  operationId: z.string(),
  kind: OperationKind,
  status: OperationStatus,
  computeId: ArmId,
  computeName: z.string(),
  workspaceId: ArmId,
  workspaceName: z.string(),
  clusterId: z.string().nullable(),
  subscriptionId: Guid,
  tenantId: Guid,
  accountId: z.string(),
  /** One line for lists: "Attach aks-prod to ws-train as k8s-a". */
  summary: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  pollCount: z.number().int().nonnegative(),
  /** The compute's provisioning state as last seen. */
  provisioningState: z.string().nullable(),
  /** Every provisioningErrors entry (or the operation error), code and message verbatim. */
  errors: z.array(ProvisioningError),
  /** The outcome in plain words, or what it is waiting for ("Azure asked to wait 30 s"). */
  message: z.string().nullable(),
});
export type OperationView = z.infer<typeof OperationView>;

export const OperationPoll = z.object({
  at: z.string(),
  /** HTTP status of the poll; null when the request did not get an answer. */
  httpStatus: z.number().int().nullable(),
  /** InProgress, Succeeded, Failed, or the compute's provisioningState. */
  status: z.string(),
  retryAfterSeconds: z.number().nullable(),
  note: z.string().nullable(),
});
export type OperationPoll = z.infer<typeof OperationPoll>;

export const OperationDetail = z.object({
  operation: OperationView,
  request: RequestPreview,
  polls: z.array(OperationPoll),
});
export type OperationDetail = z.infer<typeof OperationDetail>;

/** A state of a compute, with when and where it was observed (a refresh, an operation's poll). */
export const StateObservation = z.object({
  state: z.string(),
  observedAt: z.string(),
  source: z.enum(['refresh', 'operation']),
  operationId: z.string().nullable(),
  /** On a refresh's observation: the changes made outside Mooring it found (absent or null: none). */
  changes: z.array(ComputeDriftChange).nullable().optional(),
});
export type StateObservation = z.infer<typeof StateObservation>;

export const ComputeIdentityDetail = z.object({
  type: z.string(),
  principalId: z.string().nullable(),
  clientId: z.string().nullable(),
  tenantId: z.string().nullable(),
  userAssignedIdentityId: z.string().nullable(),
  /** System-assigned: how Entra ID and the portal name it, `<workspace>/computes/<compute>`. */
  directoryName: z.string().nullable(),
});
export type ComputeIdentityDetail = z.infer<typeof ComputeIdentityDetail>;

export const ComputeDetail = z.object({
  compute: ComputeView,
  identity: ComputeIdentityDetail,
  stateHistory: z.array(StateObservation),
  operations: z.array(OperationView),
});
export type ComputeDetail = z.infer<typeof ComputeDetail>;

/** What changing a compute's identity would cost: the role assignments of the principal that goes away. */
export const IdentityChangePreview = z.object({
  request: RequestPreview,
  /** True when the compute's current principal stops existing for it (a new system-assigned one, or none). */
  principalChanges: z.boolean(),
  /** The current principal's role assignments that would not carry over, in plain words each. */
  assignmentsLost: z.array(z.object({ roleName: z.string(), scope: z.string() })),
  /** False when the assignments could not be read (then assignmentsLost is not the whole truth). */
  assignmentsReadable: z.boolean(),
});
export type IdentityChangePreview = z.infer<typeof IdentityChangePreview>;

export const ComputeTarget = z.object({ computeId: StrictArmId }).strict();
export const OperationTarget = z.object({ operationId: z.string().min(1).max(100) }).strict();
