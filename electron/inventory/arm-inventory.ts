import type { TokenCredential } from '@azure/core-auth';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { ArmClientOptions } from '../connection/runtime';
import { toComputeRecord, toWorkspaceRecord } from './inventory-mapping';
import type { ComputeRecord, WorkspaceRecord } from './inventory-records';

/**
 * Azure ML's client for one subscription, at the configured cloud's ARM. The SDK's own
 * api-version is kept; its retry policy handles 429 (honouring Retry-After) and transient 5xx
 * before an error reaches the caller.
 */
export function machineLearningClient(
  credential: TokenCredential,
  subscriptionId: string,
  clientOptions: ArmClientOptions,
): AzureMachineLearningWorkspaces {
  // The generated client takes request URLs from `$host` and the token scope from `endpoint`:
  // both must name the configured cloud's ARM.
  return new AzureMachineLearningWorkspaces(credential, subscriptionId, {
    ...clientOptions,
    $host: clientOptions.endpoint,
  });
}

const signalOption = (abortSignal?: AbortSignal) => (abortSignal ? { abortSignal } : {});

/** Every workspace of the client's subscription, following `nextLink` page after page. */
export async function listWorkspaces(
  client: AzureMachineLearningWorkspaces,
  abortSignal?: AbortSignal,
): Promise<WorkspaceRecord[]> {
  const listed: WorkspaceRecord[] = [];
  for await (const workspace of client.workspaces.listBySubscription(signalOption(abortSignal))) {
    const record = toWorkspaceRecord(workspace);
    if (record) listed.push(record);
  }
  return listed;
}

/** Every compute of one workspace (Kubernetes and the other types), following `nextLink`. */
export async function listComputes(
  client: AzureMachineLearningWorkspaces,
  workspace: Pick<WorkspaceRecord, 'resourceGroup' | 'name'>,
  abortSignal?: AbortSignal,
): Promise<ComputeRecord[]> {
  const listed: ComputeRecord[] = [];
  const pages = client.computeOperations.list(
    workspace.resourceGroup,
    workspace.name,
    signalOption(abortSignal),
  );
  for await (const compute of pages) {
    const record = toComputeRecord(compute);
    if (record) listed.push(record);
  }
  return listed;
}
