import { clusterId } from '../core/resourceIds';
import { armError, json, type Reply } from '../core/reply';
import { isRecord, jsonOf } from '../core/request';
import { stableGuid } from '../core/ids';
import type { EmulatorContext } from '../core/context';
import { apiServerOf } from '../kubernetes/apiServer';
import { kubeconfigYaml } from '../kubernetes/kubeconfig';
import type { ClusterRecord } from '../world/world';
import { notFound, requireAction, requireResourceGroup, requireSubscription } from './access';
import type { Caller } from './caller';
import { p, route, type ArmRoute } from './route';

/**
 * `listClusterUserCredential`: AKS answers a kubeconfig for its API server (an exec entry for
 * kubelogin on Entra-integrated clusters, a client certificate for local accounts); Arc answers the
 * Azure Relay details of cluster connect, with a kubeconfig for the local proxy.
 */

const aksAction = 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action';
const arcAction = 'Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action';

function findCluster(
  ctx: EmulatorContext,
  caller: Caller,
  kind: 'aks' | 'arc',
  params: Record<string, string>,
): ClusterRecord | Reply {
  const { sub = '', rg = '', cluster = '' } = params;
  const problem = requireSubscription(ctx, caller, sub) ?? requireResourceGroup(ctx, sub, rg);
  if (problem) return problem;
  const found = ctx.world.findCluster(clusterId(kind, sub, rg, cluster));
  if (!found) {
    const type =
      kind === 'aks'
        ? 'Microsoft.ContainerService/managedClusters'
        : 'Microsoft.Kubernetes/connectedClusters';
    return notFound(type, cluster, rg);
  }
  return found;
}

const isCluster = (value: ClusterRecord | Reply): value is ClusterRecord => 'kind' in value;

async function aksCredential(ctx: EmulatorContext, cluster: ClusterRecord): Promise<Reply> {
  const localAccounts = apiServerOf(cluster).localAccounts;
  const yaml = kubeconfigYaml({
    clusterName: cluster.name,
    resourceGroup: cluster.resourceGroup,
    serverUrl: ctx.kubernetes.serverUrlOf(cluster.id),
    caPem: ctx.kubernetes.caPem,
    tenantId: ctx.world.tenantOfSubscription(cluster.subscriptionId) ?? '',
    ...(localAccounts
      ? { clientCertificate: await ctx.kubernetes.clientCertificateFor(cluster.id) }
      : {}),
  });
  return json(200, {
    kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(yaml).toString('base64') }],
  });
}

function arcCredential(ctx: EmulatorContext, cluster: ClusterRecord, body: unknown): Reply {
  if (
    !isRecord(body) ||
    (body['authenticationMethod'] !== 'AAD' && body['authenticationMethod'] !== 'Token')
  ) {
    return armError(
      400,
      'InvalidRequestContent',
      "The request content was invalid: 'authenticationMethod' must be 'AAD' or 'Token'.",
    );
  }
  const hash = stableGuid('arc-relay', cluster.id.toLowerCase()).replace(/-/g, '');
  const now = Date.now();
  // With clientProxy the kubeconfig names the local proxy `az connectedk8s proxy` starts.
  const yaml = kubeconfigYaml({
    clusterName: cluster.name,
    resourceGroup: cluster.resourceGroup,
    serverUrl: `https://127.0.0.1:47011/${hash}`,
    caPem: ctx.kubernetes.caPem,
    tenantId: ctx.world.tenantOfSubscription(cluster.subscriptionId) ?? '',
  });
  return json(200, {
    hybridConnectionConfig: {
      expirationTime: Math.floor(now / 1000) + 3 * 3600,
      hybridConnectionName: `microsoft.kubernetes/connectedclusters/${hash}/${now}`,
      relay: `azgnrelay-${cluster.location}-l1`,
      token: `SharedAccessSignature sr=${hash}&sig=${stableGuid('relay-sig', hash, String(now)).replace(/-/g, '')}`,
    },
    kubeconfigs: [{ name: 'credentialName1', value: Buffer.from(yaml).toString('base64') }],
  });
}

export const clusterCredentialRoutes: ArmRoute[] = [
  route(
    'POST',
    `${p.sub}${p.rg}/providers/Microsoft\\.ContainerService/managedClusters/(?<cluster>[^/]+)/listClusterUserCredential`,
    'containerServiceUserCredential',
    'managedClusters',
    async (ctx, _request, caller, params) => {
      const found = findCluster(ctx, caller, 'aks', params);
      if (!isCluster(found)) return found;
      return requireAction(ctx, caller, found.id, aksAction) ?? (await aksCredential(ctx, found));
    },
  ),
  route(
    'POST',
    `${p.sub}${p.rg}/providers/Microsoft\\.Kubernetes/connectedClusters/(?<cluster>[^/]+)/listClusterUserCredential`,
    'connectedClusterUserCredential',
    'connectedClusters',
    (ctx, request, caller, params) => {
      const found = findCluster(ctx, caller, 'arc', params);
      if (!isCluster(found)) return found;
      return (
        requireAction(ctx, caller, found.id, arcAction) ??
        arcCredential(ctx, found, jsonOf(request))
      );
    },
  ),
];
