import { armIdPath, armResourceName, type ArmId } from '../../shared/azure/arm-id';
import type { PreflightFinding } from '../../shared/domain/operations';
import { extensionInstallCommand } from './fix-commands';
import {
  API_VERSIONS,
  answerCode,
  finding,
  propertiesOf,
  textOf,
  type PreflightTarget,
  type ResourceRead,
  type SubscriptionAccess,
} from './preflight-context';

/** Reads a resource; a failure before ARM answers (token, network) becomes the reason it was not asked. */
export async function readResource(
  access: SubscriptionAccess | null,
  request: {
    path: string;
    apiVersion: string;
    method?: 'GET' | 'POST';
    body?: unknown;
    query?: Record<string, string>;
  },
  noAccess: string,
): Promise<ResourceRead> {
  if (!access) return { kind: 'unasked', reason: noAccess };
  try {
    const answer = await access.arm.send({
      method: request.method ?? 'GET',
      path: request.path,
      apiVersion: request.apiVersion,
      ...(request.query ? { query: request.query } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    return { kind: 'answered', answer };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'unasked', reason: `Azure could not be asked: ${message}` };
  }
}

/** A workspace or cluster: readable, missing, or forbidden, in plain words. */
export function readableFinding(
  check: 'workspace' | 'cluster',
  id: ArmId,
  read: ResourceRead,
): PreflightFinding {
  const what = check === 'workspace' ? 'workspace' : 'cluster';
  const name = armResourceName(id);
  if (read.kind === 'unasked') {
    return finding(check, 'not-checked', `The ${what} ${name} was not read`, read.reason);
  }
  const { answer } = read;
  if (answer.status === 200) {
    return finding(
      check,
      'passed',
      `The ${what} ${name} is readable`,
      `Found in resource group ${id.resourceGroup ?? ''} of subscription ${id.subscriptionId}.`,
    );
  }
  if (answer.status === 404) {
    return finding(
      check,
      'failed',
      `The ${what} ${name} was not found`,
      `Azure has no ${what} ${name} in resource group ${id.resourceGroup ?? ''} of subscription ${id.subscriptionId} (${answerCode(answer)}). It may have been deleted or moved: refresh the inventory and pick it again.`,
    );
  }
  if (answer.status === 403) {
    return finding(
      check,
      'failed',
      `You may not read the ${what} ${name}`,
      `Azure refused to show it to the signed-in account (${answerCode(answer)}). Ask for at least Reader on it, or sign in with an account that has access.`,
    );
  }
  return finding(
    check,
    'not-checked',
    `The ${what} ${name} could not be read`,
    `Azure answered ${answerCode(answer)}${answer.message ? `: ${answer.message}` : ''}. Try again in a moment.`,
  );
}

const AZURE_ML_EXTENSION_TYPE = 'microsoft.azureml.kubernetes';

export function extensionsPath(cluster: ArmId): string {
  return `${armIdPath(cluster)}/providers/Microsoft.KubernetesConfiguration/extensions`;
}

/** The Azure ML extension: present and Succeeded, or what to do. */
export function extensionFinding(target: PreflightTarget, read: ResourceRead): PreflightFinding {
  const name = armResourceName(target.cluster);
  const command = extensionInstallCommand(target.cluster);
  if (read.kind === 'unasked') {
    return finding(
      'extension',
      'not-checked',
      'The Azure ML extension was not checked',
      read.reason,
    );
  }
  if (read.answer.status !== 200) {
    return finding(
      'extension',
      'not-checked',
      `The extensions of ${name} could not be listed`,
      `Azure answered ${answerCode(read.answer)}. Listing them needs Microsoft.KubernetesConfiguration/extensions/read on the cluster. Without the Azure ML extension (Succeeded) an attach fails.`,
    );
  }
  const items = (read.answer.body as { value?: unknown } | null)?.value;
  const extension = (Array.isArray(items) ? items : [])
    .map((item) =>
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {},
    )
    .find(
      (item) =>
        textOf(propertiesOf(item)['extensionType'])?.toLowerCase() === AZURE_ML_EXTENSION_TYPE,
    );
  if (!extension) {
    return finding(
      'extension',
      'failed',
      `${name} has no Azure ML extension`,
      'Azure ML needs its extension (Microsoft.AzureML.Kubernetes) on the cluster; without it the attach fails, often only much later. Install it with the command below (it takes a few minutes), then run the checks again.',
      command,
    );
  }
  const state = textOf(propertiesOf(extension)['provisioningState']) ?? 'Unknown';
  const extensionName = textOf(extension['name']) ?? 'azureml';
  if (state.toLowerCase() === 'succeeded') {
    return finding(
      'extension',
      'passed',
      `The Azure ML extension of ${name} is installed`,
      `Extension ${extensionName} is Succeeded.`,
    );
  }
  const busy = ['creating', 'updating'].includes(state.toLowerCase());
  return finding(
    'extension',
    'failed',
    `The Azure ML extension of ${name} is ${state}`,
    busy
      ? `Extension ${extensionName} is still being installed or updated; an attach now would fail. Wait until it shows Succeeded, then run the checks again.`
      : `Extension ${extensionName} did not install (${state}); an attach would fail. Look at its status in the portal, remove it (az k8s-extension delete --name ${extensionName} …) and install it again with the command below.`,
    busy ? null : command,
  );
}

/** Arc only: an agent that is not connected cannot run Azure ML. */
export function connectivityFinding(
  target: PreflightTarget,
  clusterBody: Record<string, unknown> | null,
): PreflightFinding {
  const name = armResourceName(target.cluster);
  const status = textOf(propertiesOf(clusterBody)['connectivityStatus']);
  if (!status) {
    return finding(
      'connectivity',
      'not-checked',
      `The connectivity of ${name} is unknown`,
      "Azure did not report the Arc agent's connectivity status. Check it in the portal or with az connectedk8s show.",
    );
  }
  if (status.toLowerCase() === 'connected') {
    return finding(
      'connectivity',
      'passed',
      `${name} is connected to Azure`,
      'Its Arc agent reports Connected.',
    );
  }
  if (status.toLowerCase() === 'connecting') {
    return finding(
      'connectivity',
      'warning',
      `${name} is still connecting to Azure`,
      'Its Arc agent reports Connecting; an attach succeeds only once it is Connected. Wait a few minutes and run the checks again.',
    );
  }
  return finding(
    'connectivity',
    'failed',
    `${name} is ${status}`,
    `Its Arc agent reports ${status}: Azure cannot reach the cluster, so an attach would fail. Bring the agents back (check the cluster's outbound network, then az connectedk8s show and, for Expired, az connectedk8s upgrade or re-connect), then run the checks again.`,
  );
}

export function subscriptionFinding(target: PreflightTarget): PreflightFinding {
  if (target.workspace.subscriptionId === target.cluster.subscriptionId) {
    return finding(
      'subscription',
      'passed',
      'The cluster and the workspace share a subscription',
      `Both are in subscription ${target.cluster.subscriptionId}.`,
    );
  }
  return finding(
    'subscription',
    'failed',
    'The cluster is in another subscription than the workspace',
    `The cluster is in subscription ${target.cluster.subscriptionId}, the workspace in ${target.workspace.subscriptionId}. Azure ML attaches only clusters of the workspace's own subscription; the attach would fail. Pick a workspace in the cluster's subscription (or a cluster in the workspace's).`,
  );
}

const normalizedRegion = (value: unknown): string | null =>
  textOf(value)?.toLowerCase().replace(/\s+/g, '') ?? null;

export function regionFinding(
  workspaceBody: Record<string, unknown> | null,
  clusterBody: Record<string, unknown> | null,
): PreflightFinding {
  const workspaceRegion = normalizedRegion(workspaceBody?.['location']);
  const clusterRegion = normalizedRegion(clusterBody?.['location']);
  if (!workspaceRegion || !clusterRegion) {
    return finding(
      'region',
      'not-checked',
      'The regions were not compared',
      'The workspace or the cluster could not be read.',
    );
  }
  if (workspaceRegion === clusterRegion) {
    return finding(
      'region',
      'passed',
      `The cluster and the workspace are both in ${clusterRegion}`,
      'Jobs and their data stay in one region.',
    );
  }
  return finding(
    'region',
    'warning',
    `The cluster is in ${clusterRegion}, the workspace in ${workspaceRegion}`,
    "The attach works, but every job moves data between regions: slower, and Azure charges for the egress. Prefer a workspace in the cluster's region when you can.",
  );
}

export function clusterPath(target: PreflightTarget): { path: string; apiVersion: string } {
  return {
    path: armIdPath(target.cluster),
    apiVersion:
      target.clusterKind === 'aks' ? API_VERSIONS.managedClusters : API_VERSIONS.connectedClusters,
  };
}
