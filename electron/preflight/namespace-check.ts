import { armIdPath, armResourceName } from '../../shared/azure/arm-id';
import type { PreflightFinding } from '../../shared/domain/operations';
import type { Logger } from '../logging/logger';
import { kubectlCreateNamespace, kubectlGetNamespace } from './fix-commands';
import { KubeconfigProblem, readKubeconfig, type KubernetesApiTarget } from './kubeconfig';
import {
  KubernetesUnreachable,
  type KubernetesAnswer,
  type KubernetesClientFactory,
} from './kubernetes-client';
import {
  API_VERSIONS,
  answerCode,
  failureText,
  finding,
  propertiesOf,
  type PreflightTarget,
  type SubscriptionAccess,
} from './preflight-context';
import { readResource } from './resource-checks';

/** The AKS server application: Entra-integrated API servers take its tokens (the same in every tenant). */
export const AKS_SERVER_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

export interface NamespaceCheckDeps {
  readonly kubernetesClients: KubernetesClientFactory;
  /** Told of every API server a token is about to go to (the app's bearer-host policy registers it). */
  readonly onKubernetesServer?: (origin: string) => void;
  readonly logger?: Logger;
}

const notChecked = (target: PreflightTarget, title: string, detail: string): PreflightFinding =>
  finding('namespace', 'not-checked', title, detail, kubectlGetNamespace(target.namespace));

/**
 * Azure ML neither creates nor checks the namespace, and jobs sent to a missing one fail later.
 * AKS: the user credential's kubeconfig names the API server; ask it for the namespace with an
 * Entra token for the AKS server application (or the local account's certificate). Arc: its API
 * server is reachable only through cluster connect, so the check is left to the admin.
 */
export async function namespaceFinding(
  deps: NamespaceCheckDeps,
  access: SubscriptionAccess | null,
  target: PreflightTarget,
  clusterBody: Record<string, unknown> | null,
): Promise<PreflightFinding> {
  const ns = target.namespace;
  const name = armResourceName(target.cluster);
  const title = `The namespace ${ns} was not checked`;
  if (target.clusterKind === 'arc') {
    return notChecked(
      target,
      title,
      `${name} is an Arc-enabled cluster: its API server cannot be reached from this computer without cluster connect (az connectedk8s proxy). Run the command below where you can reach the cluster; if the namespace is missing, create it with ${kubectlCreateNamespace(ns)} before any job runs.`,
    );
  }
  const credential = await readResource(
    access,
    {
      method: 'POST',
      path: `${armIdPath(target.cluster)}/listClusterUserCredential`,
      apiVersion: API_VERSIONS.managedClusters,
    },
    "No signed-in account can reach the cluster's subscription.",
  );
  if (credential.kind === 'unasked') return notChecked(target, title, credential.reason);
  if (credential.answer.status === 403) {
    return notChecked(
      target,
      title,
      `You may not read the user credential of ${name} (${answerCode(credential.answer)}): it needs Microsoft.ContainerService/managedClusters/listClusterUserCredential/action, e.g. the role "Azure Kubernetes Service Cluster User Role". Check the namespace with the command below.`,
    );
  }
  if (credential.answer.status !== 200) {
    return notChecked(
      target,
      title,
      `Azure answered ${answerCode(credential.answer)} for the cluster's user credential.`,
    );
  }
  let apiTarget: KubernetesApiTarget;
  try {
    const kubeconfigs = (
      credential.answer.body as { kubeconfigs?: Array<{ value?: unknown }> } | null
    )?.kubeconfigs;
    const value = Array.isArray(kubeconfigs) ? kubeconfigs[0]?.value : undefined;
    if (typeof value !== 'string') throw new KubeconfigProblem('Azure answered no kubeconfig');
    apiTarget = readKubeconfig(value);
  } catch (error) {
    if (!(error instanceof KubeconfigProblem)) throw error;
    return notChecked(
      target,
      title,
      `Mooring did not use the cluster's credential: ${error.message}.`,
    );
  }

  let token: string | null = null;
  if (!apiTarget.clientCertificate) {
    try {
      token = (await access?.credential.getToken(AKS_SERVER_SCOPE))?.token ?? null;
    } catch (error) {
      return notChecked(
        target,
        title,
        `No Entra token for the cluster's API server could be had: ${failureText(error)}.`,
      );
    }
    if (!token)
      return notChecked(target, title, "No Entra token for the cluster's API server could be had.");
  }

  const client = deps.kubernetesClients(apiTarget);
  deps.onKubernetesServer?.(client.origin);
  let answer: KubernetesAnswer;
  try {
    answer = await client.getNamespace(ns, token);
  } catch (error) {
    if (!(error instanceof KubernetesUnreachable)) throw error;
    deps.logger?.warn('The API server of a cluster could not be reached', {
      host: error.host,
      code: error.code,
    });
    const privateCluster = propertiesOf(clusterBody)['apiServerAccessProfile'] as
      { enablePrivateCluster?: unknown } | undefined;
    const why =
      privateCluster?.enablePrivateCluster === true
        ? `${name} is a private cluster: its API server is reachable only from its virtual network (or through a VPN, peering or jump box).`
        : `It may be a private cluster, or a firewall or the cluster's authorized IP ranges keep this computer out.`;
    return notChecked(
      target,
      title,
      `The API server ${error.host} could not be reached from this computer (${error.code}). ${why} Run the command below from a machine that reaches it.`,
    );
  }
  if (answer.status === 200) {
    return finding(
      'namespace',
      'passed',
      `The namespace ${ns} exists on ${name}`,
      'Jobs of this compute run in it.',
    );
  }
  if (answer.status === 404 && answer.reason === 'NotFound') {
    return finding(
      'namespace',
      'failed',
      `The namespace ${ns} does not exist on ${name}`,
      'Azure ML neither creates nor checks it: the attach would succeed, and then every job would fail. Create it with the command below (or choose an existing namespace).',
      kubectlCreateNamespace(ns),
    );
  }
  if (answer.status === 403) {
    return notChecked(
      target,
      title,
      `Kubernetes RBAC on ${name} does not let you read namespaces (Forbidden): whether ${ns} exists is unknown, not missing. Ask a cluster administrator, or run the command below with rights to read namespaces.`,
    );
  }
  if (answer.status === 401) {
    return notChecked(
      target,
      title,
      `The API server of ${name} did not accept your credentials (Unauthorized). The cluster may not use Entra ID integration, or your token is for another tenant.`,
    );
  }
  return notChecked(
    target,
    title,
    `The API server of ${name} answered HTTP ${answer.status}${answer.reason ? ` (${answer.reason})` : ''}.`,
  );
}
