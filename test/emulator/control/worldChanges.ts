import { z } from 'zod';
import type { EmulatorContext } from '../core/context';
import { newGuid } from '../core/ids';
import { json, type Reply } from '../core/reply';
import { arcConnectivityStatuses, provisioningStates } from '../scenario/schema';
import type { ComputeIdentity, ComputeRecord } from '../world/computes';

/**
 * Changes to Azure made "outside Mooring" (someone in the portal, another tool, Azure itself), for drift and
 * crash tests: they act on the state directly, with no ARM request and nothing in the request log.
 */

const errorEntry = z.strictObject({
  code: z.string().min(1),
  message: z.string().min(1),
  target: z.string().optional(),
});

const identityChange = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('None') }),
  z.strictObject({ type: z.literal('SystemAssigned') }),
  z.strictObject({ type: z.literal('UserAssigned'), userAssignedIdentityId: z.string() }),
]);

export const computeChange = z.strictObject({
  /** The compute's ARM id. */
  id: z.string(),
  provisioningState: z.enum(provisioningStates).optional(),
  /** Replaces provisioningErrors; when absent, a new state other than Failed clears them. */
  provisioningErrors: z.array(errorEntry).optional(),
  identity: identityChange.optional(),
  /** null removes the description. */
  description: z.string().nullable().optional(),
  namespace: z.string().optional(),
  /** Then, `afterMs` later, the compute moves on by itself to `state` (with `errors`), as a running operation would. */
  settle: z
    .strictObject({
      afterMs: z.number().nonnegative(),
      state: z.enum(['Succeeded', 'Failed']),
      errors: z.array(errorEntry).default([]),
    })
    .optional(),
});

export const computeRemoval = z.strictObject({ id: z.string() });

const extensionChange = z.strictObject({
  name: z.string().optional(),
  provisioningState: z
    .enum(['Succeeded', 'Failed', 'Creating', 'Updating', 'Deleting', 'Canceled'])
    .optional(),
  version: z.string().optional(),
  releaseTrain: z.string().optional(),
});

export const clusterChange = z.strictObject({
  /** The cluster's ARM id (AKS or Arc). */
  id: z.string(),
  /** Arc clusters only. */
  connectivityStatus: z.enum(arcConnectivityStatuses).optional(),
  /** null uninstalls the Azure ML extension; an object installs it or changes it (defaults as the scenario's). */
  azureMlExtension: extensionChange.nullable().optional(),
});

export const principalNotFoundChange = z.strictObject({
  /** The principal object id; absent = every principal. */
  principalId: z.string().optional(),
  seconds: z.number().positive(),
});

function notFound(what: string, id: string): Reply {
  return json(404, { error: { code: 'NotFound', message: `No ${what} '${id}' in the emulator.` } });
}

function conflict(message: string): Reply {
  return json(409, { error: { code: 'InvalidWorldChange', message } });
}

export function changeCompute(
  ctx: EmulatorContext,
  change: z.output<typeof computeChange>,
  now: number,
): Reply {
  const compute = ctx.world.findCompute(change.id, now);
  if (!compute) return notFound('compute', change.id);
  if (change.identity) {
    const problem = changeIdentity(ctx, compute, change.identity, now);
    if (problem) return problem;
  }
  if (change.provisioningState) {
    compute.provisioningState = change.provisioningState;
    // A state set from outside replaces whatever the emulator had scheduled.
    delete compute.transition;
    delete compute.goneAt;
    if (!change.provisioningErrors && change.provisioningState !== 'Failed')
      compute.provisioningErrors = [];
  }
  if (change.provisioningErrors) compute.provisioningErrors = change.provisioningErrors;
  if (change.settle)
    compute.transition = {
      at: now + change.settle.afterMs,
      state: change.settle.state,
      errors: change.settle.errors,
    };
  if (change.description === null) delete compute.description;
  else if (change.description !== undefined) compute.description = change.description;
  if (change.namespace !== undefined)
    compute.kubernetesProperties = { ...compute.kubernetesProperties, namespace: change.namespace };
  compute.modifiedOn = new Date(now).toISOString();
  return json(200, { id: compute.id, provisioningState: compute.provisioningState });
}

function changeIdentity(
  ctx: EmulatorContext,
  compute: ComputeRecord,
  requested: z.output<typeof identityChange>,
  now: number,
): Reply | undefined {
  const directory = ctx.world.directory;
  const old = compute.identity;
  let identity: ComputeIdentity;
  if (requested.type === 'UserAssigned') {
    const uai = ctx.world.findIdentity(requested.userAssignedIdentityId);
    if (!uai) return notFound('user-assigned identity', requested.userAssignedIdentityId);
    identity = {
      type: 'UserAssigned',
      identityId: uai.id,
      principalId: uai.principalId,
      clientId: uai.clientId,
    };
  } else if (requested.type === 'SystemAssigned') {
    if (old.type === 'SystemAssigned') return undefined;
    const workspace = ctx.world.findWorkspace(compute.workspaceId);
    if (!workspace) return conflict(`The workspace of compute '${compute.id}' is gone.`);
    const principalId = newGuid();
    // A new system-assigned identity: a new principal, replicating from now on.
    directory.addPrincipal({
      objectId: principalId,
      tenantId: workspace.tenantId,
      type: 'ServicePrincipal',
      displayName: `${workspace.name}/computes/${compute.name}`,
      createdAt: now,
    });
    identity = { type: 'SystemAssigned', principalId, tenantId: workspace.tenantId };
  } else {
    identity = { type: 'None' };
  }
  if (old.type === 'SystemAssigned') directory.removePrincipal(old.principalId);
  compute.identity = identity;
  return undefined;
}

export function removeCompute(
  ctx: EmulatorContext,
  removal: z.output<typeof computeRemoval>,
  now: number,
): Reply {
  const compute = ctx.world.findCompute(removal.id, now);
  if (!compute) return notFound('compute', removal.id);
  ctx.world.removeCompute(compute);
  return json(200, { removed: compute.id });
}

export function changeCluster(ctx: EmulatorContext, change: z.output<typeof clusterChange>): Reply {
  const cluster = ctx.world.findCluster(change.id);
  if (!cluster) return notFound('cluster', change.id);
  if (change.connectivityStatus) {
    if (cluster.kind !== 'arc')
      return conflict(`connectivityStatus is an Arc cluster property; '${cluster.id}' is AKS.`);
    cluster.connectivityStatus = change.connectivityStatus;
  }
  if (change.azureMlExtension === null) cluster.azureMlExtension = null;
  else if (change.azureMlExtension) {
    const current = cluster.azureMlExtension ?? {
      name: 'azureml',
      provisioningState: 'Succeeded' as const,
      version: '1.1.74',
      releaseTrain: 'stable',
    };
    cluster.azureMlExtension = {
      name: change.azureMlExtension.name ?? current.name,
      provisioningState: change.azureMlExtension.provisioningState ?? current.provisioningState,
      version: change.azureMlExtension.version ?? current.version,
      releaseTrain: change.azureMlExtension.releaseTrain ?? current.releaseTrain,
    };
  }
  return json(200, {
    id: cluster.id,
    connectivityStatus: cluster.kind === 'arc' ? cluster.connectivityStatus : null,
    azureMlExtension: cluster.azureMlExtension,
  });
}

/** A directory principal as the emulator holds it, and whether role assignments can see it yet. */
export function describePrincipal(ctx: EmulatorContext, objectId: string, now: number): Reply {
  const principal = ctx.world.directory.principalRecord(objectId);
  if (!principal) return notFound('directory principal', objectId);
  const replicated =
    ctx.world.directory.findPrincipal(
      objectId,
      now,
      ctx.world.settings.principalReplicationDelayMs,
    ) !== undefined;
  return json(200, {
    objectId: principal.objectId,
    tenantId: principal.tenantId,
    type: principal.type,
    displayName: principal.displayName,
    replicated,
  });
}
